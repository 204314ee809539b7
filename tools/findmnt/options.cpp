// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt option parsing with getopt_long (same abbreviations, permutation and messages as
// util-linux), the exclusive-option checks, and the --help text.
#include "options.hpp"

#include <getopt.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "toolcommon/stdout_check.hpp"

namespace procstat::findmnt {
namespace {

constexpr const char* help_text = R"HELP(
Usage:
 findmnt [options]
 findmnt [options] <device> | <mountpoint>
 findmnt [options] <device> <mountpoint>
 findmnt [options] [--source <device>] [--target <path> | --mountpoint <dir>]

Find a (mounted) filesystem.

Options:
 -s, --fstab            search in static table of filesystems
 -m, --mtab             search in table of mounted filesystems
                          (includes user space mount options)
 -k, --kernel           search in kernel table of mounted
                          filesystems (default)

 -p, --poll[=<list>]    monitor changes in table of mounted filesystems
 -w, --timeout <num>    upper limit in milliseconds that --poll will block

 -A, --all              disable all built-in filters, print all filesystems
 -a, --ascii            use ASCII chars for tree formatting
 -b, --bytes            print sizes in bytes rather than in human readable format
 -C, --nocanonicalize   don't canonicalize when comparing paths
 -c, --canonicalize     canonicalize printed paths
 -D, --df               imitate the output of df(1)
 -d, --direction <word> direction of search, 'forward' or 'backward'
 -e, --evaluate         convert tags (LABEL,UUID,PARTUUID,PARTLABEL) 
                          to device names
 -F, --tab-file <path>  alternative file for -s, -m or -k options
 -f, --first-only       print the first found filesystem only
 -i, --invert           invert the sense of matching
 -J, --json             use JSON output format
 -l, --list             use list format output
 -N, --task <tid>       use alternative namespace (/proc/<tid>/mountinfo file)
 -n, --noheadings       don't print column headings
 -O, --options <list>   limit the set of filesystems by mount options
 -o, --output <list>    the output columns to be shown
     --output-all       output all available columns
 -P, --pairs            use key="value" output format
     --pseudo           print only pseudo-filesystems
     --shadowed         print only filesystems over-mounted by another filesystem
 -R, --submounts        print all submounts for the matching filesystems
 -r, --raw              use raw output format
     --real             print only real filesystems
 -S, --source <string>  the device to mount (by name, maj:min, 
                          LABEL=, UUID=, PARTUUID=, PARTLABEL=)
 -T, --target <path>    the path to the filesystem to use
     --tree             enable tree format output if possible
 -M, --mountpoint <dir> the mountpoint directory
 -t, --types <list>     limit the set of filesystems by FS types
 -U, --uniq             ignore filesystems with duplicate target
 -u, --notruncate       don't truncate text in columns
 -v, --nofsroot         don't print [/dir] for bind or btrfs mounts
 -y, --shell            use column names to be usable as shell variable identifiers

 -x, --verify           verify mount table content (default is fstab)
     --verbose          print more details
     --vfs-all          print all VFS options

