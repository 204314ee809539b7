// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of df's mount selection, file resolution, derived values and the deadline querier.
#include <catch2/catch.hpp>

#include <cerrno>
#include <map>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "procstat/fsusage/df_select.hpp"
#include "procstat/fsusage/fs_usage.hpp"
#include "procstat/mnt/mount_table.hpp"
#include "procstat/units/gnu_size.hpp"

using namespace procstat;
using namespace procstat::fsusage;

namespace {

// A file system world made of strings: stat/statvfs/realpath answers per path.
class FakeOracle : public PathOracle {
public:
    std::map<std::string, ProbeResult> answers;
    std::vector<std::string> asked;
    ProbeResult missing;
    FakeOracle() {
        missing.done = true;
        missing.stat_err = missing.statvfs_err = missing.realpath_err = ENOENT;
    }
    const ProbeResult& probe(const std::string& path, unsigned) override {
        asked.push_back(path);
        auto it = answers.find(path);
        return it == answers.end() ? missing : it->second;
    }
    // A path on device DEV with BLOCKS 1K blocks, half of them free.
    void fs(const std::string& path, std::uint64_t dev, std::uint64_t blocks, mode_t mode = S_IFDIR) {
        ProbeResult r;
        r.done = true;
        r.stat_err = 0;
        r.dev = dev;
        r.mode = mode;
        r.statvfs_err = 0;
        r.usage.block_size = 1024;
        r.usage.blocks = blocks;
        r.usage.bfree = r.usage.bavail = blocks / 2;
        r.usage.files = 100;
        r.usage.ffree = 90;
        r.realpath_err = 0;
        r.realpath = path;
        answers[path] = r;
    }
    void hung(const std::string& path) { answers[path] = ProbeResult{}; }
};

std::vector<DfMount> mounts_of(const char* mountinfo) {
    return df_mounts(mnt::parse_mountinfo(mountinfo));
}

std::vector<std::string> targets(const DfReport& r) {
    std::vector<std::string> t;
    for (const auto& row : r.rows) t.push_back(row.source + "@" + row.target);
    return t;
}

}  // namespace

TEST_CASE("gnulib dummy and remote classification", "[fsusage]") {
    CHECK(is_dummy_fstype("proc"));
    CHECK(is_dummy_fstype("autofs"));
    CHECK(is_dummy_fstype("none"));
    CHECK_FALSE(is_dummy_fstype("tmpfs"));
    CHECK_FALSE(is_dummy_fstype("cgroup2"));  // hidden by the zero-size rule instead
    CHECK(is_remote("server:/export", "nfs4"));
    CHECK(is_remote("//host/share", "cifs"));
    CHECK_FALSE(is_remote("//host/share", "ext4"));
    CHECK(is_remote("x", "afs"));
    CHECK(is_remote("-hosts", "autofs"));
    CHECK_FALSE(is_remote("/dev/sda1", "ext4"));
}

TEST_CASE("df_mounts decodes escapes and device numbers", "[fsusage]") {
    auto m = mounts_of("30 1 8:1 / /mnt/a\\040b rw - ext4 /dev/my\\011dev rw\n"
                       "31 1 0:50 / /mnt/a\\040b rw - tmpfs tmpfs rw\n");
    REQUIRE(m.size() == 2);
    CHECK(m[0].target == "/mnt/a b");
    CHECK(m[0].source == "/dev/my\tdev");
    CHECK(m[0].dev == makedev(8, 1));
    CHECK(m[0].has_overmount);
    CHECK_FALSE(m[1].has_overmount);
}

