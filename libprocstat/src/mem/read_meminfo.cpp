// SPDX-License-Identifier: GPL-2.0-or-later
// Reads /proc/meminfo (and other regular files) relative to a Root.
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <string>

#include "procstat/core/io.hpp"
#include "procstat/mem/meminfo.hpp"

namespace procstat::mem {

Status check_regular(const Root& root, const std::string& rel) {
    struct stat st {};
    if (::fstatat(root.fd(), rel.c_str(), &st, 0) != 0) return Status::from_errno(errno);
    if (!S_ISREG(st.st_mode)) return Status{Errc::malformed, 0};
    return {};
}

Result<MemInfo> read_meminfo(const Root& root) {
    std::string text;
    const std::string rel = std::string(Root::proc) + "/meminfo";
    // A FIFO or device in a --sysroot tree must not block or stream forever.
    if (Status st = check_regular(root, rel); !st) return st;
    if (Status st = io::read_file(root, rel, text, meminfo_read_limit); !st) return st;
    // compat: procps fails ("Unable to create meminfo structure") when the read returns nothing.
    if (text.empty()) return Status{Errc::malformed, 0};
    return parse_meminfo(text);
}

}  // namespace procstat::mem
