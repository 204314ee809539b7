// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the block component: udev parsing, sizes, the column registry and the sysfs walk
// over the lsblk fixture roots (including hostile property values).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "procstat/block/columns.hpp"
#include "procstat/block/device.hpp"
#include "procstat/block/udev.hpp"

using namespace procstat;
using namespace procstat::block;

static const std::string fixtures = std::string(PROCSTAT_FIXTURES) + "/lsblk";

TEST_CASE("udev_unhex decodes backslash-x escapes and keeps anything else", "[udev]") {
    CHECK(udev_unhex("data\\x20one") == "data one");
    CHECK(udev_unhex("a\\x0ab") == "a\nb");
    CHECK(udev_unhex("\\xc3\\xa9") == "\xc3\xa9");
    CHECK(udev_unhex("trail\\x2") == "trail\\x2");
    CHECK(udev_unhex("bad\\xZZ") == "bad\\xZZ");
    CHECK(udev_unhex("\\") == "\\");
    CHECK(udev_unhex("") == "");
}

TEST_CASE("parse_udev_pairs reads database records and plain KEY=value files", "[udev]") {
    auto p = parse_udev_pairs("S:disk/by-id/x\nE:ID_FS_TYPE=ext4\nI:123\nID_MODEL=M\r\n"
                              "garbage line\n=novalue\nE:EMPTY=\nG:systemd\n");
    REQUIRE(p.size() == 3);
    CHECK(p[0] == std::make_pair(std::string("ID_FS_TYPE"), std::string("ext4")));
    CHECK(p[1] == std::make_pair(std::string("ID_MODEL"), std::string("M")));
    CHECK(p[2] == std::make_pair(std::string("EMPTY"), std::string("")));
    CHECK(parse_udev_pairs("").empty());
    std::string binary("E:K=\x01\xff\0x\n", 9);
    auto b = parse_udev_pairs(binary);
    REQUIRE(b.size() == 1);
    CHECK(b[0].second == "\x01\xff");  // cut at the NUL
}

TEST_CASE("props_from_udev maps names and prefers the specific identifiers", "[udev]") {
    auto p = props_from_udev(parse_udev_pairs(
        "ID_WWN=0x1\nID_WWN_WITH_EXTENSION=0x1ext\nID_SERIAL_SHORT=short\nID_SCSI_SERIAL=scsi\n"
        "ID_FS_LABEL_ENC=a\\x20b\nID_FS_LABEL=a_b\nID_FS_UUID_ENC=U\nMODE=0660\n"));
    CHECK(p.wwn == "0x1ext");
    CHECK(p.serial == "scsi");
    CHECK(p.label == "a b");
    CHECK(p.uuid == "U");
    CHECK(p.mode == "0660");
    CHECK_FALSE(p.fstype.has_value());
    auto q = props_from_udev(parse_udev_pairs("ID_WWN=0x2\nID_SERIAL_SHORT=s\n"));
    CHECK(q.wwn == "0x2");
    CHECK(q.serial == "s");
}

TEST_CASE("human_size follows util-linux size_to_human_string", "[units]") {
    CHECK(human_size(0) == "0B");
    CHECK(human_size(1) == "1B");
    CHECK(human_size(1023) == "1023B");
    CHECK(human_size(1024) == "1K");
    CHECK(human_size(1536) == "1.5K");
    CHECK(human_size(1048575) == "1024K");
    CHECK(human_size(1048576) == "1M");
    CHECK(human_size(20 * 1048576ULL) == "20M");
    CHECK(human_size(274877906944ULL) == "256G");
    CHECK(human_size(999666949632ULL) == "931G");
    CHECK(human_size(2199023255040ULL) == "2T");
    CHECK(human_size(UINT64_MAX) == "16E");
}

TEST_CASE("column registry: 64 unique columns with help, case-insensitive lookup", "[columns]") {
    auto cols = all_columns();
    CHECK(cols.size() == 64);
    std::set<std::string> names;
    for (std::size_t i = 0; i < cols.size(); i++) {
        CHECK(static_cast<std::size_t>(cols[i].id) == i);
        CHECK_FALSE(cols[i].help.empty());
        CHECK(cols[i].whint > 0);
        names.insert(std::string(cols[i].name));
    }
    CHECK(names.size() == cols.size());
    REQUIRE(find_column("maj:min"));
    CHECK(find_column("maj:min")->id == Col::maj_min);
    CHECK(find_column("FsUse%")->id == Col::fsuse_pct);
    CHECK(find_column("MAJ_MIN") == nullptr);
    CHECK(find_column("NAME,") == nullptr);
    CHECK(find_column("") == nullptr);
    CHECK(shellvar_name("FSUSE%") == "FSUSE_PCT");
    CHECK(shellvar_name("MAJ:MIN") == "MAJ_MIN");
    CHECK(shellvar_name("DISC-ALN") == "DISC_ALN");
}

