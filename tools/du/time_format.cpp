// SPDX-License-Identifier: GPL-2.0-or-later
// strftime-based formatting of du's --time column, adding %N.
#include "time_format.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace procstat::du {

std::string format_time(const struct timespec& ts, const std::string& format) {
    struct tm tm;
    time_t sec = ts.tv_sec;
    if (!localtime_r(&sec, &tm)) return std::to_string(static_cast<long long>(ts.tv_sec));
    // Expand GNU's additions first (%N with an optional width, %:z %::z %:::z); every other
    // conversion, with its flags and width, is left to strftime.
    std::string fmt;
    fmt.reserve(format.size() + 16);
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 >= format.size()) {
            fmt += format[i];
            continue;
        }
        std::size_t j = i + 1;
        while (j < format.size() && std::strchr("_-0^#", format[j])) ++j;
        std::size_t width_start = j;
        while (j < format.size() && format[j] >= '0' && format[j] <= '9') ++j;
        std::size_t colons = 0;
        while (j < format.size() && format[j] == ':') ++colons, ++j;
        if (j >= format.size()) {
            fmt.append(format, i, std::string::npos);
            break;
        }
        char conv = format[j];
        if (conv == 'N' && colons == 0) {
            char digits[16];
            std::snprintf(digits, sizeof digits, "%09ld", static_cast<long>(ts.tv_nsec));
            // compat: gnulib nstrftime: %3N keeps the first digits, %12N pads with zeros.
            std::size_t w = 9;
            if (j > width_start) w = std::min<std::size_t>(4096, std::strtoul(format.c_str() + width_start, nullptr, 10));
            if (w == 0) w = 9;
            fmt.append(digits, std::min<std::size_t>(w, 9));
            if (w > 9) fmt.append(w - 9, '0');
            i = j;
            continue;
        }
        if (conv == 'z' && colons > 0 && colons <= 3) {
            long off = tm.tm_gmtoff;
            char sign = off < 0 ? '-' : '+';
            if (off < 0) off = -off;
            long h = off / 3600, m = off / 60 % 60, sec = off % 60;
            char z[32];
            if (colons == 1 || (colons == 3 && sec == 0 && m != 0))
                std::snprintf(z, sizeof z, "%c%02ld:%02ld", sign, h, m);
            else if (colons == 2 || sec != 0)
                std::snprintf(z, sizeof z, "%c%02ld:%02ld:%02ld", sign, h, m, sec);
            else
                std::snprintf(z, sizeof z, "%c%02ld", sign, h);
            fmt += z;
            i = j;
            continue;
        }
        if (conv == '%') {
            fmt += "%%";
            i = j;
            continue;
        }
        fmt.append(format, i, j - i + 1);
        i = j;
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
