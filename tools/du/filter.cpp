// SPDX-License-Identifier: GPL-2.0-or-later
// Compiling du's -Q/--filter and --check/--check-any expressions, with GNU-style messages.
#include "filter.hpp"

#include <string>

#include "messages.hpp"
#include "options.hpp"
#include "procstat/walk/du_fields.hpp"

namespace procstat::du {

bool compile_tests(const Options& o, RowTests& tests) {
    std::string msg;
    if (expr::compile_row_tests(o.filter, o.check, o.check_any, walk::du_known_field, tests, msg)) return true;
    error(0, msg);
    usage_failure();
    return false;
}

}  // namespace procstat::du
