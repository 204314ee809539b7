// SPDX-License-Identifier: GPL-2.0-or-later
// du's -Q/--filter and --check/--check-any: compiling the expressions of one run.
#pragma once
#include <optional>

#include "procstat/expr/expr.hpp"

namespace procstat::du {

struct Options;

// The compiled expressions of one run (identifiers: walk::du_known_field).
struct RowTests {
    std::optional<expr::Expr> filter;  // -Q / --filter
    std::optional<expr::Expr> check;   // --check / --check-any
    expr::CheckMode mode = expr::CheckMode::all;
    bool any() const { return filter.has_value() || check.has_value(); }
};

// Compile the expressions of O. False after a one-line message and the usage hint on stderr.
bool compile_tests(const Options& o, RowTests& tests);

}  // namespace procstat::du
