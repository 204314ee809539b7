// SPDX-License-Identifier: GPL-2.0-or-later
// Display width and escapers shared by the renderers.
#include "procstat/out/text.hpp"

#include <cwchar>
#include <cstring>
#include <fmt/format.h>

namespace procstat::out {

std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    std::mbstate_t st{};
    const char* p = s.data();
    std::size_t left = s.size();
    while (left > 0) {
        unsigned char c = static_cast<unsigned char>(*p);
        if (c < 0x80) {
            ++w;
            ++p;
            --left;
            continue;
        }
        wchar_t wc = 0;
        std::size_t n = std::mbrtowc(&wc, p, left, &st);
        if (n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2) || n == 0) {
            st = std::mbstate_t{};
            ++w;
            ++p;
            --left;
            continue;
        }
        int cw = ::wcwidth(wc);
        w += cw < 0 ? 1 : static_cast<std::size_t>(cw);
        p += n;
        left -= n;
    }
    return w;
}

std::string escape_json(std::string_view s, bool escape_del) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || (c == 0x7f && escape_del))
                out += fmt::format("\\u{:04x}", c);
            else
                out.push_back(ch);
        }
    }
    return out;
}

}  // namespace procstat::out
