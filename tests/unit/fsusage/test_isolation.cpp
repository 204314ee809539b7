// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of which df queries need the isolated helper: the classification of file systems
// that may block, and the live oracle's per-path decision built on it.
#include <catch2/catch.hpp>

#include <cerrno>
#include <string>
#include <vector>

#include "procstat/fsusage/df_select.hpp"
#include "procstat/fsusage/oracle.hpp"
#include "procstat/mnt/mount_table.hpp"

using namespace procstat;
using namespace procstat::fsusage;

namespace {

std::vector<DfMount> mounts_of(const char* mountinfo) {
    return df_mounts(mnt::parse_mountinfo(mountinfo));
}

}  // namespace

TEST_CASE("file system types that may block on a party outside the kernel", "[fsusage]") {
    for (const char* t : {"fuse", "fuseblk", "fuse.sshfs", "fuse.procstat_hang", "fuseblk.ntfs-3g",
                          "fuse.", "virtiofs", "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph",
                          "glusterfs", "sshfs", "afs", "lustre", "autofs", "overlay", "vboxsf"}) {
        INFO(t);
        CHECK(fstype_may_block(t));
    }
    for (const char* t : {"ext4", "xfs", "btrfs", "vfat", "tmpfs", "devtmpfs", "proc", "sysfs",
                          "cgroup", "cgroup2", "devpts", "squashfs", "iso9660", "fusectl",
                          "debugfs", "tracefs", "", "fusex", "FUSE", "nfsd", "rpc_pipefs",
                          "binfmt_misc", "ramfs", "zfs"}) {
        INFO(t);
        CHECK_FALSE(fstype_may_block(t));
    }
}

TEST_CASE("a remote source makes any mount one that may block", "[fsusage]") {
    CHECK(mount_may_block("server:/export", "ext4"));
    CHECK(mount_may_block("-hosts", "autofs"));
    CHECK(mount_may_block("//host/share", "cifs"));
    CHECK(mount_may_block("tmpfs", "nfs4"));
    CHECK_FALSE(mount_may_block("/dev/sda1", "ext4"));
    CHECK_FALSE(mount_may_block("tmpfs", "tmpfs"));
    CHECK_FALSE(mount_may_block("", ""));
}

TEST_CASE("df_mounts marks the mounts that may block", "[fsusage]") {
    auto m = mounts_of("21 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                       "22 21 0:40 / /mnt/f rw - fuse.sshfs me@host:/ rw\n"
                       "23 21 0:41 / /mnt/n rw - nfs4 srv:/x rw\n"
                       "24 21 0:42 / /run rw - tmpfs tmpfs rw\n"
                       "25 21 0:43 / /home rw - ext4 weird:source rw\n");
    REQUIRE(m.size() == 5);
    CHECK_FALSE(m[0].may_block);
    CHECK(m[1].may_block);
    CHECK(m[2].may_block);
    CHECK_FALSE(m[3].may_block);
    CHECK(m[4].may_block);  // a ':' in the source: GNU calls it remote, so do we
}

TEST_CASE("live oracle: everything is isolated until the mount table is known", "[fsusage]") {
    LiveOracle o(std::chrono::milliseconds(1000));
    CHECK(o.may_block("/"));
    CHECK(o.may_block("."));
    o.set_mounts({});  // an empty table: nothing may block
    CHECK_FALSE(o.may_block("/"));
}

TEST_CASE("live oracle: mount points below a mount that may block are isolated", "[fsusage]") {
    LiveOracle o(std::chrono::milliseconds(1000));
    o.set_mounts(mounts_of("21 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                           "22 21 0:40 / /mnt/f rw - fuse.x src rw\n"
                           "23 22 0:41 / /mnt/f/sub rw - tmpfs tmpfs rw\n"
                           "24 21 0:42 / /mnt/fx rw - tmpfs tmpfs rw\n"
                           "25 21 0:43 / /mnt rw - tmpfs tmpfs rw\n"
                           "26 21 0:44 / /srv rw - tmpfs tmpfs rw\n"
                           "27 26 0:45 / /srv rw - nfs srv:/x rw\n"));
    CHECK_FALSE(o.may_block("/"));
    CHECK(o.may_block("/mnt/f"));
    CHECK(o.may_block("/mnt/f/sub"));   // its lookup walks through the FUSE mount
    CHECK_FALSE(o.may_block("/mnt/fx"));  // a name that merely starts the same
    CHECK_FALSE(o.may_block("/mnt"));
    CHECK(o.may_block("/srv"));  // over-mounted by NFS: conservative for both entries
    // Not a mount point: symlinks could lead anywhere, and something may block.
    CHECK(o.may_block("/etc"));
    CHECK(o.may_block("relative"));
}

TEST_CASE("live oracle: a root file system that may block isolates everything", "[fsusage]") {
    LiveOracle o(std::chrono::milliseconds(1000));
    o.set_mounts(mounts_of("21 1 0:40 / / rw - nfs srv:/root rw\n"
                           "22 21 0:41 / /tmp rw - tmpfs tmpfs rw\n"));
    CHECK(o.may_block("/"));
    CHECK(o.may_block("/tmp"));
}

TEST_CASE("live oracle: other paths stay in-process unless a magic link leaves the tree",
          "[fsusage]") {
    LiveOracle o(std::chrono::milliseconds(1000));
    o.set_mounts(mounts_of("21 1 8:1 / / rw - ext4 /dev/sda1 rw\n"));
    CHECK_FALSE(o.may_block(PROCSTAT_FIXTURES));
    CHECK_FALSE(o.may_block("."));
    CHECK_FALSE(o.may_block("/nonexistent-procstat-path/x"));  // fails the same way in-process
    // /proc/PID/root and /proc/PID/cwd can lead into another mount namespace.
    CHECK(o.may_block("/proc/self/root"));
    CHECK(o.may_block("/proc/self/root/etc"));
    CHECK(o.may_block("/proc/self/cwd/x"));
    CHECK(o.may_block(""));
}

TEST_CASE("live oracle answers local paths in-process", "[fsusage]") {
    LiveOracle o(std::chrono::milliseconds(1000));
    o.set_mounts({});
    const ProbeResult& r = o.probe(PROCSTAT_FIXTURES, probe_stat | probe_statvfs | probe_realpath);
    CHECK(r.done);
    CHECK(r.stat_err == 0);
    CHECK(r.statvfs_err == 0);
    CHECK(r.realpath_err == 0);
    CHECK(r.usage.block_size > 0);
    const ProbeResult& gone = o.probe("/nonexistent-procstat-path", probe_open_stat | probe_statvfs);
    CHECK(gone.done);
    CHECK(gone.stat_err == ENOENT);
    CHECK(gone.statvfs_err == ENOENT);
}