 -h, --help             display this help
 -V, --version          display version

Available output columns:
      ACTION  action detected by --poll
       AVAIL  filesystem size available
        FREQ  dump(8) period in days [fstab only]
      FSROOT  filesystem root
      FSTYPE  filesystem type
  FS-OPTIONS  FS specific mount options
          ID  mount ID
       LABEL  filesystem label
     MAJ:MIN  major:minor device number
 OLD-OPTIONS  old mount options saved by --poll
  OLD-TARGET  old mountpoint saved by --poll
     OPTIONS  all mount options
  OPT-FIELDS  optional mount fields
      PARENT  mount parent ID
   PARTLABEL  partition label
    PARTUUID  partition UUID
      PASSNO  pass number on parallel fsck(8) [fstab only]
 PROPAGATION  VFS propagation flags
        SIZE  filesystem size
      SOURCE  source device
     SOURCES  all possible source devices
      TARGET  mountpoint
         TID  task ID
        USED  filesystem size used
        USE%  filesystem use percentage
        UUID  filesystem UUID
 VFS-OPTIONS  VFS specific mount options

For more details see findmnt(8).
)HELP";

enum LongOnly {
    opt_output_all = CHAR_MAX + 1,
    opt_tree,
    opt_pseudo,  // compat: before opt_real, the exclusive-group rows are sorted
    opt_real,
    opt_vfs_all,
    opt_shadowed,
    opt_verbose,
    opt_sysroot,
    opt_sort,
};

const struct option longopts[] = {
    {"all", no_argument, nullptr, 'A'},
    {"ascii", no_argument, nullptr, 'a'},
    {"bytes", no_argument, nullptr, 'b'},
    {"canonicalize", no_argument, nullptr, 'c'},
    {"direction", required_argument, nullptr, 'd'},
    {"df", no_argument, nullptr, 'D'},
    {"evaluate", no_argument, nullptr, 'e'},
    {"first-only", no_argument, nullptr, 'f'},
    {"fstab", no_argument, nullptr, 's'},
    {"help", no_argument, nullptr, 'h'},
    {"invert", no_argument, nullptr, 'i'},
    {"json", no_argument, nullptr, 'J'},
    {"kernel", no_argument, nullptr, 'k'},
    {"list", no_argument, nullptr, 'l'},
    {"mountpoint", required_argument, nullptr, 'M'},
    {"mtab", no_argument, nullptr, 'm'},
    {"noheadings", no_argument, nullptr, 'n'},
    {"notruncate", no_argument, nullptr, 'u'},
    {"options", required_argument, nullptr, 'O'},
    {"output", required_argument, nullptr, 'o'},
    {"output-all", no_argument, nullptr, opt_output_all},
    {"poll", optional_argument, nullptr, 'p'},
    {"pairs", no_argument, nullptr, 'P'},
    {"raw", no_argument, nullptr, 'r'},
    {"types", required_argument, nullptr, 't'},
    {"nocanonicalize", no_argument, nullptr, 'C'},
    {"nofsroot", no_argument, nullptr, 'v'},
    {"submounts", no_argument, nullptr, 'R'},
    {"source", required_argument, nullptr, 'S'},
    {"tab-file", required_argument, nullptr, 'F'},
    {"task", required_argument, nullptr, 'N'},
    {"target", required_argument, nullptr, 'T'},
    {"timeout", required_argument, nullptr, 'w'},
    {"uniq", no_argument, nullptr, 'U'},
    {"verify", no_argument, nullptr, 'x'},
    {"version", no_argument, nullptr, 'V'},
    {"verbose", no_argument, nullptr, opt_verbose},
    {"tree", no_argument, nullptr, opt_tree},
    {"real", no_argument, nullptr, opt_real},
    {"pseudo", no_argument, nullptr, opt_pseudo},
    {"vfs-all", no_argument, nullptr, opt_vfs_all},
    {"shadowed", no_argument, nullptr, opt_shadowed},
    {"shell", no_argument, nullptr, 'y'},
    {nullptr, 0, nullptr, 0},
};

// Ours, known only when spelled out in full (see ul_filter::PreparedArgs).
const struct option our_longopts[] = {
    {"sysroot", required_argument, nullptr, opt_sysroot},
    {"sort", required_argument, nullptr, opt_sort},
    {"filter", required_argument, nullptr, ul_filter::opt_filter},
    {"check", required_argument, nullptr, ul_filter::opt_check},
    {"check-any", required_argument, nullptr, ul_filter::opt_check_any},
};

// compat: util-linux ul_excl_t groups of findmnt (rows in ASCII order).
const int excl[][5] = {
    {'C', 'c', 0},
    {'C', 'e', 0},
    {'J', 'P', 'r', 'x', 0},
    {'M', 'T', 0},
    {'N', 'k', 'm', 's', 0},
    {'P', 'l', 'r', 'x', 0},
    {'p', 'x', 0},
    {'m', 'p', 's', 0},
    {opt_pseudo, opt_real, 0},
};

// Returns false (after the message) when C conflicts with an option seen before.
bool check_exclusive(int c, int* status) {
    for (std::size_t e = 0; e < std::size(excl); ++e) {
        for (const int* op = excl[e]; *op && *op <= c; ++op) {
            if (*op != c) continue;
            if (status[e] == 0) {
                status[e] = c;
            } else if (status[e] != c) {
                std::string msg = "findmnt: mutually exclusive arguments:";
                for (const int* x = excl[e]; *x; ++x) {
                    const char* name = nullptr;
                    for (const auto& lo : longopts)
                        if (lo.name && lo.val == *x) {
                            name = lo.name;
                            break;
                        }
                    msg += name ? fmt::format(" --{}", name) : fmt::format(" -{}", char(*x));
                }
                std::fprintf(stderr, "%s\n", msg.c_str());
                return false;
            }
            break;
        }
    }
    return true;
}

// util-linux strtos32_or_err(): the whole string must be a decimal int32.
std::optional<int> to_s32(const char* s) {
    if (!s || !*s) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(s, &end, 10);
    if (errno || end == s || (end && *end) || v < INT_MIN || v > INT_MAX) return std::nullopt;
    return static_cast<int>(v);
}

[[noreturn]] void try_help() {
    std::fputs("Try 'findmnt --help' for more information.\n", stderr);
    std::exit(1);
}

}  // namespace