TEST_CASE("duplicate devices: GNU's preference rules", "[fsusage]") {
    FakeOracle o;
    DfQuery q;
    SECTION("a source with a slash beats a pseudo name") {
        auto m = mounts_of("1 0 0:1 / / rw - ext4 rootfs rw\n"
                           "2 0 0:1 / / rw - ext4 /dev/root rw\n");
        o.fs("/", 1, 1000);
        auto r = df_collect_all(m, q, o);
        CHECK(targets(r) == std::vector<std::string>{"/dev/root@/"});
    }
    SECTION("compat: a later different source on the same mount point replaces, even rootfs") {
        auto m = mounts_of("1 0 0:1 / / rw - ext4 /dev/root rw\n"
                           "2 0 0:1 / / rw - rootfs rootfs rw\n");
        o.fs("/", 1, 1000);
        auto r = df_collect_all(m, q, o);
        CHECK(targets(r) == std::vector<std::string>{"rootfs@/"});
    }
    SECTION("the mount point nearer the root wins, keeping the first position") {
        auto m = mounts_of("1 0 8:1 / /data/deep rw - ext4 /dev/sdb rw\n"
                           "2 0 8:2 / /other rw - ext4 /dev/sdc rw\n"
                           "3 0 8:1 / /d rw - ext4 /dev/sdb rw\n");
        o.fs("/data/deep", 5, 100);
        o.fs("/other", 6, 100);
        o.fs("/d", 5, 100);
        auto r = df_collect_all(m, q, o);
        CHECK(targets(r) == std::vector<std::string>{"/dev/sdb@/d", "/dev/sdc@/other"});
    }
    SECTION("a bind mount of a subdirectory does not win by a shorter path") {
        auto m = mounts_of("1 0 8:1 / /data/deep rw - ext4 /dev/sdb rw\n"
                           "3 0 8:1 /sub /d rw - ext4 /dev/sdb rw\n");
        o.fs("/data/deep", 5, 100);
        o.fs("/d", 5, 100);
        auto r = df_collect_all(m, q, o);
        CHECK(targets(r) == std::vector<std::string>{"/dev/sdb@/data/deep"});
    }
    SECTION("an over-mount with a different source replaces the hidden one") {
        auto m = mounts_of("1 0 0:5 / /m rw - tmpfs under rw\n"
                           "2 0 0:6 / /m rw - tmpfs top rw\n");
        o.fs("/m", 6, 100);  // stat of /m sees the top file system
        auto r = df_collect_all(m, q, o);
        CHECK(targets(r) == std::vector<std::string>{"top@/m"});
    }
    SECTION("-a keeps duplicates but shows an over-mounted entry as unknown") {
        q.show_all = true;
        auto m = mounts_of("1 0 0:5 / /m rw - tmpfs under rw\n"
                           "2 0 0:6 / /m rw - tmpfs top rw\n");
        o.fs("/m", 6, 100);
        auto r = df_collect_all(m, q, o);
        REQUIRE(r.rows.size() == 2);
        CHECK(r.rows[0].fstype == "-");
        CHECK(r.rows[0].usage.blocks == unknown);
        CHECK(r.rows[1].usage.blocks == 100);
    }
    SECTION("remote entries with different sources are kept unless --total") {
        auto m = mounts_of("1 0 0:7 / /n1 rw - nfs srv:/a rw\n"
                           "2 0 0:7 / /n2 rw - nfs srv:/b rw\n");
        o.fs("/n1", 7, 100);
        o.fs("/n2", 7, 100);
        CHECK(df_collect_all(m, q, o).rows.size() == 2);
        q.total = true;
        CHECK(df_collect_all(m, q, o).rows.size() == 1);
        q.total = false;
        q.show_local = true;
        o.asked.clear();
        auto r = df_collect_all(m, q, o);
        CHECK(r.rows.empty());
        CHECK(std::find(o.asked.begin(), o.asked.end(), "/n1") == o.asked.end());  // never touched
    }
}

