// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk command line: options as util-linux 2.38.1 lsblk parses them (getopt_long).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "procstat/block/columns.hpp"
#include "../findmnt/ul_args.hpp"

namespace procstat::lsblk_tool {

struct Options {
    std::vector<block::Col> columns;       // output columns in order (before hidden ones)
    std::optional<block::Col> sort;        // -x
    std::optional<block::Col> dedup;       // -E
    std::optional<block::Col> tree_col = block::Col::name;  // -T[=COL]; nullopt: unknown name
    bool force_tree = false;
    bool tree = true;          // LSBLK_TREE
    bool ascii = false, raw = false, noheadings = false, pairs = false, json = false;
    bool shellvar = false;
    bool all = false, bytes = false, nodeps = false, noempty = false, merge = false;
    bool paths = false, inverse = false, scsi = false;
    std::vector<std::uint32_t> include, exclude;
    std::optional<unsigned> width;  // -w
    std::string sysroot;
    std::vector<std::string> devices;
    bool probe = true;  // beyond util-linux: libblkid when udev has no record (--no-probe off)
    ul_filter::FilterArgs tests;  // -Q/--filter, --check, --check-any (ours)
};

// Parse ARGV. Returns the exit status to leave with (after printing help/version/errors) when
// the program must stop, nullopt to go on.
std::optional<int> parse_options(int argc, char** argv, Options& opts);

extern const char* const usage_head;
extern const char* const usage_tail;

}  // namespace procstat::lsblk_tool
