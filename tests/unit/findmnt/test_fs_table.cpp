// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of findmnt's table parser, option-string helpers and mount tree on hand-written
// and hostile input.
#include <catch2/catch.hpp>

#include <string>

#include "procstat/findmnt/columns.hpp"
#include "procstat/findmnt/fs_table.hpp"

using namespace procstat::findmnt;

namespace {

std::vector<std::string> targets(const std::vector<FsEntry>& es, const std::vector<TreeLine>& ls) {
    std::vector<std::string> out;
    for (const auto& l : ls) out.push_back(std::to_string(l.parent_line) + ":" + es[l.entry].target);
    return out;
}

const std::function<bool(std::size_t)> all = [](std::size_t) { return true; };

}  // namespace

TEST_CASE("mountinfo lines with escapes, optional fields and an empty source", "[findmnt][parse]") {
    auto t = parse_tab(
        "36 35 98:0 /mnt1 /mnt\\0402 rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n"
        "37 36 0:5 / /x rw -  tmpfs  rw\n"
        "38 36 0:6 / /y rw - tmpfs  rw,size=1k\n");
    REQUIRE(t.format == TabFormat::mountinfo);
    REQUIRE(t.entries.size() == 3);
    const auto& e = t.entries[0];
    CHECK(e.kernel);
    CHECK(e.id == 36);
    CHECK(e.parent == 35);
    CHECK(e.major == 98);
    CHECK(e.root == "/mnt1");
    CHECK(e.target == "/mnt 2");
    CHECK(e.opt_fields == "master:1 shared:2");
    CHECK(e.fstype == "ext3");
    CHECK(e.source == "/dev/root");
    CHECK(e.options == std::optional<std::string>("rw,noatime,errors=continue"));
    CHECK(propagation(e.opt_fields) == "shared,slave");
    // "tmpfs  rw": two blanks after the type mean an empty source
    CHECK(t.entries[2].source.empty());
    CHECK(t.entries[2].fs_options == "rw,size=1k");
}

TEST_CASE("malformed mountinfo lines are reported by line number", "[findmnt][parse]") {
    auto t = parse_tab(
        "# comment\n\n1 0 0:1 / / rw - ext4 /dev/a rw\n2 1 0:2 / /b rw ext4 x rw\n"
        "3 1 0:3 / /c rw - tmpfs\nx y\n4a 1 0:1 / /d rw - tmpfs t rw\n5 1 0:5 / /e rw - tmpfs t rw");
    CHECK(t.entries.size() == 2);
    CHECK(t.bad_lines == std::vector<std::size_t>{4, 5, 6, 7});
    CHECK(t.entries.back().target == "/e");  // no final newline
}

TEST_CASE("fstab lines: optional options, freq and passno, tags and bad numbers", "[findmnt][parse]") {
    auto t = parse_tab(
        "UUID=abc / ext4 defaults,noatime,x-a=1,user,data=ordered 1 2\n"
        "/dev/b /b xfs\n/dev/c /c\n/dev/d /d ext4 rw x\n/dev/e /e ext4 rw 3 y\n"
        "  /dev/f\t/f  ext4  rw  0 \n/dev/g /g\\040h ext4 rw 1 2 3\n");
    REQUIRE(t.format == TabFormat::fstab);
    CHECK(t.bad_lines == std::vector<std::size_t>{3, 4, 5});
    REQUIRE(t.entries.size() == 4);
    CHECK(is_tag(t.entries[0].source));
    CHECK(t.entries[0].vfs_options == "noatime");
    CHECK(t.entries[0].fs_options == "data=ordered");
    CHECK(t.entries[0].user_options == "x-a=1,user");
    CHECK(t.entries[0].passno == 2);
    CHECK(!t.entries[1].options);
    CHECK(t.entries[3].target == "/g h");
}

TEST_CASE("hostile table text does not crash", "[findmnt][parse]") {
    std::string s(200000, 'x');
    s += "\n\x01\x02\xff - - -\n";
    s += std::string(1000, ' ') + "1 1\n";
    s.push_back('\0');
    s += "1 0 0:0 \\777\\ / rw - t s o\n";
    auto t = parse_tab(s);
    CHECK(t.entries.size() <= 1);
    CHECK(unmangle("\\777\\12\\") == std::string("\xff\\12\\"));
}

