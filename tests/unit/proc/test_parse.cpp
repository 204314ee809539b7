// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the /proc/PID parsers: stat (hostile comm), status, statm, io, smaps, autogroup, ns.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "procstat/proc/parse.hpp"

using namespace procstat::proc;

namespace {
std::string stat_line(const std::string& comm, const char* rest = "S 1 2 3 34816 5 4194560 10 11 12 13 14 15 16 17 20 -5 3 0 900 4096 7 100 1 2 3 4 5 6 7 8 9 10 11 12 13 1 2 3 6") {
    return "123 (" + comm + ") " + rest + "\n";
}
}  // namespace

TEST_CASE("parse_stat reads every field after the last ')'", "[stat]") {
    Process p;
    REQUIRE(parse_stat(stat_line("sleep"), p));
    CHECK(p.tid == 123);
    CHECK(p.comm == "sleep");
    CHECK(p.state == 'S');
    CHECK(p.ppid == 1);
    CHECK(p.pgrp == 2);
    CHECK(p.session == 3);
    CHECK(p.tty_nr == 34816);
    CHECK(p.tpgid == 5);
    CHECK(p.flags == 4194560);
    CHECK(p.minflt == 10);
    CHECK(p.cmajflt == 13);
    CHECK(p.utime == 14);
    CHECK(p.stime == 15);
    CHECK(p.cutime == 16);
    CHECK(p.cstime == 17);
    CHECK(p.priority == 20);
    CHECK(p.nice == -5);
    CHECK(p.num_threads == 3);
    CHECK(p.starttime == 900);
    CHECK(p.vsize == 4096);
    CHECK(p.rss == 7);
    CHECK(p.processor == 1);
    CHECK(p.rt_priority == 2);
    CHECK(p.policy == 3);
}

TEST_CASE("parse_stat keeps hostile comm values intact", "[stat]") {
    const char* comms[] = {"a b", "a)b", ") (", "x\ny)", "))", "(", "", "tab\there", "\xff\xfe", "a) S 1 2 3"};
    for (const char* c : comms) {
        Process p;
        INFO("comm: " << c);
        REQUIRE(parse_stat(stat_line(c), p));
        CHECK(p.comm == c);
        CHECK(p.state == 'S');
        CHECK(p.ppid == 1);
        CHECK(p.policy == 3);
    }
}

TEST_CASE("parse_stat rejects malformed text", "[stat]") {
    Process p;
    CHECK_FALSE(parse_stat("", p));
    CHECK_FALSE(parse_stat("123 sleep S 1 2", p));              // no parentheses
    CHECK_FALSE(parse_stat("123 (sleep S 1 2", p));             // no closing ')'
    CHECK_FALSE(parse_stat("abc (sleep) S 1 2 3", p));          // bad pid
    CHECK_FALSE(parse_stat("123 (sleep) SS 1 2 3", p));         // bad state
    CHECK_FALSE(parse_stat("123 (sleep) S 1 2 x 4", p));        // bad number
    CHECK_FALSE(parse_stat("123 (sleep) S 1 2 3", p));          // truncated before rss
    CHECK_FALSE(parse_stat(")123 (", p));
}

TEST_CASE("parse_stat accepts huge and negative values", "[stat]") {
    Process p;
    REQUIRE(parse_stat(stat_line("big", "R 1 1 1 0 -1 0 0 0 0 0 18446744073709551615 0 -3 0 -100 0 1 0 18446744073709551615 18446744073709551615 -1 0"), p));
    CHECK(p.utime == 18446744073709551615ULL);
    CHECK(p.cutime == -3);
    CHECK(p.priority == -100);
    CHECK(p.starttime == 18446744073709551615ULL);
    CHECK(p.rss == -1);
}

TEST_CASE("parse_stat number edges: signs, overflow, blanks", "[stat]") {
    Process p;
    // a sign alone, '+', a second '-' and 2^64 are not numbers
    CHECK_FALSE(parse_stat(stat_line("x", "S - 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 0"), p));
    CHECK_FALSE(parse_stat(stat_line("x", "S +1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 0"), p));
    CHECK_FALSE(parse_stat(stat_line("x", "S --1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 0"), p));
    CHECK_FALSE(parse_stat(stat_line("x", "S 1 1 1 0 -1 0 0 0 0 0 18446744073709551616 0 0 0 20 0 1 0 1 1 1 0"), p));
    // a signed field takes -2^63 but not 2^63; an unsigned one keeps -2^63 as its bit pattern
    CHECK_FALSE(parse_stat(stat_line("x", "S 1 1 1 0 -1 0 0 0 0 0 0 0 9223372036854775808 0 20 0 1 0 1 1 1 0"), p));
    REQUIRE(parse_stat(stat_line("x", "S 1 1 1 0 -1 0 0 0 0 0 -9223372036854775808 0 -9223372036854775808 0 20 0 1 0 1 1 1 0"), p));
    CHECK(p.utime == 9223372036854775808ULL);
    CHECK(p.cutime == std::numeric_limits<std::int64_t>::min());
    // runs of blanks (tabs, newlines) separate fields as single spaces do
    Process q;
    REQUIRE(parse_stat(stat_line("x", "S\t2  3\n4 0 -1 0 0 0 0 0 7 0 0 0 20 0 1 0 1 1 1 0"), q));
    CHECK(q.ppid == 2);
    CHECK(q.pgrp == 3);
    CHECK(q.session == 4);
    CHECK(q.utime == 7);
}

