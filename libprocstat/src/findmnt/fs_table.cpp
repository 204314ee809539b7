// SPDX-License-Identifier: GPL-2.0-or-later
// libmount-compatible parsing of mountinfo, mtab and fstab text (proc(5), fstab(5)).
#include <cerrno>
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

// libmount next_s32(): strtol, truncated to int; the number must end at a blank or the end.
bool next_s32(std::string_view s, std::size_t& pos, int& out) {
    std::string buf(s.substr(pos, 40));
    const char* c = buf.c_str();
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(c, &end, 10);
    if (end == c) return false;
    out = static_cast<int>(v);
    std::size_t used = static_cast<std::size_t>(end - c);
    bool ok = errno == 0 && (used >= buf.size() || blank(*end));
    pos += used;
    return ok;
}

void skip_blanks(std::string_view s, std::size_t& pos) {
    while (pos < s.size() && blank(s[pos])) ++pos;
}

// libmount next_word(): bytes up to the next blank (may be empty).
std::string_view next_word(std::string_view s, std::size_t& pos) {
    std::size_t b = pos;
    while (pos < s.size() && !blank(s[pos])) ++pos;
    return s.substr(b, pos - b);
}

// compat: util-linux 2.38 mnt_parse_mountinfo_line(): fields split on blanks (runs allowed),
// optional fields are the bytes between the VFS options and " - ", the source may be empty
// (two blanks after the type), the target keeps any "\040(deleted)" suffix.
bool parse_mountinfo_line(std::string_view s, FsEntry& fs) {
    std::size_t pos = 0;
    if (!next_s32(s, pos, fs.id) || pos >= s.size()) return false;
    skip_blanks(s, pos);
    if (!next_s32(s, pos, fs.parent) || pos >= s.size()) return false;
    skip_blanks(s, pos);
    {
        std::size_t p = pos;
        if (!scan_uint(s, p, fs.major) || p >= s.size() || s[p] != ':') return false;
        ++p;
        if (!scan_uint(s, p, fs.minor)) return false;
    }
    next_word(s, pos);
    skip_blanks(s, pos);
    std::string_view root = next_word(s, pos);
    skip_blanks(s, pos);
    std::string_view target = next_word(s, pos);
    skip_blanks(s, pos);
    std::string_view vfs = next_word(s, pos);
    std::string_view rest = s.substr(pos);
    auto sep = rest.find(" - ");
    if (sep == std::string_view::npos) return false;
    if (sep > 1) fs.opt_fields = std::string(rest.substr(1, sep - 1));
    std::string_view tail = rest.substr(sep + 3);
    std::size_t p = 0;
    skip_blanks(tail, p);
    std::string_view type = next_word(tail, p);
    if (p >= tail.size()) return false;
    std::string_view src;
    if (tail[p] == ' ' && p + 1 < tail.size() && tail[p + 1] == ' ') {
        ++p;
    } else {
        skip_blanks(tail, p);
        src = next_word(tail, p);
    }
    skip_blanks(tail, p);
    std::string_view fsopts = next_word(tail, p);
    fs.kernel = true;
    fs.root = unmangle(root);
    fs.target = unmangle(target);
    fs.vfs_options = unmangle(vfs);
    fs.fstype = unmangle(type);
    fs.source = unmangle(src);
    fs.fs_options = unmangle(fsopts);
    fs.options = merge_options(fs.vfs_options, fs.fs_options);
    return true;
}

// compat: util-linux 2.38 mnt_parse_table_line(): source, target and type are required,
// options optional, then optional freq and passno (each must be a number ending at a blank).
bool parse_fstab_line(std::string_view s, FsEntry& fs) {
    std::size_t pos = 0;
    std::string_view src = next_word(s, pos);
    skip_blanks(s, pos);
    std::string_view tgt = next_word(s, pos);
    skip_blanks(s, pos);
    std::string_view type = next_word(s, pos);
    if (src.empty() || tgt.empty() || type.empty()) return false;
    skip_blanks(s, pos);
    std::string_view opts = next_word(s, pos);
    fs.source = unmangle(src);
    fs.target = unmangle(tgt);
    fs.fstype = unmangle(type);
    fs.freq = fs.passno = 0;
    if (opts.empty()) return true;
    fs.options = unmangle(opts);
    split_fstab_options(*fs.options, fs.vfs_options, fs.fs_options, &fs.user_options);
    skip_blanks(s, pos);
    if (pos >= s.size()) return true;
    if (!next_s32(s, pos, fs.freq) && pos < s.size()) return false;
    skip_blanks(s, pos);
    if (pos >= s.size()) return true;
    if (!next_s32(s, pos, fs.passno) && pos < s.size()) return false;
    return true;
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
