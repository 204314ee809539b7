// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the /proc/meminfo parser, reader and derived values (procps-ng 4.0.2 rules).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "procstat/core/root.hpp"
#include "procstat/mem/meminfo.hpp"

using namespace procstat;
using namespace procstat::mem;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(PROCSTAT_FIXTURES) + "/meminfo/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

constexpr std::uint64_t u64max = ~std::uint64_t{0};

}  // namespace

TEST_CASE("parse_meminfo reads the fields of an ordinary file", "[meminfo]") {
    MemInfo m = parse_meminfo(fixture("ordinary.meminfo"));
    CHECK(m.MemTotal == 16303428);
    CHECK(m.MemFree == 2131840);
    CHECK(m.MemAvailable == 9871236);
    CHECK(m.has_mem_available);
    CHECK(m.Buffers == 412300);
    CHECK(m.Cached == 7012744);  // not SwapCached, not Cached of another line
    CHECK(m.SReclaimable == 601824);
    CHECK(m.Shmem == 905132);
    CHECK(m.SwapTotal == 8388604);
    CHECK(m.SwapFree == 8101116);
    CHECK(m.CommitLimit == 16540316);
    CHECK(m.Committed_AS == 15233140);
    CHECK(m.LowTotal == 0);
    CHECK(m.HighTotal == 0);
}

TEST_CASE("old kernels: no MemAvailable, highmem fields", "[meminfo]") {
    MemInfo m = parse_meminfo(fixture("old_kernel.meminfo"));
    CHECK_FALSE(m.has_mem_available);
    CHECK(m.MemAvailable == 0);
    CHECK(available(m) == m.MemFree);
    CHECK(used(m) == 2074856 - 314480);
    CHECK(low_total(m) == 895776);
    CHECK(low_free(m) == 228336);
    CHECK(low_used(m) == 895776 - 228336);
    CHECK(high_used(m) == 1179080 - 86144);
}

TEST_CASE("parse_meminfo follows procps' splitting quirks", "[meminfo][hostile]") {
    SECTION("no blank after the colon, tabs, plus sign, CRLF, value on the next line") {
        MemInfo m = parse_meminfo(fixture("odd_spacing.meminfo"));
        CHECK(m.MemTotal == 8123456);
        CHECK(m.MemFree == 1234567);
        CHECK(m.MemAvailable == 4567890);
        CHECK(m.Buffers == 123456);
        CHECK(m.Cached == 2345678);
        CHECK(m.SwapTotal == 2097148);
        CHECK(m.SwapFree == 0);  // " SwapFree" has a leading blank: not matched
        CHECK(m.Shmem == 45678);
        CHECK(m.SReclaimable == 123456);
    }
    SECTION("a line without ':' swallows the next name; last duplicate wins; NUL ends") {
        MemInfo m = parse_meminfo(fixture("junk.meminfo"));
        CHECK(m.MemTotal == 900000);
        CHECK(m.MemFree == 300000);
        CHECK(m.Buffers == 0);  // preceded by a blank line: the name is "\nBuffers"
        CHECK(m.Cached == 0);   // "Cached:: 5"
        CHECK(m.SwapTotal == 1000);
        CHECK(m.SwapFree == 500);
        CHECK(m.Shmem == 0);  // after the NUL byte
    }
    SECTION("strtoul semantics: saturation and negative wrap") {
        MemInfo m = parse_meminfo(fixture("huge.meminfo"));
        CHECK(m.MemTotal == u64max);
        CHECK(m.MemAvailable == u64max);  // overflow saturates
        CHECK(m.Cached == u64max - 4);    // -5
        CHECK(m.Shmem == 1);              // -(2^64-1) wraps to 1
        CHECK(m.Committed_AS == u64max);
    }
    SECTION("literal inputs") {
        CHECK(parse_meminfo("").MemTotal == 0);
        CHECK(parse_meminfo(":").MemTotal == 0);
        CHECK(parse_meminfo("MemTotal:").MemTotal == 0);
        CHECK(parse_meminfo("MemTotal: 12abc").MemTotal == 12);
        CHECK(parse_meminfo("MemTotal: 0x10 kB").MemTotal == 0);
        CHECK(parse_meminfo("MemTotal : 5 kB\n").MemTotal == 0);
        CHECK(parse_meminfo("memtotal: 5 kB\n").MemTotal == 0);
        CHECK(parse_meminfo("MemTotal: 5 kB MemFree: 3 kB\n").MemFree == 0);
        CHECK(parse_meminfo("MemTotal: \v\f\r 9 kB\n").MemTotal == 9);
        CHECK(parse_meminfo("MemTotal: 18446744073709551616 kB\n").MemTotal == u64max);
        CHECK(parse_meminfo("MemTotal: 18446744073709551615 kB\n").MemTotal == u64max);
        CHECK(parse_meminfo("MemTotal: -0 kB\n").MemTotal == 0);
        CHECK(parse_meminfo(std::string_view("MemTotal: 5\0 kB\nMemFree: 2 kB\n", 28)).MemFree == 0);
        MemInfo m = parse_meminfo("MemTotal:\nMemFree: 10 kB\n");
        CHECK(m.MemTotal == 0);
        CHECK(m.MemFree == 10);
        m = parse_meminfo("MemFree:  \t\n 7 kB\nSwapTotal: 5 kB\n");
        CHECK(m.MemFree == 7);
        CHECK(m.SwapTotal == 0);  // the value's line break ended the line: " 7 kB\nSwapTotal"
        m = parse_meminfo("MemTotal: 5 kB\nMemTotal:\n");
        CHECK(m.MemTotal == 0);
    }
}

