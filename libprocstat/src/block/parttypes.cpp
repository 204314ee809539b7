// SPDX-License-Identifier: GPL-2.0-or-later
// Names of common partition type codes (MBR) and GUIDs (GPT) for the PARTTYPENAME column.
#include <array>
#include <strings.h>

#include "procstat/block/udev.hpp"

namespace procstat::block {

namespace {
struct TypeName {
    std::string_view code, name;
};

// compat: names as util-linux's partition type tables spell them
constexpr std::array<TypeName, 21> kDos{{
    {"0x1", "FAT12"}, {"0x4", "FAT16 <32M"}, {"0x5", "Extended"}, {"0x6", "FAT16"},
    {"0x7", "HPFS/NTFS/exFAT"}, {"0xb", "W95 FAT32"}, {"0xc", "W95 FAT32 (LBA)"},
    {"0xe", "W95 FAT16 (LBA)"}, {"0xf", "W95 Ext'd (LBA)"}, {"0x11", "Hidden FAT12"},
    {"0x82", "Linux swap / Solaris"}, {"0x83", "Linux"}, {"0x85", "Linux extended"},
    {"0x8e", "Linux LVM"}, {"0xa5", "FreeBSD"}, {"0xa6", "OpenBSD"}, {"0xaf", "HFS / HFS+"},
    {"0xee", "GPT"}, {"0xef", "EFI (FAT-12/16/32)"}, {"0xfb", "VMware VMFS"},
    {"0xfd", "Linux raid autodetect"},
}};

constexpr std::array<TypeName, 16> kGpt{{
    {"C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI System"},
    {"21686148-6449-6E6F-744E-656564454649", "BIOS boot"},
    {"0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem"},
    {"0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "Linux swap"},
    {"E6D6D379-F507-44C2-A23C-238F2A3DF928", "Linux LVM"},
    {"A19D880F-05FC-4D3B-A006-743F0F84911E", "Linux RAID"},
    {"933AC7E1-2EB4-4F13-B844-0E14E2AEF915", "Linux home"},
    {"3B8F8425-20E0-4F3B-907F-1A25A76F98E8", "Linux server data"},
    {"BC13C2FF-59E6-4262-A352-B275FD6F7172", "Linux extended boot"},
    {"4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "Linux root (x86-64)"},
    {"44479540-F297-41B2-9AF7-D131D5F0458A", "Linux root (x86)"},
    {"CA7D7CCB-63ED-4C53-861C-1742536059CC", "LUKS"},
    {"EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Microsoft basic data"},
    {"E3C9E316-0B5C-4DB8-817D-F92DF00215AE", "Microsoft reserved"},
    {"DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "Windows recovery environment"},
    {"48465300-0000-11AA-AA11-00306543ECAC", "Apple HFS/HFS+"},
}};

bool ieq(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}
}  // namespace

std::optional<std::string_view> parttype_name(std::string_view pttype, std::string_view code) {
    if (pttype == "dos") {
        for (const auto& t : kDos)
            if (ieq(t.code, code)) return t.name;
    } else if (pttype == "gpt") {
        for (const auto& t : kGpt)
            if (ieq(t.code, code)) return t.name;
    }
    return std::nullopt;
}

}  // namespace procstat::block
