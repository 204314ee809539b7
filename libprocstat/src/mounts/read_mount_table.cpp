// SPDX-License-Identifier: GPL-2.0-or-later
// Readers that load mount tables through a Root or from a --tab-file path.
#include <fcntl.h>

#include <string>

#include "procstat/core/io.hpp"
#include "procstat/mnt/mount_table.hpp"

namespace procstat::mnt {

Result<MountTable> read_mountinfo(const Root& root, std::string_view who) {
    std::string rel(Root::proc);
    rel += '/';
    rel.append(who);
    rel += "/mountinfo";
    std::string text;
    if (Status st = io::read_file(root, rel, text); !st) return st;
    return parse_mountinfo(text);
}

Result<MountTable> read_table_file(const std::string& path) {
    std::string text;
    if (Status st = io::read_file(AT_FDCWD, path.c_str(), text); !st) return st;
    TableFormat f = detect_format(text);
    if (f == TableFormat::mountinfo) return parse_mountinfo(text);
    return parse_fstab(text, f);
}

}  // namespace procstat::mnt
