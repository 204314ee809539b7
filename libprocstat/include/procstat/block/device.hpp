// SPDX-License-Identifier: GPL-2.0-or-later
// Block devices read from sysfs (/sys/block, /sys/dev/block/MAJ:MIN, partitions, holders and
// slaves) into a dependency graph, as lsblk walks it.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/block/udev.hpp"
#include "procstat/core/root.hpp"

namespace procstat::block {

inline constexpr std::uint32_t loop_major = 7;
inline constexpr std::uint32_t ramdisk_major = 1;

// One block device (whole disk, partition, dm/md/loop ...).
struct Device {
    std::string name;                  // kernel name, the sysfs directory name ("sda1", "dm-0")
    std::uint32_t maj = 0, min = 0;    // from sysfs "dev"
    std::uint64_t size = 0;            // sysfs "size" (512-byte sectors) in bytes
    std::string sysdir;                // "sys/dev/block/MAJ:MIN", relative to the Root
    std::string filename;              // device node path ("/dev/sda1", "/dev/mapper/NAME")
    std::optional<std::string> dm_name;  // dm/name for device-mapper devices
    int wholedisk = -1;                // index of the whole disk for partitions
    int npartitions = 0, nholders = 0, nslaves = 0;
    std::vector<int> children;         // dependencies in walk order (partitions, holders/slaves)
    std::vector<int> parents;          // devices this one is a child of
    bool is_partition() const noexcept { return wholedisk >= 0; }
};

struct WalkOptions {
    bool inverse = false;       // -s: walk slaves instead of holders
    bool nodeps = false;        // -d
    bool all = false;           // -a: keep empty devices
    bool noempty = false;       // -A
    bool scsi_only = false;     // -S: only devices with an H:C:T:L
    std::vector<std::uint32_t> include, exclude;  // major numbers (top-level devices only)
};

// The dependency graph. Devices are stored once; roots are the top-level entries.
struct DevTree {
    std::vector<Device> devices;
    std::vector<int> roots;
    std::map<std::string, int, std::less<>> by_name;
};

// What happened to one device named on the command line.
enum class ArgResult { ok, not_block, no_sysfs, ignored };

class Walker {
public:
    Walker(const Root& root, WalkOptions opts) : root_(root), opts_(std::move(opts)) {}

    // All devices: /sys/block (or /sys/dev/block for the inverse tree).
    void walk_all();
    // One device given by its node path (stat() on the live path, as lsblk does). The message
    // for failures is written to MSG.
    ArgResult walk_one(const std::string& path, std::string& msg);

    DevTree& tree() noexcept { return tree_; }
    const DevTree& tree_view() const noexcept { return tree_; }
    const Device& device(int idx) const { return tree_.devices[static_cast<std::size_t>(idx)]; }

    // Read a sysfs attribute of DEV (trimmed of the trailing newline). queue/ attributes of a
    // partition fall back to the whole disk, as util-linux does.
    std::optional<std::string> attr(const Device& dev, std::string_view name) const;
    std::optional<std::uint64_t> attr_u64(const Device& dev, std::string_view name) const;
    // readlink of an entry in the device's sysfs directory.
    std::optional<std::string> link(const Device& dev, std::string_view name) const;
    const Root& root() const noexcept { return root_; }

private:
    int get_or_new(int wholedisk, const std::string& name);
    bool initialize(Device& dev, int wholedisk, const std::string& name);
    void process_partitions(int disk);
    void process_dependencies(int dev, bool do_partitions);
    void add_dependence(int parent, int child, bool& added);
    void add_root(int dev);

public:
    // Take a device out of the graph (roots, every parent's children, the name index).
    void remove_device(int idx);

private:
    bool is_hidden(const std::string& name) const;
    bool ignore_empty(const Device& dev) const;
    bool major_filtered(std::uint32_t maj) const;
    int count_dirents(const std::string& rel) const;
    bool is_partition_dirent(const std::string& dir, const std::string& entry,
                             std::string_view parent) const;
    int process_devno(std::uint32_t maj, std::uint32_t min, std::string& msg, bool named);

    const Root& root_;
    WalkOptions opts_;
    DevTree tree_;
    std::map<std::string, int, std::less<>> failed_;  // names that did not initialize
};

// sysfs names use '!' for '/' (cciss!c0d0 -> /dev/cciss/c0d0).
std::string sys_to_dev_name(std::string_view name);

}  // namespace procstat::block
