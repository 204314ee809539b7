// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the libsmartcols-compatible renderer and util-linux size strings on hand-built tables.
#include <catch2/catch.hpp>

#include <clocale>
#include <cstdint>

#include "procstat/out/smartcols.hpp"
#include "procstat/units/ul_size.hpp"

using namespace procstat::out;
using procstat::units::ul_size_to_human;

namespace {

struct CLocale {
    CLocale() { std::setlocale(LC_ALL, "C"); }
};

Table mount_like() {
    Table t;
    t.name = "filesystems";
    t.columns = {
        {"TARGET", "", Align::left, JsonKind::string, col_tree | col_noextremes, 0.30, 0},
        {"SOURCE", "", Align::left, JsonKind::string, col_noextremes, 0.25, 0},
        {"ID", "", Align::right, JsonKind::number, 0, 2, 0},
    };
    auto add = [&](std::ptrdiff_t parent, std::string tg, std::string src, std::string id) {
        auto& r = t.add_row(parent);
        r.cells[0].text = std::move(tg);
        r.cells[1].text = std::move(src);
        r.cells[2].text = std::move(id);
    };
    add(-1, "/", "/dev/vda", "1");
    add(0, "/proc", "proc", "22");
    add(0, "/sys", "sysfs", "23");
    add(2, "/sys/fs/cgroup", "", "100");
    add(-1, "/orphan", "tmpfs", "7");
    return t;
}

}  // namespace

TEST_CASE("aligned list output pads all but the last column", "[smartcols]") {
    CLocale c;
    Table t = mount_like();
    ScolsOptions o;
    CHECK(render_scols(t, o) ==
          "TARGET         SOURCE    ID\n"
          "/              /dev/vda   1\n"
          "/proc          proc      22\n"
          "/sys           sysfs     23\n"
          "/sys/fs/cgroup          100\n"
          "/orphan        tmpfs      7\n");
}

TEST_CASE("ascii and utf-8 tree art", "[smartcols]") {
    CLocale c;
    Table t = mount_like();
    t.columns.pop_back();
    for (auto& r : t.rows) r.cells.pop_back();
    ScolsOptions o;
    o.tree = true;
    CHECK(render_scols(t, o) ==
          "TARGET             SOURCE\n"
          "/                  /dev/vda\n"
          "|-/proc            proc\n"
          "`-/sys             sysfs\n"
          "  `-/sys/fs/cgroup \n"
          "/orphan            tmpfs\n");
    o.ascii = false;
    o.noheadings = true;
    if (!std::setlocale(LC_ALL, "C.UTF-8")) return;
    CHECK(render_scols(t, o) ==
          "/                  /dev/vda\n"
          "\xe2\x94\x9c\xe2\x94\x80/proc            proc\n"
          "\xe2\x94\x94\xe2\x94\x80/sys             sysfs\n"
          "  \xe2\x94\x94\xe2\x94\x80/sys/fs/cgroup \n"
          "/orphan            tmpfs\n");
}

TEST_CASE("tree with a parent cycle or bad parent index does not loop or lose rows", "[smartcols]") {
    CLocale c;
    Table t;
    t.name = "x";
    t.columns = {{"A", "", Align::left, JsonKind::string, col_tree, 0, 0}};
    t.add_row(1).cells[0].text = "a";
    t.add_row(0).cells[0].text = "b";
    t.add_row(99).cells[0].text = "c";
    ScolsOptions o;
    o.tree = true;
    CHECK(render_scols(t, o) == "A\nc\na\n`-b\n");
    o.mode = ScolsMode::json;
    CHECK(render_scols(t, o) ==
          "{\n   \"x\": [\n      {\n         \"a\": \"c\"\n      },{\n         \"a\": \"a\",\n"
          "         \"children\": [\n            {\n               \"a\": \"b\"\n            }\n"
          "         ]\n      }\n   ]\n}\n");
}

TEST_CASE("raw and pairs escaping", "[smartcols]") {
    CLocale c;
    Table t;
    t.name = "x";
    t.columns = {{"USE%", "", Align::left, JsonKind::string, 0, 0, 0},
                 {"MAJ:MIN", "", Align::left, JsonKind::string, 0, 0, 0}};
    auto& r = t.add_row();
    r.cells[0].text = "a b\\c\"$`\t\xc3\xa9";
    r.cells[1].text = "";
    ScolsOptions o;
    o.mode = ScolsMode::raw;
    CHECK(render_scols(t, o) == "USE% MAJ:MIN\na\\x20b\\x5cc\"$`\\x09\\xc3\\xa9 \n");
    o.noheadings = true;
    CHECK(render_scols(t, o) == "a\\x20b\\x5cc\"$`\\x09\\xc3\\xa9 \n");
    o.mode = ScolsMode::pairs;
    CHECK(render_scols(t, o) == "USE%=\"a b\\x5cc\\x22\\x24\\x60\\x09\\xc3\\xa9\" MAJ:MIN=\"\"\n");
    o.shell_names = true;
    CHECK(render_scols(t, o) == "USE_PCT=\"a b\\x5cc\\x22\\x24\\x60\\x09\\xc3\\xa9\" MAJ_MIN=\"\"\n");
    CHECK(scols_shell_name("1X") == "_1X");
}

