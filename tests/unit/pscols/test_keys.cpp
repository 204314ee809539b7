// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the ps format keys added for procps-ng 4.0.2 compatibility (aliases, test columns,
// tty4) and of the CPU formulas (%cpu, cuc, cuu, S/--cumulative) on hand-built records.
#include <catch2/catch.hpp>

#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "column_test_util.hpp"
#include "procstat/pscols/columns.hpp"

using namespace procstat;
using namespace procstat::pscols;

namespace {

using pscols_test::ctx;
using pscols_test::fmt;

}  // namespace

TEST_CASE("new keys: header, width and alignment as procps 4.0.2 prints them", "[keys]") {
    struct K {
        const char* key;
        const char* header;
        int width;
        Align align;
    };
    // Observed with `ps -o pid,KEY,pid`: the header line's length gives the width.
    const K table[] = {
        {"_left", "LLLLLLLL", 8, Align::left},        {"_left2", "L2L2L2L2", 8, Align::left},
        {"_right", "RRRRRRRRRRR", 11, Align::right},  {"_right2", "R2R2R2R2R2R", 11, Align::right},
        {"_unlimited", "U", 16, Align::left},         {"_unlimited2", "U2", 16, Align::left},
        {"atime", "TIME", 8, Align::right},           {"context", "CONTEXT", 31, Align::left},
        {"dsiz", "DSIZ", 4, Align::right},            {"fsgid", "FSGID", 5, Align::right},
        {"fsgroup", "FSGROUP", 8, Align::left},       {"fsuid", "FSUID", 5, Align::right},
        {"fsuser", "FSUSER", 8, Align::left},         {"lastcpu", "C", 3, Align::right},
        {"lim", "LIM", 5, Align::right},              {"longtname", "TTY", 8, Align::left},
        {"m_drs", "DRS", 5, Align::right},            {"m_size", "SIZE", 5, Align::right},
        {"m_trs", "TRS", 5, Align::right},            {"pagein", "PAGEIN", 6, Align::right},
        {"sgi_rss", "RSS", 4, Align::left},           {"sig_block", "BLOCKED", 16, Align::right},
        {"sig_catch", "CATCHED", 16, Align::right},   {"sig_ignore", "IGNORED", 16, Align::right},
        {"sig_pend", "SIGNAL", 16, Align::right},     {"start_stack", "STACKP", 16, Align::right},
        {"svgroup", "SVGROUP", 8, Align::left},       {"svuser", "SVUSER", 8, Align::left},
        {"trss", "TRSS", 4, Align::right},            {"tsig", "PENDING", 16, Align::right},
        {"tsiz", "TSIZ", 4, Align::right},            {"tty4", "TTY", 4, Align::left},
        {"tty8", "TTY", 8, Align::left},              {"util", "C", 2, Align::right},
        {"wname", "WCHAN", 6, Align::left},           {"zone", "ZONE", 31, Align::left},
    };
    for (const auto& k : table) {
        INFO(k.key);
        const ColumnDef* d = find_column(k.key);
        REQUIRE(d);
        CHECK(std::string(d->header) == k.header);
        CHECK(d->width == k.width);
        CHECK(d->align == k.align);
    }
}

