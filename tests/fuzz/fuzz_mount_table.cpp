// fuzz-deps: mounts
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: mountinfo, fstab/mtab parsers, format detection and option merging.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "procstat/mnt/mount_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat::mnt;
    auto a = parse_mountinfo(text);
    for (const auto& e : a.entries) {
        // invariants: every kept entry has a target and a type; line numbers are in range
        if (e.target.empty() || e.fstype.empty() || e.line == 0) __builtin_trap();
        (void)merged_options(e);
    }
    auto b = parse_fstab(text);
    for (const auto& e : b.entries)
        if (e.source.empty() || e.target.empty() || e.fstype.empty()) __builtin_trap();
    (void)detect_format(text);
    return 0;
}
