// SPDX-License-Identifier: GPL-2.0-or-later
// The -Q/--filter, --check and --check-any options of findmnt and lsblk (also compiled into
// lsblk): expression compilation with the tool's messages and dropping rows from a (tree)
// Table; the command-line side is ul_args.hpp.
#pragma once
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "procstat/expr/expr.hpp"
#include "procstat/out/table.hpp"
#include "ul_args.hpp"

namespace procstat::ul_filter {

// The compiled expressions of one run.
using RowTests = expr::RowTests;

// Compile the expressions of FA with identifiers KNOWN. False after one line
// "PROG: invalid --check expression: column N: ..." and the "Try 'PROG --help'" hint on stderr.
bool compile(const FilterArgs& fa, const std::function<bool(std::string_view)>& known, const char* prog,
             RowTests& tests);

// Keep the rows of T for which KEEP[i] is set. compat (util-linux 2.39+ lsblk -Q): a kept row
// whose parent was dropped hangs under its nearest kept ancestor (top level when none is).
void keep_rows(out::Table& t, const std::vector<char>& keep);

}  // namespace procstat::ul_filter
