// SPDX-License-Identifier: GPL-2.0-or-later
// udev database records and sysroot property files: KEY=value pairs mapped to DevProps.
#include <string>

#include "procstat/block/udev.hpp"
#include "procstat/core/parse_util.hpp"

namespace procstat::block {

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string udev_unhex(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); i++) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0 &&
            hexval(s[i + 3]) >= 0) {
            out += static_cast<char>(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parse_udev_pairs(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    std::string_view line;
    while (parse::next_line(text, line)) {
        if (line.size() >= 2 && line[1] == ':') {
            if (line[0] != 'E') continue;  // S: links, I: init time, G: tags ...
            line.remove_prefix(2);
        }
        auto eq = line.find('=');
        if (eq == std::string_view::npos || eq == 0) continue;
        std::string_view key = parse::trim(line.substr(0, eq));
        std::string_view val = line.substr(eq + 1);
        while (!val.empty() && (val.back() == '\r' || val.back() == '\n')) val.remove_suffix(1);
        // compat: util-linux keeps values as C strings: a NUL byte ends the value
        if (auto nul = val.find('\0'); nul != std::string_view::npos) val = val.substr(0, nul);
        if (key.empty()) continue;
        out.emplace_back(std::string(key), std::string(val));
    }
    return out;
}

DevProps props_from_udev(const std::vector<std::pair<std::string, std::string>>& pairs) {
    DevProps p;
    std::optional<std::string> wwn_ext, wwn, scsi_serial, serial_short;
    for (const auto& [k, v] : pairs) {
        if (k == "ID_FS_LABEL_ENC") p.label = udev_unhex(v);
        else if (k == "ID_FS_UUID_ENC") p.uuid = udev_unhex(v);
        else if (k == "ID_PART_TABLE_UUID") p.ptuuid = v;
        else if (k == "ID_PART_TABLE_TYPE") p.pttype = v;
        else if (k == "ID_PART_ENTRY_NAME") p.partlabel = udev_unhex(v);
        else if (k == "ID_FS_TYPE") p.fstype = v;
        else if (k == "ID_FS_VERSION") p.fsversion = v;
        else if (k == "ID_PART_ENTRY_TYPE") p.parttype = v;
        else if (k == "ID_PART_ENTRY_UUID") p.partuuid = v;
        else if (k == "ID_PART_ENTRY_FLAGS") p.partflags = v;
        else if (k == "ID_MODEL") p.model = v;
        else if (k == "ID_WWN_WITH_EXTENSION") wwn_ext = v;
        else if (k == "ID_WWN") wwn = v;
        else if (k == "ID_SCSI_SERIAL") scsi_serial = v;
        else if (k == "ID_SERIAL_SHORT") serial_short = v;
        else if (k == "MODE") p.mode = v;
        else if (k == "OWNER") p.owner = v;
        else if (k == "GROUP") p.group = v;
    }
    p.wwn = wwn_ext ? wwn_ext : wwn;
    p.serial = scsi_serial ? scsi_serial : serial_short;
    return p;
}

}  // namespace procstat::block