TEST_CASE("aligned mode escapes control and non-ASCII bytes in the C locale", "[smartcols]") {
    CLocale c;
    CHECK(scols_safe_encode("a\\b\tc\x7f\xff\xc3\xa9") == "a\\b\\x09c\\x7f\\xff\\xc3\\xa9");
    CHECK(scols_safe_encode("\\x41\\") == "\\x5cx41\\");
    CHECK(scols_json_encode("\"\\\x01\n\x7f\xff/") == "\\\"\\\\\\u0001\\n\x7f\xff/");
}

TEST_CASE("json types, null for empty values, arrays and empty tables", "[smartcols]") {
    CLocale c;
    Table t;
    t.name = "blockdevices";
    t.columns = {{"NAME", "", Align::left, JsonKind::string, 0, 0, 0},
                 {"RM", "", Align::left, JsonKind::boolean, 0, 0, 0},
                 {"SIZE", "", Align::right, JsonKind::number, 0, 0, 0},
                 {"MOUNTPOINTS", "", Align::left, JsonKind::array, col_wrap, 0, 0}};
    ScolsOptions o;
    o.mode = ScolsMode::json;
    CHECK(render_scols(t, o) == "{\n   \"blockdevices\": [\n\n   ]\n}\n");
    auto& r = t.add_row();
    r.cells = {{"sda", {}}, {"0", {}}, {"", {}}, {"", {}}};
    auto& r2 = t.add_row();
    r2.cells = {{"", {}}, {"1", {}}, {"42", {}}, {"/a\n/b", {}}};
    CHECK(render_scols(t, o) ==
          "{\n   \"blockdevices\": [\n"
          "      {\n"
          "         \"name\": \"sda\",\n"
          "         \"rm\": false,\n"
          "         \"size\": null,\n"
          "         \"mountpoints\": [\n"
          "             null\n"
          "         ]\n"
          "      },{\n"
          "         \"name\": null,\n"
          "         \"rm\": true,\n"
          "         \"size\": 42,\n"
          "         \"mountpoints\": [\n"
          "             \"/a\",\n"
          "             \"/b\"\n"
          "         ]\n"
          "      }\n"
          "   ]\n}\n");
}

TEST_CASE("terminal width truncates truncatable columns only", "[smartcols]") {
    CLocale c;
    Table t;
    t.name = "x";
    t.columns = {{"TARGET", "", Align::left, JsonKind::string, col_tree, 0.30, 0},
                 {"OPTIONS", "", Align::left, JsonKind::string, col_trunc, 0.10, 0}};
    auto& r = t.add_row();
    r.cells[0].text = "/mnt";
    r.cells[1].text = "rw,relatime,size=1234k,mode=755";
    ScolsOptions o;
    o.term_width = 20;
    CHECK(render_scols(t, o) == "TARGET OPTIONS\n/mnt   rw,relatime,s\n");
    o.notruncate = true;
    CHECK(render_scols(t, o) == "TARGET OPTIONS\n/mnt   rw,relatime,size=1234k,mode=755\n");
    o.term_width.reset();
    o.notruncate = false;
    CHECK(render_scols(t, o) == "TARGET OPTIONS\n/mnt   rw,relatime,size=1234k,mode=755\n");
}

TEST_CASE("util-linux size strings", "[units][ul_size]") {
    CLocale c;
    CHECK(ul_size_to_human(0) == "0B");
    CHECK(ul_size_to_human(1) == "1B");
    CHECK(ul_size_to_human(1023) == "1023B");
    CHECK(ul_size_to_human(1024) == "1K");
    CHECK(ul_size_to_human(1536) == "1.5K");
    CHECK(ul_size_to_human(1024 * 1024 - 1) == "1024K");
    CHECK(ul_size_to_human(1048576) == "1M");
    CHECK(ul_size_to_human(67108864) == "64M");
    CHECK(ul_size_to_human(20971520) == "20M");
    CHECK(ul_size_to_human(256060514304ULL) == "238.5G");
    CHECK(ul_size_to_human(1100) == "1.1K");
    CHECK(ul_size_to_human(1075) == "1K");
    CHECK(ul_size_to_human(UINT64_MAX) == "16E");
    CHECK(ul_size_to_human(1536, procstat::units::ul_suffix_3letter | procstat::units::ul_suffix_space) ==
          "1.5 KiB");
    CHECK(ul_size_to_human(1500, procstat::units::ul_decimal_2digits) == "1.46K");
}