TEST_CASE("parttype_name knows MBR codes and GPT GUIDs in any case", "[columns]") {
    CHECK(parttype_name("dos", "0x83") == std::optional<std::string_view>("Linux"));
    CHECK(parttype_name("gpt", "c12a7328-f81f-11d2-ba4b-00a0c93ec93b") ==
          std::optional<std::string_view>("EFI System"));
    CHECK_FALSE(parttype_name("gpt", "0x83"));
    CHECK_FALSE(parttype_name("sun", "0x83"));
}

namespace {
struct Fixture {
    Root root;
    explicit Fixture(const std::string& name) : root(std::move(*Root::open(fixtures + "/" + name))) {}
};
const Device* find(const DevTree& t, std::string_view name) {
    auto it = t.by_name.find(name);
    return it == t.by_name.end() ? nullptr : &t.devices[static_cast<std::size_t>(it->second)];
}
}  // namespace

TEST_CASE("walker reads the scsi fixture: partitions, holders, RAM disk excluded", "[walker]") {
    Fixture f("scsi");
    WalkOptions wo;
    wo.all = true;
    wo.exclude = {ramdisk_major};
    Walker w(f.root, wo);
    w.walk_all();
    auto& t = w.tree();
    const Device* sda = find(t, "sda");
    REQUIRE(sda);
    CHECK(sda->maj == 8);
    CHECK(sda->size == 976773168ULL * 512);
    CHECK(sda->npartitions == 2);
    CHECK(find(t, "ram0") == nullptr);
    const Device* md0 = find(t, "md0");
    REQUIRE(md0);
    CHECK(md0->parents.size() == 2);  // sda2 and sdb1
    CHECK(md0->nslaves == 2);
    // md0 has slaves: not a root of the normal tree
    for (int r : t.roots) CHECK(t.devices[static_cast<std::size_t>(r)].name != "md0");
    const Device* sda1 = find(t, "sda1");
    REQUIRE(sda1);
    CHECK(sda1->is_partition());
    // queue/ attributes of a partition come from the whole disk
    CHECK(w.attr(*sda1, "queue/logical_block_size") == std::optional<std::string>("512"));
    CHECK_FALSE(w.attr(*sda1, "removable").has_value());
}

TEST_CASE("walker: include filter and nodeps", "[walker]") {
    Fixture f("scsi");
    WalkOptions wo;
    wo.all = true;
    wo.include = {11};
    wo.nodeps = true;
    Walker w(f.root, wo);
    w.walk_all();
    auto& t = w.tree();
    REQUIRE(t.roots.size() == 1);
    CHECK(t.devices[static_cast<std::size_t>(t.roots[0])].name == "sr0");
}

TEST_CASE("device data: properties, mounts and hostile labels from the nvme fixture", "[data]") {
    Fixture f("nvme");
    WalkOptions wo;
    wo.all = true;
    Walker w(f.root, wo);
    w.walk_all();
    DataOptions o;
    o.sysroot = true;
    o.parsable = true;
    DeviceData d(w, o);
    auto& t = w.tree();
    const Device* p1 = find(t, "nvme0n1p1");
    const Device* p2 = find(t, "nvme0n1p2");
    const Device* disk = find(t, "nvme0n1");
    REQUIRE(p1);
    REQUIRE(p2);
    REQUIRE(disk);
    CHECK(d.get(*p2, disk, Col::label).text == std::optional<std::string>("say\"hi\"\n$HOME`x`\\end"));
    CHECK(d.get(*p1, disk, Col::label).text == std::optional<std::string>("EFI SYSTEM"));
    CHECK(d.get(*p1, disk, Col::parttypename).text == std::optional<std::string>("EFI System"));
    auto mps = d.get(*p1, disk, Col::mountpoints);
    REQUIRE(mps.lines.size() == 2);
    CHECK(mps.lines[0] == "/mnt/with space");  // last mounted first, octal escapes decoded
    CHECK(mps.lines[1] == "/boot/efi");
    CHECK(d.get(*p1, disk, Col::mountpoint).text == std::optional<std::string>("/mnt/with space"));
    CHECK(d.get(*disk, nullptr, Col::maj_min).text == std::optional<std::string>("259:0"));
    CHECK(d.get(*disk, nullptr, Col::tran).text == std::optional<std::string>("nvme"));
    CHECK(d.get(*disk, nullptr, Col::subsystems).text == std::optional<std::string>("block:nvme:pci"));
    CHECK(d.get(*disk, nullptr, Col::sched).text == std::optional<std::string>("none"));
    CHECK(d.get(*p1, disk, Col::model).text == std::nullopt);  // partitions have no model
    CHECK(d.get(*disk, nullptr, Col::model).text == std::optional<std::string>("Samsung_SSD_980_PRO_1TB"));
    CHECK(d.get(*disk, nullptr, Col::mode).text == std::optional<std::string>("0660"));
    CHECK(d.get(*p2, disk, Col::size).raw == std::optional<std::uint64_t>(1952474511ULL * 512));
    // FS* columns: the mount point does not exist here, statvfs fails, no data
    CHECK_FALSE(d.get(*p1, disk, Col::fssize).text.has_value());
}