TEST_CASE("hidden file systems: dummy, zero-size, inaccessible, relative", "[fsusage]") {
    FakeOracle o;
    DfQuery q;
    auto m = mounts_of("1 0 0:1 / /proc rw - proc proc rw\n"
                       "2 0 0:2 / /cg rw - cgroup2 cgroup2 rw\n"
                       "3 0 0:3 / /gone rw - tmpfs t rw\n"
                       "4 0 0:4 / rel rw - tmpfs r rw\n"
                       "5 0 0:5 / /auto rw - autofs systemd-1 rw\n");
    o.fs("/proc", 1, 0);
    o.fs("/cg", 2, 0);
    o.fs("rel", 4, 10);
    auto r = df_collect_all(m, q, o);
    CHECK(r.rows.empty());
    CHECK_FALSE(r.processed);
    CHECK_FALSE(r.failed);
    q.show_all = true;
    r = df_collect_all(m, q, o);
    CHECK(targets(r) == std::vector<std::string>{"proc@/proc", "cgroup2@/cg", "t@/gone", "systemd-1@/auto"});
    CHECK(r.rows[2].fstype == "-");  // ENOENT: placeholder with -a
    CHECK(r.rows[3].usage.blocks == unknown);
    // an autofs mount point with nothing on it is never statfs'd (no automount storm)
    CHECK(std::find(o.asked.begin(), o.asked.end(), "/auto") == o.asked.end());
}

TEST_CASE("statvfs errors other than EACCES/ENOENT are reported", "[fsusage]") {
    FakeOracle o;
    DfQuery q;
    auto m = mounts_of("1 0 0:1 / /bad rw - tmpfs t rw\n");
    o.fs("/bad", 1, 10);
    o.answers["/bad"].statvfs_err = EIO;
    auto r = df_collect_all(m, q, o);
    CHECK(r.failed);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].err == EIO);
    CHECK(r.messages[0].path == "/bad");
}

TEST_CASE("a mount that does not answer is reported once and left out", "[fsusage]") {
    FakeOracle o;
    DfQuery q;
    auto m = mounts_of("1 0 0:1 / /a rw - tmpfs a rw\n"
                       "2 0 0:2 / /hang rw - fuse.x h rw\n"
                       "3 0 0:3 / /b rw - tmpfs b rw\n");
    o.fs("/a", 1, 10);
    o.hung("/hang");
    o.fs("/b", 3, 10);
    auto r = df_collect_all(m, q, o);
    CHECK(targets(r) == std::vector<std::string>{"a@/a", "b@/b"});
    CHECK(r.failed);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].kind == DfMessageKind::not_responding);
    CHECK(r.messages[0].path == "/hang");
}

TEST_CASE("file arguments resolve to the longest mount point prefix", "[fsusage]") {
    FakeOracle o;
    DfQuery q;
    auto m = mounts_of("1 0 8:1 / / rw - ext4 /dev/sda rw\n"
                       "2 1 0:9 / /mnt rw - tmpfs t rw\n"
                       "3 2 0:10 / /mnt/x rw - tmpfs u rw\n"
                       "4 2 0:11 / /mnt/x rw - tmpfs v rw\n");
    o.fs("/", 1, 1000);
    o.fs("/mnt", 9, 10);
    o.fs("/mnt/x", 11, 30);
    o.fs("/mnt/x/file", 11, 30, S_IFREG);
    o.fs("/mnt/xy", 9, 10, S_IFREG);
    auto r = df_collect_files(m, {"/mnt/x/file", "/mnt/xy", "/missing"}, q, o);
    CHECK(targets(r) == std::vector<std::string>{"v@/mnt/x", "t@/mnt"});
    CHECK(r.rows[0].file == "/mnt/x/file");
    CHECK(r.failed);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].path == "/missing");
    CHECK(r.messages[0].err == ENOENT);
}

