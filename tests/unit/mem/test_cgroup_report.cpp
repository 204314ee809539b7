// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the cgroup v1/v2 memory reader, its meminfo view, and free's text/JSON report.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "procstat/core/root.hpp"
#include "procstat/mem/cgroup_memory.hpp"
#include "procstat/mem/free_report.hpp"
#include "procstat/mem/meminfo.hpp"

using namespace procstat;
using namespace procstat::mem;

namespace {

std::string fixture_path(const std::string& rel) {
    return std::string(PROCSTAT_FIXTURES) + "/meminfo/" + rel;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool same(const MemInfo& a, const MemInfo& b) {
    return a.MemTotal == b.MemTotal && a.MemFree == b.MemFree && a.MemAvailable == b.MemAvailable &&
           a.Buffers == b.Buffers && a.Cached == b.Cached && a.SReclaimable == b.SReclaimable &&
           a.Shmem == b.Shmem && a.SwapTotal == b.SwapTotal && a.SwapFree == b.SwapFree &&
           a.CommitLimit == b.CommitLimit && a.Committed_AS == b.Committed_AS;
}

}  // namespace

TEST_CASE("parse_proc_cgroup picks the v1 memory controller, else the v2 path", "[cgroup]") {
    auto v2 = parse_proc_cgroup("0::/user.slice/app.scope\n");
    REQUIRE(v2);
    CHECK(v2->first == CgroupVersion::v2);
    CHECK(v2->second == "/user.slice/app.scope");

    auto v1 = parse_proc_cgroup("3:cpu,cpuacct:/a\n4:blkio,memory:/docker/x\n0::/s\n");
    REQUIRE(v1);
    CHECK(v1->first == CgroupVersion::v1);
    CHECK(v1->second == "/docker/x");

    auto colon = parse_proc_cgroup("0::/odd:name\n");
    REQUIRE(colon);
    CHECK(colon->second == "/odd:name");

    CHECK_FALSE(parse_proc_cgroup(""));
    CHECK_FALSE(parse_proc_cgroup("garbage\n1:cpu:/\n"));
    CHECK_FALSE(parse_proc_cgroup("4:memoryx:/a\n"));
}

TEST_CASE("stat_value finds whole keys only", "[cgroup]") {
    const std::string_view stat = "file_mapped 5\nfile 42\nshmem x\n";
    CHECK(stat_value(stat, "file") == 42u);
    CHECK(stat_value(stat, "file_mapped") == 5u);
    CHECK_FALSE(stat_value(stat, "shmem"));
    CHECK_FALSE(stat_value(stat, "anon"));
}

TEST_CASE("cgroup fixture roots give their hand-computed meminfo", "[cgroup]") {
    for (const char* dir : {"cgroup-v2", "cgroup-v1", "cgroup-v2-nolimit", "cgroup-v1-ns", "cgroup-v2-ns"}) {
        INFO(dir);
        auto root = Root::open(fixture_path(dir));
        REQUIRE(root);
        auto host = read_meminfo(*root);
        REQUIRE(host);
        auto cg = read_cgroup_memory(*root);
        REQUIRE(cg);
        CgroupFallback fb;
        MemInfo view = cgroup_view(*host, *cg, fb);
        MemInfo expected = parse_meminfo(slurp(fixture_path(std::string(dir) + "/expected.meminfo")));
        CHECK(same(view, expected));
        const bool limited = std::string_view(dir) == "cgroup-v2" || std::string_view(dir) == "cgroup-v1";
        const bool ns_v2 = std::string_view(dir) == "cgroup-v2-ns";  // memory limited, swap not
        CHECK(fb.memory == !(limited || ns_v2));
        CHECK(fb.swap == !limited);
    }
}

TEST_CASE("cgroup v2 details: ancestor limits and swap", "[cgroup]") {
    auto root = Root::open(fixture_path("cgroup-v2"));
    REQUIRE(root);
    auto cg = read_cgroup_memory(*root);
    REQUIRE(cg);
    CHECK(cg->version == CgroupVersion::v2);
    CHECK(cg->path == "/user.slice/app.scope");
    CHECK(cg->limit == 2147483648u);
    CHECK(cg->swap_limit == 536870912u);  // the parent's smaller memory.swap.max
    CHECK(cg->swap_usage == 104857600u);
    CHECK(cg->usage == 1288491008u);
    CHECK(cg->slab_reclaimable == 16777216u);
}

TEST_CASE("cgroup_view keeps host figures for a limit above MemTotal, clamps usage", "[cgroup][hostile]") {
    MemInfo host;
    host.MemTotal = 1000;
    host.MemFree = 100;
    host.SwapTotal = 50;
    host.SwapFree = 50;
    CgroupMemory cg;
    cg.limit = 2000 * 1024;
    CgroupFallback fb;
    MemInfo v = cgroup_view(host, cg, fb);
    CHECK(fb.memory);
    CHECK(fb.swap);
    CHECK(v.MemTotal == 1000);

    cg.limit = 500 * 1024;
    cg.usage = 900 * 1024;  // usage above the limit (possible transiently)
    cg.file = 10'000 * 1024;
    cg.swap_limit = 100 * 1024;  // above the host's swap
    cg.swap_usage = 70 * 1024;
    v = cgroup_view(host, cg, fb);
    CHECK_FALSE(fb.memory);
    CHECK(v.MemTotal == 500);
    CHECK(v.MemFree == 0);
    CHECK(v.Cached == 500);
    CHECK(available(v) <= v.MemTotal);
    CHECK(v.SwapTotal == 50);
    CHECK(v.SwapFree == 0);
}

TEST_CASE("free_text: procps layout", "[report]") {
    MemInfo m = parse_meminfo(slurp(fixture_path("overcommit.meminfo")));
    FreeLayout layout;
    layout.wide = true;
    layout.lohi = true;
    layout.total = true;
    layout.committed = true;
    CHECK(free_text(m, layout) ==
          "               total        used        free      shared     buffers       cache   available\n"
          "Mem:         1000000      100000     1500000        5000        2000       31000      900000\n"
          "Low:         1000000           0     1500000\n"
          "High:              0           0           0\n"
          "Swap:         500000      400000      100000\n"
          "Total:       1500000      500000     1600000\n"
          "Comm:        1000000     7654321    -6654321\n");
    FreeLayout plain;
    plain.scale.human = true;
    CHECK(free_text(m, plain) ==
          "               total        used        free      shared  buff/cache   available\n"
          "Mem:           976Mi        97Mi       1.4Gi       4.9Mi        32Mi       878Mi\n"
          "Swap:          488Mi       390Mi        97Mi\n");
}

TEST_CASE("free_json: bytes, signed used and comm free, optional records", "[report][json]") {
    MemInfo m = parse_meminfo(slurp(fixture_path("overcommit.meminfo")));
    FreeLayout layout;
    layout.committed = true;
    layout.scale.human = true;  // does not affect JSON
    CHECK(free_json(m, layout) ==
          "{\n"
          "   \"memory\": [\n"
          "      {\n"
          "         \"type\": \"mem\",\n"
          "         \"total\": 1024000000,\n"
          "         \"used\": 102400000,\n"
          "         \"free\": 1536000000,\n"
          "         \"shared\": 5120000,\n"
          "         \"buffers\": 2048000,\n"
          "         \"cache\": 31744000,\n"
          "         \"buff_cache\": 33792000,\n"
          "         \"available\": 921600000\n"
          "      },\n"
          "      {\n"
          "         \"type\": \"swap\",\n"
          "         \"total\": 512000000,\n"
          "         \"used\": 409600000,\n"
          "         \"free\": 102400000\n"
          "      },\n"
          "      {\n"
          "         \"type\": \"comm\",\n"
          "         \"total\": 1024000000,\n"
          "         \"used\": 7838024704,\n"
          "         \"free\": -6814024704\n"
          "      }\n"
          "   ]\n"
          "}\n");

    MemInfo neg;
    neg.MemTotal = 1000;
    neg.MemFree = 3000;
    const std::string j = free_json(neg, FreeLayout{});
    CHECK(j.find("\"used\": -2048000,") != std::string::npos);

    MemInfo huge = parse_meminfo(slurp(fixture_path("huge.meminfo")));
    const std::string h = free_json(huge, FreeLayout{});
    CHECK(h.find("\"total\": 18446744073709551615,") != std::string::npos);  // saturated, not wrapped
}

TEST_CASE("fallback_note says which host figures are shown", "[cgroup]") {
    CHECK(fallback_note("/a", {false, false}).empty());
    CHECK(fallback_note("/a", {true, true}) ==
          "cgroup /a has no memory or swap limit, showing the host's figures");
    CHECK(fallback_note("/a", {true, false}) == "cgroup /a has no memory limit, showing the host's memory");
    CHECK(fallback_note("/", {false, true}) == "cgroup / has no swap limit, showing the host's swap");
}
