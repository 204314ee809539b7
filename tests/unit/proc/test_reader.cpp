// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of ProcReader and read_system_info on the hand-made root tests/fixtures/proc/root.
#include <catch2/catch.hpp>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "procstat/core/root.hpp"
#include "procstat/proc/reader.hpp"

using namespace procstat;
using namespace procstat::proc;

namespace {
Root fixture_root() {
    auto r = Root::open(std::string(PROCSTAT_FIXTURES) + "/proc/root");
    REQUIRE(r);
    return std::move(*r);
}
}  // namespace

TEST_CASE("list_pids keeps numeric directories only, ascending", "[reader]") {
    Root root = fixture_root();
    ProcReader r(root);
    REQUIRE(r.ok());
    std::vector<int> pids;
    REQUIRE(r.list_pids(pids));
    CHECK(pids == std::vector<int>{1, 42, 77, 300});
    std::vector<int> tids;
    REQUIRE(r.list_tasks(300, tids));
    CHECK(tids == std::vector<int>{300, 301});
}

TEST_CASE("read with only the stat need leaves other sources untouched", "[reader]") {
    Root root = fixture_root();
    ProcReader r(root);
    Process p;
    REQUIRE(r.read(1, -1, need_stat, p));
    CHECK(p.comm == "init");
    CHECK(p.tgid == 1);
    CHECK_FALSE(p.have_status);
    CHECK_FALSE(p.have_cmdline);
    CHECK(p.cmdline.empty());
    CHECK_FALSE(p.rchar.has_value());
    CHECK(p.vm_rss == 0);
}

TEST_CASE("read with every need fills every source", "[reader]") {
    Root root = fixture_root();
    ProcReader r(root);
    Process p;
    REQUIRE(r.read(1, -1, 0xffffffffu, p));
    CHECK(p.have_status);
    CHECK(p.groups == "0 4 27");
    CHECK(p.vm_rss == 2000);
    CHECK(p.statm_size == 2560);
    CHECK(p.cmdline == std::string("/sbin/init\0splash\0", 18));
    CHECK(p.rchar == 100u);
    CHECK(p.autogroup_id == 5);
}

TEST_CASE("the resident set alone comes from statm, or from status when statm is missing", "[reader]") {
    Root root = fixture_root();
    ProcReader r(root);
    Process p;
    // proc/1: statm has 500 resident pages (2000 KiB with 4 KiB pages), status is not opened
    REQUIRE(r.read(1, -1, need_stat | need_rss, p));
    CHECK(p.vm_rss == 500 * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024);
    CHECK_FALSE(p.have_status);
    // with status read anyway, VmRSS is taken from it and statm is not needed
    REQUIRE(r.read(1, -1, need_stat | need_status | need_rss, p));
    CHECK(p.vm_rss == 2000);
    CHECK(p.statm_size == 0);
    // proc/300 has no statm: status is read instead
    REQUIRE(r.read(300, -1, need_stat | need_rss, p));
    CHECK(p.have_status);
    CHECK(p.vm_lck == 4);
}

TEST_CASE("the effective ids alone: owner of the live PID directory, status elsewhere", "[reader]") {
    {
        // a copied tree: its directory owners mean nothing, status is read
        Root root = fixture_root();
        ProcReader r(root);
        Process p;
        REQUIRE(r.read(42, -1, need_stat | need_euid, p));
        CHECK(p.have_status);
        CHECK(p.euid == 1001);
    }
    {
        // the live /proc: no status, the ids of this process
        Root root;
        ProcReader r(root);
        REQUIRE(r.ok());
        Process p;
        REQUIRE(r.read(static_cast<int>(::getpid()), -1, need_stat | need_euid, p));
        CHECK_FALSE(p.have_status);
        CHECK(p.euid == static_cast<std::uint32_t>(::geteuid()));
        CHECK(p.egid == static_cast<std::uint32_t>(::getegid()));
    }
}

TEST_CASE("VmLck alone: status for tasks with memory, kernel threads read stat only", "[reader]") {
    {
        // a copied tree is always read: its flags and states are not trusted
        Root root = fixture_root();
        ProcReader r(root);
        Process p;
        REQUIRE(r.read(300, -1, need_stat | need_vmlck, p));
        CHECK(p.have_status);
        CHECK(p.vm_lck == 4);
    }
    Root root;
    ProcReader r(root);
    REQUIRE(r.ok());
    Process p;
    // this process, with 64 KiB locked: status is read and shows it (the raw system call, as
    // the sanitizers' mlock interceptor does nothing)
    alignas(65536) static char page[65536];
    page[0] = 1;
    if (::syscall(SYS_mlock, page, sizeof page) == 0) {
        REQUIRE(r.read(static_cast<int>(::getpid()), -1, need_stat | need_vmlck | need_rss, p));
        CHECK(p.have_status);
        CHECK(p.vm_lck >= 64);
        CHECK(p.vm_rss > 0);
        ::syscall(SYS_munlock, page, sizeof page);
    } else {
        WARN("mlock refused here; the locked-page check is left to the compat cases");
    }
    // kthreadd (PID 2) where /proc shows the host's kernel threads: neither status nor statm
    if (r.read(2, -1, need_stat, p) && (p.flags & pf_kthread)) {
        REQUIRE(r.read(2, -1, need_stat | need_vmlck | need_rss, p));
        CHECK_FALSE(p.have_status);
        CHECK(p.vm_lck == 0);
        CHECK(p.vm_rss == 0);
        // any other status key still reads it
        REQUIRE(r.read(2, -1, need_stat | need_vmlck | need_status, p));
        CHECK(p.have_status);
        // no mm: an empty command line and zero statm, as the kernel would give
        REQUIRE(r.read(2, -1, need_stat | need_cmdline | need_statm, p));
        CHECK(p.have_cmdline);
        CHECK(p.cmdline.empty());
        CHECK(p.statm_size == 0);
        CHECK(p.statm_resident == 0);
    } else {
        WARN("no kernel thread at PID 2 here");
    }
}

