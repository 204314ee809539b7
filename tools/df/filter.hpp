// SPDX-License-Identifier: GPL-2.0-or-later
// df's -Q/--filter and --check/--check-any: the --output column names as expression
// identifiers, row filtering and the check verdict.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/expr/expr.hpp"
#include "procstat/fsusage/df_select.hpp"

namespace procstat::df {

struct Options;

// The compiled expressions of one run.
using RowTests = expr::RowTests;

// Compile the expressions of O. False after a one-line message and the usage hint on stderr.
bool compile_tests(const Options& o, RowTests& tests);

// Identifiers: the --output names (source fstype itotal iused iavail ipcent size used avail
// pcent file target), plus "use%" for pcent and "iuse%" for ipcent. Sizes are in bytes whatever
// the display unit, percentages are numbers (absent, so never matching, where df shows "-").
bool known_field(std::string_view name);
expr::Value field_value(const fsusage::DfRow& row, std::string_view name);

// Drop the rows (never the grand total: it is added afterwards) that EXPR does not match.
void filter_rows(std::vector<fsusage::DfRow>& rows, const expr::Expr& e);

// The rows (the grand total excepted) that EXPR does not match, and whether the check passes.
bool run_check(const std::vector<fsusage::DfRow>& rows, const RowTests& tests,
               std::vector<fsusage::DfRow>& failing);

}  // namespace procstat::df
