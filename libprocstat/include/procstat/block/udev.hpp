// SPDX-License-Identifier: GPL-2.0-or-later
// Device properties: the udev database record (/run/udev/data/bMAJ:MIN), the KEY=value text
// files a --sysroot dump keeps in place of device nodes, and what libblkid probing finds.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace procstat::block {

// Filesystem, partition and identity properties of one block device. Every field is optional:
// "not known" is kept apart from an empty value. Strings are bytes, decoded from udev's \xNN.
struct DevProps {
    std::optional<std::string> fstype;     // ID_FS_TYPE / blkid TYPE
    std::optional<std::string> fsversion;  // ID_FS_VERSION / blkid VERSION
    std::optional<std::string> uuid;       // ID_FS_UUID_ENC / blkid UUID
    std::optional<std::string> label;      // ID_FS_LABEL_ENC / blkid LABEL
    std::optional<std::string> ptuuid;     // ID_PART_TABLE_UUID / blkid PTUUID
    std::optional<std::string> pttype;     // ID_PART_TABLE_TYPE / blkid PTTYPE
    std::optional<std::string> parttype;   // ID_PART_ENTRY_TYPE / blkid PART_ENTRY_TYPE
    std::optional<std::string> partlabel;  // ID_PART_ENTRY_NAME / blkid PART_ENTRY_NAME
    std::optional<std::string> partuuid;   // ID_PART_ENTRY_UUID / blkid PART_ENTRY_UUID
    std::optional<std::string> partflags;  // ID_PART_ENTRY_FLAGS / blkid PART_ENTRY_FLAGS
    std::optional<std::string> wwn;        // ID_WWN_WITH_EXTENSION, else ID_WWN
    std::optional<std::string> serial;     // ID_SCSI_SERIAL, else ID_SERIAL_SHORT
    std::optional<std::string> model;      // ID_MODEL
    std::optional<std::string> mode;       // MODE (sysroot text files only)
    std::optional<std::string> owner;      // OWNER (sysroot text files only)
    std::optional<std::string> group;      // GROUP (sysroot text files only)
};

// Decode udev's \xNN escapes (used in the *_ENC properties); other bytes are kept.
std::string udev_unhex(std::string_view s);

// Parse KEY=value pairs. udev database records ("E:ID_FS_TYPE=ext4", other record kinds such as
// "S:" links are ignored) and plain "KEY=value" text files are both accepted: a line "E:K=V" and a
// line "K=V" give the same pair. Blank and malformed lines are skipped; a value ends at a NUL.
std::vector<std::pair<std::string, std::string>> parse_udev_pairs(std::string_view text);

// Map udev property pairs to DevProps (the ID_* names above, MODE/OWNER/GROUP).
DevProps props_from_udev(const std::vector<std::pair<std::string, std::string>>& pairs);

// What probe_blkid() looks for: filesystem superblocks (type, version, label, UUID) and, with
// probe_partitions, partition tables and entries too (reading the table costs more I/O: GPT
// keeps a copy at the end of the disk, and a partition's entry is read from its whole disk).
enum ProbeChains : unsigned {
    probe_superblocks = 1u << 0,
    probe_partitions = 1u << 1,
    probe_all_chains = probe_superblocks | probe_partitions,
};

// Probe the device node PATH with libblkid, through one open of it. Superblocks are always
// probed (libblkid disregards a partition table under a RAID superblock only when both chains
// run). Returns nullopt when the node cannot be opened or nothing is found.
std::optional<DevProps> probe_blkid(const std::string& path, unsigned chains = probe_all_chains);

// Human name of a partition type code for a partition table type, as lsblk's PARTTYPENAME
// ("0x83" + "dos" -> "Linux", GPT type UUIDs -> their names). nullopt when unknown.
std::optional<std::string_view> parttype_name(std::string_view pttype, std::string_view code);

}  // namespace procstat::block
