// SPDX-License-Identifier: GPL-2.0-or-later
// Mount tables: /proc/PID/mountinfo, /proc/mounts-style mtab and fstab, parsed into typed entries.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/core/error.hpp"
#include "procstat/core/root.hpp"

namespace procstat::mnt {

// One mount (mountinfo) or one line of an mtab/fstab. Strings are unescaped bytes.
struct MountEntry {
    // mountinfo field 1: unique mount id; -1 for mtab/fstab lines
    int id = -1;
    // mountinfo field 2: id of the parent mount (itself for the root of the tree)
    int parent_id = -1;
    // mountinfo field 3 "major:minor" of st_dev for files on this filesystem
    std::uint32_t major = 0;
    std::uint32_t minor = 0;
    bool has_devno = false;
    // mountinfo field 4: root of the mount within the filesystem ("/" for whole fs); empty for fstab
    std::string root;
    // mountinfo field 5 / fstab field 2: mount point
    std::string target;
    // mountinfo field 6: per-mount (VFS) options; fstab field 4: all options
    std::string vfs_options;
    // mountinfo optional fields ("shared:1 master:2"), space separated, may be empty
    std::string optional_fields;
    // mountinfo field after " - " / fstab field 3: filesystem type
    std::string fstype;
    // mountinfo source / fstab field 1 (may be "LABEL=...", "UUID=...")
    std::string source;
    // mountinfo per-superblock options
    std::string fs_options;
    // fstab fields 5 and 6 (dump frequency, fsck pass); 0 when absent
    int freq = 0;
    int passno = 0;
    // 1-based line number in the file it came from
    std::size_t line = 0;
};

enum class TableFormat { mountinfo, mtab, fstab };

struct MountTable {
    std::vector<MountEntry> entries;
    // 1-based numbers of lines that did not parse (skipped)
    std::vector<std::size_t> bad_lines;
    TableFormat format = TableFormat::mountinfo;
};

// proc(5) /proc/PID/mountinfo: "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue".
// Malformed lines (too few fields, no " - " separator, bad numbers) are skipped and listed in bad_lines.
MountTable parse_mountinfo(std::string_view text);

// fstab(5) / mtab / /proc/mounts: "SOURCE TARGET TYPE OPTIONS [FREQ [PASSNO]]". Blank lines and
// lines starting with '#' are ignored; lines with fewer than 4 (fstab: 3) fields are malformed.
MountTable parse_fstab(std::string_view text, TableFormat format = TableFormat::fstab);

// Guess the format of a table file from its first non-comment line (mountinfo starts with two numbers).
TableFormat detect_format(std::string_view text);

// Read and parse ROOT/proc/<who>/mountinfo (who: "self" or a PID).
Result<MountTable> read_mountinfo(const Root& root, std::string_view who = "self");

// Read and parse any table file given by a path (absolute or relative to the current directory,
// as --tab-file takes it), detecting its format.
Result<MountTable> read_table_file(const std::string& path);

// Join per-mount and per-superblock options the way the kernel's /proc/mounts shows them
// ("rw,relatime" + "rw,size=4k" -> "rw,relatime,size=4k": the duplicate rw/ro dropped).
std::string merged_options(const MountEntry& e);

}  // namespace procstat::mnt
