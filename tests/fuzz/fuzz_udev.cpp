// fuzz-deps: block
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: udev database records and sysroot property files, \xNN decoding, partition type names, sysfs names.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "procstat/block/device.hpp"
#include "procstat/block/udev.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat::block;
    auto pairs = parse_udev_pairs(text);
    for (const auto& [k, v] : pairs) {
        if (k.empty()) __builtin_trap();                                  // no pair without a key
        if (v.find('\0') != std::string::npos) __builtin_trap();          // a value ends at a NUL
        if (k.find('\n') != std::string::npos || v.find('\n') != std::string::npos) __builtin_trap();
    }
    DevProps p = props_from_udev(pairs);
    (void)p;
    std::string u = udev_unhex(text);
    if (u.size() > text.size()) __builtin_trap();  // decoding never grows the text
    auto nl = text.find('\n');
    std::string_view a = text.substr(0, nl == std::string_view::npos ? text.size() : nl);
    std::string_view b = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    (void)parttype_name(a, b);
    (void)parttype_name("dos", a);
    (void)parttype_name("gpt", a);
    (void)sys_to_dev_name(text);
    return 0;
}
