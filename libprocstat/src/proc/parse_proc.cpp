// SPDX-License-Identifier: GPL-2.0-or-later
// Parsers for the per-process files of proc(5): stat, status, statm, io, smaps_rollup, ns links.
#include "procstat/proc/parse.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "procstat/core/parse_util.hpp"

namespace procstat::proc {

namespace {

// The parsers run once per process and file, so they use these inline scanners rather than the
// general helpers of parse_util (same rules: ASCII blanks separate tokens, a number is all of
// its token, overflow is an error).
constexpr bool blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view token(std::string_view& s) noexcept {
    std::size_t i = 0, n = s.size();
    while (i < n && blank(s[i])) ++i;
    std::size_t j = i;
    while (j < n && !blank(s[j])) ++j;
    std::string_view tok(s.data() + i, j - i);
    s.remove_prefix(j);
    return tok;
}

std::string_view trimmed(std::string_view s) noexcept {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

// Unsigned decimal digits only; false when empty, not a number or above 2^64-1.
bool dec_u64(std::string_view s, std::uint64_t& out) noexcept {
    if (s.empty()) return false;
    std::uint64_t v = 0;
    for (char ch : s) {
        unsigned d = static_cast<unsigned char>(ch) - static_cast<unsigned>('0');
        if (d > 9) return false;
        if (__builtin_mul_overflow(v, 10u, &v) || __builtin_add_overflow(v, d, &v)) return false;
    }
    out = v;
    return true;
}

// Optional '-' and decimal digits within the range of int64_t.
bool dec_i64(std::string_view s, std::int64_t& out) noexcept {
    bool neg = !s.empty() && s[0] == '-';
    if (neg) s.remove_prefix(1);
    std::uint64_t u;
    if (!dec_u64(s, u)) return false;
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (neg) {
        if (u > max + 1) return false;
        out = u == max + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(u);
    } else {
        if (u > max) return false;
        out = static_cast<std::int64_t>(u);
    }
    return true;
}

template <typename T>
bool num(std::string_view tok, T& out) {
    if constexpr (std::is_signed_v<T>) {
        std::int64_t v;
        if (!dec_i64(tok, v)) return false;
        out = static_cast<T>(v);
    } else {
        std::uint64_t v;
        if (!dec_u64(tok, v)) {
            // compat: some kernels print -1 in unsigned fields; keep the bit pattern.
            std::int64_t s;
            if (!dec_i64(tok, s)) return false;
            out = static_cast<T>(s);
            return true;
        }
        out = static_cast<T>(v);
    }
    return true;
}

// One numeric field of stat as scanned: sign, magnitude, and whether it passed 2^64-1.
struct Field {
    bool neg = false;
    bool big = false;
    std::uint64_t mag = 0;
};

// Scan the next blank-separated field at Q: 1 when it is a number, 0 at the end of the text,
// -1 when it is not a number (a sign alone, a sign other than '-', any other byte).
int next_field(const char*& q, const char* end, Field& f) {
    while (q < end && blank(*q)) ++q;
    if (q == end) return 0;
    f = Field{};
    if (*q == '-') {
        f.neg = true;
        ++q;
    }
    const char* digits = q;
    std::uint64_t v = 0;
    for (; q < end && !blank(*q); ++q) {
        unsigned d = static_cast<unsigned char>(*q) - static_cast<unsigned>('0');
        if (d > 9) return -1;
        if (__builtin_mul_overflow(v, 10u, &v) || __builtin_add_overflow(v, d, &v)) f.big = true;
    }
    if (q == digits) return -1;
    f.mag = v;
    return 1;
}

// Store F in OUT with the rules of num(): signed fields take the int64_t range; unsigned ones
// take 0..2^64-1 or a negative int64_t, kept as its bit pattern.
template <typename T>
bool put(const Field& f, T& out) {
    constexpr std::uint64_t lim = std::uint64_t{1} << 63;
    if (f.big) return false;
    if (f.neg) {
        if (f.mag > lim) return false;
        std::int64_t v = f.mag == lim ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(f.mag);
        out = static_cast<T>(v);
        return true;
    }
    if constexpr (std::is_signed_v<T>) {
        if (f.mag >= lim) return false;
    }
    out = static_cast<T>(f.mag);
    return true;
}

std::uint64_t hex_u64(std::string_view s) {
    std::uint64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v, 16);
    return v;
}

// "   1234 kB" -> 1234
std::uint64_t kb_value(std::string_view s) {
    std::uint64_t v = 0;
    return dec_u64(token(s), v) ? v : 0;
}

}  // namespace

bool parse_stat(std::string_view text, Process& p) {
    auto open = text.find('(');
    auto close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return false;
    std::string_view head = text.substr(0, open);
    if (!num(trimmed(head), p.tid)) return false;
    p.comm.assign(text.data() + open + 1, close - open - 1);
    std::string_view rest = text.substr(close + 1);
    std::string_view t = token(rest);
    if (t.size() != 1) return false;
    p.state = t[0];
    // Fields 4.. in order; missing trailing fields keep their defaults (older kernels).
    int field = 4;
    std::uint64_t skip = 0;
    const char* q = rest.data();
    const char* end = q + rest.size();
    Field f;
    // Fields after 41 (delay accounting, guest times, addresses, exit code) are not used.
    while (field <= 41) {
        int r = next_field(q, end, f);
        if (r == 0) break;
        if (r < 0) return false;
        bool ok = true;
        switch (field) {
            case 4: ok = put(f, p.ppid); break;
            case 5: ok = put(f, p.pgrp); break;
            case 6: ok = put(f, p.session); break;
            case 7: ok = put(f, p.tty_nr); break;
            case 8: ok = put(f, p.tpgid); break;
            case 9: ok = put(f, p.flags); break;
            case 10: ok = put(f, p.minflt); break;
            case 11: ok = put(f, p.cminflt); break;
            case 12: ok = put(f, p.majflt); break;
            case 13: ok = put(f, p.cmajflt); break;
            case 14: ok = put(f, p.utime); break;
            case 15: ok = put(f, p.stime); break;
            case 16: ok = put(f, p.cutime); break;
            case 17: ok = put(f, p.cstime); break;
            case 18: ok = put(f, p.priority); break;
            case 19: ok = put(f, p.nice); break;
            case 20: ok = put(f, p.num_threads); break;
            case 22: ok = put(f, p.starttime); break;
            case 23: ok = put(f, p.vsize); break;
            case 24: ok = put(f, p.rss); break;
            case 25: ok = put(f, p.rsslim); break;
            case 26: ok = put(f, p.startcode); break;
            case 27: ok = put(f, p.endcode); break;
            case 28: ok = put(f, p.startstack); break;
            case 29: ok = put(f, p.kstkesp); break;
            case 30: ok = put(f, p.kstkeip); break;
            case 35: ok = put(f, p.wchan_addr); break;
            case 39: ok = put(f, p.processor); break;
            case 40: ok = put(f, p.rt_priority); break;
            case 41: ok = put(f, p.policy); break;
            default: ok = put(f, skip); break;
        }
        if (!ok) return false;
        ++field;
    }
    return field > 24;  // at least up to rss
}

bool parse_status(std::string_view text, Process& p) {
    // The keys are told apart by their length and first bytes (one comparison per line, not
    // one per key); parsing stops once every key it looks for has been seen.
    enum : std::uint32_t {
        k_uid = 1u << 0, k_gid = 1u << 1, k_groups = 1u << 2, k_sigpnd = 1u << 3, k_shdpnd = 1u << 4,
        k_sigblk = 1u << 5, k_sigign = 1u << 6, k_sigcgt = 1u << 7, k_vmlck = 1u << 8,
        k_vmrss = 1u << 9, k_vmsize = 1u << 10, k_vmdata = 1u << 11, k_vmstk = 1u << 12,
        k_vmexe = 1u << 13, k_vmlib = 1u << 14, k_vmswap = 1u << 15, k_rssanon = 1u << 16,
        k_rssfile = 1u << 17, k_rssshmem = 1u << 18, k_all = (1u << 19) - 1,
    };
    std::uint32_t seen = 0;
    bool saw_uid = false;
    while (!text.empty() && seen != k_all) {
        auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        char c0 = line.empty() ? 0 : line[0];
        if (c0 != 'U' && c0 != 'G' && c0 != 'S' && c0 != 'V' && c0 != 'R') continue;
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon < 3) continue;
        std::string_view key = line.substr(0, colon);
        std::string_view val = line.substr(colon + 1);
        std::uint64_t* kb = nullptr;
        std::uint32_t bit = 0;
        switch (key[0]) {
            case 'U':
            case 'G':
                if (key == "Uid" || key == "Gid") {
                    std::uint32_t ids[4] = {0, 0, 0, 0};
                    for (auto& id : ids) num(token(val), id);
                    if (key[0] == 'U') {
                        p.ruid = ids[0]; p.euid = ids[1]; p.suid = ids[2]; p.fuid = ids[3];
                        saw_uid = true;
                        seen |= k_uid;
                    } else {
                        p.rgid = ids[0]; p.egid = ids[1]; p.sgid = ids[2]; p.fgid = ids[3];
                        seen |= k_gid;
                    }
                } else if (key == "Groups") {
                    p.groups.assign(trimmed(val));
                    seen |= k_groups;
                }
                break;
            case 'S': {
                std::uint64_t* mask = nullptr;
                if (key == "SigPnd") { mask = &p.sigpnd; bit = k_sigpnd; }
                else if (key == "ShdPnd") { mask = &p.shdpnd; bit = k_shdpnd; }
                else if (key == "SigBlk") { mask = &p.sigblk; bit = k_sigblk; }
                else if (key == "SigIgn") { mask = &p.sigign; bit = k_sigign; }
                else if (key == "SigCgt") { mask = &p.sigcgt; bit = k_sigcgt; }
                if (mask) {
                    *mask = hex_u64(trimmed(val));
                    seen |= bit;
                }
                break;
            }
            case 'V':
                if (key.size() < 5 || key[1] != 'm') break;
                if (key == "VmLck") { kb = &p.vm_lck; bit = k_vmlck; }
                else if (key == "VmRSS") { kb = &p.vm_rss; bit = k_vmrss; }
                else if (key == "VmSize") { kb = &p.vm_size; bit = k_vmsize; }
                else if (key == "VmData") { kb = &p.vm_data; bit = k_vmdata; }
                else if (key == "VmStk") { kb = &p.vm_stk; bit = k_vmstk; }
                else if (key == "VmExe") { kb = &p.vm_exe; bit = k_vmexe; }
                else if (key == "VmLib") { kb = &p.vm_lib; bit = k_vmlib; }
                else if (key == "VmSwap") { kb = &p.vm_swap; bit = k_vmswap; }
                break;
            case 'R':
                if (key == "RssAnon") { kb = &p.rss_anon; bit = k_rssanon; }
                else if (key == "RssFile") { kb = &p.rss_file; bit = k_rssfile; }
                else if (key == "RssShmem") { kb = &p.rss_shmem; bit = k_rssshmem; }
                break;
            default:
                break;
        }
        if (kb) {
            *kb = kb_value(val);
            seen |= bit;
        }
    }
    p.have_status = saw_uid;
    return saw_uid;
}