TEST_CASE("device arguments: mounted, and eclipsed by an over-mount", "[fsusage]") {
    FakeOracle o;
    DfQuery q;
    auto m = mounts_of("1 0 8:1 / / rw - ext4 /dev/sda rw\n"
                       "2 1 7:0 / /img rw - ext4 /dev/loop0 rw\n"
                       "3 1 7:1 / /hidden rw - ext4 /dev/loop1 rw\n"
                       "4 1 0:12 / /hidden rw - tmpfs t rw\n");
    o.fs("/", 1, 1000);
    o.fs("/img", 0x700, 50);
    o.fs("/hidden", 12, 5);
    o.fs("/dev/loop0", 5, 0, S_IFBLK);
    o.fs("/dev/loop1", 5, 0, S_IFBLK);
    auto r = df_collect_files(m, {"/dev/loop0", "/dev/loop1"}, q, o);
    CHECK(targets(r) == std::vector<std::string>{"/dev/loop0@/img"});
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].kind == DfMessageKind::overmounted);
    CHECK(r.failed);
}

TEST_CASE("Use% is rounded up, '-' when undefined", "[fsusage]") {
    FsUsage u;
    u.block_size = 1024;
    u.blocks = 1000;
    u.bfree = 700;
    u.bavail = 650;
    auto v = block_values(u, 1024);
    CHECK(v.used == 300);
    CHECK(used_percent(v) == 32);  // 300*100/950 = 31.6 -> 32
    u.blocks = u.bfree = u.bavail = 0;
    CHECK(used_percent(block_values(u, 1024)) == -1);
    u.blocks = 3;
    u.bfree = u.bavail = 2;
    CHECK(used_percent(block_values(u, 1024)) == 34);
    // more free than total (negative used) goes through the floating point path
    u.blocks = 10;
    u.bfree = 20;
    u.bavail = 20;
    v = block_values(u, 1024);
    CHECK(v.negate_used);
    CHECK(df_readable(v.negate_used, v.used, 0, 1024, 1024) == "-10");
    CHECK(used_percent(v) == -100);  // shown as "-" by the tool (negative)
    // huge counts do not overflow
    u.blocks = UINT64_MAX / 2;
    u.bfree = u.bavail = 0;
    CHECK(used_percent(block_values(u, 1)) == 100);
}

TEST_CASE("df_readable: unknown, plain and human", "[fsusage]") {
    CHECK(df_readable(false, unknown, 0, 1, 1) == "-");
    CHECK(df_readable(false, UINT64_MAX - 1, 0, 1, 1) == "-");
    CHECK(df_readable(false, 1000, 0, 1024, 1024) == "1000");
    CHECK(df_readable(false, 1000, 0, 4096, 1024) == "4000");
    CHECK(df_readable(false, 3, 0, 512, 1024) == "2");  // 1.5 rounded up
    CHECK(df_readable(false, 1536, units::human_autoscale | units::human_SI | units::human_base_1024,
                      1024, 1) == "1.5M");
}

TEST_CASE("grand total adds bytes and skips unknown values", "[fsusage]") {
    DfQuery q;
    q.total = true;
    DfReport r;
    r.processed = true;
    DfRow a;
    a.source = "a";
    a.usage = {4096, 10, 5, 4, false, 100, 50};
    DfRow b;
    b.source = "b";
    b.usage.block_size = b.usage.blocks = b.usage.bfree = b.usage.bavail = unknown;
    b.usage.files = b.usage.ffree = unknown;
    DfRow c;
    c.source = "c";
    c.usage = {512, 8, 8, 8, false, 0, 0};
    r.rows = {a, b, c};
    df_add_total(r, q, true);
    REQUIRE(r.rows.size() == 4);
    const DfRow& t = r.rows.back();
    CHECK(t.is_total);
    CHECK(t.source == "total");
    CHECK(t.target == "-");
    CHECK(t.usage.block_size == 1);
    CHECK(t.usage.blocks == 10 * 4096 + 8 * 512);
    CHECK(t.usage.bavail == 4 * 4096 + 8 * 512);
    CHECK(t.usage.files == 100);
    DfReport r2;
    r2.processed = true;
    r2.rows = {a};
    df_add_total(r2, q, false);
    CHECK(r2.rows.back().target == "total");
}

