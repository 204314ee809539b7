// SPDX-License-Identifier: GPL-2.0-or-later
// Parsers for the per-process files of proc(5): stat, status, statm, io, smaps_rollup, ns links.
#include "procstat/proc/parse.hpp"

#include "procstat/core/parse_util.hpp"

namespace procstat::proc {

namespace {

template <typename T>
bool num(std::string_view tok, T& out) {
    if (tok.empty()) return false;
    if constexpr (std::is_signed_v<T>) {
        auto v = parse::to_i64(tok);
        if (!v) return false;
        out = static_cast<T>(*v);
    } else {
        auto v = parse::to_u64(tok);
        if (!v) {
            // compat: some kernels print -1 in unsigned fields; keep the bit pattern.
            auto s = parse::to_i64(tok);
            if (!s) return false;
            out = static_cast<T>(*s);
            return true;
        }
        out = static_cast<T>(*v);
    }
    return true;
}

std::uint64_t hex_u64(std::string_view s) {
    std::uint64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v, 16);
    return v;
}

// "   1234 kB" -> 1234
std::uint64_t kb_value(std::string_view s) {
    s = parse::trim(s);
    std::string_view tok = parse::next_token(s);
    auto v = parse::to_u64(tok);
    return v ? *v : 0;
}

}  // namespace

bool parse_stat(std::string_view text, Process& p) {
    auto open = text.find('(');
    auto close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return false;
    std::string_view head = text.substr(0, open);
    if (!num(parse::trim(head), p.tid)) return false;
    p.comm.assign(text.data() + open + 1, close - open - 1);
    std::string_view rest = text.substr(close + 1);
    std::string_view t = parse::next_token(rest);
    if (t.size() != 1) return false;
    p.state = t[0];
    // Fields 4.. in order; missing trailing fields keep their defaults (older kernels).
    int field = 4;
    std::uint64_t skip = 0;
    for (;;) {
        t = parse::next_token(rest);
        if (t.empty()) break;
        bool ok = true;
        switch (field) {
            case 4: ok = num(t, p.ppid); break;
            case 5: ok = num(t, p.pgrp); break;
            case 6: ok = num(t, p.session); break;
            case 7: ok = num(t, p.tty_nr); break;
            case 8: ok = num(t, p.tpgid); break;
            case 9: ok = num(t, p.flags); break;
            case 10: ok = num(t, p.minflt); break;
            case 11: ok = num(t, p.cminflt); break;
            case 12: ok = num(t, p.majflt); break;
            case 13: ok = num(t, p.cmajflt); break;
            case 14: ok = num(t, p.utime); break;
            case 15: ok = num(t, p.stime); break;
            case 16: ok = num(t, p.cutime); break;
            case 17: ok = num(t, p.cstime); break;
            case 18: ok = num(t, p.priority); break;
            case 19: ok = num(t, p.nice); break;
            case 20: ok = num(t, p.num_threads); break;
            case 22: ok = num(t, p.starttime); break;
            case 23: ok = num(t, p.vsize); break;
            case 24: ok = num(t, p.rss); break;
            case 25: ok = num(t, p.rsslim); break;
            case 26: ok = num(t, p.startcode); break;
            case 27: ok = num(t, p.endcode); break;
            case 28: ok = num(t, p.startstack); break;
            case 29: ok = num(t, p.kstkesp); break;
            case 30: ok = num(t, p.kstkeip); break;
            case 35: ok = num(t, p.wchan_addr); break;
            case 39: ok = num(t, p.processor); break;
            case 40: ok = num(t, p.rt_priority); break;
            case 41: ok = num(t, p.policy); break;
            default: ok = num(t, skip); break;
        }
        if (!ok) return false;
        ++field;
    }
    return field > 24;  // at least up to rss
}

bool parse_status(std::string_view text, Process& p) {
    std::string_view line;
    bool saw_uid = false;
    while (parse::next_line(text, line)) {
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view key = line.substr(0, colon);
        std::string_view val = line.substr(colon + 1);
        if (key == "Uid" || key == "Gid") {
            std::uint32_t ids[4] = {0, 0, 0, 0};
            for (auto& id : ids) num(parse::next_token(val), id);
            if (key == "Uid") {
                p.ruid = ids[0]; p.euid = ids[1]; p.suid = ids[2]; p.fuid = ids[3];
                saw_uid = true;
            } else {
                p.rgid = ids[0]; p.egid = ids[1]; p.sgid = ids[2]; p.fgid = ids[3];
            }
        } else if (key == "Groups") {
            p.groups = std::string(parse::trim(val));
        } else if (key == "SigPnd") {
            p.sigpnd = hex_u64(parse::trim(val));
        } else if (key == "ShdPnd") {
            p.shdpnd = hex_u64(parse::trim(val));
        } else if (key == "SigBlk") {
            p.sigblk = hex_u64(parse::trim(val));
        } else if (key == "SigIgn") {
            p.sigign = hex_u64(parse::trim(val));
        } else if (key == "SigCgt") {
            p.sigcgt = hex_u64(parse::trim(val));
        } else if (key == "VmLck") {
            p.vm_lck = kb_value(val);
        } else if (key == "VmRSS") {
            p.vm_rss = kb_value(val);
        } else if (key == "VmSize") {
            p.vm_size = kb_value(val);
        } else if (key == "VmData") {
            p.vm_data = kb_value(val);
        } else if (key == "VmStk") {
            p.vm_stk = kb_value(val);
        } else if (key == "VmExe") {
            p.vm_exe = kb_value(val);
        } else if (key == "VmLib") {
            p.vm_lib = kb_value(val);
        } else if (key == "VmSwap") {
            p.vm_swap = kb_value(val);
        } else if (key == "RssAnon") {
            p.rss_anon = kb_value(val);
        } else if (key == "RssFile") {
            p.rss_file = kb_value(val);
        } else if (key == "RssShmem") {
            p.rss_shmem = kb_value(val);
        }
    }
    p.have_status = saw_uid;
    return saw_uid;
}

bool parse_statm(std::string_view text, Process& p) {
    std::uint64_t* f[] = {&p.statm_size, &p.statm_resident, &p.statm_shared, &p.statm_text,
                          &p.statm_lib, &p.statm_data};
    for (auto* x : f) {
        if (!num(parse::next_token(text), *x)) return false;
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
