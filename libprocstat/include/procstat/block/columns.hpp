// SPDX-License-Identifier: GPL-2.0-or-later
// The lsblk column registry (one entry per column: name, width hint, flags, help, type) and the
// code that turns a Device into the cell of a column.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <chrono>

#include "procstat/block/device.hpp"
#include "procstat/block/udev.hpp"
#include "procstat/fsusage/fs_usage.hpp"
#include "procstat/mnt/mount_table.hpp"

namespace procstat::block {

// Column ids, in util-linux 2.38.1's order (the order of --help and -O).
enum class Col {
    alignment, disc_aln, dax, disc_gran, disc_max, disc_zero, fsavail, fsroots, fssize, fstype,
    fsused, fsuse_pct, fsver, group, hctl, hotplug, kname, label, log_sec, maj_min, min_io, mode,
    model, name, opt_io, owner, partflags, partlabel, parttype, parttypename, partuuid, path,
    phy_sec, pkname, pttype, ptuuid, ra, rand, rev, rm, ro, rota, rq_size, sched, serial, size,
    start, state, subsystems, mountpoint, mountpoints, tran, type, uuid, vendor, wsame, wwn, zoned,
    zone_sz, zone_wgran, zone_app, zone_nr, zone_omax, zone_amax,
};

enum class ColType {
    str,      // string
    num,      // always a number (JSON number, numeric sort)
    sortnum,  // string on output, number for sorting (MAJ:MIN)
    size,     // human size string, number with --bytes
    boolean,  // 0/1, JSON true/false
};

// libsmartcols column flags used by lsblk.
enum ColFlag : unsigned {
    fl_trunc = 1u << 0,
    fl_right = 1u << 1,
    fl_noextremes = 1u << 2,
    fl_wrap = 1u << 3,
};

struct ColInfo {
    Col id;
    std::string_view name;  // header, also the name -o accepts (case-insensitive)
    double whint;           // width hint: < 1 is a fraction of the terminal
    unsigned flags;         // ColFlag
    std::string_view help;  // --help line
    ColType type;
};

std::span<const ColInfo> all_columns();
const ColInfo& column_info(Col id);
// Case-insensitive lookup of a column name as lsblk accepts it (e.g. "maj:min", "FSUSE%").
const ColInfo* find_column(std::string_view name);
// Shell-variable form of a header: non-alphanumerics become '_', '%' becomes "_PCT" (-y).
std::string shellvar_name(std::string_view header);

// util-linux size_to_human_string with one-letter suffixes ("0B", "1K", "1.5G"); see units/ul_size.hpp.
std::string human_size(std::uint64_t bytes);

// One cell: display text (empty = no data; multi-line cells use '\n'), a number for sorting.
struct CellData {
    std::optional<std::string> text;          // nullopt: no data (JSON null)
    std::optional<std::uint64_t> raw;         // numeric sort key when the column has one
    std::vector<std::string> lines;           // for MOUNTPOINTS / FSROOTS (multi-line cells)
    bool multi = false;
};

struct DataOptions {
    bool bytes = false;     // -b
    bool paths = false;     // -p
    bool parsable = false;  // raw, pairs or JSON output
    bool sysroot = false;   // --sysroot given
    bool probe = true;      // libblkid probing when udev has no record (live system only)
};

// How long FSSIZE/FSAVAIL/FSUSED/FSUSE% wait for statvfs() of the mount points.
inline constexpr std::chrono::milliseconds statvfs_deadline{5000};

// Per-run data source: mount table, swaps, properties cache, statvfs cache.
class DeviceData {
public:
    DeviceData(const Walker& walker, DataOptions opts);
    CellData get(const Device& dev, const Device* parent, Col id);
    // Udev (or --sysroot) properties of DEV; without a udev record, what libblkid finds with
    // CHAINS (probe_superblocks, probe_partitions; 0: the caller needs no probed value).
    const DevProps* props(const Device& dev, unsigned chains = probe_all_chains);
    // Messages about malformed mount/swap tables met so far ("FILE: parse error at line N --
    // ignored"), for the tool to print.
    const std::vector<std::string>& warnings() const noexcept { return warnings_; }

private:
    struct MountRef {
        std::string target, root;
        bool swap = false;
    };
    const std::vector<MountRef>& filesystems(const Device& dev);
    std::optional<std::string> mountpoint(const Device& dev);
    const fsusage::FsUsage* fsstat(const Device& dev);
    std::vector<std::string> subsystem_chain(const Device& dev);
    std::optional<std::string> subsystems(const Device& dev);
    bool hotplug(const Device& dev);
    bool removable(const Device& dev, const Device* parent);
    std::optional<std::string> transport(const Device& dev);
    std::optional<std::string> type(const Device& dev);
    bool hctl(const Device& dev, unsigned v[4]);
    CellData size_cell(std::optional<std::uint64_t> v, std::optional<std::string> rawstr);

    const Walker& w_;
    DataOptions o_;
    bool mounts_loaded_ = false;
    mnt::MountTable mtab_;
    std::vector<std::string> swaps_;
    std::vector<std::string> warnings_;
    struct PropsEntry {
        std::optional<DevProps> p;
        bool probing = false;  // no udev record: values come from libblkid
        unsigned probed = 0;   // the chains p was probed with
    };
    std::map<std::string, PropsEntry> props_;
    std::map<std::string, std::vector<MountRef>> fss_;
    bool vfs_loaded_ = false;
    std::map<std::string, fsusage::FsUsage> vfs_;  // by mount point
};

// lsblk -E: cut devices whose KEY column equals an earlier device's out of the roots and out
// of their parents' children (util-linux lsblk_devtree_deduplicate_devices()).
void deduplicate(DevTree& tree, DeviceData& data, Col key);

}  // namespace procstat::block
