// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt's output columns: one registry entry per column (name, width hint, flags, JSON type,
// help) and the function that turns a filesystem entry into a cell.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/findmnt/fs_table.hpp"
#include "procstat/out/table.hpp"

namespace procstat::findmnt {

enum class Col {
    source, sources, target, fstype, options, vfs_options, fs_options, label, uuid, partlabel,
    partuuid, majmin, action, old_options, old_target, size, avail, used, useperc, fsroot, tid,
    id, opt_fields, propagation, freq, passno, parent,
};

struct ColumnInfo {
    Col id;
    std::string_view name;
    double width_hint;  // <1: fraction of the terminal, >=1: cells
    unsigned flags;     // out::ColumnFlag bits
    std::string_view help;
};

// Every column in util-linux's order (--help and --output-all, which skips the --poll ones).
const std::vector<ColumnInfo>& all_columns();
const ColumnInfo& column_info(Col c);
// Case-insensitive lookup by name.
std::optional<Col> column_by_name(std::string_view name);

// Filesystem usage numbers (statvfs of the target) for SIZE/AVAIL/USED/USE%.
struct FsUsage {
    std::uint64_t frsize = 0, blocks = 0, bfree = 0, bavail = 0;
};

// What a cell needs beyond the entry itself.
struct CellContext {
    bool bytes = false;         // -b: sizes in bytes
    bool plain_majmin = false;  // raw/pairs/json: "8:1" instead of "  8:1  "
    bool nofsroot = false;      // -v
    bool evaluate = false;      // -e: tags -> device names
    bool canonicalize = false;  // -c: SOURCE paths through canonical_path
    bool vfs_all = false;       // --vfs-all: every VFS flag in VFS-OPTIONS
    std::function<std::optional<std::string>(const std::string&)> canonical_path;
    int tid = 0;                // TID column (0: none)
    // statvfs(target); nullopt when it fails
    std::function<std::optional<FsUsage>(const std::string&)> usage;
    // tag value (LABEL, UUID, PARTLABEL, PARTUUID) of a device path; nullopt when unknown
    std::function<std::optional<std::string>(const std::string& dev, std::string_view tag)> device_tag;
    // every device that carries a tag (SOURCES with -e), one per line
    std::function<std::string(std::string_view spec)> devices_with_tag;
    // tag -> device path (LABEL=x -> /dev/sda1); nullopt when unknown
    std::function<std::optional<std::string>(std::string_view spec)> resolve_tag;
    // poll: action name and the previous state of the entry
    std::string_view action;
    const FsEntry* old = nullptr;
};

// The column spec (header, alignment, JSON type, flags) findmnt gives column C.
out::ColumnSpec column_spec(Col c, bool tree, bool json_bytes);

// compat: libmount's complete VFS flag list ("rw,exec,suid,dev,async,loud,nomand,atime,...")
// for a VFS option string, as findmnt --vfs-all prints it.
std::string vfs_options_all(std::string_view vfs);

// Display text of column C for entry FS (empty when findmnt prints nothing).
std::string cell_text(Col c, const FsEntry& fs, const CellContext& ctx);

}  // namespace procstat::findmnt