TEST_CASE("parse_status reads ids, groups, masks and memory", "[status]") {
    Process p;
    REQUIRE(parse_status("Name:\tx) y\nUid:\t1\t2\t3\t4\nGid:\t5\t6\t7\t8\nGroups:\t4 27 \n"
                         "VmSize:\t  1000 kB\nVmLck:\t  8 kB\nVmRSS:\t 300 kB\nVmData:\t 50 kB\nVmStk:\t 4 kB\n"
                         "SigPnd:\t0000000000000100\nShdPnd:\t0000000000000001\nSigBlk:\tfffffffe7ffbfeff\n"
                         "SigIgn:\t0000000000001000\nSigCgt:\t00000001800004ec\n",
                         p));
    CHECK(p.have_status);
    CHECK(p.ruid == 1);
    CHECK(p.euid == 2);
    CHECK(p.suid == 3);
    CHECK(p.fuid == 4);
    CHECK(p.rgid == 5);
    CHECK(p.egid == 6);
    CHECK(p.sgid == 7);
    CHECK(p.fgid == 8);
    CHECK(p.groups == "4 27");
    CHECK(p.vm_size == 1000);
    CHECK(p.vm_lck == 8);
    CHECK(p.vm_rss == 300);
    CHECK(p.vm_data == 50);
    CHECK(p.vm_stk == 4);
    CHECK(p.sigpnd == 0x100);
    CHECK(p.shdpnd == 1);
    CHECK(p.sigblk == 0xfffffffe7ffbfeffULL);
    CHECK(p.sigign == 0x1000);
    CHECK(p.sigcgt == 0x1800004ecULL);
}

TEST_CASE("parse_status: keys in any order, the last of a repeated key before all are seen", "[status]") {
    Process p;
    REQUIRE(parse_status("VmRSS:\t 7 kB\nSigCgt:\t10\nUid:\t9\t9\t9\t9\nVmRSS:\t 8 kB\nU:\tx\nV\nGid:\t1\t2\t3\t4\n", p));
    CHECK(p.euid == 9);
    CHECK(p.egid == 2);
    CHECK(p.vm_rss == 8);
    CHECK(p.sigcgt == 0x10);
}

TEST_CASE("parse_status of a kernel thread or garbage", "[status]") {
    Process p;
    REQUIRE(parse_status("Name:\tkthreadd\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n", p));
    CHECK(p.vm_rss == 0);
    CHECK(p.vm_lck == 0);
    Process q;
    CHECK_FALSE(parse_status("", q));
    CHECK_FALSE(parse_status("garbage without colons\n\n\n", q));
    CHECK_FALSE(q.have_status);
}

TEST_CASE("parse_statm, parse_io, smaps, autogroup, ns links", "[misc]") {
    Process p;
    REQUIRE(parse_statm("2560 500 300 24 0 300 0\n", p));
    CHECK(p.statm_size == 2560);
    CHECK(p.statm_resident == 500);
    CHECK(p.statm_data == 300);
    CHECK_FALSE(parse_statm("1 2 x", p));
    CHECK_FALSE(parse_statm("", p));

    REQUIRE(parse_io("rchar: 100\nwchar: 200\nsyscr: 3\nsyscw: 4\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n", p));
    CHECK(p.rchar == 100u);
    CHECK(p.write_bytes == 8192u);
    CHECK(p.cancelled_write_bytes == 0u);
    Process q;
    CHECK_FALSE(parse_io("nothing here", q));
    CHECK_FALSE(q.rchar.has_value());

    REQUIRE(parse_smaps_rollup("Rss: 1788 kB\nPss: 182 kB\nPss_Anon: 108 kB\nPrivate_Clean: 36 kB\nPrivate_Dirty: 108 kB\n", p));
    CHECK(p.pss == 182u);
    CHECK(p.uss == 144u);

    REQUIRE(parse_autogroup("/autogroup-9 nice 0\n", p));
    CHECK(p.autogroup_id == 9);
    CHECK(p.autogroup_nice == 0);
    CHECK_FALSE(parse_autogroup("/autogroup-x nice 0", p));
    CHECK_FALSE(parse_autogroup("", p));

    CHECK(parse_ns_link("net:[4026531833]") == 4026531833ULL);
    CHECK(parse_ns_link("net:[]") == 0);
    CHECK(parse_ns_link("garbage") == 0);
    CHECK(parse_ns_link("") == 0);
}
