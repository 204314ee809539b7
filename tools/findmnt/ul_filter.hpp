// SPDX-License-Identifier: GPL-2.0-or-later
// The -Q/--filter, --check and --check-any options of findmnt and lsblk (also compiled into
// lsblk): argv preparation that keeps util-linux 2.38.1's own options and abbreviations intact,
// expression compilation with the tool's messages, and dropping rows from a (tree) Table.
#pragma once
#include <getopt.h>

#include <climits>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/expr/expr.hpp"
#include "procstat/out/table.hpp"

namespace procstat::ul_filter {

// getopt_long values of our long options (above every util-linux value).
enum : int { opt_filter = CHAR_MAX + 100, opt_check, opt_check_any };

// The long options every util-linux tool of ours adds: --filter, --check, --check-any.
std::span<const option> filter_long_options();

// The expression options as given on the command line.
struct FilterArgs {
    std::optional<std::string> filter;  // -Q / --filter
    std::optional<std::string> check;   // --check / --check-any
    bool check_any = false;
};

// Handle getopt_long result C when it is one of ours ('Q', opt_filter, opt_check,
// opt_check_any); false when C is none of them.
bool take_option(int c, const char* arg, FilterArgs& fa);

// argv rewritten for getopt_long plus the option table to use with it.
//
// compat: the reference knows none of our long options, so adding them must not change what
// any spelling means to it: an abbreviation of a reference option ("--c" for findmnt's
// --canonicalize, "--f" for lsblk's --fs) is written out in full before getopt_long sees it,
// and our options (OURS, e.g. --filter, --sort) are in the table only when spelled out in full,
// so "--che" stays the unrecognized option it is for the reference.
class PreparedArgs {
public:
    PreparedArgs(int argc, char** argv, const char* shortopts, std::span<const option> reference,
                 std::span<const option> ours);
    int argc() const { return static_cast<int>(args_.size()); }
    char** argv() { return ptrs_.data(); }
    const option* longopts() const { return table_.data(); }

private:
    std::vector<std::string> args_;
    std::vector<char*> ptrs_;
    std::vector<option> table_;
};

// The compiled expressions of one run.
struct RowTests {
    std::optional<expr::Expr> filter;
    std::optional<expr::Expr> check;
    expr::CheckMode mode = expr::CheckMode::all;
};

// Compile the expressions of FA with identifiers KNOWN. False after one line
// "PROG: invalid --check expression: column N: ..." and the "Try 'PROG --help'" hint on stderr.
bool compile(const FilterArgs& fa, const std::function<bool(std::string_view)>& known, const char* prog,
             RowTests& tests);

// Keep the rows of T for which KEEP[i] is set. compat (util-linux 2.39+ lsblk -Q): a kept row
// whose parent was dropped hangs under its nearest kept ancestor (top level when none is).
void keep_rows(out::Table& t, const std::vector<char>& keep);

}  // namespace procstat::ul_filter