TEST_CASE("quote_shell quotes only when needed", "[fsusage]") {
    CHECK(quote_shell("/mnt/plain-name_1.x") == "/mnt/plain-name_1.x");
    CHECK(quote_shell("a b") == "'a b'");
    CHECK(quote_shell("it's") == "\"it's\"");
    CHECK(quote_shell("it's $x") == "'it'\\''s $x'");
    CHECK(quote_shell("a\nb") == "'a'$'\\n''b'");
    CHECK(quote_shell("") == "''");
}

TEST_CASE("probe_all answers in job order and bounds the wait", "[fsusage]") {
    std::vector<ProbeJob> jobs = {{"/", probe_stat | probe_statvfs | probe_realpath},
                                  {"/definitely/not/here", probe_stat | probe_statvfs},
                                  {"/proc/self/..", probe_realpath}};
    auto res = probe_all(jobs, std::chrono::milliseconds(10000));
    REQUIRE(res.size() == 3);
    CHECK(res[0].done);
    CHECK(res[0].stat_err == 0);
    CHECK(res[0].statvfs_err == 0);
    CHECK(res[0].usage.block_size > 0);
    CHECK(res[0].realpath == "/");
    CHECK(res[1].done);
    CHECK(res[1].stat_err == ENOENT);
    CHECK(res[1].statvfs_err == ENOENT);
    CHECK(res[1].realpath_err == -1);  // not asked
    CHECK(res[2].realpath == "/proc");
    CHECK(probe_all({}, std::chrono::milliseconds(1)).empty());
}

TEST_CASE("hostile mount tables: malformed lines skipped, huge counts kept", "[fsusage]") {
    auto m = mounts_of("garbage\n"
                       "1 0 8:1 / /ok rw - ext4 /dev/sda rw\n"
                       "2 0 8:x / /baddev rw - ext4 /dev/sdb rw\n"
                       "3 0 8:3 / /no-separator rw ext4 /dev/sdc rw\n"
                       "4 0 4095:1048575 / /big\\012line rw - xfs /dev/\\134x rw\n");
    REQUIRE(m.size() == 2);
    CHECK(m[0].target == "/ok");
    CHECK(m[1].target == "/big\nline");
    CHECK(m[1].source == "/dev/\\x");
    CHECK(m[1].dev == makedev(4095, 1048575));
    FsUsage u;
    u.block_size = 4096;
    u.blocks = (std::uint64_t{1} << 40) + 7;  // far beyond 32 bits
    u.bfree = u.bavail = std::uint64_t{1} << 39;
    auto v = block_values(u, 1024);
    CHECK(df_readable(false, v.total, 0, v.input_units, v.output_units) == "4398046511132");
    CHECK(used_percent(v) == 51);  // just above half: rounded up
}

TEST_CASE("grand total with a negative available count", "[fsusage]") {
    DfQuery q;
    q.total = true;
    DfReport r;
    r.processed = true;
    DfRow a;
    a.usage = {1024, 100, 10, static_cast<std::uint64_t>(-5), true, 0, 0};  // bavail = -5
    DfRow b;
    b.usage = {1024, 100, 10, 2, false, 0, 0};
    r.rows = {a, b};
    df_add_total(r, q, true);
    const FsUsage& t = r.rows.back().usage;
    CHECK(t.bavail_negative);
    CHECK(t.bavail == static_cast<std::uint64_t>(-3 * 1024));
    auto v = block_values(t, 1024);
    CHECK(v.negate_available);
    CHECK(df_readable(v.negate_available, v.available, 0, v.input_units, v.output_units) == "-3");
}

TEST_CASE("zero-size total is hidden like any zero-size row", "[fsusage]") {
    DfQuery q;
    q.total = true;
    DfReport r;
    r.processed = true;
    DfRow a;
    a.usage = {4096, 0, 0, 0, false, 0, 0};
    r.rows = {a};
    df_add_total(r, q, true);
    CHECK(r.rows.size() == 1);
    r.listed = true;  // file arguments show zero-size rows, and so the total
    df_add_total(r, q, true);
    CHECK(r.rows.size() == 2);
}
