// SPDX-License-Identifier: GPL-2.0-or-later
// Command line of free: procps-ng 4.0.2's options (getopt_long) plus our --json, --cgroup, --sysroot.
#pragma once
#include <optional>
#include <string>

#include "procstat/mem/free_report.hpp"

namespace procstat::freetool {

struct Options {
    std::string prog = "free";  // program name for messages (compat: procps uses the short name)
    mem::FreeLayout layout;  // -b.. --pebi, -h, --si, -w, -l, -t, -v
    bool repeat = false;     // -s or -c given
    unsigned repeat_usec = 1000000;  // delay between reports (compat: see parse_seconds)
    std::optional<int> count;        // -c N
    // Ours, not in procps (kept out of --help, documented in free.1):
    bool json = false;       // --json
    bool cgroup = false;     // --cgroup
    std::optional<std::string> sysroot;  // --sysroot DIR
    std::optional<std::string> filter;   // -Q EXPR, --filter EXPR: print only matching samples
    std::optional<std::string> check;    // --check EXPR / --check-any EXPR
    bool check_any = false;              // --check-any: one matching sample is enough
};

// Parse ARGV. Returns an exit status when free must stop now (--help, --version, a usage
// error; the output is already written), or nullopt to go on with OPTS filled in.
std::optional<int> parse_options(int argc, char** argv, Options& opts);

}  // namespace procstat::freetool
