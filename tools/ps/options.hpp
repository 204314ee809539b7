// SPDX-License-Identifier: GPL-2.0-or-later
// ps command line: UNIX, BSD and GNU syntaxes parsed by hand into one Options struct.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace procstat::ps {

// One user-chosen column: key, header override, width override.
struct FormatItem {
    std::string key;
    std::string header;
    bool has_header = false;
    int width = -1;
    bool aix = false;
};

struct SortKey {
    std::string key;
    bool descending = false;
};

// Selection lists: a process is selected when it matches any entry of any list.
enum class SelKind { pid, ppid, sid, tty, euid, ruid, egid_or_sid, rgid, comm, quick_pid };
struct Selection {
    SelKind kind;
    std::vector<std::int64_t> nums;      // ids
    std::vector<std::string> names;      // commands
};

// PS_PERSONALITY (or CMD_ENV) families whose behaviour differs from the default (procps 4.0.2):
// linux: -f/-F show USER, -l shows P instead of ADDR; old, bsd: options with a dash are BSD
// options; bsd, aix: BSD u shows TT, STARTED and [DD-]HH:MM:SS time; gnu, debian: the old Debian
// formats; s390 (390, os390, s390): -j shows SID before PGRP.
enum class Personality { standard, linux_ps, old, bsd, aix, gnu, s390 };

struct Options {
    Personality personality = Personality::standard;

    // selection
    bool all = false;           // -e -A, or BSD a+x
    bool unix_a = false;        // -a: all with a tty except session leaders
    bool unix_d = false;        // -d: all except session leaders
    bool bsd_a = false, bsd_x = false, bsd_r = false, bsd_T = false, bsd_g = false;
    bool negate = false;        // -N --deselect
    std::vector<Selection> sel;

    // formats
    bool bsd_syntax_used = false;       // any BSD option seen (default format becomes BSD)
    char bsd_personality = 0;           // u v j l s X
    int unix_f = 0;                     // -f count
    bool unix_F = false, unix_l = false, unix_j = false, unix_y = false, unix_c = false;
    bool unix_L = false, unix_T = false, unix_M = false;
    bool bsd_H = false, bsd_m = false, unix_m = false;  // threads as processes / after
    bool bsd_mem = false;  // "-m" in procps' second parse: the old BSD memory format
    bool bsd_c = false;   // c: true command name
    bool bsd_e = false;   // e: show environment
    bool bsd_n = false;   // n: numeric wchan and user
    bool cumulative = false;
    bool user_format = false;           // -o/o/--format given
    bool preload = false;               // -O/O given
    bool preload_bsd = false;           // the preload came from BSD O (ends in comm, not args)
    std::size_t preload_items = 0;      // format[0, preload_items) are the -O/O keys; later
                                        // -o/o/--format keys go after the preloaded list
    std::vector<FormatItem> format;
    std::vector<SortKey> sort;
    bool forest = false;                // --forest / f
    bool unix_H = false;                // -H hierarchy
    bool no_headers = false;
    bool headers = false;               // --headers
    int wide = 0;                       // -w count
    int cols = -1;                      // --cols
    int lines = -1;                     // --lines

    // ours
    bool json = false;
    std::string sysroot;
    std::optional<std::string> filter;  // -Q / --filter EXPR: keep the matching rows
    std::string filter_option = "-Q";   // how the filter was given (for messages)
    std::optional<std::string> check;   // --check / --check-any EXPR
    bool check_any = false;

    bool bsd_retry = false;     // second parse: "-xyz" clusters read as BSD options
    int quick_count = 0;        // -q/q/--quick-pid uses
    bool plain_error = false;   // message printed as is, without "error:" and usage

    bool want_help = false;
    std::string help_section;
    bool want_version = false;
};

// The personality PS_PERSONALITY (else CMD_ENV) selects.
Personality personality_from_env();

// Parse ARGV. On error returns false and sets ERR to the message (without "error: "), and
// USAGE to whether the usage text follows.
bool parse_options(int argc, char** argv, Options& o, std::string& err);

// Parse a format list ("pid,comm=Command,args:40" or AIX "%p %c"). Returns false and sets ERR.
bool parse_format(const std::string& arg, std::vector<FormatItem>& out, std::string& err);

}  // namespace procstat::ps
