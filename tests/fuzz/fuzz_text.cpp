// fuzz-deps: output
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: the output escapers and display width (bytes from process names, mount points).
#include <clocale>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "procstat/out/smartcols.hpp"
#include "procstat/out/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static bool init = (std::setlocale(LC_ALL, "C.UTF-8"), true);
    (void)init;
    std::string_view s(reinterpret_cast<const char*>(data), size);
    using namespace procstat::out;
    std::string hex = scols_raw_encode(s);
    // escaped raw output never contains blanks, backslash-less control bytes or newlines
    for (char c : hex)
        if (c == ' ' || c == '\n' || c == '\t') __builtin_trap();
    std::string pairs = scols_pairs_encode(s);
    for (char c : pairs)
        if (static_cast<unsigned char>(c) < 0x20) __builtin_trap();
    std::string json = escape_json(s);
    for (char c : json)
        if (static_cast<unsigned char>(c) < 0x20) __builtin_trap();
    if (display_width(s) > size * 2) __builtin_trap();
    return 0;
}
