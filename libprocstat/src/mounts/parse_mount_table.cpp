// SPDX-License-Identifier: GPL-2.0-or-later
// Pure parsers for mountinfo and fstab/mtab text (proc(5), fstab(5)).
#include <algorithm>
#include <charconv>

#include "procstat/core/parse_util.hpp"
#include "procstat/mnt/mount_table.hpp"

namespace procstat::mnt {

using parse::next_line;
using parse::next_token;

static bool parse_devno(std::string_view s, MountEntry& e) {
    auto colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    auto ma = parse::to_u64(s.substr(0, colon));
    auto mi = parse::to_u64(s.substr(colon + 1));
    if (!ma || !mi || *ma > 0xffffffffu || *mi > 0xffffffffu) return false;
    e.major = static_cast<std::uint32_t>(*ma);
    e.minor = static_cast<std::uint32_t>(*mi);
    e.has_devno = true;
    return true;
}

static bool parse_int(std::string_view s, int& out) {
    auto v = parse::to_i64(s);
    if (!v || *v < -2147483647LL || *v > 2147483647LL) return false;
    out = static_cast<int>(*v);
    return true;
}

static bool parse_mountinfo_line(std::string_view line, MountEntry& e) {
    std::string_view rest = line;
    if (!parse_int(next_token(rest), e.id)) return false;
    if (!parse_int(next_token(rest), e.parent_id)) return false;
    if (!parse_devno(next_token(rest), e)) return false;
    std::string_view root = next_token(rest);
    std::string_view target = next_token(rest);
    std::string_view vfs = next_token(rest);
    if (root.empty() || target.empty() || vfs.empty()) return false;
    e.root = parse::unescape_octal(root);
    e.target = parse::unescape_octal(target);
    e.vfs_options = std::string(vfs);
    std::string opt;
    for (;;) {
        std::string_view tok = next_token(rest);
        if (tok.empty()) return false;  // no " - " separator
        if (tok == "-") break;
        if (!opt.empty()) opt += ' ';
        opt.append(tok);
    }
    e.optional_fields = std::move(opt);
    std::string_view type = next_token(rest);
    std::string_view source = next_token(rest);
    std::string_view fsopts = next_token(rest);
    if (type.empty()) return false;
    e.fstype = parse::unescape_octal(type);
    e.source = parse::unescape_octal(source);
    e.fs_options = std::string(fsopts);
    return true;
}

MountTable parse_mountinfo(std::string_view text) {
    MountTable t;
    t.format = TableFormat::mountinfo;
    // one entry per line: no regrowing (and moving every entry) while parsing large tables
    t.entries.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    std::string_view line;
    std::size_t n = 0;
    while (next_line(text, line)) {
        ++n;
        if (parse::trim(line).empty()) continue;
        MountEntry e;
        e.line = n;
        if (parse_mountinfo_line(line, e))
            t.entries.push_back(std::move(e));
        else
            t.bad_lines.push_back(n);
    }
    return t;
}

MountTable parse_fstab(std::string_view text, TableFormat format) {
    MountTable t;
    t.format = format;
    std::string_view line;
    std::size_t n = 0;
    while (next_line(text, line)) {
        ++n;
        std::string_view s = parse::trim(line);
        if (s.empty() || s.front() == '#') continue;
        std::string_view rest = s;
        std::string_view src = next_token(rest), tgt = next_token(rest), type = next_token(rest),
                         opts = next_token(rest), freq = next_token(rest), pass = next_token(rest);
        MountEntry e;
        e.line = n;
        if (src.empty() || tgt.empty() || type.empty()) {
            t.bad_lines.push_back(n);
            continue;
        }
        e.source = parse::unescape_octal(src);
        e.target = parse::unescape_octal(tgt);
        e.fstype = parse::unescape_octal(type);
        e.vfs_options = parse::unescape_octal(opts);
        if (!freq.empty() && !parse_int(freq, e.freq)) {
            t.bad_lines.push_back(n);
            continue;
        }
        if (!pass.empty() && !parse_int(pass, e.passno)) {
            t.bad_lines.push_back(n);
            continue;
        }
        t.entries.push_back(std::move(e));
    }
    return t;
}

TableFormat detect_format(std::string_view text) {
    std::string_view line;
    while (next_line(text, line)) {
        std::string_view s = parse::trim(line);
        if (s.empty() || s.front() == '#') continue;
        std::string_view rest = s;
        int a = 0, b = 0;
        if (parse_int(next_token(rest), a) && parse_int(next_token(rest), b)) return TableFormat::mountinfo;
        return TableFormat::fstab;
    }
    return TableFormat::fstab;
}

std::string merged_options(const MountEntry& e) {
    std::string out = e.vfs_options;
    std::string_view fs = e.fs_options;
    std::size_t pos = 0;
    while (pos <= fs.size() && !fs.empty()) {
        std::size_t c = fs.find(',', pos);
        std::string_view opt = fs.substr(pos, c == std::string_view::npos ? fs.npos : c - pos);
        if (!opt.empty() && opt != "rw" && opt != "ro") {
            if (!out.empty()) out += ',';
            out.append(opt);
        }
        if (c == std::string_view::npos) break;
        pos = c + 1;
    }
    return out;
}

}  // namespace procstat::mnt
