// fuzz-deps: expr
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: the -Q/--check expression parser and evaluator.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "procstat/expr/expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace procstat::expr;
    if (size > 1024) return 0;  // regcomp's time grows with the pattern even within the complexity bound
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ParseError err;
    auto e = Expr::parse(text, err);
    if (!e) {
        if (err.column == 0 || err.column > size + 1 || err.message.empty()) __builtin_trap();
        (void)err.format(text);
        return 0;
    }
    Lookup lookup = [](std::string_view name) -> Value {
        if (name.size() % 3 == 0) return std::string(name);
        if (name.size() % 3 == 1) return static_cast<double>(name.size());
        return {};
    };
    (void)e->eval(lookup);
    return 0;
}
