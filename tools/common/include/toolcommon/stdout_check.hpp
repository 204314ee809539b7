// SPDX-License-Identifier: GPL-2.0-or-later
// Flush stdout at exit and turn a failed write into a message and a non-zero status.
#pragma once
#include <string_view>

namespace procstat::tool {

// Flush and close stdout. On failure print "PROG: write error[: reason]" to stderr and return
// FAIL_STATUS; otherwise return RC unchanged. EPIPE is reported like any other error (as
// coreutils' close_stdout does; a tool that ignores SIGPIPE decides that itself).
int close_stdout(std::string_view prog, int rc, int fail_status = 1);

// Write the whole buffer to stdout (through stdio). Returns false on error.
bool write_stdout(std::string_view data);

}  // namespace procstat::tool
