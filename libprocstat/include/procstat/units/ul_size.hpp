// SPDX-License-Identifier: GPL-2.0-or-later
// util-linux human-readable sizes (size_to_human_string), as lsblk SIZE and findmnt -D print them.
#pragma once
#include <cstdint>
#include <string>

namespace procstat::units {

// Option bits of util-linux size_to_human_string().
enum UlSizeFlag : unsigned {
    ul_suffix_1letter = 0,       // "1.5G" (lsblk, findmnt)
    ul_suffix_3letter = 1u << 0,  // "1.5GiB"
    ul_suffix_space = 1u << 1,    // "1.5 G"
    ul_decimal_2digits = 1u << 2, // two digits after the decimal point ("1.46G")
};

// compat: util-linux 2.38.1 size_to_human_string(): binary units B K M G T P E chosen by the
// highest power of 1024 not above BYTES, one decimal rounded half up (dropped when it rounds to
// 0), the locale's decimal point. The unit is chosen before rounding, so 1023.95K prints as
// "1024K", exactly as util-linux does.
std::string ul_size_to_human(std::uint64_t bytes, unsigned flags = ul_suffix_1letter);

}  // namespace procstat::units
