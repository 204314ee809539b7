// SPDX-License-Identifier: GPL-2.0-or-later
// libblkid probing (our extension for hosts without udev): filesystem and partition-table
// images made with mkfs/mkswap/sfdisk in a private temporary directory, probed as files.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "procstat/block/udev.hpp"

using procstat::block::probe_blkid;

namespace {

bool have(const char* tool) {
    std::string cmd = std::string("command -v ") + tool + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

struct TempDir {
    std::string path;
    TempDir() {
        char tmpl[] = "/tmp/procstat-probe-XXXXXX";
        const char* p = ::mkdtemp(tmpl);
        REQUIRE(p);
        path = p;
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string image(const char* name, std::uintmax_t mib) const {
        std::string f = path + "/" + name;
        std::ofstream(f).close();
        std::filesystem::resize_file(f, mib << 20);
        return f;
    }
};

bool run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

}  // namespace

TEST_CASE("probe: ext4 image gives type, version, label and UUID", "[probe]") {
    if (!have("mkfs.ext4")) {
        WARN("mkfs.ext4 not installed: not tested");
        return;
    }
    TempDir d;
    auto img = d.image("ext4.img", 8);
    REQUIRE(run("mkfs.ext4 -q -F -L 'my label' -U 0b1c5d2e-1111-4222-8333-444455556666 " + img));
    auto p = probe_blkid(img);
    REQUIRE(p);
    CHECK(p->fstype == std::optional<std::string>("ext4"));
    CHECK(p->fsversion == std::optional<std::string>("1.0"));
    CHECK(p->label == std::optional<std::string>("my label"));
    CHECK(p->uuid == std::optional<std::string>("0b1c5d2e-1111-4222-8333-444455556666"));
    CHECK_FALSE(p->pttype.has_value());
}

TEST_CASE("probe: vfat and swap images", "[probe]") {
    TempDir d;
    if (have("mkfs.vfat")) {
        auto img = d.image("vfat.img", 4);
        REQUIRE(run("mkfs.vfat -n VFATL -i 1234ABCD " + img));
        auto p = probe_blkid(img);
        REQUIRE(p);
        CHECK(p->fstype == std::optional<std::string>("vfat"));
        CHECK(p->label == std::optional<std::string>("VFATL"));
        CHECK(p->uuid == std::optional<std::string>("1234-ABCD"));
    }
    if (have("mkswap")) {
        auto img = d.image("swap.img", 4);
        REQUIRE(run("mkswap -L swp -U 5a5a5a5a-0000-4000-8000-000000000001 " + img));
        auto p = probe_blkid(img);
        REQUIRE(p);
        CHECK(p->fstype == std::optional<std::string>("swap"));
        CHECK(p->label == std::optional<std::string>("swp"));
        CHECK(p->uuid == std::optional<std::string>("5a5a5a5a-0000-4000-8000-000000000001"));
    }
}

TEST_CASE("probe: GPT image gives the partition table type and UUID", "[probe]") {
    if (!have("sfdisk")) {
        WARN("sfdisk not installed: not tested");
        return;
    }
    TempDir d;
    auto img = d.image("gpt.img", 8);
    REQUIRE(run("printf 'label: gpt\\nlabel-id: 3295A187-A5A3-6743-A6E1-DF50615BC1BF\\n"
                "size=2M, type=L\\n' | sfdisk -q " + img));
    auto p = probe_blkid(img);
    REQUIRE(p);
    CHECK(p->pttype == std::optional<std::string>("gpt"));
    CHECK(p->ptuuid == std::optional<std::string>("3295a187-a5a3-6743-a6e1-df50615bc1bf"));
    CHECK_FALSE(p->fstype.has_value());
}

TEST_CASE("probe: empty, garbage, missing and unreadable inputs give nothing", "[probe]") {
    TempDir d;
    auto zero = d.image("zero.img", 1);
    CHECK_FALSE(probe_blkid(zero).has_value());
    {
        std::ofstream f(d.path + "/junk.img", std::ios::binary);
        for (int i = 0; i < 65536; i++) f.put(static_cast<char>((i * 7919) & 0xff));
    }
    auto junk = probe_blkid(d.path + "/junk.img");
    CHECK((!junk || !junk->fstype));
    CHECK_FALSE(probe_blkid(d.path + "/missing.img").has_value());
    CHECK_FALSE(probe_blkid(d.path).has_value());  // a directory
}

TEST_CASE("probe: superblocks alone leave partition tables unread", "[probe]") {
    if (!have("sfdisk") || !have("mkfs.ext4")) {
        WARN("sfdisk or mkfs.ext4 not installed: not tested");
        return;
    }
    using procstat::block::probe_all_chains;
    using procstat::block::probe_partitions;
    using procstat::block::probe_superblocks;
    TempDir d;
    // a GPT disk: the table is found only with the partition chain
    auto gpt = d.image("gpt.img", 8);
    REQUIRE(run("printf 'label: gpt\\nsize=2M, type=L\\n' | sfdisk -q " + gpt));
    auto sb = probe_blkid(gpt, probe_superblocks);
    CHECK((!sb || !sb->pttype));
    auto parts = probe_blkid(gpt, probe_partitions);
    REQUIRE(parts);
    CHECK(parts->pttype == std::optional<std::string>("gpt"));
    // an ext4 file system: the same values with or without the partition chain
    auto ext4 = d.image("ext4.img", 8);
    REQUIRE(run("mkfs.ext4 -q -F -L lbl " + ext4));
    auto a = probe_blkid(ext4, probe_superblocks);
    auto b = probe_blkid(ext4, probe_all_chains);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->fstype == std::optional<std::string>("ext4"));
    CHECK(a->fstype == b->fstype);
    CHECK(a->label == b->label);
    CHECK(a->uuid == b->uuid);
    CHECK(a->fsversion == b->fsversion);
}
