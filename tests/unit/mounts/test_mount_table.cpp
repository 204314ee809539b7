// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests for the mountinfo and fstab parsers.
#include <catch2/catch.hpp>

#include "procstat/mnt/mount_table.hpp"

using namespace procstat::mnt;

TEST_CASE("mountinfo: the proc(5) example") {
    auto t = parse_mountinfo("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n");
    REQUIRE(t.entries.size() == 1);
    CHECK(t.bad_lines.empty());
    const auto& e = t.entries[0];
    CHECK(e.id == 36);
    CHECK(e.parent_id == 35);
    CHECK(e.major == 98);
    CHECK(e.minor == 0);
    CHECK(e.root == "/mnt1");
    CHECK(e.target == "/mnt2");
    CHECK(e.vfs_options == "rw,noatime");
    CHECK(e.optional_fields == "master:1");
    CHECK(e.fstype == "ext3");
    CHECK(e.source == "/dev/root");
    CHECK(e.fs_options == "rw,errors=continue");
    CHECK(merged_options(e) == "rw,noatime,errors=continue");
}

TEST_CASE("mountinfo: escapes in source and target, several optional fields") {
    auto t = parse_mountinfo(
        "100 1 0:50 / /mnt/a\\040b\\011c\\012d\\134e rw shared:5 master:2 - tmpfs my\\040src rw,size=4k\n");
    REQUIRE(t.entries.size() == 1);
    CHECK(t.entries[0].target == "/mnt/a b\tc\nd\\e");
    CHECK(t.entries[0].source == "my src");
    CHECK(t.entries[0].optional_fields == "shared:5 master:2");
}

TEST_CASE("mountinfo: malformed lines are skipped and reported") {
    auto t = parse_mountinfo(
        "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
        "2 1 8:2 / /x rw no-separator ext4 /dev/sda2 rw\n"
        "x 1 8:3 / /y rw - ext4 /dev/sda3 rw\n"
        "\n"
        "4 1 8:4 / /z rw - ext4\n");
    REQUIRE(t.entries.size() == 2);
    CHECK(t.entries[0].target == "/");
    CHECK(t.entries[1].target == "/z");
    CHECK(t.entries[1].source.empty());
    CHECK(t.entries[1].line == 5);
    CHECK(t.bad_lines == std::vector<std::size_t>{2, 3});
}

TEST_CASE("fstab: comments, messy whitespace, tags and optional numbers") {
    auto t = parse_fstab(
        "# comment\n"
        "   \n"
        "UUID=abcd  /      ext4 \t errors=remount-ro 0 1\n"
        "LABEL=x\\040y /mnt/my\\040disk vfat defaults\n"
        "/dev/sdb1 /data xfs\n"
        "broken\n");
    REQUIRE(t.entries.size() == 3);
    CHECK(t.entries[0].source == "UUID=abcd");
    CHECK(t.entries[0].passno == 1);
    CHECK(t.entries[1].source == "LABEL=x y");
    CHECK(t.entries[1].target == "/mnt/my disk");
    CHECK(t.entries[1].freq == 0);
    CHECK(t.entries[2].vfs_options.empty());
    CHECK(t.bad_lines == std::vector<std::size_t>{6});
}

TEST_CASE("detect_format tells mountinfo from fstab") {
    CHECK(detect_format("# x\n25 1 0:22 / /sys rw - sysfs sysfs rw\n") == TableFormat::mountinfo);
    CHECK(detect_format("proc /proc proc rw 0 0\n") == TableFormat::fstab);
}
