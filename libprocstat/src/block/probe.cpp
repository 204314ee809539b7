// SPDX-License-Identifier: GPL-2.0-or-later
// libblkid probing of a device node: filesystem superblock and partition table/entry values.
#include <blkid.h>

#include "procstat/block/udev.hpp"

namespace procstat::block {

std::optional<DevProps> probe_blkid(const std::string& path, unsigned chains) {
    blkid_probe pr = blkid_new_probe_from_filename(path.c_str());
    if (!pr) return std::nullopt;
    blkid_probe_enable_superblocks(pr, 1);
    blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID |
                                              BLKID_SUBLKS_TYPE | BLKID_SUBLKS_VERSION);
    if (chains & probe_partitions) {
        blkid_probe_enable_partitions(pr, 1);
        blkid_probe_set_partitions_flags(pr, BLKID_PARTS_ENTRY_DETAILS);
    }
    std::optional<DevProps> out;
    if (blkid_do_safeprobe(pr) == 0) {
        DevProps p;
        auto get = [&](const char* name, std::optional<std::string>& dst) {
            const char* data = nullptr;
            if (blkid_probe_lookup_value(pr, name, &data, nullptr) == 0 && data) dst = data;
        };
        get("TYPE", p.fstype);
        get("VERSION", p.fsversion);
        get("UUID", p.uuid);
        get("LABEL", p.label);
        get("PTUUID", p.ptuuid);
        get("PTTYPE", p.pttype);
        get("PART_ENTRY_TYPE", p.parttype);
        get("PART_ENTRY_UUID", p.partuuid);
        get("PART_ENTRY_NAME", p.partlabel);
        get("PART_ENTRY_FLAGS", p.partflags);
        out = std::move(p);
    }
    blkid_free_probe(pr);
    return out;
}

}  // namespace procstat::block