TEST_CASE("option merging, lookup and matching as libmount", "[findmnt][options]") {
    CHECK(merge_options("rw,relatime", "rw,size=4k") == "rw,relatime,size=4k");
    CHECK(merge_options("ro,relatime", "rw") == "ro,relatime");
    CHECK(merge_options("rw", "rw,ro") == "rw,ro");
    CHECK(merge_options("rw", "rw") == "rw");
    CHECK(get_option("a,b=1,c=\"x,y\"", "c") == std::optional<std::string>("\"x,y\""));
    CHECK(!get_option("a,b", "x"));
    std::optional<std::string> o = std::string("rw,noatime,size=10k");
    CHECK(match_options(o, "rw"));
    CHECK(match_options(o, "+noatime,size=10k"));
    CHECK(!match_options(o, "size=11k"));
    CHECK(!match_options(o, "nosize"));
    CHECK(match_options(o, "noexec"));
    CHECK(!match_options(std::nullopt, "rw"));
    CHECK(match_fstype("ext4", "ext4,xfs"));
    CHECK(match_fstype("EXT4", "xfs,ext4"));
    CHECK(!match_fstype("ext4", "noext4,xfs"));
    CHECK(match_fstype("btrfs", "noext4,xfs"));
    CHECK(!match_fstype("ext4", "ext"));
    CHECK(is_pseudofs("proc"));
    CHECK(is_pseudofs("fuse.lxcfs"));
    CHECK(!is_pseudofs("PROC"));
    CHECK(is_netfs("nfs4"));
}

TEST_CASE("tree: root from lowest parent id, children by id, orphans after", "[findmnt][tree]") {
    auto t = parse_tab(
        "22 27 0:1 / /proc rw - proc proc rw\n"
        "24 27 0:1 / /dev rw - devtmpfs d rw\n"
        "26 24 0:1 / /dev/pts rw - devpts d rw\n"
        "25 24 0:1 / /dev/shm rw - tmpfs d rw\n"
        "23 27 0:1 / /sys rw - sysfs d rw\n");
    auto lines = build_tree(t.entries, all);
    CHECK(targets(t.entries, lines) ==
          std::vector<std::string>{"-1:/dev", "0:/dev/shm", "0:/dev/pts", "-1:/proc", "-1:/sys"});
    // filtered entries keep their children under the nearest shown ancestor
    auto only_pts = build_tree(t.entries, [&](std::size_t i) { return t.entries[i].fstype != "devtmpfs"; });
    CHECK(targets(t.entries, only_pts) ==
          std::vector<std::string>{"-1:/dev/shm", "-1:/dev/pts", "-1:/proc", "-1:/sys"});
}

TEST_CASE("tree: cycles and self parents end", "[findmnt][tree]") {
    auto t = parse_tab("1 2 0:1 / /a rw - t a rw\n2 1 0:1 / /b rw - t b rw\n3 3 0:1 / /c rw - t c rw\n");
    auto lines = build_tree(t.entries, all);
    CHECK(lines.size() == 3);
    auto sub = build_subtrees(t.entries, {0, 1}, true);
    CHECK(sub.size() == 2);
}

TEST_CASE("uniq keeps the later duplicate and its place in the tree", "[findmnt][tree]") {
    auto t = parse_tab("1 0 0:1 / / rw - t a rw\n2 1 0:1 / /x rw - t b rw\n3 2 0:1 / /x rw - t c rw\n"
                       "4 2 0:1 / /x/y rw - t d rw\n");
    uniq_by_target(t.entries, [](const FsEntry& a, const FsEntry& b) { return a.target == b.target; });
    REQUIRE(t.entries.size() == 3);
    CHECK(t.entries[1].source == "c");
    CHECK(t.entries[1].parent == 1);
    CHECK(t.entries[2].parent == 3);
    CHECK(!over_mount(t.entries, 1));
}

TEST_CASE("column registry: names unique, lookup case-insensitive, help present", "[findmnt][columns]") {
    const auto& cols = all_columns();
    CHECK(cols.size() == 27);
    for (const auto& c : cols) {
        CHECK(!c.help.empty());
        CHECK(column_by_name(c.name) == c.id);
    }
    CHECK(column_by_name("maj:min") == Col::majmin);
    CHECK(!column_by_name("TARGET,"));
    FsEntry fs;
    fs.kernel = true;
    fs.major = 8;
    fs.minor = 1;
    fs.root = "/sub";
    fs.source = "/dev/sda1";
    CellContext ctx;
    CHECK(cell_text(Col::majmin, fs, ctx) == "  8:1  ");
    ctx.plain_majmin = true;
    CHECK(cell_text(Col::majmin, fs, ctx) == "8:1");
    CHECK(cell_text(Col::source, fs, ctx) == "/dev/sda1[/sub]");
    ctx.nofsroot = true;
    CHECK(cell_text(Col::source, fs, ctx) == "/dev/sda1");
    CHECK(cell_text(Col::id, fs, ctx).empty());  // id 0
    ctx.usage = [](const std::string&) { return std::optional<FsUsage>(FsUsage{4096, 1000, 250, 200}); };
    CHECK(cell_text(Col::size, fs, ctx) == "3.9M");
    CHECK(cell_text(Col::useperc, fs, ctx) == "75%");
    ctx.bytes = true;
    CHECK(cell_text(Col::used, fs, ctx) == "3072000");
}
