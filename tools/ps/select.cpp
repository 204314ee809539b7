// SPDX-License-Identifier: GPL-2.0-or-later
// ps process selection and screen size, as procps-ng 4.0.2 decides them.
#include "select.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "procstat/core/io.hpp"
#include "procstat/proc/parse.hpp"

namespace procstat::ps {

Self read_self(const Root& root) {
    Self s;
    s.euid = static_cast<std::uint32_t>(::geteuid());
    std::string buf;
    if (io::read_file(root, "proc/self/stat", buf, 4096)) {
        proc::Process p;
        if (proc::parse_stat(buf, p)) s.tty = p.tty_nr;
    }
    return s;
}

static bool in(const std::vector<std::int64_t>& v, std::int64_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

bool want(const Options& o, const Self& me, const proc::Process& p) {
    bool leader = p.session == p.tgid;
    bool match = false;
    bool any_simple = o.all || o.unix_a || o.unix_d || o.bsd_a || o.bsd_x || o.bsd_g;
    if (o.all || (o.bsd_a && o.bsd_x)) match = true;
    if (!match && o.unix_a && p.tty_nr != 0 && !leader) match = true;
    if (!match && o.unix_d && !leader) match = true;
    if (!match && o.bsd_a && !o.bsd_x && p.tty_nr != 0) match = true;
    if (!match && o.bsd_x && !o.bsd_a && p.euid == me.euid) match = true;
    // compat: BSD g adds the default BSD selection (same euid, any tty) to the lists
    if (!match && o.bsd_g && p.euid == me.euid && p.tty_nr != 0) match = true;
    for (const auto& s : o.sel) {
        if (match) break;
        switch (s.kind) {
            case SelKind::pid:
            case SelKind::quick_pid: match = in(s.nums, p.tgid); break;
            case SelKind::ppid: match = in(s.nums, p.ppid); break;
            case SelKind::sid: match = in(s.nums, p.session); break;
            case SelKind::tty: match = in(s.nums, p.tty_nr); break;
            case SelKind::euid: match = in(s.nums, p.euid); break;
            case SelKind::ruid: match = in(s.nums, p.ruid); break;
            case SelKind::egid_or_sid: match = in(s.nums, p.session) || in(s.nums, p.egid); break;
            case SelKind::rgid: match = in(s.nums, p.rgid); break;
            case SelKind::comm:
                for (const auto& n : s.names) {
                    // compat: procps compares the first 15 bytes of the command name
                    if (n.compare(0, 15, p.comm, 0, 15) == 0 && (n.size() <= 15 ? n.size() == std::min<std::size_t>(p.comm.size(), 15) || n == p.comm : true)) {
                        match = true;
                        break;
                    }
                }
                break;
        }
    }
    if (!any_simple && o.sel.empty()) {
        // compat: with BSD syntax the default also needs a controlling tty.
        // BSD: any controlling tty (not only ps' own); UNIX: the same tty as ps (or none)
        // (the gnu personality's default selection is BSD's too)
        bool bsd = o.bsd_syntax_used || o.personality == Personality::gnu;
        match = p.euid == me.euid && (bsd ? p.tty_nr != 0 : p.tty_nr == me.tty);
    }
    if (match && o.bsd_r && p.state != 'R') match = false;
    return o.negate ? !match : match;
}

std::uint32_t selection_needs(const Options& o) {
    std::uint32_t n = proc::need_stat;
    bool any_simple = o.all || o.unix_a || o.unix_d || o.bsd_a || o.bsd_x;
    if (!any_simple && o.sel.empty()) n |= proc::need_status;
    if ((o.bsd_x || o.bsd_g) && !o.bsd_a) n |= proc::need_status;  // euid
    for (const auto& s : o.sel)
        if (s.kind == SelKind::euid || s.kind == SelKind::ruid || s.kind == SelKind::egid_or_sid ||
            s.kind == SelKind::rgid)
            n |= proc::need_status;
    return n;
}

int screen_columns(const Options& o) {
    int cols = -1;  // unlimited
    if (const char* c = std::getenv("COLUMNS"); c && *c) {
        char* end;
        long v = std::strtol(c, &end, 10);
        if (*end == 0 && v > 0 && v < 100000000) cols = static_cast<int>(v);
    }
    if (cols < 0 && ::isatty(STDOUT_FILENO)) {
        winsize ws{};
        if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) cols = ws.ws_col;
        else cols = 80;
    }
    if (o.cols > 0) cols = o.cols;
    if (o.wide == 1 && cols >= 0 && cols < 132) cols = 132;
    if (o.wide >= 2) cols = -1;
    return cols;
}

int screen_lines(const Options& o) {
    if (o.lines > 0) return o.lines;
    if (const char* l = std::getenv("LINES"); l && *l) {
        char* end;
        long v = std::strtol(l, &end, 10);
        if (*end == 0 && v > 0 && v < 100000000) return static_cast<int>(v);
    }
    winsize ws{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
    return 24;  // compat: procps' page for --headers when no terminal tells
}

}  // namespace procstat::ps