void set_source_match(Options& o, const std::string& spec) {
    unsigned ma = 0, mi = 0;
    int n = 0;
    if (std::sscanf(spec.c_str(), "%u:%u%n", &ma, &mi, &n) >= 2) {
        o.majmin = std::make_pair(static_cast<std::uint32_t>(ma), static_cast<std::uint32_t>(mi));
        o.match_majmin = spec;
        o.flags |= fl_noswapmatch;
    } else {
        o.match_source = spec;
    }
}

std::optional<int> parse_options(int argc, char** argv, Options& o) {
    int excl_st[std::size(excl)] = {};
    int c;
    opterr = 1;
    constexpr const char* shortopts = "AabCcDd:ehiJfF:o:O:p::PklmM:nN:Q:rst:uvRS:T:Uw:Vxy";  // -Q is ours
    ul_filter::PreparedArgs pa(argc, argv, shortopts, std::span<const option>(longopts, std::size(longopts) - 1),
                               our_longopts);
    while ((c = getopt_long(pa.argc(), pa.argv(), shortopts, pa.longopts(), nullptr)) != -1) {
        if (!check_exclusive(c, excl_st)) return 1;
        if (ul_filter::take_option(c, optarg, o.tests)) continue;
        switch (c) {
        case 'A': o.all = true; break;
        case 'a': o.flags |= fl_ascii; break;
        case 'b': o.flags |= fl_bytes; break;
        case 'C': o.flags |= fl_nocache; break;
        case 'c': o.flags |= fl_canonicalize; break;
        case 'D':
            o.flags &= ~fl_tree;
            o.flags |= fl_df;
            break;
        case 'd':
            if (std::strcmp(optarg, "forward") == 0)
                o.backward = false;
            else if (std::strcmp(optarg, "backward") == 0)
                o.backward = true;
            else {
                std::fprintf(stderr, "findmnt: unknown direction '%s'\n", optarg);
                return 1;
            }
            break;
        case 'e': o.flags |= fl_evaluate; break;
        case 'h':
            std::fputs(help_text, stdout);
            return tool::close_stdout("findmnt", 0);
        case 'i': o.flags |= fl_invert; break;
        case 'J': o.flags |= fl_json; break;
        case 'f': o.flags |= fl_first_only; break;
        case 'F': o.tabfiles.emplace_back(optarg); break;
        case 'u': o.notruncate = true; break;
        case 'o': o.outarg = optarg; break;
        case opt_output_all:
            o.output_all = true;
            o.columns.clear();
            for (const auto& ci : all_columns())
                if (ci.id != Col::action && ci.id != Col::old_options && ci.id != Col::old_target)
                    o.columns.push_back(ci.id);
            break;
        case 'O': o.match_options = optarg; break;
        case 'p':
            if (optarg) {
                o.poll_actions.clear();
                std::string list = optarg;
                std::size_t pos = 0;
                while (pos <= list.size()) {
                    auto comma = list.find(',', pos);
                    std::string a = list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
                    if (a != "mount" && a != "umount" && a != "remount" && a != "move") {
                        std::fprintf(stderr, "findmnt: unknown action: %s\n", list.c_str() + pos);
                        return 1;
                    }
                    o.poll_actions.push_back(a);
                    if (comma == std::string::npos) break;
                    pos = comma + 1;
                }
            }
            o.flags |= fl_poll;
            o.flags &= ~fl_tree;
            break;
        case 'P':
            o.flags |= fl_export;
            o.flags &= ~fl_tree;
            break;
        case 'm':
            o.tabtype = TabType::mtab;
            o.flags &= ~fl_tree;
            break;
        case 's':
            o.tabtype = TabType::fstab;
            o.flags &= ~fl_tree;
            break;
        case 'k': o.tabtype = TabType::kernel; break;
        case 't': o.match_fstype = optarg; break;
        case 'r':
            o.flags &= ~fl_tree;
            o.flags |= fl_raw;
            break;
        case 'v': o.flags |= fl_nofsroot; break;
        case 'R': o.flags |= fl_submounts; break;
        case 'S':
            set_source_match(o, optarg);
            o.flags |= fl_noswapmatch;
            break;
        case 'M':
            o.flags |= fl_strict_target;
            [[fallthrough]];
        case 'T':
            o.match_target = optarg;
            o.flags |= fl_noswapmatch;
            break;
        case 'U': o.flags |= fl_uniq; break;
        case 'w': {
            auto v = to_s32(optarg);
            if (!v) {
                std::fprintf(stderr, "findmnt: invalid timeout argument: '%s'\n", optarg);
                return 1;
            }
            o.timeout = *v;
            break;
        }
        case 'x': o.verify = true; break;
        case 'y': o.flags |= fl_shellvar; break;
        case 'N': {
            // compat: util-linux strtou32_or_err(): a sign or overflow is ERANGE (with reason)
            auto v = to_s32(optarg);
            if (!v || *v < 0) {
                bool range = (v && *v < 0) || (optarg[0] && std::strspn(optarg, "0123456789") == std::strlen(optarg));
                std::fprintf(stderr, "findmnt: invalid TID argument: '%s'%s\n", optarg,
                             range ? ": Numerical result out of range" : "");
                return 1;
            }
            o.tabtype = TabType::kernel;
            o.tid = *v;
            o.tabfiles.push_back(fmt::format("/proc/{}/mountinfo", *v));
            break;
        }
        case 'V':
            std::fputs("findmnt from util-linux 2.38.1\n", stdout);
            return tool::close_stdout("findmnt", 0);
        case 'l': o.flags &= ~fl_tree; break;
        case 'n': o.flags |= fl_noheadings; break;
        case opt_verbose: o.flags |= fl_verbose; break;
        case opt_tree: o.force_tree = true; break;
        case opt_pseudo: o.pseudo = true; break;
        case opt_real: o.real = true; break;
        case opt_vfs_all: o.vfs_all = true; break;
        case opt_shadowed: o.shadowed = true; break;
        case opt_sysroot: o.sysroot = optarg; break;
        case opt_sort: o.sort = optarg; break;
        default: try_help();
        }
    }
    for (int i = optind; i < pa.argc(); ++i) o.positionals.emplace_back(pa.argv()[i]);
    return std::nullopt;
}

}  // namespace procstat::findmnt
