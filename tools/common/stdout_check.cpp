// SPDX-License-Identifier: GPL-2.0-or-later
// stdout flushing and write-error reporting shared by all tools.
#include "toolcommon/stdout_check.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

namespace procstat::tool {

bool write_stdout(std::string_view data) {
    return std::fwrite(data.data(), 1, data.size(), stdout) == data.size();
}

int close_stdout(std::string_view prog, int rc, int fail_status) {
    bool bad = std::ferror(stdout) != 0;
    errno = 0;
    if (std::fflush(stdout) != 0) bad = true;
    int e = errno;
    if (std::fclose(stdout) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    if (bad) {
        if (e)
            fmt::print(stderr, "{}: write error: {}\n", prog, std::strerror(e));
        else
            fmt::print(stderr, "{}: write error\n", prog);
        return fail_status;
    }
    return rc;
}

}  // namespace procstat::tool
