// SPDX-License-Identifier: GPL-2.0-or-later
// Reads /proc/meminfo relative to a Root.
#include <string>

#include "procstat/core/io.hpp"
#include "procstat/mem/meminfo.hpp"

namespace procstat::mem {

Result<MemInfo> read_meminfo(const Root& root) {
    std::string text;
    const std::string rel = std::string(Root::proc) + "/meminfo";
    if (Status st = io::read_file(root, rel, text, meminfo_read_limit); !st) return st;
    // compat: procps fails ("Unable to create meminfo structure") when the read returns nothing.
    if (text.empty()) return Status{Errc::malformed, 0};
    return parse_meminfo(text);
}

}  // namespace procstat::mem
