// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt command line: util-linux 2.38.1 options parsed with getopt_long, plus --sort and --sysroot.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "procstat/findmnt/columns.hpp"
#include "ul_args.hpp"

namespace procstat::findmnt {

enum class TabType { none, kernel, mtab, fstab };

// util-linux findmnt FL_* flags.
enum Flag : unsigned {
    fl_evaluate = 1u << 1,
    fl_canonicalize = 1u << 2,
    fl_first_only = 1u << 3,
    fl_invert = 1u << 4,
    fl_noswapmatch = 1u << 6,
    fl_nofsroot = 1u << 7,
    fl_submounts = 1u << 8,
    fl_poll = 1u << 9,
    fl_nocache = 1u << 10,
    fl_strict_target = 1u << 11,
    fl_verbose = 1u << 12,
    fl_ascii = 1u << 20,
    fl_raw = 1u << 21,
    fl_noheadings = 1u << 22,
    fl_export = 1u << 23,
    fl_tree = 1u << 24,
    fl_bytes = 1u << 25,
    fl_nofsroot_unused = 1u << 26,
    fl_json = 1u << 27,
    fl_df = 1u << 28,
    fl_uniq = 1u << 29,
    fl_shellvar = 1u << 30,
};

// Extra flags that do not fit the bit set above.
struct Options {
    unsigned flags = fl_tree;
    bool real = false, pseudo = false, shadowed = false, all = false, vfs_all = false;
    bool force_tree = false, verify = false, notruncate = false;
    TabType tabtype = TabType::none;
    std::vector<std::string> tabfiles;
    int tid = 0;                           // -N
    bool backward = false;                 // -d backward
    std::optional<std::string> outarg;     // -o
    bool output_all = false;
    std::vector<Col> columns;
    std::optional<std::string> match_source, match_target, match_fstype, match_options;
    std::optional<std::string> match_majmin;
    std::optional<std::pair<std::uint32_t, std::uint32_t>> majmin;
    std::vector<std::string> poll_actions;  // empty: all
    std::optional<int> timeout;             // -w, milliseconds
    std::string sysroot;                    // --sysroot (ours)
    std::optional<std::string> sort;        // --sort (ours)
    ul_filter::FilterArgs tests;            // -Q/--filter, --check, --check-any (ours)
    std::vector<std::string> positionals;   // SOURCE and TARGET arguments
};

// Parse argv. Returns an exit status when the program must stop (after printing help,
// version or an error), nullopt to go on.
std::optional<int> parse_options(int argc, char** argv, Options& o);

// Record SPEC as the source match: "maj:min" sets the device number match instead.
void set_source_match(Options& o, const std::string& spec);

}  // namespace procstat::findmnt
