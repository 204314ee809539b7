// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the ps column registry and its formatters (times, escaping, args, users, stat).
#include <catch2/catch.hpp>

#include <climits>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <stdlib.h>
#include <set>
#include <string>

#include "column_test_util.hpp"
#include "procstat/core/root.hpp"
#include "procstat/pscols/columns.hpp"

using namespace procstat;
using namespace procstat::pscols;

namespace {
using pscols_test::ctx;
using pscols_test::fmt;
}  // namespace

TEST_CASE("registry: unique names, help, headers, widths", "[columns]") {
    std::set<std::string> names;
    for (const auto& c : all_columns()) {
        INFO(c.name);
        CHECK(names.insert(c.name).second);
        CHECK(c.help != nullptr);
        CHECK(std::string(c.help).size() > 3);
        CHECK(c.width > 0);
        CHECK(c.fmt != nullptr);
        if (c.json == JsonType::integer) CHECK(c.num != nullptr);
    }
    CHECK(find_column("pid") != nullptr);
    CHECK(find_column("PID") == nullptr);
    CHECK(find_column("") == nullptr);
    CHECK(find_column("no_such_key") == nullptr);
}

TEST_CASE("every column formats a default record without crashing", "[columns]") {
    Ctx c = ctx();
    proc::Process p;
    p.comm = "x";
    for (const auto& d : all_columns()) {
        std::string out;
        d.fmt(p, c, out, 20);
        INFO(d.name << " -> " << out);
        CHECK_FALSE(out.empty());
    }
}

TEST_CASE("cpu time and elapsed time formats", "[columns]") {
    struct T { std::uint64_t s; const char* cpu; const char* et; };
    T table[] = {{0, "00:00:00", "00:00"},         {59, "00:00:59", "00:59"},
                 {60, "00:01:00", "01:00"},        {3599, "00:59:59", "59:59"},
                 {3600, "01:00:00", "01:00:00"},   {86399, "23:59:59", "23:59:59"},
                 {86400, "1-00:00:00", "1-00:00:00"}, {90061, "1-01:01:01", "1-01:01:01"},
                 {8640000, "100-00:00:00", "100-00:00:00"}};
    for (auto& t : table) {
        std::string a, b;
        fmt_cputime(t.s, a);
        fmt_etime(t.s, b);
        CHECK(a == t.cpu);
        CHECK(b == t.et);
    }
}

TEST_CASE("escape_text: C locale vs UTF-8, width limit", "[columns]") {
    std::string out;
    CHECK(escape_text("a\nb\x01", false, 100, out) == 4);
    CHECK(out == "a.b.");
    out.clear();
    escape_text("caf\xc3\xa9", false, 100, out);
    CHECK(out == "caf??");
    out.clear();
    CHECK(escape_text("abcdef", false, 3, out) == 3);
    CHECK(out == "abc");
    if (std::setlocale(LC_CTYPE, "C.UTF-8")) {
        out.clear();
        CHECK(escape_text("caf\xc3\xa9\n\xff", true, 100, out) == 6);
        CHECK(out == "caf\xc3\xa9??");
        std::setlocale(LC_CTYPE, "C");
    }
}

TEST_CASE("args: NULs become blanks, newlines blanks, kernel threads and zombies bracketed", "[columns]") {
    Ctx c = ctx();
    proc::Process p;
    p.comm = "sleep";
    p.cmdline = std::string("sleep\0" "100\0" "a\nb\0", 14);
    CHECK(fmt("args", p, c) == "sleep 100 a b");
    CHECK(fmt("args", p, c, 7) == "sleep 1");
    proc::Process k;
    k.comm = "kthreadd";
    CHECK(fmt("args", k, c) == "[kthreadd]");
    CHECK(fmt("comm", k, c) == "kthreadd");
    k.state = 'Z';
    CHECK(fmt("args", k, c) == "[kthreadd] <defunct>");
    CHECK(fmt("args", k, c, 13) == "[kthreadd] <d");
    CHECK(fmt("comm", k, c) == "kthreadd");
    c.bsd_c = true;
    CHECK(fmt("args", p, c) == "sleep");
}

TEST_CASE("stat letters, nice of realtime tasks, memory and times", "[columns]") {
    Ctx c = ctx();
    proc::Process p;
    p.tgid = 10;
    p.state = 'S';
    p.nice = -5;
    p.vm_lck = 4;
    p.session = 10;
    p.num_threads = 3;
    p.pgrp = 7;
    p.tpgid = 7;
    CHECK(fmt("stat", p, c) == "S<Lsl+");
    p.nice = 5;
    p.vm_lck = 0;
    p.session = 1;
    p.num_threads = 1;
    p.tpgid = -1;
    CHECK(fmt("stat", p, c) == "SN");
    CHECK(fmt("ni", p, c) == "5");
    p.policy = 1;  // SCHED_FIFO
    CHECK(fmt("ni", p, c) == "-");
    CHECK(fmt("cls", p, c) == "FF");
    p.rt_priority = 99;
    CHECK(fmt("rtprio", p, c) == "99");
    p.vm_rss = 1000;
    CHECK(fmt("rss", p, c) == "1000");
    CHECK(fmt("%mem", p, c) == "0.1");
    p.vsize = 4096 * 1024;
    CHECK(fmt("vsz", p, c) == "4096");
    CHECK(fmt("sz", p, c) == "1024");
    p.utime = 6000;
    p.stime = 100;
    CHECK(fmt("time", p, c) == "00:01:01");
    CHECK(fmt("bsdtime", p, c) == "  1:01");
    CHECK(fmt("times", p, c) == "61");
    p.starttime = 50000;  // 500 s after boot, 500 s before "now"
    CHECK(fmt("etimes", p, c) == "500");
    CHECK(fmt("etime", p, c) == "08:20");
    CHECK(fmt("%cpu", p, c) == "12.2");
    CHECK(fmt("c", p, c) == "12");
    p.utime = 600000;
    CHECK(fmt("%cpu", p, c) == "1200");
    CHECK(fmt("c", p, c) == "99");
}

