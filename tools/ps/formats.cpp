// SPDX-License-Identifier: GPL-2.0-or-later
// Default column lists of ps, composed from the personality options as procps-ng 4.0.2 does.
#include "formats.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "procstat/pscols/columns.hpp"

namespace procstat::ps {

namespace {

std::string_view key_of(std::string_view item) { return item.substr(0, item.find_first_of("=:")); }

// compat: procps-ng 4.0.2 applies the UNIX output modifiers to the BSD formats too: -j adds
// PGID and SID after PPID (else PID), -T adds SPID after PID, -L adds LWP after SID (else PPID,
// else PID) and NLWP after %CPU, -M puts LABEL first, -y drops F from l, -c turns l's PRI NI
// into CLS PRI.
std::string with_modifiers(std::string_view base, const Options& o) {
    std::vector<std::string> items;
    for (std::size_t at = 0; at <= base.size();) {
        auto end = std::min(base.find(',', at), base.size());
        items.emplace_back(base.substr(at, end - at));
        at = end + 1;
    }
    auto find = [&](std::string_view k) {
        return std::find_if(items.begin(), items.end(), [&](const std::string& i) { return key_of(i) == k; });
    };
    auto insert_after = [&](std::initializer_list<std::string_view> anchors, std::initializer_list<const char*> keys) {
        for (auto a : anchors) {
            auto it = find(a);
            if (it == items.end()) continue;
            items.insert(it + 1, keys.begin(), keys.end());
            return;
        }
    };
    if (o.unix_c) {
        auto it = find("priority");
        if (it != items.end()) {
            *it = "class";
            if (it + 1 != items.end() && key_of(it[1]) == "ni") it[1] = "pri";
        }
    }
    if (o.unix_y) {
        auto it = find("f");
        if (it != items.end()) items.erase(it);
    }
    if (o.unix_j) insert_after({"ppid", "pid"}, {"pgid", "sid"});
    if (o.unix_T) insert_after({"pid"}, {"spid"});
    if (o.unix_L) {
        insert_after({"sid", "ppid", "pid"}, {"lwp"});
        insert_after({"%cpu"}, {"nlwp"});
    }
    if (o.unix_M) items.insert(items.begin(), "label");
    std::string out;
    for (auto& i : items) {
        if (!out.empty()) out += ',';
        out += i;
    }
    return out;
}

std::string bsd_format(const Options& o) {
    switch (o.bsd_personality) {
        case 'u': return o.bsd_n ? "uid:8=USER,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args"
                                 : "user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args";
        case 'v': return "pid,tname,stat,bsdtime,maj_flt,trs:5,drs,rss,%mem,args";
        case 'j': return "ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args";
        case 'l': return "f,uid,pid,ppid,priority=PRI,ni,vsz,rss,wchan,stat,tname,bsdtime,args";
        case 's': return "uid,pid,pending,blocked,ignored,caught,stat,tname,bsdtime,args";
        case 'X': return "pid,stackp,esp,eip,tmout,alarm,stat,tname,bsdtime,args";
        default: return {};
    }
}

}  // namespace

std::string default_format(const Options& o) {
    // compat: procps' -O list ends in the arguments, BSD O's in the command name (whatever
    // other options are used; "-f -O" and "-O pid -c" are BSD O through the second parse).
    if (o.preload) return o.preload_bsd ? "pid,{},state,tname,time,comm" : "pid,{},state,tname,time,args";
    const Personality pers = o.personality;
    // compat: FreeBSD's u under the bsd and aix personalities
    if (o.bsd_personality == 'u' && !o.bsd_n && (pers == Personality::bsd || pers == Personality::aix))
        return "user,pid,%cpu,%mem,vsz,rss,tt,stat,start,time,args";
    if (pers == Personality::gnu && !o.bsd_personality) {
        // compat: the old Debian formats, for one format option alone
        int n = (o.unix_f > 0) + o.unix_F + o.unix_l + o.unix_j + o.unix_c + o.unix_L + o.unix_T + o.unix_M;
        if (n == 0) return "pid,tname,stat,bsdtime,args";
        if (n == 1 && (o.unix_f == 1 || o.unix_F)) return "uid,pid,ppid,start_time,tname,bsdtime,args";
        if (n == 1 && o.unix_l) return o.unix_y ? "s,uid,pid,ppid,priority,ni,wchan,tname,bsdtime,comm"
                                                : "f,s,uid,pid,ppid,priority,ni,wchan,tname,bsdtime,comm";
        if (n == 1 && o.unix_c) return "pid,class,pri,tname,stat,bsdtime,args";
        if (n == 1 && o.unix_j) return "pid,tname,s,bsdtime,pgid,sid,comm";
        if (n == 1 && o.unix_L) return "pid,lwp,tname,stat,bsdtime,args";
    }
    // compat: the s390 personality's own -j formats (with BSD options too)
    if (pers == Personality::s390 && o.unix_j && !o.unix_c && !o.unix_T && !o.unix_M && !o.bsd_personality) {
        const bool full = o.unix_f || o.unix_F;
        if (o.unix_l && !full && !o.unix_L) return "f,s,uid,pid,ppid,priority,ni,wchan,tname,bsdtime,pgid,sid,comm";
        if (full && !o.unix_l) return o.unix_L ? "uid,pid,ppid,start_time,tname,bsdtime,pgid,sid,lwp,args"
                                               : "uid,pid,ppid,start_time,tname,bsdtime,pgid,sid,args";
        if (!full && !o.unix_l && !o.unix_L) return "pid,sid,pgrp,tname,time,args";
    }
    if (o.bsd_personality) return with_modifiers(bsd_format(o), o);
    bool f = o.unix_f > 0 || o.unix_F;
    bool sysv = f || o.unix_l || o.unix_j || o.unix_c || o.unix_L || o.unix_T || o.unix_M;
    if (!sysv && o.bsd_syntax_used) return "pid,tname,stat,bsdtime,args";
    std::string s;
    auto add = [&](const char* k) {
        if (!s.empty()) s += ',';
        s += k;
    };
    if (o.unix_M) add("label");
    if (o.unix_l && !o.unix_y) add("f");
    if (o.unix_l) add("s");
    const bool lnx = pers == Personality::linux_ps;
    if (f) add(lnx ? "uid_hack=USER" : "uid_hack");  // compat: linux personality's header
    else if (o.unix_l) add("uid");
    add("pid");
    if (o.unix_T) add("spid");
    if (f || o.unix_l) add("ppid");
    if (o.unix_j) {
        add("pgid");
        add("sid");
    }
    if (o.unix_L) add("lwp");
    // compat: -fL shows NLWP after C, but before CLS PRI with -c
    if (o.unix_c) {
        if (o.unix_L && f) add("nlwp");
        add("class");
        add("pri");
    } else {
        if (f || o.unix_l) add("c");
        if (o.unix_L && f) add("nlwp");
    }
    if (o.unix_l && !o.unix_c) {
        add("opri");
        add("ni");
    }
    if (o.unix_l) {
        if (o.unix_y) add("rss");
        else add(lnx ? "sgi_p" : "addr_1");  // compat: linux personality shows P, not ADDR
        add("sz");
        add("wchan");
    }
    if (o.unix_F) {
        if (!o.unix_l) add("sz");
        if (!o.unix_y) add("rss");
        add("psr");
    }
    if (f) add("stime");
    add("tname");
    // compat: SysV formats mixed with BSD options show STAT and the BSD time.
    if (o.bsd_syntax_used) {
        if (!o.unix_l) add("stat");  // -l already shows S
        add("bsdtime");
    } else {
        add("time");
    }
    // compat: with BSD syntax the arguments, headed CMD for -f and -l, else COMMAND
    if (o.bsd_syntax_used) add(f || o.unix_l ? "cmd" : "args");
    else add(f ? "cmd" : "ucmd");
    return s;
}

std::string format_key_list() {
    // compat: procps 4.0.2 accepts these with -o but leaves them out of its L list.
    static const std::string_view unlisted[] = {"addr", "addr_1", "alarm", "environ", "nwchan", "tmout"};
    std::vector<const pscols::ColumnDef*> defs;
    for (const auto& c : pscols::all_columns())
        if (std::find(std::begin(unlisted), std::end(unlisted), c.name) == std::end(unlisted)) defs.push_back(&c);
    std::sort(defs.begin(), defs.end(),
              [](const pscols::ColumnDef* a, const pscols::ColumnDef* b) { return std::strcmp(a->name, b->name) < 0; });
    std::string out;
    for (const auto* d : defs) {
        std::string_view name = d->name, header = std::string_view(d->header).substr(0, 8);  // compat: L cuts at 8
        out += name;
        out.append(name.size() < 12 ? 12 - name.size() : 0, ' ');
        out += ' ';
        out += header;
        out.append(header.size() < 8 ? 8 - header.size() : 0, ' ');
        out += '\n';
    }
    return out;
}

}  // namespace procstat::ps