TEST_CASE("aliases show the values of the keys they stand for", "[keys]") {
    Ctx c = ctx();
    c.names.put_user(0, "root");
    c.names.put_user(998, "systemd-network");
    c.names.put_group(999, "systemd-journal");
    proc::Process p;
    p.comm = "x";
    p.fuid = 998;
    p.fgid = 999;
    p.suid = 0;
    p.sgid = 12345;
    p.processor = 1;
    p.majflt = 3;
    p.cmajflt = 16669;
    p.vsize = 2990080;
    p.startcode = 93828164218880ULL;
    p.endcode = 93828164236809ULL;
    p.startstack = 0x7ffd3d15e820ULL;
    p.vm_rss = 1760;
    p.sigblk = 0xa00;
    p.sigcgt = 0x4e8;
    p.sigign = 0x1001006;
    p.wchan = "hrtimer_nanosleep";
    const char* pairs[][2] = {{"fsgid", "fgid"},   {"fsgroup", "fgroup"}, {"fsuid", "fuid"},
                              {"fsuser", "fuser"}, {"svgroup", "sgroup"}, {"svuser", "suser"},
                              {"lastcpu", "psr"},  {"pagein", "majflt"},  {"dsiz", "drs"},
                              {"m_drs", "drs"},    {"m_trs", "trs"},      {"trss", "trs"},
                              {"tsiz", "trs"},     {"sgi_rss", "rss"},    {"sig_block", "blocked"},
                              {"sig_catch", "caught"}, {"sig_ignore", "ignored"},
                              {"start_stack", "stackp"}, {"atime", "time"}, {"util", "c"},
                              {"wname", "wchan"},  {"context", "label"},  {"longtname", "tname"},
                              {"tty8", "tname"}};
    for (bool cumulative : {false, true}) {
        c.cumulative = cumulative;
        for (const auto& pr : pairs) {
            INFO(pr[0] << " vs " << pr[1] << (cumulative ? " (S)" : ""));
            CHECK(fmt(pr[0], p, c) == fmt(pr[1], p, c));
        }
    }
    c.cumulative = false;
    CHECK(fmt("fsuser", p, c) == "systemd-network");
    CHECK(fmt("fsuser", p, c, 8) == "systemd+");
    CHECK(fmt("fsgroup", p, c, 8) == "systemd+");
    CHECK(fmt("svgroup", p, c) == "12345");
    CHECK(fmt("m_trs", p, c) == "17");
    CHECK(fmt("dsiz", p, c) == "2902");
    CHECK(fmt("m_size", p, c) == "2990080");  // bytes, not KiB
    CHECK(fmt("pagein", p, c) == "3");
    c.cumulative = true;
    CHECK(fmt("pagein", p, c) == "16672");
    CHECK(fmt("lim", p, c) == "xx");
    CHECK(fmt("zone", p, c) == "-");
    CHECK(fmt("context", p, c) == "-");
}

TEST_CASE("pending is the process-wide set, tsig the thread's", "[keys]") {
    Ctx c = ctx();
    proc::Process p;
    p.sigpnd = 0x800;  // SIGUSR2 sent to the thread (tgkill)
    p.shdpnd = 0x200;  // SIGUSR1 sent to the process (kill)
    CHECK(fmt("pending", p, c) == "0000000000000200");
    CHECK(fmt("sig", p, c) == "0000000000000200");
    CHECK(fmt("sig_pend", p, c) == "0000000000000200");
    CHECK(fmt("tsig", p, c) == "0000000000000800");
}

TEST_CASE("I/O counters print 0 when /proc/PID/io is unreadable", "[keys]") {
    Ctx c = ctx();
    proc::Process p;
    for (const char* k : {"rbytes", "rchars", "rops", "wbytes", "wcbytes", "wchars", "wops"}) {
        INFO(k);
        CHECK(fmt(k, p, c) == "0");
    }
    p.rchar = 22905;
    p.syscr = 34;
    CHECK(fmt("rchars", p, c) == "22905");
    CHECK(fmt("rops", p, c) == "34");
}

TEST_CASE("S/--cumulative: children's CPU in the share and bsdtime, not in the times", "[keys]") {
    Ctx c = ctx();
    proc::Process p;
    p.utime = 1500;  // 15 s of its own
    p.stime = 600;   // 6 s
    p.cutime = 4000000;
    p.cstime = 212400;  // 42124 s of dead children's
    p.starttime = 0;    // 1000 s ago
    for (bool cumulative : {false, true}) {
        c.cumulative = cumulative;
        INFO((cumulative ? "S" : "no S"));
        CHECK(fmt("time", p, c) == "00:00:21");
        CHECK(fmt("cputime", p, c) == "00:00:21");
        CHECK(fmt("atime", p, c) == "00:00:21");
        CHECK(fmt("cputimes", p, c) == "21");
        CHECK(fmt("times", p, c) == "21");
        CHECK(find_column("time")->num(p, c) == 2100);
        // cuc always counts the children, cuu never
        CHECK(fmt("cuc", p, c) == "99.999");
        CHECK(fmt("cuu", p, c) == "2.100");
    }
    c.cumulative = false;
    CHECK(fmt("bsdtime", p, c) == "  0:21");
    CHECK(fmt("%cpu", p, c) == "2.1");
    CHECK(fmt("c", p, c) == "2");
    CHECK(fmt("cp", p, c) == "21");
    c.cumulative = true;
    CHECK(fmt("bsdtime", p, c) == "702:25");
    CHECK(fmt("%cpu", p, c) == "4214");
    CHECK(fmt("c", p, c) == "99");
    CHECK(fmt("cp", p, c) == "999");
    // sorted by the process's own time and share, as procps sorts them
    CHECK(find_column("bsdtime")->num(p, c) == 2100);
    CHECK(find_column("%cpu")->num(p, c) == 2100000);  // 2.1 %, in millionths
    CHECK(find_column("cp")->num(p, c) == 2100000);
    // a share too small to show still sorts after none
    proc::Process q = p;
    q.utime = 1;
    q.stime = 0;
    q.cutime = 0;
    q.cstime = 0;
    proc::Process z = q;
    z.utime = 0;
    CHECK(fmt("%cpu", q, c) == "0.0");
    CHECK(find_column("%cpu")->num(q, c) > find_column("%cpu")->num(z, c));
}