TEST_CASE("device data: SCSI transport, type, hotplug and removable inheritance", "[data]") {
    Fixture f("scsi");
    WalkOptions wo;
    wo.all = true;
    Walker w(f.root, wo);
    w.walk_all();
    DeviceData d(w, DataOptions{false, true, false, true, true});
    auto& t = w.tree();
    const Device* sda = find(t, "sda");
    const Device* sdb = find(t, "sdb");
    const Device* sdb1 = find(t, "sdb1");
    const Device* sr0 = find(t, "sr0");
    const Device* md0 = find(t, "md0");
    REQUIRE((sda && sdb && sdb1 && sr0 && md0));
    CHECK(d.get(*sda, nullptr, Col::tran).text == std::optional<std::string>("sata"));
    CHECK(d.get(*sdb, nullptr, Col::tran).text == std::optional<std::string>("usb"));
    CHECK(d.get(*sr0, nullptr, Col::tran).text == std::optional<std::string>("ata"));
    CHECK(d.get(*sr0, nullptr, Col::type).text == std::optional<std::string>("rom"));
    CHECK(d.get(*md0, nullptr, Col::type).text == std::optional<std::string>("raid1"));
    CHECK(d.get(*sdb, nullptr, Col::hotplug).text == std::optional<std::string>("1"));
    CHECK(d.get(*sda, nullptr, Col::hotplug).text == std::optional<std::string>("0"));
    CHECK(d.get(*sdb1, sdb, Col::rm).text == std::optional<std::string>("1"));
    CHECK(d.get(*sda, nullptr, Col::hctl).text == std::optional<std::string>("0:0:0:0"));
    CHECK(d.get(*sda, nullptr, Col::wwn).text == std::optional<std::string>("0x5002538e40a1b2c3"));
    CHECK(d.get(*sda, nullptr, Col::serial).text == std::optional<std::string>("S3Z9NB0K123456"));
    CHECK(d.get(*sda, nullptr, Col::vendor).text == std::optional<std::string>("ATA     "));
    CHECK(d.get(*sdb1, sdb, Col::pkname).text == std::optional<std::string>("/dev/sdb"));
    CHECK(d.get(*sr0, nullptr, Col::size).text == std::optional<std::string>("0B"));
}

TEST_CASE("walker survives a missing or garbage sysfs tree", "[walker]") {
    Fixture f("scsi");
    // a root without sys/ at all: nothing found, no crash
    auto r = Root::open(fixtures);
    REQUIRE(r);
    Walker w(*r, WalkOptions{});
    w.walk_all();
    CHECK(w.tree().devices.empty());
    std::string msg;
    CHECK(w.walk_one("/nonexistent/device", msg) == ArgResult::not_block);
    CHECK(msg == "/nonexistent/device: not a block device");
}

TEST_CASE("walker terminates on a holder cycle and records both edges", "[walker]") {
    Fixture f("cycle");
    WalkOptions wo;
    wo.all = true;
    Walker w(f.root, wo);
    w.walk_all();
    auto& t = w.tree();
    const Device* a = find(t, "cya");
    const Device* b = find(t, "cyb");
    REQUIRE((a && b));
    CHECK(a->children.size() == 1);
    CHECK(b->children.size() == 1);
    WalkOptions inv = wo;
    inv.inverse = true;
    Walker wi(f.root, inv);
    wi.walk_all();  // the live /sys knows neither device: nothing, but no endless loop
    SUCCEED();
}

