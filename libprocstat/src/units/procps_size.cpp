// SPDX-License-Identifier: GPL-2.0-or-later
// procps-ng free size formatting (unit shifts and -h/--si), self-contained.
#include "procstat/units/procps_size.hpp"

#include <cstdio>

namespace procstat::units {

namespace {

// base^expo, exact for every power free uses (up to 1024^6 and 1000^6).
long double power(long double base, int expo) {
    long double r = 1;
    for (int i = 0; i < expo; ++i) r *= base;
    return r;
}

// One snprintf into a std::string (the formats below never exceed 64 bytes).
template <typename... A>
std::string printf_str(const char* fmt, A... args) {
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, fmt, args...);
    if (n < 0) return {};
    return std::string(buf, static_cast<std::size_t>(n) < sizeof buf ? static_cast<std::size_t>(n)
                                                                      : sizeof buf - 1);
}

}  // namespace

std::string procps_size(std::uint64_t kib, const ProcpsScale& scale) {
    // compat: procps computes size * 1024 in unsigned 64-bit arithmetic and stores it in a
    // signed long long; the conversion wraps modulo 2^64.
    const std::uint64_t wrapped = kib * 1024u;
    const auto bytes = static_cast<long long>(wrapped);
    const int base = scale.si ? 1000 : 1024;

    if (!scale.human) {
        switch (scale.exponent) {
        case 0:
            return printf_str("%lld", bytes / base);
        case 1:
            return printf_str("%lld", bytes);
        default:
            return printf_str("%lld", static_cast<long long>(static_cast<long double>(bytes) /
                                                             power(base, scale.exponent - 1)));
        }
    }

    static constexpr char units[] = {'B', 'K', 'M', 'G', 'T', 'P'};
    std::string s = printf_str("%lld%c", bytes, units[0]);
    if (s.size() <= 4) return s;
    for (int i = 1; i < 6; ++i) {
        const long double q = static_cast<long double>(bytes) / power(base, i);
        // compat: procps narrows the quotient to float before printing one decimal.
        const double one_decimal = static_cast<float>(q);
        const long long whole = static_cast<long long>(q);
        if (scale.si) {
            s = printf_str("%.1f%c", one_decimal, units[i]);
            if (s.size() <= 4) return s;
            s = printf_str("%lld%c", whole, units[i]);
            if (s.size() <= 4) return s;
        } else {
            s = printf_str("%.1f%ci", one_decimal, units[i]);
            if (s.size() <= 5) return s;
            s = printf_str("%lld%ci", whole, units[i]);
            if (s.size() <= 5) return s;
        }
    }
    return s;
}

}  // namespace procstat::units