TEST_CASE("%cpu, cuc and cuu divide by the elapsed time with its fraction", "[keys]") {
    // Observed with procps-ng 4.0.2 on a stopped process of 85 ticks (stat field 22: 2446446)
    // and /proc/uptime read around each run: the values fit 0.85 s / (uptime - 24464.46 s).
    struct T {
        double uptime;
        const char* pcpu;
        const char* cp;
        const char* cuu;
    };
    const T table[] = {{24466.29, "46.4", "464", "46.448"}, {24466.66, "38.6", "386", "38.636"},
                       {24467.13, "31.8", "318", "31.835"}, {24467.52, "27.7", "277", "27.778"},
                       {24467.85, "25.0", "250", "25.074"}, {24468.20, "22.7", "227", "22.727"}};
    Ctx c = ctx();
    proc::Process p;
    p.utime = 85;
    p.starttime = 2446446;
    for (const auto& t : table) {
        c.si.uptime = t.uptime;
        INFO("uptime " << t.uptime);
        CHECK(fmt("%cpu", p, c) == t.pcpu);
        CHECK(fmt("cp", p, c) == t.cp);
        CHECK(fmt("cuu", p, c) == t.cuu);
        CHECK(fmt("cuc", p, c) == t.cuu);  // no children
    }
    // whole seconds would give 42.5 (2 s) where the fraction gives 46.4
    c.si.uptime = 24466.29;
    CHECK(pcpu_permille(p, c) == 464);
    CHECK(elapsed_real(p, c) == Approx(1.83));
    // children's ticks count in cuc only
    p.cutime = 85;
    CHECK(fmt("cuc", p, c) == "92.896");
    CHECK(fmt("cuu", p, c) == "46.448");
}

TEST_CASE("%cpu loses a tick of elapsed time where procps' seconds x HZ falls short", "[keys]") {
    // Observed with procps-ng 4.0.2 under S on a process whose dead children used 128 ticks
    // (stat field 22: 2631586), /proc/uptime frozen at each value (a bind mount).
    struct T {
        double uptime;
        const char* cp;
        const char* cuc;
    };
    const T table[] = {{26317.85, "643", "64.322"}, {26317.86, "640", "64.000"}, {26317.87, "640", "63.682"},
                       {26317.88, "633", "63.366"}, {26317.89, "633", "63.054"}, {26318.12, "568", "56.637"},
                       {26319.06, "400", "40.000"}, {26320.25, "292", "29.157"}, {26320.26, "290", "29.091"},
                       {26325.56, "132", "13.196"}, {26325.57, "131", "13.182"}};
    Ctx c = ctx();
    c.cumulative = true;
    proc::Process p;
    p.cutime = 33;
    p.cstime = 95;
    p.starttime = 2631586;
    for (const auto& t : table) {
        c.si.uptime = t.uptime;
        INFO("uptime " << t.uptime);
        CHECK(fmt("cp", p, c) == t.cp);
        CHECK(fmt("cuc", p, c) == t.cuc);
    }
}

