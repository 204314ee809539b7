// SPDX-License-Identifier: GPL-2.0-or-later
// A libsmartcols-compatible renderer of out::Table (aligned, tree art, raw, pairs, JSON) as
// util-linux 2.38.1 lsblk and findmnt print their output.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "procstat/out/table.hpp"

namespace procstat::out {

enum class ScolsMode {
    aligned,  // padded columns, optional tree art (default output)
    raw,      // single-space separated, blanks/backslash/non-printable bytes as \xNN
    pairs,    // NAME="value" (util-linux -P/--pairs, "export" format)
    json,     // util-linux JSON: 3-space indent, "},{" between siblings, "children" nesting
};

struct ScolsOptions {
    ScolsMode mode = ScolsMode::aligned;
    // Rows form a tree through Row::parent: nested "children" in JSON, line art on the column
    // flagged col_tree in aligned mode, depth-first order in every mode.
    bool tree = false;
    // ASCII art ("|-", "`-", "| ") instead of UTF-8 ("├─", "└─", "│ "). util-linux uses UTF-8
    // only when the locale's codeset is UTF-8; see ascii_tree_by_locale().
    bool ascii = true;
    bool noheadings = false;
    // Column names made shell-variable safe in every mode (util-linux -y/--shell).
    bool shell_names = false;
    // Terminal width when stdout is a terminal; nullopt when it is not (then nothing is ever
    // truncated, as libsmartcols does for non-terminal output).
    std::optional<std::size_t> term_width;
    // Fill the whole terminal width (libsmartcols "maxout").
    bool maxout = false;
    // Never truncate (util-linux -u/--notruncate): clears col_trunc on every column.
    bool notruncate = false;
};

// Render TABLE. Hidden columns (col_hidden) are skipped. Cell text is raw bytes; each mode
// escapes it the way libsmartcols does.
std::string render_scols(const Table& table, const ScolsOptions& opts);

// True when the current LC_CTYPE codeset is not UTF-8 (util-linux then draws ASCII trees).
bool ascii_tree_by_locale();

// Terminal width the way util-linux's get_terminal_width() finds it: $COLUMNS when it is a
// positive number, else TIOCGWINSZ on stdout, else nullopt. Callers pass it as term_width only
// when stdout is a terminal.
std::optional<std::size_t> scols_terminal_width();

// Pairs-mode name for HEADER in shell-safe form: "USE%" -> "USE_PCT", "MAJ:MIN" -> "MAJ_MIN",
// a leading digit gets a '_' prefix.
std::string scols_shell_name(std::string_view header);

// The three escapers libsmartcols applies to cell data, exposed for tests.
// aligned: control and invalid/non-printable bytes as \xNN (printable multibyte kept in a
// UTF-8 locale, every byte >= 0x80 escaped otherwise); backslash kept.
std::string scols_safe_encode(std::string_view s);
// raw: blanks, backslash and every byte that is not printable ASCII as \xNN.
std::string scols_raw_encode(std::string_view s);
// pairs: '"', '\\', '`', '$' and every byte that is not printable ASCII as \xNN.
std::string scols_pairs_encode(std::string_view s);
// JSON string body: '"' and '\\' escaped, \b \f \n \r \t short forms, other control bytes as
// \u00XX, everything else (including DEL and invalid UTF-8) copied.
std::string scols_json_encode(std::string_view s);

}  // namespace procstat::out