TEST_CASE("user names are cut with '+', unknown ids printed as numbers", "[columns]") {
    Ctx c = ctx();
    c.names.put_user(0, "root");
    c.names.put_user(1000, "averyveryverylongname");
    c.names.put_user(4242, std::nullopt);
    proc::Process p;
    p.euid = 0;
    CHECK(fmt("user", p, c, 8) == "root");
    CHECK(fmt("user", p, c, 3) == "ro+");
    p.euid = 1000;
    CHECK(fmt("user", p, c, 8) == "averyve+");
    p.euid = 4242;
    CHECK(fmt("user", p, c, 8) == "4242");
    CHECK(fmt("uid", p, c) == "4242");
}

TEST_CASE("tty names from device numbers", "[columns]") {
    Ctx c = ctx();
    CHECK(c.tty_name(0) == "?");
    CHECK(c.tty_name((136 << 8) | 3) == "pts/3");
    CHECK(c.tty_name((137 << 8) | 1) == "pts/257");
    CHECK(c.tty_name((4 << 8) | 1) == "tty1");
    CHECK(c.tty_name((4 << 8) | 65) == "ttyS1");
    CHECK(c.tty_name((5 << 8) | 1) == "console");
}

TEST_CASE("signal masks, namespaces and absent values", "[columns]") {
    Ctx c = ctx();
    proc::Process p;
    p.sigcgt = 0x4e8;
    CHECK(fmt("caught", p, c) == "00000000000004e8");
    CHECK(fmt("netns", p, c) == "-");
    p.ns[static_cast<int>(proc::NsKind::net)] = 4026531833ULL;
    CHECK(fmt("netns", p, c) == "4026531833");
    CHECK(fmt("rbytes", p, c) == "0");  // procps prints 0 when io is unreadable
    p.read_bytes = 4096;
    CHECK(fmt("rbytes", p, c) == "4096");
    CHECK(fmt("wchan", p, c) == "-");
    p.wchan = "__do_sys_pause";
    CHECK(fmt("wchan", p, c) == "do_sys_pause");
    CHECK(fmt("wchan", p, c, 6) == "do_sys");
    CHECK(fmt("supgid", p, c) == "-");
    p.groups = "4 27";
    CHECK(fmt("supgid", p, c) == "4,27");
    p.cgroup = std::string("1:cpu:/\n0::/user.slice/x\n");
    CHECK(fmt("cgroup", p, c) == "0::/user.slice/x");
}

TEST_CASE("PID columns are as wide as the text of pid_max, as procps", "[columns]") {
    char tmpl[] = "/tmp/pscols-pidmax-XXXXXX";
    REQUIRE(::mkdtemp(tmpl));
    std::string dir = tmpl;
    REQUIRE(std::system(("mkdir -p " + dir + "/proc/sys/kernel").c_str()) == 0);
    auto root = Root::open(dir);
    REQUIRE(root);
    auto with = [&](const std::string& text) {
        FILE* f = std::fopen((dir + "/proc/sys/kernel/pid_max").c_str(), "wb");
        REQUIRE(f);
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
        return pid_column_width(*root);
    };
    CHECK(pid_column_width(*root) == 5);  // missing file
    CHECK(with("32768\n") == 5);
    CHECK(with("4194304\n") == 7);
    CHECK(with("100000\n") == 6);
    CHECK(with("99999x\n") == 6);  // the length counts, not the number
    CHECK(with("1048576") == 7);   // no newline
    CHECK(with("") == 5);          // empty: the default
    CHECK(with("\n") == 0);        // an empty line: as narrow as the header allows
    CHECK(with("12\n345678\n") == 2);
    CHECK(with(std::string(40, '9') + "\n") == 23);
    for (const char* k : {"pid", "ppid", "pgid", "sid", "tpgid", "lwp", "spid", "tgid", "tid", "pgrp", "sess", "session"})
        CHECK(pid_sized(*find_column(k)));
    for (const char* k : {"uid", "nlwp", "rss", "comm", "c", "tty"}) CHECK_FALSE(pid_sized(*find_column(k)));
    REQUIRE(std::system(("rm -rf " + dir).c_str()) == 0);
}
