// SPDX-License-Identifier: GPL-2.0-or-later
// ps's -Q/--filter and --check/--check-any: the format keys as expression identifiers, typed
// row values (sizes in bytes, times in seconds), the /proc files an expression needs.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/expr/expr.hpp"
#include "procstat/proc/process.hpp"
#include "procstat/pscols/columns.hpp"

namespace procstat::ps {

struct Options;

// The compiled expressions of one run.
using RowTests = expr::RowTests;

// Compile the expressions of O. False with MESSAGE set to what ps prints on stderr (the first
// line names the option and the column; a caret line follows when the expression is printable).
bool compile_tests(const Options& o, RowTests& tests, std::string& message);

// The proc::Needs bits of the keys the expressions use (their values are then read lazily:
// nothing else is opened for them).
std::uint32_t tests_needs(const RowTests& tests);

// Identifiers: every ps format key (the -o names and their aliases) whose name the language
// can spell (keys starting with '%' are spelled pcpu and pmem).
bool known_key(std::string_view name);

// The value of KEY for row P. ROW_KIND is 'p' or 't' for the process and thread rows of ps m /
// -m (a column that shows "-" on that kind of row is absent there), 0 otherwise.
// Sizes (vsz rss sz size drs trs pss uss ...) are bytes, CPU and elapsed times seconds, start
// times seconds since the epoch, %cpu/%mem and other numeric columns numbers; every other key
// is the text ps shows. A value shown as "-" is absent (a comparison with it is false).
expr::Value key_value(const proc::Process& p, std::string_view key, pscols::Ctx& ctx, char row_kind);

// Whether row P matches E.
bool row_matches(const expr::Expr& e, const proc::Process& p, pscols::Ctx& ctx, char row_kind);

// Drop the rows E does not match. ROW_KINDS, when not empty, is parallel to PROCS and thinned
// with it.
void filter_rows(std::vector<proc::Process>& procs, std::vector<char>& row_kinds, const expr::Expr& e,
                 pscols::Ctx& ctx);

// Run the check over PROCS: true when it passes; FAILING gets the indices of the rows that do
// not match.
bool run_check(const std::vector<proc::Process>& procs, const std::vector<char>& row_kinds,
               const RowTests& tests, pscols::Ctx& ctx, std::vector<std::size_t>& failing);

}  // namespace procstat::ps
