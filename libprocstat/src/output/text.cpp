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

std::string escape_hex(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::mbstate_t st{};
    const char* p = s.data();
    std::size_t left = s.size();
    while (left > 0) {
        unsigned char c = static_cast<unsigned char>(*p);
        if (c < 0x80) {
            if (c <= 0x20 || c == 0x7f || c == '\\')
                out += fmt::format("\\x{:02x}", c);
            else
                out.push_back(static_cast<char>(c));
            ++p;
            --left;
            continue;
        }
        wchar_t wc = 0;
        std::size_t n = std::mbrtowc(&wc, p, left, &st);
        if (n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2) || n == 0 ||
            !std::iswprint(static_cast<wint_t>(wc))) {
            st = std::mbstate_t{};
            out += fmt::format("\\x{:02x}", c);
            ++p;
            --left;
            continue;
        }
        out.append(p, n);
        p += n;
        left -= n;
    }
    return out;
}

std::string escape_pairs(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\' || c == '`' || c == '$') {
            out.push_back('\\');
            out.push_back(ch);
        } else if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

std::string escape_json(std::string_view s) {
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
            if (c < 0x20 || c == 0x7f)
                out += fmt::format("\\u{:04x}", c);
            else
                out.push_back(ch);
        }
    }
    return out;
}

}  // namespace procstat::out
