// SPDX-License-Identifier: GPL-2.0-or-later
// df option parsing with glibc getopt_long (so abbreviations, permutation and error messages
// are GNU's), the help and version texts, and the mode/default-column decisions of df 9.1.
#include "options.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <getopt.h>
#include <string_view>

#include "procstat/fsusage/df_select.hpp"
#include "procstat/units/gnu_size.hpp"

namespace procstat::df {

namespace {

// compat: GNU names itself by argv[0] in messages and in the usage line.
const char* prog = "df";

enum LongOnly {
    opt_no_sync = 256,
    opt_sync,
    opt_total,
    opt_output,
    opt_help,
    opt_version,
    opt_json,
    opt_sort,
    opt_sysroot,
    opt_timeout,
    opt_filter,
    opt_check,
    opt_check_any,
};

// GNU's long options first: abbreviations are resolved among these alone (see normalize()).
const option gnu_long_options[] = {
    {"all", no_argument, nullptr, 'a'},
    {"block-size", required_argument, nullptr, 'B'},
    {"inodes", no_argument, nullptr, 'i'},
    {"human-readable", no_argument, nullptr, 'h'},
    {"si", no_argument, nullptr, 'H'},
    {"local", no_argument, nullptr, 'l'},
    {"output", optional_argument, nullptr, opt_output},
    {"portability", no_argument, nullptr, 'P'},
    {"print-type", no_argument, nullptr, 'T'},
    {"sync", no_argument, nullptr, opt_sync},
    {"no-sync", no_argument, nullptr, opt_no_sync},
    {"total", no_argument, nullptr, opt_total},
    {"type", required_argument, nullptr, 't'},
    {"exclude-type", required_argument, nullptr, 'x'},
    {"help", no_argument, nullptr, opt_help},
    {"version", no_argument, nullptr, opt_version},
};
constexpr std::size_t gnu_long_count = sizeof gnu_long_options / sizeof gnu_long_options[0];

const option our_long_options[] = {
    {"json", no_argument, nullptr, opt_json},
    {"sort", required_argument, nullptr, opt_sort},
    {"sysroot", required_argument, nullptr, opt_sysroot},
    {"timeout", required_argument, nullptr, opt_timeout},
    {"filter", required_argument, nullptr, opt_filter},
    {"check", required_argument, nullptr, opt_check},
    {"check-any", required_argument, nullptr, opt_check_any},
};

constexpr const char* short_options = "aB:iF:hHklmPQ:Tt:vx:";  // -Q is ours

void usage_hint() { std::fprintf(stderr, "Try '%s --help' for more information.\n", prog); }

void print_help() {
    std::printf("Usage: %s [OPTION]... [FILE]...\n", prog);
    std::fputs(
        "Show information about the file system on which each FILE resides,\n"
        "or all file systems by default.\n"
        "\n"
        "Mandatory arguments to long options are mandatory for short options too.\n"
        "  -a, --all             include pseudo, duplicate, inaccessible file systems\n"
        "  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,\n"
        "                           '-BM' prints sizes in units of 1,048,576 bytes;\n"
        "                           see SIZE format below\n"
        "  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)\n"
        "  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)\n"
        "  -i, --inodes          list inode information instead of block usage\n"
        "  -k                    like --block-size=1K\n"
        "  -l, --local           limit listing to local file systems\n"
        "      --no-sync         do not invoke sync before getting usage info (default)\n"
        "      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,\n"
        "                               or print all fields if FIELD_LIST is omitted.\n"
        "  -P, --portability     use the POSIX output format\n"
        "      --sync            invoke sync before getting usage info\n"
        "      --total           elide all entries insignificant to available space,\n"
        "                          and produce a grand total\n"
        "  -t, --type=TYPE       limit listing to file systems of type TYPE\n"
        "  -T, --print-type      print file system type\n"
        "  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE\n"
        "  -v                    (ignored)\n"
        "      --help        display this help and exit\n"
        "      --version     output version information and exit\n"
        "\n"
        "Display values are in units of the first available SIZE from --block-size,\n"
        "and the DF_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.\n"
        "Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).\n"
        "\n"
        "The SIZE argument is an integer and optional unit (example: 10K is 10*1024).\n"
        "Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\n"
        "Binary prefixes can be used, too: KiB=K, MiB=M, and so on.\n"
        "\n"
        "FIELD_LIST is a comma-separated list of columns to be included.  Valid\n"
        "field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',\n"
        "'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).\n"
        "\n"
        "GNU coreutils online help: <https://www.gnu.org/software/coreutils/>\n"
        "Report any translation bugs to <https://translationproject.org/team/>\n"
        "Full documentation <https://www.gnu.org/software/coreutils/df>\n"
        "or available locally via: info '(coreutils) df invocation'\n",
        stdout);
}

void print_version() {
    std::fputs(
        "df (GNU coreutils) 9.1\n"
        "Copyright (C) 2022 Free Software Foundation, Inc.\n"
        "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
        "This is free software: you are free to change and redistribute it.\n"
        "There is NO WARRANTY, to the extent permitted by law.\n"
        "\n"
        "Written by Torbjorn Granlund, David MacKenzie, and Paul Eggert.\n",
        stdout);
}

// Call FN on each comma-separated item of LIST (empty items included); stops and returns
// false as soon as FN does.
template <typename Fn>
bool for_each_item(std::string_view list, Fn fn) {
    for (;;) {
        std::size_t comma = list.find(',');
        if (!fn(list.substr(0, comma))) return false;
        if (comma == std::string_view::npos) return true;
        list.remove_prefix(comma + 1);
    }
}

// --output=LIST: returns false after reporting an error (GNU exits 1 with the usage hint).
bool decode_output_arg(std::string_view arg, Options& o) {
    return for_each_item(arg, [&](std::string_view name) {
        Field f;
        const char* problem = nullptr;
        if (!fsusage::df_field_lookup(name, f))
            problem = "unknown";
        else if (std::find(o.fields.begin(), o.fields.end(), f) != o.fields.end())
            problem = "used more than once";
        if (problem) {
            std::fprintf(stderr, "%s: option --output: field %s %s\n", prog,
                         fsusage::quote_locale(name).c_str(), problem);
            usage_hint();
            return false;
        }
        o.fields.push_back(f);
        return true;
    });
}

bool parse_sort(std::string_view arg, Options& o) {
    o.sort.clear();
    return for_each_item(arg, [&](std::string_view key) {
        SortKey k;
        if (!key.empty() && (key[0] == '-' || key[0] == '+')) {
            k.descending = key[0] == '-';
            key.remove_prefix(1);
        }
        if (!fsusage::df_field_lookup(key, k.field)) {
            std::fprintf(stderr, "%s: invalid --sort key %s\n", prog,
                         fsusage::quote_locale(key).c_str());
            usage_hint();
            return false;
        }
        o.sort.push_back(k);
        return true;
    });
}

bool takes_arg_short(char c) { return std::strchr("BFQtx", c) != nullptr; }

// Our long options must not change how GNU's abbreviations resolve ("--sy" is --sync for GNU
// even though --sysroot exists here): expand any "--PREFIX" that matches a GNU option to that
// option's full name before getopt_long sees it. Arguments of options are skipped.
std::vector<std::string> normalize(int argc, char** argv) {
    std::vector<std::string> out(argv, argv + argc);
    for (int i = 1; i < argc; ++i) {
        std::string& a = out[i];
        if (a == "--") break;
        if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
            std::string_view body(a);
            body.remove_prefix(2);
            std::size_t eq = body.find('=');
            std::string_view name = body.substr(0, eq);
            const option* exact = nullptr;
            const option* match = nullptr;
            int matches = 0;
            for (std::size_t k = 0; k < gnu_long_count; ++k) {
                std::string_view full = gnu_long_options[k].name;
                if (full == name) exact = &gnu_long_options[k];
                if (full.substr(0, name.size()) == name) {
                    match = &gnu_long_options[k];
                    ++matches;
                }
            }
            bool ours_exact = false;
            for (const auto& opt : our_long_options)
                if (name == opt.name) ours_exact = true;
            const option* chosen = exact ? exact : (matches == 1 && !ours_exact ? match : nullptr);
            if (chosen) {
                a = std::string("--") + chosen->name + (eq == std::string_view::npos ? "" : std::string(body.substr(eq)));
                if (chosen->has_arg == required_argument && eq == std::string_view::npos) ++i;
            } else if (matches == 0) {
                for (const auto& opt : our_long_options) {
                    std::string_view full = opt.name;
                    if (full.substr(0, name.size()) == name && opt.has_arg == required_argument &&
                        eq == std::string_view::npos) {
                        ++i;
                        break;
                    }
                }
            }
        } else if (a.size() > 1 && a[0] == '-') {
            for (std::size_t j = 1; j < a.size(); ++j)
                if (takes_arg_short(a[j])) {
                    if (j + 1 == a.size()) ++i;
                    break;
                }
        }
    }
    return out;
}

void set_default_fields(Options& o) {
    using F = Field;
    o.fields.clear();
    o.fields.push_back(F::source);
    if (o.print_type) o.fields.push_back(F::fstype);
    if (o.mode == HeaderMode::inodes) {
        o.fields.insert(o.fields.end(), {F::itotal, F::iused, F::iavail, F::ipcent});
    } else {
        o.fields.insert(o.fields.end(), {F::size, F::used, F::avail, F::pcent});
    }
    o.fields.push_back(F::target);
}

}  // namespace

