// fuzz-deps: units
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: GNU block-size specs (human_options) and human_readable on the parsed size.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "procstat/units/gnu_size.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace procstat::units;
    if (size < 8) return 0;
    std::uint64_t n = 0;
    std::memcpy(&n, data, 8);
    std::string spec(reinterpret_cast<const char*>(data + 8), size - 8);
    spec = spec.c_str();  // stop at an embedded NUL, as argv would
    unsigned opts = 0;
    std::uint64_t bs = 0;
    BlockSizeError e = human_options(spec.c_str(), opts, bs);
    if (e == BlockSizeError::ok && bs == 0) __builtin_trap();
    for (unsigned round : {human_ceiling, human_round_to_nearest, human_floor}) {
        std::string s = human_readable(n, opts | round, 1024, bs ? bs : 1);
        if (s.empty() || s.size() > 40) __builtin_trap();
        (void)human_readable(n, opts | round | human_autoscale, 512, 1);
    }
    (void)block_size_error_message(e, "--block-size", spec);
    return 0;
}