bool parse_statm(std::string_view text, Process& p) {
    std::uint64_t* f[] = {&p.statm_size, &p.statm_resident, &p.statm_shared, &p.statm_text,
                          &p.statm_lib, &p.statm_data};
    for (auto* x : f) {
        if (!num(token(text), *x)) return false;
    }
    return true;
}

bool parse_io(std::string_view text, Process& p) {
    std::string_view line;
    bool any = false;
    while (parse::next_line(text, line)) {
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view key = line.substr(0, colon);
        auto v = parse::to_u64(parse::trim(line.substr(colon + 1)));
        if (!v) continue;
        any = true;
        if (key == "rchar") p.rchar = *v;
        else if (key == "wchar") p.wchar = *v;
        else if (key == "syscr") p.syscr = *v;
        else if (key == "syscw") p.syscw = *v;
        else if (key == "read_bytes") p.read_bytes = *v;
        else if (key == "write_bytes") p.write_bytes = *v;
        else if (key == "cancelled_write_bytes") p.cancelled_write_bytes = *v;
    }
    return any;
}

bool parse_smaps_rollup(std::string_view text, Process& p) {
    std::string_view line;
    std::uint64_t pss = 0, priv = 0;
    bool any = false;
    while (parse::next_line(text, line)) {
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view key = line.substr(0, colon);
        if (key == "Pss") {
            pss += kb_value(line.substr(colon + 1));
            any = true;
        } else if (key == "Private_Clean" || key == "Private_Dirty" || key == "Private_Hugetlb") {
            priv += kb_value(line.substr(colon + 1));
        }
    }
    if (!any) return false;
    p.pss = pss;
    p.uss = priv;
    return true;
}

bool parse_autogroup(std::string_view text, Process& p) {
    constexpr std::string_view pre = "/autogroup-";
    if (text.substr(0, pre.size()) != pre) return false;
    text.remove_prefix(pre.size());
    auto id = parse::to_i64(parse::next_token(text));
    if (!id) return false;
    if (parse::next_token(text) != "nice") return false;
    auto n = parse::to_i64(parse::next_token(text));
    if (!n) return false;
    p.autogroup_id = *id;
    p.autogroup_nice = *n;
    return true;
}

std::uint64_t parse_ns_link(std::string_view link) {
    auto a = link.find(":[");
    if (a == std::string_view::npos || link.empty() || link.back() != ']') return 0;
    auto v = parse::to_u64(link.substr(a + 2, link.size() - a - 3));
    return v ? *v : 0;
}

}  // namespace procstat::proc
