// SPDX-License-Identifier: GPL-2.0-or-later
// GNU-style quoting of names in du's messages and the message printer.
#include "messages.hpp"

#include <langinfo.h>

#include <cstdio>
#include <cstring>
#include <cwchar>
#include <cwctype>

namespace procstat::du {

namespace {

bool utf8_locale() {
    static const bool utf8 = [] {
        const char* cs = nl_langinfo(CODESET);
        return cs && (std::strcmp(cs, "UTF-8") == 0 || std::strcmp(cs, "utf8") == 0);
    }();
    return utf8;
}

// Length of the valid, printable UTF-8 sequence (2-4 bytes) at S[I], or 0.
std::size_t utf8_printable(std::string_view s, std::size_t i) {
    if (!utf8_locale()) return 0;
    std::mbstate_t st{};
    wchar_t wc;
    std::size_t n = std::mbrtowc(&wc, s.data() + i, s.size() - i, &st);
    if (n == 0 || n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2) || n < 2) return 0;
    return std::iswprint(static_cast<wint_t>(wc)) ? n : 0;
}

bool needs_dollar_escape(unsigned char c) { return c < 0x20 || c >= 0x7f; }

// Characters that make the shell-escape style quote at all (besides the escapes above).
bool shell_special(unsigned char c) {
    return c != 0 && std::strchr(" !\"#$&'()*;<=>?[\\]^`{|}~", c) != nullptr;
}

void append_escape(std::string& out, unsigned char c) {
    switch (c) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\%03o", c);
    out += buf;
}

}  // namespace

std::string quote(std::string_view s) {
    if (utf8_locale()) return "\u2018" + std::string(s) + "\u2019";
    return "'" + std::string(s) + "'";
}

std::string quote_name(std::string_view s) {
    bool dollar = false, squote = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::size_t n = c >= 0x80 ? utf8_printable(s, i) : 0) {
            i += n - 1;
            continue;
        }
        if (needs_dollar_escape(c)) dollar = true;
        if (c == '\'') squote = true;
    }
    if (!dollar) {
        if (!squote) return "'" + std::string(s) + "'";
        bool dq_safe = true;
        for (unsigned char c : s)
            if (c == '"' || c == '$' || c == '`' || c == '\\' || c == '!') dq_safe = false;
        if (dq_safe) return "\"" + std::string(s) + "\"";
    }
    // '...' segments, with $'\n' for bytes that need escaping and \' for quotes.
    std::string out = "'";
    bool in_dollar = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::size_t n = c >= 0x80 ? utf8_printable(s, i) : 0) {
            if (in_dollar) {
                out += "''";
                in_dollar = false;
            }
            out.append(s.substr(i, n));
            i += n - 1;
            continue;
        }
        if (needs_dollar_escape(c)) {
            if (!in_dollar) {
                out += "'$'";
                in_dollar = true;
            }
            append_escape(out, c);
            continue;
        }
        if (in_dollar) {
            out += "''";
            in_dollar = false;
        }
        if (c == '\'')
            out += "'\\''";
        else
            out += static_cast<char>(c);
    }
    out += "'";
    return out;
}

std::string quote_name_if_needed(std::string_view s) {
    if (s.empty()) return "''";
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::size_t n = c >= 0x80 ? utf8_printable(s, i) : 0) {
            i += n - 1;
            continue;
        }
        if (needs_dollar_escape(c) || shell_special(c)) return quote_name(s);
    }
    return std::string(s);
}

namespace {
std::string g_program_name = "du";
}

void set_program_name(const char* argv0) {
    if (argv0 && *argv0) g_program_name = argv0;
}

const char* program_name() { return g_program_name.c_str(); }

void error(int err, std::string_view message) {
    std::fflush(stdout);
    std::string line = g_program_name + ": ";
    line += message;
    if (err) {
        line += ": ";
        line += std::strerror(err);
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

int usage_failure() {
    std::fprintf(stderr, "Try '%s --help' for more information.\n", g_program_name.c_str());
    return 1;
}

}  // namespace procstat::du
