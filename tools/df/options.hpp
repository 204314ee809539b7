// SPDX-License-Identifier: GPL-2.0-or-later
// df command line: GNU coreutils 9.1 df options (getopt_long) plus --json, --sort, --sysroot, --timeout.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "procstat/fsusage/df_report.hpp"

namespace procstat::df {

using Field = fsusage::DfField;
using HeaderMode = fsusage::DfHeaderMode;
using SortKey = fsusage::DfSortKey;

struct Options {
    bool show_all = false;
    bool show_local = false;
    bool print_type = false;
    bool posix = false;
    bool total = false;
    bool sync = false;
    bool human_set = false;  // -B/-h/-H/-k/-m given
    unsigned human_opts = 0;
    std::uint64_t block_size = 1024;
    HeaderMode mode = HeaderMode::normal;
    std::vector<Field> fields;  // --output fields (in order), or the mode's defaults
    std::vector<std::string> include_types;
    std::vector<std::string> exclude_types;
    std::vector<std::string> files;
    // ours
    bool json = false;
    std::vector<SortKey> sort;
    std::optional<std::string> sysroot;
    double timeout_s = 5.0;
    std::optional<std::string> filter;  // -Q EXPR, --filter EXPR: keep matching rows
    std::optional<std::string> check;   // --check EXPR, --check-any EXPR
    bool check_any = false;             // --check-any: one matching row is enough
};

// Why parsing stopped: run, or exit now with STATUS (help/version printed, or an error
// already reported on stderr).
struct ParseOutcome {
    bool exit_now = false;
    int status = 0;
};

ParseOutcome parse_options(int argc, char** argv, Options& o);

// argv[0] once parse_options() has run ("df" before): the prefix of every message.
const char* program_name();

}  // namespace procstat::df