const char* program_name() { return prog; }

ParseOutcome parse_options(int argc, char** argv, Options& o) {
    if (argc > 0 && argv[0] && *argv[0]) prog = argv[0];
    std::vector<std::string> args = normalize(argc, argv);
    std::vector<char*> av;
    for (auto& s : args) av.push_back(s.data());
    av.push_back(nullptr);
    // Our options take no abbreviations: one is known only when spelled out in full, so that
    // "--j" stays the error it is for GNU df.
    std::vector<option> longopts(gnu_long_options, gnu_long_options + gnu_long_count);
    for (const auto& opt : our_long_options) {
        std::string full = std::string("--") + opt.name;
        bool spelled = false;
        for (const auto& a : args) {
            if (a == "--") break;
            if (a == full || a.rfind(full + "=", 0) == 0) spelled = true;
        }
        if (spelled) longopts.push_back(opt);
    }
    longopts.push_back({nullptr, 0, nullptr, 0});

    bool human_given = false;
    bool output_given = false;
    auto excluded_by_output = [](const char* opt) {
        std::fprintf(stderr, "%s: options %s and --output are mutually exclusive\n", prog, opt);
        usage_hint();
        return ParseOutcome{true, 1};
    };
    // -h, -H, -k, -m: fixed units (the last one given wins, like -B)
    auto set_units = [&](unsigned opts, std::uint64_t size) {
        o.human_opts = opts;
        o.block_size = size;
        human_given = true;
    };
    optind = 0;  // full reinitialisation (also of GNU extensions)
    int c;
    int ac = static_cast<int>(args.size());
    int oi = -1;
    while ((c = getopt_long(ac, av.data(), short_options, longopts.data(), &oi)) != -1) {
        bool long_form = oi >= 0;
        oi = -1;
        switch (c) {
        case 'a': o.show_all = true; break;
        case 'B': {
            auto e = units::human_options(optarg, o.human_opts, o.block_size, "DF_BLOCK_SIZE");
            if (e != units::BlockSizeError::ok) {
                // compat: GNU names the option as it was spelled ("-B" or "--block-size").
                std::fprintf(stderr, "%s: %s\n", prog,
                             units::block_size_error_message(e, long_form ? "--block-size" : "-B", optarg).c_str());
                return {true, 1};
            }
            human_given = true;
            break;
        }
        case 'i':
            if (output_given) return excluded_by_output("-i");
            o.mode = HeaderMode::inodes;
            break;
        case 'h': set_units(units::human_autoscale | units::human_SI | units::human_base_1024, 1); break;
        case 'H': set_units(units::human_autoscale | units::human_SI, 1); break;
        case 'k': set_units(0, 1024); break;
        case 'l': o.show_local = true; break;
        case 'm': set_units(0, 1024 * 1024); break;  // compat: obsolescent BSD option, like -BM
        case 'T':
            if (output_given) return excluded_by_output("-T");
            o.print_type = true;
            break;
        case 'v': break;  // compat: SysV, ignored
        case 'P':
            if (output_given) return excluded_by_output("-P");
            o.posix = true;
            break;
        case 'F':  // compat: Solaris spelling of -t
        case 't': o.include_types.emplace_back(optarg); break;
        case 'x': o.exclude_types.emplace_back(optarg); break;
        case opt_sync: o.sync = true; break;
        case opt_no_sync: o.sync = false; break;
        case opt_total: o.total = true; break;
        case opt_output:
            if (o.mode == HeaderMode::inodes) return excluded_by_output("-i");
            if (o.posix && o.mode == HeaderMode::normal) return excluded_by_output("-P");
            if (o.print_type) return excluded_by_output("-T");
            output_given = true;
            o.mode = HeaderMode::output;
            if (optarg && !decode_output_arg(optarg, o)) return {true, 1};
            break;
        case opt_help: print_help(); return {true, 0};
        case opt_version: print_version(); return {true, 0};
        case opt_json: o.json = true; break;
        case opt_sort:
            if (!parse_sort(optarg, o)) return {true, 1};
            break;
        case opt_sysroot: o.sysroot = optarg; break;
        case 'Q':
        case opt_filter: o.filter = optarg; break;
        case opt_check:
        case opt_check_any:
            o.check = optarg;
            o.check_any = c == opt_check_any;
            break;
        case opt_timeout: {
            char* end = nullptr;
            errno = 0;
            double t = std::strtod(optarg, &end);
            if (errno || end == optarg || *end || !(t >= 0) || !std::isfinite(t)) {
                std::fprintf(stderr, "%s: invalid --timeout argument %s\n", prog,
                             fsusage::quote_locale(optarg).c_str());
                usage_hint();
                return {true, 1};
            }
            o.timeout_s = t;
            break;
        }
        default: usage_hint(); return {true, 1};
        }
    }

    // compat: df 9.1 refuses a type that is both selected and excluded.
    bool clash = false;
    for (const auto& inc : o.include_types)
        for (const auto& exc : o.exclude_types)
            if (inc == exc) {
                std::fprintf(stderr, "%s: file system type %s both selected and excluded\n", prog,
                             fsusage::quote_locale(inc).c_str());
                clash = true;
                break;
            }
    if (clash) return {true, 1};

    if (!human_given) {
        if (o.posix) {
            o.human_opts = 0;
            o.block_size = std::getenv("POSIXLY_CORRECT") ? 512 : 1024;
        } else {
            units::human_options(nullptr, o.human_opts, o.block_size, "DF_BLOCK_SIZE");
        }
    }
    o.human_set = human_given;
    if (o.mode == HeaderMode::inodes || o.mode == HeaderMode::output) {
    } else if (o.human_opts & units::human_autoscale) {
        o.mode = HeaderMode::human;
    } else if (o.posix) {
        o.mode = HeaderMode::posix;
    }
    if (o.mode == HeaderMode::output) {
        if (o.fields.empty())
            for (int i = 0; i < fsusage::df_field_count; ++i) o.fields.push_back(static_cast<Field>(i));
    } else {
        set_default_fields(o);
    }
    for (int i = optind; i < ac; ++i) o.files.emplace_back(av[i]);
    return {};
}

}  // namespace procstat::df
