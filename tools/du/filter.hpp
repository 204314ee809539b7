// SPDX-License-Identifier: GPL-2.0-or-later
// du's -Q/--filter and --check/--check-any: compiling the expressions of one run.
#pragma once
#include <optional>

#include "procstat/expr/expr.hpp"

namespace procstat::du {

struct Options;

// The compiled expressions of one run (identifiers: walk::du_known_field).
using RowTests = expr::RowTests;

// Compile the expressions of O. False after a one-line message and the usage hint on stderr.
bool compile_tests(const Options& o, RowTests& tests);

}  // namespace procstat::du
