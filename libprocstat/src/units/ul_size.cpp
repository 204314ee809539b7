// SPDX-License-Identifier: GPL-2.0-or-later
// util-linux size_to_human_string() re-implemented from its documented behaviour (lsblk(8) SIZE).
#include "procstat/units/ul_size.hpp"

#include <clocale>
#include <fmt/format.h>

namespace procstat::units {
namespace {

// Exponent (a multiple of 10) of the largest binary unit not above N.
int unit_exponent(std::uint64_t n) {
    int shift = 10;
    for (; shift <= 60; shift += 10)
        if (n < (std::uint64_t{1} << shift)) break;
    return shift - 10;
}

}  // namespace

std::string ul_size_to_human(std::uint64_t bytes, unsigned flags) {
    static constexpr char letters[] = "BKMGTPE";
    const int exp = unit_exponent(bytes);
    const char letter = letters[exp / 10];
    std::string suffix;
    if (flags & ul_suffix_space) suffix += ' ';
    suffix += letter;
    if ((flags & ul_suffix_3letter) && letter != 'B') suffix += "iB";

    std::uint64_t dec = exp ? bytes >> exp : bytes;
    std::uint64_t frac = exp ? bytes & ((std::uint64_t{1} << exp) - 1) : 0;
    if (frac) {
        // three digits after the decimal point, then rounded to one (or two)
        if (frac >= UINT64_MAX / 1000)
            frac = ((frac / 1024) * 1000) / (std::uint64_t{1} << (exp - 10));
        else
            frac = (frac * 1000) / (std::uint64_t{1} << exp);
        if (flags & ul_decimal_2digits)
            frac = (frac + 5) / 10;
        else
            frac = ((frac + 50) / 100) * 10;
        if (frac == 100) {
            ++dec;
            frac = 0;
        }
    }
    if (!frac) return fmt::format("{}{}", dec, suffix);

    const char* dp = ".";
    if (const std::lconv* l = std::localeconv(); l && l->decimal_point && *l->decimal_point)
        dp = l->decimal_point;
    std::string digits = fmt::format("{:02}", frac);
    if (digits.back() == '0') digits.pop_back();  // compat: one trailing zero is dropped
    return fmt::format("{}{}{}{}", dec, dp, digits, suffix);
}

}  // namespace procstat::units