TEST_CASE("derived values match procps-ng 4.0.2", "[meminfo][derived]") {
    MemInfo m;
    m.MemTotal = 1000;
    m.MemFree = 300;
    m.Buffers = 10;
    m.Cached = 20;
    m.SReclaimable = 5;
    SECTION("no MemAvailable: MemFree") {
        CHECK(available(m) == 300);
        CHECK(used(m) == 700);
        CHECK(cache(m) == 25);
        CHECK(buff_cache(m) == 35);
    }
    SECTION("MemAvailable above MemTotal: MemFree") {
        m.MemAvailable = 2000;
        CHECK(available(m) == 300);
    }
    SECTION("MemAvailable used when sane") {
        m.MemAvailable = 600;
        CHECK(available(m) == 600);
        CHECK(used(m) == 400);
    }
    SECTION("MemFree above MemTotal: negative used") {
        m.MemFree = 3000;
        m.MemAvailable = 2000;
        CHECK(available(m) == 3000);
        CHECK(static_cast<std::int64_t>(used(m)) == -2000);
        CHECK(low_used(m) == 0);
    }
    SECTION("unsigned wrap: used read as signed falls back to total - free") {
        m.MemTotal = u64max;
        m.MemAvailable = 1;
        m.MemFree = 5;
        CHECK(static_cast<std::int64_t>(used(m)) == -6);
    }
    SECTION("swap, high and low used clamp with unsigned comparisons") {
        m.SwapTotal = 10;
        m.SwapFree = 50;
        CHECK(swap_used(m) == 0);
        m.SwapTotal = u64max;
        m.SwapFree = 1;
        CHECK(swap_used(m) == u64max - 1);
        m.HighTotal = 400;
        m.HighFree = 500;
        CHECK(high_used(m) == 0);
        m.LowTotal = 400;
        m.LowFree = 100;
        CHECK(low_total(m) == 400);
        CHECK(low_used(m) == 300);
    }
    SECTION("commit headroom may be negative") {
        m.CommitLimit = 50;
        m.Committed_AS = 80;
        CHECK(static_cast<std::int64_t>(commit_free(m)) == -30);
    }
}

TEST_CASE("read_meminfo goes through the Root and stops at 8191 bytes", "[meminfo][io]") {
    const std::string dir = std::string(PROCSTAT_FIXTURES) + "/meminfo/cgroup-v2";
    auto root = Root::open(dir);
    REQUIRE(root);
    auto m = read_meminfo(*root);
    REQUIRE(m);
    CHECK(m->MemTotal == 16303428);

    // The truncated fixture: "MemFree: 71234" starts 3 bytes before the limit.
    MemInfo t = parse_meminfo(fixture("truncated.meminfo").substr(0, meminfo_read_limit));
    CHECK(t.MemTotal == 8000000);
    CHECK(t.MemFree == 712);
    CHECK(t.Shmem == 0);

    auto missing = Root::open(std::string(PROCSTAT_FIXTURES) + "/meminfo");
    REQUIRE(missing);
    auto none = read_meminfo(*missing);
    CHECK_FALSE(none);
    CHECK(none.status().code == Errc::vanished);
}

TEST_CASE("read_meminfo refuses FIFOs and directories instead of blocking", "[meminfo][hostile]") {
    std::string tmpl = (std::filesystem::temp_directory_path() / "procstat-unit-mem-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    const std::string dir = tmpl;
    REQUIRE(::mkdir((dir + "/proc").c_str(), 0755) == 0);
    REQUIRE(::mkfifo((dir + "/proc/meminfo").c_str(), 0644) == 0);
    {
        auto root = Root::open(dir);
        REQUIRE(root);
        auto m = read_meminfo(*root);  // would block forever in open() on the FIFO
        CHECK_FALSE(m);
        CHECK(m.status().code == Errc::malformed);
    }
    ::unlink((dir + "/proc/meminfo").c_str());
    REQUIRE(::mkdir((dir + "/proc/meminfo").c_str(), 0755) == 0);
    {
        auto root = Root::open(dir);
        REQUIRE(root);
        CHECK_FALSE(read_meminfo(*root));
    }
    ::rmdir((dir + "/proc/meminfo").c_str());
    ::rmdir((dir + "/proc").c_str());
    ::rmdir(dir.c_str());
}