TEST_CASE("cuc and cuu are capped at 99.999, 0.000 without elapsed time", "[keys]") {
    Ctx c = ctx();
    proc::Process p;
    p.starttime = 99900;  // 1 s before uptime 1000
    p.utime = 100;
    CHECK(fmt("cuu", p, c) == "99.999");
    p.utime = 99;
    CHECK(fmt("cuu", p, c) == "99.000");
    p.utime = 250;  // two threads busy
    CHECK(fmt("cuu", p, c) == "99.999");
    CHECK(fmt("%cpu", p, c) == "250");
    p.starttime = 100000;  // started at this very moment
    CHECK(fmt("cuu", p, c) == "0.000");
    CHECK(fmt("cuc", p, c) == "0.000");
    CHECK(fmt("%cpu", p, c) == "0.0");
    p.starttime = 200000;  // a start after "now" (a damaged --sysroot tree)
    CHECK(fmt("cuu", p, c) == "0.000");
    CHECK(fmt("%cpu", p, c) == "0.0");
    c.si.hertz = 0;  // no division by zero
    CHECK_FALSE(fmt("cuu", p, c).empty());
}

TEST_CASE("test columns cycle their texts per row, columns of one row agree", "[keys]") {
    Ctx c = ctx();
    std::vector<proc::Process> rows(9);
    std::vector<std::string> left, right2, unl2;
    for (const auto& p : rows) {
        std::string a = fmt("_left", p, c);
        CHECK(fmt("_left", p, c) == a);  // the same key twice on one row
        left.push_back(a);
        right2.push_back(fmt("_right2", p, c));
        unl2.push_back(fmt("_unlimited2", p, c));
    }
    // Observed with `ps -e -o _left,_left,_right2,_unlimited2`
    CHECK(left == std::vector<std::string>{"tty7", "3270/tty4", "ttySMX0", "iseries/vtty42", "pts/9999",
                                           "tty7", "3270/tty4", "ttySMX0", "iseries/vtty42"});
    CHECK(right2 == std::vector<std::string>{"999-23:59:59", "9-23:59:59", "99-23:59:59", "999-23:59:59",
                                             "9-23:59:59", "99-23:59:59", "999-23:59:59", "9-23:59:59",
                                             "99-23:59:59"});
    CHECK(unl2 == std::vector<std::string>{"123456789-123456", "ps", "[123456789-12345] <defunct>",
                                           "unlimited", "123456789-123456", "ps",
                                           "[123456789-12345] <defunct>", "unlimited", "123456789-123456"});
    // cut to the width given (a column that is not the last)
    Ctx c2 = ctx();
    proc::Process p;
    CHECK(fmt("_unlimited", p, c2, 16) == "[123456789-12345");
}

TEST_CASE("test columns under --headers follow procps' page countdown", "[keys]") {
    // Observed with `ps -e -o _left2,_right,_unlimited2,_left,_right2 --headers --lines L`: the
    // index of row k is (counter - 1) mod N, counter = 0 - (rows left on the page) in 32 bits.
    struct T {
        int page_rows;
        std::vector<std::string> left, left2, right2;
    };
    const T table[] = {
        {2, {"iseries/vtty42", "pts/9999", "iseries/vtty42", "pts/9999"},
         {"ttySMX0", "pts/9999", "ttySMX0", "pts/9999"},
         {"9-23:59:59", "99-23:59:59", "9-23:59:59", "99-23:59:59"}},
        {3, {"ttySMX0", "iseries/vtty42", "pts/9999", "ttySMX0"},
         {"3270/tty4", "ttySMX0", "pts/9999", "3270/tty4"},
         {"999-23:59:59", "9-23:59:59", "99-23:59:59", "999-23:59:59"}},
        {5, {"tty7", "3270/tty4", "ttySMX0", "iseries/vtty42", "pts/9999", "tty7"},
         {"pts/9999", "tty7", "3270/tty4", "ttySMX0", "pts/9999", "pts/9999"},
         {"9-23:59:59", "99-23:59:59", "999-23:59:59", "9-23:59:59", "99-23:59:59", "9-23:59:59"}},
        // 23 rows per page (LINES unset and no terminal: 24 lines)
        {23, {"ttySMX0", "iseries/vtty42", "pts/9999"}, {"3270/tty4", "ttySMX0", "pts/9999"},
         {"9-23:59:59", "99-23:59:59", "999-23:59:59"}},
    };
    for (const auto& t : table) {
        INFO("rows per page " << t.page_rows);
        Ctx c = ctx();
        c.page_rows = t.page_rows;
        std::vector<proc::Process> rows(t.left.size());
        std::vector<std::string> left, left2, right2;
        for (const auto& p : rows) {
            left.push_back(fmt("_left", p, c));
            left2.push_back(fmt("_left2", p, c));
            right2.push_back(fmt("_right2", p, c));
        }
        CHECK(left == t.left);
        CHECK(left2 == t.left2);
        CHECK(right2 == t.right2);
    }
}