TEST_CASE("walker on the hostile root: garbage is skipped, nothing crashes", "[walker]") {
    Fixture f("hostile");
    WalkOptions wo;
    wo.all = true;
    Walker w(f.root, wo);
    w.walk_all();
    auto& t = w.tree();
    CHECK(find(t, "nodev") == nullptr);  // no dev file
    CHECK(find(t, "hid") == nullptr);    // hidden
    CHECK(find(t, "ghost") == nullptr);  // holder link to nowhere
    REQUIRE(find(t, "garbage"));
    CHECK(find(t, "garbage")->size == 0);  // "0x1234 junk" is not a number
    REQUIRE(find(t, "huge"));
    CHECK(find(t, "huge")->size == (UINT64_MAX << 9));  // wraps like util-linux
    REQUIRE(find(t, "cciss!c0d0"));
    CHECK(find(t, "cciss!c0d0")->filename == "/dev/cciss/c0d0");
    DeviceData d(w, DataOptions{false, false, false, true, false});
    const Device* huge = find(t, "huge");
    CHECK(d.get(*huge, nullptr, Col::sched).text == std::nullopt);
    CHECK(d.get(*huge, nullptr, Col::ra).raw == std::nullopt);
    CHECK(d.get(*huge, nullptr, Col::fstype).text == std::optional<std::string>(""));
    CHECK(d.get(*huge, nullptr, Col::model).text->size() == 5000);
    const Device* g1 = find(t, "garbage1");
    REQUIRE(g1);
    CHECK(d.get(*g1, find(t, "garbage"), Col::mountpoints).lines.empty());  // mtab-format errors
    CHECK(d.warnings().size() == 5);
}

TEST_CASE("device data: live code path reads the udev database record", "[data]") {
    Fixture f("nvme");
    WalkOptions wo;
    wo.all = true;
    Walker w(f.root, wo);
    w.walk_all();
    // not --sysroot: properties come from run/udev/data/bMAJ:MIN below the root, no probing
    DeviceData d(w, DataOptions{false, false, false, false, false});
    auto& t = w.tree();
    const Device* p1 = find(t, "nvme0n1p1");
    const Device* p2 = find(t, "nvme0n1p2");
    REQUIRE((p1 && p2));
    const Device* disk = find(t, "nvme0n1");
    CHECK(d.get(*p1, disk, Col::fstype).text == std::optional<std::string>("vfat"));
    CHECK(d.get(*p1, disk, Col::label).text == std::optional<std::string>("EFI SYSTEM"));
    CHECK(d.get(*p1, disk, Col::partlabel).text ==
          std::optional<std::string>("EFI System Partition"));
    CHECK(d.get(*p1, disk, Col::parttypename).text == std::optional<std::string>("EFI System"));
    // no record and probing off: nothing
    CHECK_FALSE(d.get(*p2, disk, Col::fstype).text.has_value());
    // MODE/OWNER/GROUP are not taken from property files on the live path
    CHECK(d.props(*p1)->mode == std::nullopt);
}

TEST_CASE("deduplicate: equal keys on two disks cut the later edges, the first stays", "[dedup]") {
    Fixture f("scsi");
    Walker w(f.root, WalkOptions{});
    w.walk_all();
    DeviceData d(w, DataOptions{false, false, false, true, false});
    auto& t = w.tree();
    const Device* md0 = find(t, "md0");
    REQUIRE(md0);
    REQUIRE(md0->parents.size() == 2);
    // sda2 and sdb1 carry the same RAID member UUID: sdb1 (8:17) goes, sda2 (8:2) stays
    deduplicate(t, d, Col::uuid);
    const Device* sdb = find(t, "sdb");
    const Device* sda = find(t, "sda");
    REQUIRE((sda && sdb));
    CHECK(sda->children.size() == 2);
    CHECK(sdb->children.empty());
    CHECK(find(t, "sdb1")->parents.empty());  // the edge sdb -> sdb1 is cut
}

TEST_CASE("deduplicate: a partition with its disk's key is never cut", "[dedup]") {
    Fixture f("scsi");
    WalkOptions wo;
    wo.exclude = {ramdisk_major};
    Walker w(f.root, wo);
    w.walk_all();
    DeviceData d(w, DataOptions{false, false, false, true, false});
    auto& t = w.tree();
    // RO is "0" everywhere: the first device (sda) cuts the other top-level disks, but the
    // partitions share their disk's key and stay
    deduplicate(t, d, Col::ro);
    REQUIRE(t.roots.size() == 1);
    CHECK(t.devices[static_cast<std::size_t>(t.roots[0])].name == "sda");
    CHECK(find(t, "sda")->children.size() == 2);
    CHECK(find(t, "sda2")->children.empty());  // md0 is not a partition: cut
}
