// SPDX-License-Identifier: GPL-2.0-or-later
// du command line: GNU coreutils 9.1 options (getopt_long) plus --json and --sysroot.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "procstat/walk/du.hpp"

namespace procstat::du {

struct Options {
    walk::DuOptions walk;
    unsigned human_opts = 0;            // units::HumanOpt bits
    std::uint64_t block_size = 1024;    // output unit in bytes
    bool null_terminate = false;        // -0
    bool total = false;                 // -c
    bool json = false;                  // --json (ours)
    walk::DuSort sort = walk::DuSort::none;       // --sort=KEY (ours)
    std::string time_format;            // strftime format for --time
    std::optional<std::string> files0_from;
    std::optional<std::string> filter;  // -Q / --filter EXPR (ours)
    std::optional<std::string> check;   // --check / --check-any EXPR (ours)
    bool check_any = false;
    std::vector<std::string> files;     // operands ("." when none)
};

// Parse ARGV. Returns the options, or sets EXIT_CODE (and has printed what GNU du prints:
// help, version or an error) when du must stop.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

// Read all of FILE ("-" is standard input) into OUT. Returns 0, or the errno with
// OPEN_FAILED telling whether the file could not be opened or not be read.
int read_whole_file(const std::string& file, std::string& out, bool& open_failed);

// Parse a --threshold value with GNU xstrtoimax rules (suffixes kKmMGTPEZY, optional B/iB).
enum class IntParse { ok, invalid, invalid_suffix, overflow };
IntParse parse_threshold(const char* s, std::int64_t& out);

}  // namespace procstat::du
