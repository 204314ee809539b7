// SPDX-License-Identifier: GPL-2.0-or-later
// GNU df's derived values: used blocks/inodes, Use% (rounded up), the "-" for unknown counts,
// and the quoting styles of its messages.
#include <clocale>
#include <cstdio>
#include <langinfo.h>

#include "procstat/fsusage/df_select.hpp"
#include "procstat/units/gnu_size.hpp"

namespace procstat::fsusage {

namespace {

// used = total - available_to_root; negative (kept in two's complement, like a negative
// available count) when the file system reports more free than total.
void derive_used(FieldValues& v) {
    v.used = unknown;
    v.negate_used = false;
    if (known_value(v.total) && known_value(v.available_to_root)) {
        v.used = v.total - v.available_to_root;
        v.negate_used = v.total < v.available_to_root;
    }
}

}  // namespace

FieldValues block_values(const FsUsage& u, std::uint64_t output_block_size) {
    FieldValues v;
    v.input_units = u.block_size;
    v.output_units = output_block_size;
    v.total = u.blocks;
    v.available = u.bavail;
    v.negate_available = u.bavail_negative && known_value(u.bavail);
    v.available_to_root = u.bfree;
    derive_used(v);
    return v;
}

FieldValues inode_values(const FsUsage& u) {
    FieldValues v;
    v.input_units = v.output_units = 1;
    v.total = u.files;
    v.available = u.ffree;
    v.negate_available = false;
    v.available_to_root = v.available;
    derive_used(v);
    return v;
}

double used_percent(const FieldValues& v) {
    double pct = -1;
    if (!known_value(v.used) || !known_value(v.available)) return pct;
    if (!v.negate_used && v.used <= UINT64_MAX / 100 && v.used + v.available != 0 &&
        (v.used + v.available < v.used) == v.negate_available) {
        std::uint64_t u100 = v.used * 100;
        std::uint64_t nonroot_total = v.used + v.available;
        const std::uint64_t rounded_up = u100 / nonroot_total + (u100 % nonroot_total != 0);
        return static_cast<double>(rounded_up);
    }
    // compat: GNU falls back on floating point here (negative or huge values) and rounds up.
    double u = v.negate_used ? -static_cast<double>(-v.used) : static_cast<double>(v.used);
    double a = v.negate_available ? -static_cast<double>(-v.available)
                                  : static_cast<double>(v.available);
    double nonroot_total = u + a;
    if (nonroot_total != 0) {
        pct = u * 100 / nonroot_total;
        long lipct = static_cast<long>(pct);
        double ipct = static_cast<double>(lipct);
        if (ipct - 1 < pct && pct <= ipct + 1) pct = ipct + (ipct < pct);
    }
    return pct;
}

std::string df_readable(bool negative, std::uint64_t n, unsigned human_opts,
                        std::uint64_t input_units, std::uint64_t output_units) {
    if (!known_value(n) && !negative) return "-";
    std::string s = units::human_readable(negative ? -n : n, human_opts, input_units, output_units);
    return negative ? "-" + s : s;
}

std::string quote_shell(std::string_view s) {
    bool needs = s.empty();
    for (std::size_t i = 0; i < s.size() && !needs; ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) continue;
        switch (c) {
        case '_': case '.': case '/': case '@': case '%': case '+': case ',': case '-': case ']':
        case '{': case '}':
            continue;
        case '#': case '~':
            if (i != 0) continue;
            needs = true;
            break;
        default:
            needs = true;
        }
    }
    if (!needs) return std::string(s);
    // compat: a name with a single quote and nothing special inside double quotes is shown in
    // double quotes ("it's").
    if (s.find('\'') != std::string_view::npos) {
        bool plain = true;
        for (unsigned char c : s)
            if (c < 0x20 || c == 0x7f || c == '"' || c == '$' || c == '`' || c == '\\' || c == '!')
                plain = false;
        if (plain) return "\"" + std::string(s) + "\"";
    }
    std::string out = "'";
    for (unsigned char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            const char* esc = nullptr;
            switch (c) {
            case '\n': esc = "\\n"; break;
            case '\t': esc = "\\t"; break;
            case '\r': esc = "\\r"; break;
            default: std::snprintf(buf, sizeof buf, "\\%03o", c); esc = buf;
            }
            out += "'$'";
            out += esc;
            out += "''";
        } else {
            out += static_cast<char>(c);
        }
    }
    out += "'";
    // drop empty '' pairs produced around escapes at the ends
    if (out.size() > 2 && out.compare(out.size() - 2, 2, "''") == 0 && out != "''") out.resize(out.size() - 2);
    if (out.size() > 2 && out.compare(0, 2, "''") == 0) out.erase(0, 2);
    return out;
}

std::string quote_locale(std::string_view s) {
    const char* cs = nl_langinfo(CODESET);
    bool utf8 = cs && std::string_view(cs) == "UTF-8";
    std::string out = utf8 ? "\xe2\x80\x98" : "'";
    out += s;
    out += utf8 ? "\xe2\x80\x99" : "'";
    return out;
}

}  // namespace procstat::fsusage
