// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the --sysroot statvfs stand-in and of df's selection on the fixture root1.
#include <catch2/catch.hpp>

#include <cerrno>

#include "procstat/core/root.hpp"
#include "procstat/fsusage/df_select.hpp"
#include "procstat/fsusage/oracle.hpp"
#include "procstat/mnt/mount_table.hpp"

using namespace procstat;
using namespace procstat::fsusage;

namespace {

std::vector<std::string> rows_of(const DfReport& r) {
    std::vector<std::string> out;
    for (const auto& row : r.rows) out.push_back(row.source + "@" + row.target);
    return out;
}

struct Fixture {
    Root root;
    std::vector<DfMount> mounts;
    explicit Fixture(Root r) : root(std::move(r)) {
        auto t = mnt::read_mountinfo(root);
        REQUIRE(t);
        mounts = df_mounts(*t);
    }
};

Fixture root1() {
    auto r = Root::open(std::string(PROCSTAT_FIXTURES) + "/df/root1");
    REQUIRE(r);
    return Fixture(std::move(*r));
}

}  // namespace

TEST_CASE("statvfs stand-in lines", "[fsusage]") {
    auto m = parse_statvfs_standin("/a\\040b 4096 10 5 4 100 90 77\n"
                                   "/nodev 512 1 1 1 1 1\n"
                                   "/bad 1 2 3\n"
                                   "/bad2 1 2 3 4 5 6 notanumber\n"
                                   "\n");
    REQUIRE(m.size() == 2);
    const ProbeResult& a = m.at("/a b");
    CHECK(a.done);
    CHECK(a.stat_err == 0);
    CHECK(a.dev == 77);
    CHECK(a.statvfs_err == 0);
    CHECK(a.usage.block_size == 4096);
    CHECK(a.usage.bavail == 4);
    CHECK(m.at("/nodev").stat_err == ENOENT);  // no st_dev column
}

TEST_CASE("fixture root1: GNU's choice of file systems", "[fsusage]") {
    Fixture f = root1();
    // the line without " - " is skipped by the parser
    CHECK(f.mounts.size() == 14);
    SysrootOracle oracle(f.root);
    DfQuery q;
    auto r = df_collect_all(f.mounts, q, oracle);
    CHECK(rows_of(r) == std::vector<std::string>{
                            "/dev/sda1@/",            // beats rootfs (source with '/'), /d is a deeper bind
                            "tmpfs@/run",
                            "space src@/mnt/with space",
                            "nl@/mnt/new\nline",
                            "bs@/mnt/back\\slash",    // no st_dev in the stand-in: mountinfo's is used
                            "top@/over",              // the over-mount's top replaces what it hides
                            "srv:/export@/net",
                        });  // cgroup2 zero-size, proc dummy, autofs dummy, /gone inaccessible
    CHECK_FALSE(r.failed);
    CHECK(r.rows[0].usage.blocks == 1000000);

    q.show_local = true;
    r = df_collect_all(f.mounts, q, oracle);
    CHECK(rows_of(r).back() == "top@/over");  // the remote /net is gone

    q = DfQuery{};
    q.show_all = true;
    r = df_collect_all(f.mounts, q, oracle);
    CHECK(r.rows.size() == 14);
    // under -a, /over's lower mount shows '-' (its mount point shows another device), and the
    // unreadable /gone and the untouched autofs are placeholders
    for (const auto& row : r.rows) {
        if (row.source == "under" || row.source == "gone" || row.source == "systemd-1") {
            CHECK(row.fstype == "-");
            CHECK(row.usage.blocks == unknown);
        }
    }

    q = DfQuery{};
    q.include_types = {"tmpfs"};
    q.total = true;
    r = df_collect_all(f.mounts, q, oracle);
    df_add_total(r, q, true);
    REQUIRE(r.rows.size() == 6);
    CHECK(r.rows.back().source == "total");
    CHECK(r.rows.back().usage.blocks == 256 * 4096 + 512 * 4096 + 10 * 1024 + 2 * 4096 + 64 * 4096);
}