namespace {

// The shape of lsblk -M over a RAID5 (three members, a partition of its own), a RAID1 whose
// members interleave with it, and a device-mapper device over two disks; rows in lsblk's order
// (sorted top-level rows, so the group children come first). Expected text: util-linux 2.38.1
// lsblk -M -i -o NAME,MOUNTPOINTS on the same devices (tests/fixtures/lsblk/groups).
Table grouped() {
    Table t;
    t.name = "blockdevices";
    t.columns = {
        {"NAME", "", Align::left, JsonKind::string, col_tree | col_noextremes, 0.25, 0},
        {"MOUNTPOINTS", "", Align::left, JsonKind::array, col_trunc | col_wrap, 0.10, 0},
    };
    auto add = [&](std::ptrdiff_t parent, std::string name, std::string mnt, std::ptrdiff_t group,
                   std::ptrdiff_t group_child) {
        auto& r = t.add_row(parent);
        r.cells[0].text = std::move(name);
        r.cells[1].text = std::move(mnt);
        r.group = group;
        r.group_child = group_child;
    };
    add(-1, "md0", "", -1, 10);          // 0
    add(0, "md0p1", "/srv/array", -1, -1);
    add(-1, "md1", "[SWAP]", -1, 20);    // 2
    add(-1, "vg-lv", "", -1, 30);        // 3
    add(-1, "vda", "", -1, -1);          // 4
    add(4, "vda1", "", 10, -1);
    add(4, "vda2", "", 20, -1);
    add(-1, "vdb", "", -1, -1);          // 7
    add(7, "vdb1", "/mnt/b2\n/mnt/b1", 10, -1);
    add(-1, "vdc", "", -1, -1);          // 9
    add(9, "vdc1", "", 10, -1);
    add(9, "vdc2", "/mnt/c2b\n/mnt/c2a", 20, -1);
    add(-1, "vdd", "", 30, -1);
    add(-1, "vde", "", 30, -1);
    add(-1, "vdf", "", -1, -1);
    return t;
}

}  // namespace

TEST_CASE("groups: art in front of the tree, children after their last member's subtree", "[smartcols]") {
    CLocale c;
    Table t = grouped();
    ScolsOptions o;
    o.tree = true;
    CHECK(render_scols(t, o) ==
          "       NAME    MOUNTPOINTS\n"
          "       vda     \n"
          "   ,-> |-vda1  \n"
          ",->|   `-vda2  \n"
          "|  |   vdb     \n"
          "|  |-> `-vdb1  /mnt/b2\n"
          "|  |           /mnt/b1\n"
          "|  |   vdc     \n"
          "|  '-> |-vdc1  \n"
          "'-> |  `-vdc2  /mnt/c2b\n"
          " |  |          /mnt/c2a\n"
          " |  `--md0     \n"
          " |     `-md0p1 /srv/array\n"
          " `-----md1     [SWAP]\n"
          "   ,-> vdd     \n"
          "   '-> vde     \n"
          "    `--vg-lv   \n"
          "       vdf     \n");

    SECTION("utf-8 symbols") {
        o.ascii = false;
        o.noheadings = true;
        std::string out = render_scols(t, o);
        CHECK(out.find("\xe2\x94\x8c\xe2\x94\x88\xe2\x96\xb6\xe2\x94\x86   \xe2\x94\x94\xe2\x94\x80vda2") !=
              std::string::npos);  // "┌┈▶┆   └─vda2"
        CHECK(out.find(" \xe2\x94\x94\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88\xe2\x94\x88md1") !=
              std::string::npos);  // " └┈┈┈┈┈md1"
    }
    SECTION("JSON and raw output keep no art; JSON orders group children as the tree") {
        o.mode = ScolsMode::json;
        std::string js = render_scols(t, o);
        CHECK(js.find("\"vdc2\"") < js.find("\"md0\""));
        CHECK(js.find("\"md1\"") < js.find("\"vdd\""));
        CHECK(js.find("\"vde\"") < js.find("\"vg-lv\""));
        CHECK(js.find("->") == std::string::npos);
    }
    SECTION("without tree output, groups change nothing") {
        o.tree = false;
        std::string out = render_scols(t, o);
        CHECK(out.rfind("NAME", 0) == 0);
        CHECK(out.find("md0   ") < out.find("vda"));
        CHECK(out.find("->") == std::string::npos);
    }
}

TEST_CASE("groups: a group without members leaves its child where it is", "[smartcols]") {
    CLocale c;
    Table t;
    t.columns = {{"NAME", "", Align::left, JsonKind::string, col_tree, 0, 0}};
    t.add_row(-1).cells[0].text = "a";
    auto& r = t.add_row(-1);
    r.cells[0].text = "b";
    r.group_child = 5;
    ScolsOptions o;
    o.tree = true;
    CHECK(render_scols(t, o) == "NAME\na\nb\n");
}