TEST_CASE("test columns without a header start one row later", "[keys]") {
    // Observed with `ps -e --no-headers -o _left,_left2,_right,_right2,_unlimited,_unlimited2`
    // (and with every header empty: -o _left=,_right2=)
    Ctx c = ctx();
    c.header_shown = false;
    c.page_rows = 23;  // --headers is refused with --no-headers; the page does not matter then
    std::vector<proc::Process> rows(5);
    std::vector<std::string> left, left2, right2, unl;
    for (const auto& p : rows) {
        left.push_back(fmt("_left", p, c));
        left2.push_back(fmt("_left2", p, c));
        right2.push_back(fmt("_right2", p, c));
        unl.push_back(fmt("_unlimited", p, c));
    }
    CHECK(left == std::vector<std::string>{"3270/tty4", "ttySMX0", "iseries/vtty42", "pts/9999", "tty7"});
    CHECK(left2 == std::vector<std::string>{"ttySMX0", "pts/9999", "tty7", "3270/tty4", "ttySMX0"});
    CHECK(right2 == std::vector<std::string>{"9-23:59:59", "99-23:59:59", "999-23:59:59", "9-23:59:59",
                                             "99-23:59:59"});
    CHECK(unl == std::vector<std::string>{"123456789-123456", "ps", "[123456789-12345] <defunct>",
                                          "123456789-123456", "ps"});
}

TEST_CASE("tty4 drops the tty and pts/ prefixes", "[keys]") {
    CHECK(short_tty_name("pts/12") == "12");
    CHECK(short_tty_name("pts/0") == "0");
    CHECK(short_tty_name("ttyS0") == "S0");
    CHECK(short_tty_name("tty1") == "1");
    CHECK(short_tty_name("?") == "?");
    CHECK(short_tty_name("console") == "console");
    CHECK(short_tty_name("tty") == "tty");
    CHECK(short_tty_name("pts/") == "pts/");
    CHECK(short_tty_name("") == "");
    Ctx c = ctx();
    proc::Process p;
    p.tty_nr = (136 << 8) | 12;
    CHECK(fmt("tty4", p, c) == "12");
    CHECK(fmt("tty8", p, c) == "pts/12");
    p.tty_nr = (4 << 8) | 64;
    CHECK(fmt("tty4", p, c) == "S0");
    p.tty_nr = 0;
    CHECK(fmt("tty4", p, c) == "?");
}

TEST_CASE("rows of ps m: per-process and per-thread new keys", "[keys]") {
    // Observed with `ps m -o pid,lwp,KEY`: "-" on the thread row, or on the process row.
    for (const char* k : {"dsiz", "m_drs", "m_size", "m_trs", "trss", "tsiz", "sgi_rss", "tty4", "tty8",
                          "longtname", "start_stack"}) {
        INFO(k);
        CHECK(row_scope(*find_column(k)) == RowScope::process);
    }
    for (const char* k : {"lastcpu", "sig_block", "sig_catch", "sig_ignore"}) {
        INFO(k);
        CHECK(row_scope(*find_column(k)) == RowScope::thread);
    }
    for (const char* k : {"_left", "_right", "_unlimited", "atime", "context", "fsgid", "fsgroup", "fsuid",
                          "fsuser", "lim", "pagein", "sig_pend", "tsig", "svgroup", "svuser", "util", "zone"}) {
        INFO(k);
        CHECK(row_scope(*find_column(k)) == RowScope::both);
    }
}
