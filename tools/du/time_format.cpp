// SPDX-License-Identifier: GPL-2.0-or-later
// strftime-based formatting of du's --time column, adding %N.
#include "time_format.hpp"

#include <cstdio>
#include <vector>

namespace procstat::du {

std::string format_time(const struct timespec& ts, const std::string& format) {
    struct tm tm;
    time_t sec = ts.tv_sec;
    if (!localtime_r(&sec, &tm)) return std::to_string(static_cast<long long>(ts.tv_sec));
    // Expand %N first (strftime does not know it); keep %% pairs intact for strftime.
    std::string fmt;
    fmt.reserve(format.size() + 16);
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size()) {
            if (format[i + 1] == 'N') {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%09ld", static_cast<long>(ts.tv_nsec));
                fmt += buf;
                ++i;
                continue;
            }
            fmt += format[i];
            fmt += format[++i];
            continue;
        }
        fmt += format[i];
    }
    if (fmt.empty()) return {};
    // A leading space makes a zero return unambiguous (empty result vs. too small).
    fmt.insert(fmt.begin(), ' ');
    std::vector<char> buf(256);
    for (;;) {
        std::size_t n = std::strftime(buf.data(), buf.size(), fmt.c_str(), &tm);
        if (n > 0) return std::string(buf.data() + 1, n - 1);
        if (buf.size() > (1u << 20)) return {};
        buf.resize(buf.size() * 4);
    }
}

}  // namespace procstat::du
