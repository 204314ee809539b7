// SPDX-License-Identifier: GPL-2.0-or-later
// Compiling du's -Q/--filter and --check/--check-any expressions, with GNU-style messages.
#include "filter.hpp"

#include <string>

#include "messages.hpp"
#include "options.hpp"
#include "procstat/walk/du_fields.hpp"

namespace procstat::du {

bool compile_tests(const Options& o, RowTests& tests) {
    struct Item {
        const std::optional<std::string>& text;
        std::optional<expr::Expr>& dest;
        const char* option;
    };
    for (const Item& it : {Item{o.filter, tests.filter, "--filter"},
                           Item{o.check, tests.check, o.check_any ? "--check-any" : "--check"}}) {
        if (!it.text) continue;
        std::string msg;
        it.dest = expr::compile(*it.text, walk::du_known_field, msg);
        if (!it.dest) {
            error(0, std::string("invalid ") + it.option + " expression: " + msg);
            usage_failure();
            return false;
        }
    }
    tests.mode = o.check_any ? expr::CheckMode::any : expr::CheckMode::all;
    return true;
}

}  // namespace procstat::du
