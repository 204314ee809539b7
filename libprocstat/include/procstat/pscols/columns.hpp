// SPDX-License-Identifier: GPL-2.0-or-later
// The ps column registry: one entry per format specifier (header, width, alignment, needs,
// formatter, sort key), and the context the formatters read (clock, users, ttys, options).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "procstat/core/names.hpp"
#include "procstat/core/root.hpp"
#include "procstat/proc/process.hpp"
#include "procstat/proc/reader.hpp"

namespace procstat::pscols {

enum class Align { left, right };

// How a column's text may be cut: never, to the column width (text columns), or to the width
// with a '+' marker (user and group names, as procps 4 does).
enum class Cut { none, width, plus };

// JSON type of a column.
enum class JsonType { string, integer, number };

struct Ctx {
    proc::SystemInfo si;
    const Root* root = nullptr;
    bool cumulative = false;     // S / --cumulative: add dead children's times
    bool utf8 = false;           // LC_CTYPE is UTF-8: keep printable multibyte characters
    bool bsd_c = false;          // BSD 'c': args shows the command name
    bool show_env = false;       // BSD 'e': args is followed by the environment
    std::string forest_prefix;   // per row: 'L', '+', '|', ' ' per level (empty: no tree)
    char forest_type = 0;        // 'b' (--forest, f) or 'u' (-H)
    NameCache names;  // uid/gid -> name, one NSS lookup per id
    std::unordered_map<int, std::string> ttys;
    // The last start time formatted by the start/stime/bsdstart columns (key: seconds, format).
    std::int64_t start_key = 0;
    const char* start_fmt = nullptr;
    std::string start_text;
    // Output rows, for procps' test columns (_left, _right, _unlimited, ...) whose value changes
    // from row to row. The formatters count rows themselves: a row is one Process object, however
    // many columns read it. procps' cycle also depends on the headers, which the renderer states:
    // header_shown (false: --no-headers, h, or every header empty) and page_rows (--headers: rows
    // between two headers; 0: the header is printed once).
    bool header_shown = true;
    int page_rows = 0;
    const proc::Process* row_proc = nullptr;
    std::uint64_t rows_seen = 0;

    const std::string& user_name(std::uint32_t uid);   // "" when unknown
    const std::string& group_name(std::uint32_t gid);  // "" when unknown
    const std::string& tty_name(int dev);              // "?" when none
};

struct ColumnDef;
// Append the text of the column for P to OUT. MAXW bounds text columns (display cells).
using FormatFn = void (*)(const proc::Process& p, Ctx& ctx, std::string& out, int maxw);
// Numeric sort/JSON key.
using NumFn = std::int64_t (*)(const proc::Process& p, Ctx& ctx);

struct ColumnDef {
    const char* name;    // canonical key as in ps(1)
    const char* header;  // default header
    int width;           // default width
    Align align;
    Cut cut;
    std::uint32_t needs;  // proc::Needs bits
    FormatFn fmt;
    NumFn num;            // null: sorted by text
    JsonType json;
    const char* help;
};

// With threads shown after their process (ps m, -m): which rows a column is printed on; the
// other rows show "-" (procps' per-process and per-thread columns).
enum class RowScope { both, process, thread };
RowScope row_scope(const ColumnDef& def);

// Look up a format key (case-sensitive, as ps). Null when unknown.
const ColumnDef* find_column(std::string_view key);
// All entries (canonical and aliases).
const std::vector<ColumnDef>& all_columns();

// The process-id columns (pid ppid pgid sid tpgid lwp spid tgid tid pgrp sess session) are as
// wide as the text of ROOT's /proc/sys/kernel/pid_max, as procps 4.0.2 sizes them: the length of
// its first line, at most 23 characters; 5 when the file is unreadable or empty. So a host with
// pid_max 4194304 (systemd's default on 64-bit) shows 7-wide PID columns, one with 32768 5-wide.
int pid_column_width(const Root& root);
bool pid_sized(const ColumnDef& def);

// Escape a command name or argument for display as procps does: control bytes and (outside a
// UTF-8 locale) bytes >= 0x80 become '?'. Stops at MAXW display cells. Returns the cells used.
int escape_text(std::string_view s, bool utf8, int maxw, std::string& out);
// The same for one piece of a longer text (an argument of a command line): UTF8 is cleared when
// a byte that cannot start a UTF-8 sequence is met, and the rest of the row is escaped as in the
// C locale, as procps 4.0.2 does.
int escape_text_in_row(std::string_view s, bool& utf8, int maxw, std::string& out);

// Seconds since the process started, with the fraction: /proc/uptime in whole clock ticks
// minus stat field 22, in seconds (0 when the start is not before the uptime).
double elapsed_real(const proc::Process& p, const Ctx& c);
// CPU share in tenths of a percent (%cpu, c, cp): whole per-mille CPU seconds (with the dead
// children's under S/--cumulative) per elapsed clock tick, as procps-ng 4.0.2 computes it
// (elapsed_real x HZ cut to whole ticks); 0 when the elapsed time is not positive.
std::uint64_t pcpu_permille(const proc::Process& p, const Ctx& c);
// cuc/cuu: TICKS as a percentage of elapsed_real, printed "%.3f" and capped at 99.999 as
// procps-ng 4.0.2 does ("0.000" when the elapsed time is not positive).
void fmt_cpu_share(std::uint64_t ticks, const proc::Process& p, const Ctx& c, std::string& out);
// Index into a list of N values for the test columns: the row count of procps (see Ctx).
std::size_t test_column_index(const proc::Process& p, Ctx& c, std::size_t n);
// The short terminal name of tty4: tname without a leading "tty" or "pts/" ("S0", "12").
std::string_view short_tty_name(std::string_view tname);

// Time formatters shared with JSON output.
void fmt_cputime(std::uint64_t secs, std::string& out);  // [DD-]HH:MM:SS
void fmt_etime(std::uint64_t secs, std::string& out);    // [[DD-]hh:]mm:ss

}  // namespace procstat::pscols