TEST_CASE("hostile comm, vanished pid and reuse of the record", "[reader]") {
    Root root = fixture_root();
    ProcReader r(root);
    Process p;
    REQUIRE(r.read(42, -1, need_stat | need_status | need_cmdline, p));
    CHECK(p.comm == "a) b\n) c");
    CHECK(p.state == 'Z');
    CHECK(p.euid == 1001);
    CHECK(p.fgid == 103);
    CHECK(p.cmdline.empty());
    // 77 has no stat: it vanished. 99999 does not exist at all.
    auto s = r.read(77, -1, need_stat, p);
    CHECK_FALSE(s);
    CHECK(s.code == Errc::vanished);
    CHECK_FALSE(r.read(99999, -1, need_stat, p));
    // the record is reset between reads
    REQUIRE(r.read(300, -1, need_stat, p));
    CHECK(p.comm == "worker");
    CHECK(p.euid == 0);
}

TEST_CASE("threads are read from task/TID with the process as tgid", "[reader]") {
    Root root = fixture_root();
    ProcReader r(root);
    Process t;
    REQUIRE(r.read(300, 301, need_stat, t));
    CHECK(t.tid == 301);
    CHECK(t.tgid == 300);
    CHECK(t.comm == "worker-2");
    CHECK(t.state == 'R');
}

TEST_CASE("read_system_info reads uptime, btime and MemTotal", "[reader]") {
    Root root = fixture_root();
    SystemInfo si = read_system_info(root);
    CHECK(si.uptime == Approx(12345.67));
    CHECK(si.boot_time == 1700000000u);
    CHECK(si.mem_total_kb == 8000000u);
    CHECK(si.hertz > 0);
}

TEST_CASE("a root without proc is reported, not crashed on", "[reader]") {
    auto r = Root::open(std::string(PROCSTAT_FIXTURES) + "/proc");
    REQUIRE(r);
    ProcReader reader(*r);
    CHECK_FALSE(reader.ok());
    std::vector<int> pids;
    CHECK_FALSE(reader.list_pids(pids));
    Process p;
    CHECK_FALSE(reader.read(1, -1, need_stat, p));
}

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

TEST_CASE("files larger than one read buffer are read whole", "[reader]") {
    char tmpl[] = "/tmp/procstat-unit-proc-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    std::string dir = tmpl;
    ::mkdir((dir + "/proc").c_str(), 0755);
    ::mkdir((dir + "/proc/5").c_str(), 0755);
    {
        std::ofstream(dir + "/proc/5/stat") << "5 (big) S 1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 10 100 1 0\n";
        std::ofstream st(dir + "/proc/5/status");
        for (int i = 0; i < 400; ++i) st << "Filler" << i << ":\tsome text to pass the first read buffer\n";
        st << "Uid:\t7\t8\t9\t10\nVmRSS:\t 123 kB\n";
    }
    {
        auto r = Root::open(dir);
        REQUIRE(r);
        ProcReader reader(*r);
        Process p;
        REQUIRE(reader.read(5, -1, need_stat | need_status, p));
        CHECK(p.euid == 8);
        CHECK(p.vm_rss == 123);
    }
    for (const char* f : {"/proc/5/stat", "/proc/5/status"}) ::unlink((dir + f).c_str());
    for (const char* d : {"/proc/5", "/proc", ""}) ::rmdir((dir + d).c_str());
}

TEST_CASE("a damaged uptime is clamped so elapsed times stay convertible to integers", "[reader]") {
    char tmpl[] = "/tmp/procstat-unit-uptime-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    std::string dir = tmpl;
    ::mkdir((dir + "/proc").c_str(), 0755);
    struct Want {
        const char* text;
        double uptime;
    };
    for (const Want& w : {Want{"18446744073709551615.18446744073709551615 1.0\n", 9007199254740992.0},
                          Want{"inf 1\n", 9007199254740992.0}, Want{"-5.5 1\n", 0.0}, Want{"nan 1\n", 0.0},
                          Want{"garbage\n", 0.0}, Want{"42.25 7\n", 42.25}}) {
        std::ofstream(dir + "/proc/uptime") << w.text;
        auto r = Root::open(dir);
        REQUIRE(r);
        CHECK(read_system_info(*r).uptime == w.uptime);
    }
    ::unlink((dir + "/proc/uptime").c_str());
    for (const char* d : {"/proc", ""}) ::rmdir((dir + d).c_str());
}
