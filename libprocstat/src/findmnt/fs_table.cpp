// SPDX-License-Identifier: GPL-2.0-or-later
// libmount-compatible parsing of mountinfo, mtab and fstab text (proc(5), fstab(5)).
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "procstat/core/parse_util.hpp"
#include "procstat/findmnt/fs_table.hpp"

namespace procstat::findmnt {
namespace {

bool is_octal(char c) { return c >= '0' && c <= '7'; }

bool blank(char c) { return c == ' ' || c == '\t'; }

// sscanf-style whitespace (what "%s" and " " skip).
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// Next whitespace-separated word of S starting at POS ("%s" semantics); empty when none.
std::string_view word(std::string_view s, std::size_t& pos) {
    while (pos < s.size() && space(s[pos])) ++pos;
    std::size_t b = pos;
    while (pos < s.size() && !space(s[pos])) ++pos;
    return s.substr(b, pos - b);
}

// "%d" semantics: optional blanks, sign, at least one digit. Out-of-range values saturate.
bool scan_int(std::string_view s, std::size_t& pos, int& out) {
    std::size_t p = pos;
    while (p < s.size() && space(s[p])) ++p;
    bool neg = false;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) neg = s[p++] == '-';
    std::size_t d = p;
    long long v = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        if (v < 1LL << 40) v = v * 10 + (s[p] - '0');
        ++p;
    }
    if (p == d) return false;
    if (neg) v = -v;
    if (v > 2147483647LL) v = 2147483647LL;
    if (v < -2147483648LL) v = -2147483648LL;
    out = static_cast<int>(v);
    pos = p;
    return true;
}

// "%u" semantics for major/minor numbers (a leading '-' wraps, as strtoul does).
bool scan_uint(std::string_view s, std::size_t& pos, std::uint32_t& out) {
    std::size_t p = pos;
    while (p < s.size() && space(s[p])) ++p;
    bool neg = false;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) neg = s[p++] == '-';
    std::size_t d = p;
    unsigned long long v = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        if (v < 1ULL << 40) v = v * 10 + static_cast<unsigned>(s[p] - '0');
        ++p;
    }
    if (p == d) return false;
    if (v > 0xffffffffULL) v = 0xffffffffULL;
    out = static_cast<std::uint32_t>(neg ? 0u - v : v);
    pos = p;
    return true;
}

constexpr std::string_view deleted_suffix = "\\040(deleted)";

bool parse_mountinfo_line(std::string_view s, FsEntry& fs) {
    std::size_t pos = 0;
    if (!scan_int(s, pos, fs.id)) return false;
    if (!scan_int(s, pos, fs.parent)) return false;
    if (!scan_uint(s, pos, fs.major)) return false;
    if (pos >= s.size() || s[pos] != ':') return false;
    ++pos;
    if (!scan_uint(s, pos, fs.minor)) return false;
    std::string_view root = word(s, pos), target = word(s, pos), vfs = word(s, pos);
    if (vfs.empty()) return false;
    // optional fields up to " - "
    std::string_view rest = s.substr(pos);
    auto sep = rest.find(" - ");
    if (sep == std::string_view::npos) return false;
    if (sep > 1) fs.opt_fields = std::string(rest.substr(1, sep - 1));
    std::string_view tail = rest.substr(sep + 3);
    std::size_t p2 = 0;
    std::string_view type = word(tail, p2), src = word(tail, p2), fsopts = word(tail, p2);
    if (fsopts.empty()) return false;
    fs.kernel = true;
    std::string tgt(target);
    if (tgt.size() > deleted_suffix.size() &&
        std::string_view(tgt).substr(tgt.size() - deleted_suffix.size()) == deleted_suffix) {
        tgt.resize(tgt.size() - deleted_suffix.size());
        fs.deleted = true;
    }
    fs.root = unmangle(root);
    fs.target = unmangle(tgt);
    fs.vfs_options = unmangle(vfs);
    fs.fstype = unmangle(type);
    fs.source = unmangle(src);
    fs.fs_options = unmangle(fsopts);
    fs.options = merge_options(fs.vfs_options, fs.fs_options);
    return true;
}

bool parse_fstab_line(std::string_view s, FsEntry& fs) {
    std::size_t pos = 0;
    std::string_view src = word(s, pos), tgt = word(s, pos), type = word(s, pos);
    if (type.empty()) return false;
    std::string_view opts = word(s, pos);
    fs.source = unmangle(src);
    fs.target = unmangle(tgt);
    fs.fstype = unmangle(type);
    if (!opts.empty()) {
        fs.options = unmangle(opts);
        split_fstab_options(*fs.options, fs.vfs_options, fs.fs_options);
    }
    fs.freq = fs.passno = 0;
    if (opts.empty()) return true;
    while (pos < s.size() && space(s[pos])) ++pos;
    if (pos >= s.size()) return true;
    if (!scan_int(s, pos, fs.freq)) return false;
    while (pos < s.size() && space(s[pos])) ++pos;
    if (pos >= s.size()) return true;
    return scan_int(s, pos, fs.passno);
}

}  // namespace

std::string unmangle(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && is_octal(s[i + 1]) && is_octal(s[i + 2]) &&
            is_octal(s[i + 3])) {
            int v = ((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0');
            out += static_cast<char>(v & 0xff);
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

FsTable parse_tab(std::string_view text, TabFormat fmt) {
    FsTable t;
    t.format = fmt;
    std::size_t n = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        std::string_view line =
            text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        start = nl == std::string_view::npos ? text.size() : nl + 1;
        ++n;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        // compat: libmount reads lines with C strings, so a NUL byte ends the line
        if (auto z = line.find('\0'); z != std::string_view::npos) line = line.substr(0, z);
        std::size_t b = 0;
        while (b < line.size() && blank(line[b])) ++b;
        line = line.substr(b);
        if (line.empty() || line.front() == '#') continue;
        if (t.format == TabFormat::guess) {
            std::size_t p = 0;
            std::uint32_t ua = 0, uc = 0;
            bool two = scan_uint(line, p, ua) && scan_uint(line, p, uc);
            t.format = two ? TabFormat::mountinfo : TabFormat::fstab;
        }
        FsEntry fs;
        fs.line = n;
        bool ok = t.format == TabFormat::mountinfo ? parse_mountinfo_line(line, fs)
                                                    : parse_fstab_line(line, fs);
        if (ok)
            t.entries.push_back(std::move(fs));
        else
            t.bad_lines.push_back(n);
    }
    return t;
}

}  // namespace procstat::findmnt
