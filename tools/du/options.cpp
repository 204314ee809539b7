// SPDX-License-Identifier: GPL-2.0-or-later
// du option parsing with getopt_long, messages and exit statuses as GNU coreutils 9.1.
#include "options.hpp"

#include <getopt.h>

#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>

#include "messages.hpp"
#include "procstat/units/gnu_size.hpp"
#include "usage_text.hpp"

namespace procstat::du {

namespace {

enum LongOnly {
    opt_apparent = 256,
    opt_exclude,
    opt_files0_from,
    opt_inodes,
    opt_si,
    opt_time,
    opt_time_style,
    opt_help,
    opt_version,
    opt_json,
};

const struct option long_options[] = {
    {"all", no_argument, nullptr, 'a'},
    {"apparent-size", no_argument, nullptr, opt_apparent},
    {"block-size", required_argument, nullptr, 'B'},
    {"bytes", no_argument, nullptr, 'b'},
    {"count-links", no_argument, nullptr, 'l'},
    {"dereference", no_argument, nullptr, 'L'},
    {"dereference-args", no_argument, nullptr, 'D'},
    {"exclude", required_argument, nullptr, opt_exclude},
    {"exclude-from", required_argument, nullptr, 'X'},
    {"files0-from", required_argument, nullptr, opt_files0_from},
    {"human-readable", no_argument, nullptr, 'h'},
    {"inodes", no_argument, nullptr, opt_inodes},
    {"si", no_argument, nullptr, opt_si},
    {"max-depth", required_argument, nullptr, 'd'},
    {"null", no_argument, nullptr, '0'},
    {"no-dereference", no_argument, nullptr, 'P'},
    {"one-file-system", no_argument, nullptr, 'x'},
    {"separate-dirs", no_argument, nullptr, 'S'},
    {"summarize", no_argument, nullptr, 's'},
    {"total", no_argument, nullptr, 'c'},
    {"threshold", required_argument, nullptr, 't'},
    {"time", optional_argument, nullptr, opt_time},
    {"time-style", required_argument, nullptr, opt_time_style},
    {"help", no_argument, nullptr, opt_help},
    {"version", no_argument, nullptr, opt_version},
    // Ours, not in --help (documented in du(1)).
    {"json", no_argument, nullptr, opt_json},
    {nullptr, 0, nullptr, 0},
};

// xstrtol_fatal's quoting: plain apostrophes in every locale.
std::string quote_plain(std::string_view s) { return "'" + std::string(s) + "'"; }

// The option as the user spelled it, for xstrtol_fatal-style messages ("-t" / "--threshold").
std::string option_name(int c, int long_index, const char* long_name) {
    if (long_index >= 0) return std::string("--") + long_name;
    return std::string("-") + static_cast<char>(c);
}

// An argmatch() table entry: name and the value it selects.
struct Choice {
    const char* name;
    int value;
};

// gnulib argmatch: exact match, else a unique prefix (or prefixes that all mean the same).
// Returns the value, -1 when invalid, -2 when ambiguous.
int argmatch(std::string_view arg, const Choice* choices, std::size_t n) {
    int found = -1;
    bool ambiguous = false;
    for (std::size_t i = 0; i < n; ++i) {
        std::string_view name = choices[i].name;
        if (name.substr(0, arg.size()) != arg) continue;
        if (name.size() == arg.size()) return choices[i].value;
        if (found == -1)
            found = choices[i].value;
        else if (found != choices[i].value)
            ambiguous = true;
    }
    return ambiguous ? -2 : found;
}

// argmatch_die: message, the valid arguments grouped by value, and the usage hint.
int argmatch_fail(int result, std::string_view arg, std::string_view context, const Choice* choices,
                  std::size_t n) {
    error(0, std::string(result == -2 ? "ambiguous" : "invalid") + " argument " + quote(arg) +
                 " for " + quote(context));
    std::string list = "Valid arguments are:";
    int last = -1;
    for (std::size_t i = 0; i < n; ++i) {
        if (choices[i].value != last) {
            list += "\n  - ";
            last = choices[i].value;
        } else {
            list += ", ";
        }
        list += quote(choices[i].name);
    }
    list += '\n';
    std::fputs(list.c_str(), stderr);
    return usage_failure();
}

constexpr Choice time_choices[] = {
    {"atime", static_cast<int>(walk::TimeKind::atime)},
    {"access", static_cast<int>(walk::TimeKind::atime)},
    {"use", static_cast<int>(walk::TimeKind::atime)},
    {"ctime", static_cast<int>(walk::TimeKind::ctime)},
    {"status", static_cast<int>(walk::TimeKind::ctime)},
};

constexpr Choice style_choices[] = {
    {"full-iso", 0},
    {"long-iso", 1},
    {"iso", 2},
};
constexpr const char* style_formats[] = {"%Y-%m-%d %H:%M:%S.%N %z", "%Y-%m-%d %H:%M", "%Y-%m-%d"};

// xstrtoumax(S, 0, "") as du uses it for --max-depth.
bool parse_depth(const char* s, std::size_t& out) {
    const char* p = s;
    while (std::isspace(static_cast<unsigned char>(*p))) ++p;
    if (*p == '-') return false;
    errno = 0;
    char* end = nullptr;
    std::uintmax_t v = std::strtoumax(s, &end, 0);
    if (end == s || *end != '\0' || errno == ERANGE) return false;
    if (v > std::numeric_limits<std::size_t>::max()) return false;
    out = static_cast<std::size_t>(v);
    return true;
}

// Read exclude patterns from FILE ("-" is stdin), one per line, trailing white space dropped.
bool read_exclude_file(const char* file, std::vector<std::string>& out) {
    std::string buf;
    bool open_failed = false;
    if (int e = read_whole_file(file, buf, open_failed)) {
        errno = e;
        return false;
    }
    std::size_t start = 0;
    while (start < buf.size()) {
        std::size_t nl = buf.find('\n', start);
        std::size_t end = nl == std::string::npos ? buf.size() : nl;
        std::size_t pend = end;
        while (pend > start && std::isspace(static_cast<unsigned char>(buf[pend - 1]))) --pend;
        if (pend > start) out.emplace_back(buf.substr(start, pend - start));
        start = end + 1;
    }
    return true;
}

}  // namespace

int read_whole_file(const std::string& file, std::string& out, bool& open_failed) {
    open_failed = false;
    FILE* f = file == "-" ? stdin : std::fopen(file.c_str(), "re");
    if (!f) {
        open_failed = true;
        return errno;
    }
    char chunk[65536];
    std::size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) out.append(chunk, n);
    int e = std::ferror(f) ? (errno ? errno : EIO) : 0;
    if (f != stdin) std::fclose(f);
    return e ? e : 0;
}

IntParse parse_threshold(const char* s, std::int64_t& out) {
    const char* p = s;
    while (std::isspace(static_cast<unsigned char>(*p))) ++p;
    errno = 0;
    char* end = nullptr;
    std::intmax_t v = std::strtoimax(s, &end, 0);
    IntParse status = IntParse::ok;
    static constexpr std::string_view valid = "kKmMGTPEZY0";
    if (end == s) {
        // compat: xstrtol accepts a bare suffix ("k" = 1 KiB).
        if (*end && valid.find(*end) != std::string_view::npos)
            v = 1;
        else
            return IntParse::invalid;
    } else if (errno == ERANGE) {
        status = IntParse::overflow;
    }
    if (*end) {
        if (valid.find(*end) == std::string_view::npos || *end == '0')
            return status == IntParse::overflow ? IntParse::overflow : IntParse::invalid_suffix;
        int base = 1024;
        std::size_t suffixes = 1;
        if (end[1] == 'i' && end[2] == 'B')
            suffixes += 2;
        else if (end[1] == 'B' || end[1] == 'D') {
            base = 1000;
            suffixes += 1;
        }
        int power = 0;
        switch (*end) {
        case 'k': case 'K': power = 1; break;
        case 'm': case 'M': power = 2; break;
        case 'G': power = 3; break;
        case 'T': power = 4; break;
        case 'P': power = 5; break;
        case 'E': power = 6; break;
        case 'Z': power = 7; break;
        case 'Y': power = 8; break;
        default: break;
        }
        for (int i = 0; i < power; ++i) {
            if (v > INTMAX_MAX / base || v < INTMAX_MIN / base) {
                status = IntParse::overflow;
                v = v < 0 ? INTMAX_MIN : INTMAX_MAX;
                break;
            }
            v *= base;
        }
        if (end[suffixes] != '\0') return IntParse::invalid_suffix;
    }
    out = static_cast<std::int64_t>(v);
    return status;
}

// GNU du's long options that take their argument from the next word when given without '='
// ("--exclude PATTERN"): that word is an argument, never one of our options.
bool long_option_takes_next(std::string_view name) {
    const struct option* match = nullptr;
    int matches = 0;
    for (const struct option* o = long_options; o->name; ++o) {
        std::string_view full = o->name;
        if (full == name) {
            match = o;
            matches = 1;
            break;
        }
        if (full.substr(0, name.size()) == name) {
            match = o;
            ++matches;
        }
    }
    return matches == 1 && match->has_arg == required_argument;
}

// Short options of GNU du (and our -Q) with an argument.
bool short_option_takes_arg(char c) { return c != '\0' && std::strchr("dBXtQ", c) != nullptr; }

// Our long options, taken out of ARGV before getopt sees it.
struct OwnOption {
    std::string_view name;
    std::optional<std::string>* value;
    std::size_t* seen_at = nullptr;  // set to a running number each time the option is taken
};

// Take our long options ("--sysroot DIR", "--sort=KEY", "--filter EXPR", "--check EXPR",
// "--check-any EXPR"; exact spelling only) out of ARGV before getopt sees it, so GNU's
// abbreviations ("--s", "--fil", "--c") keep their meaning and messages. The arguments of
// GNU's options are skipped ("--exclude --check" excludes a file named --check). Returns the
// name of an option that lacks its argument, or null.
const char* take_own_options(std::vector<char*>& args, const std::vector<OwnOption>& own) {
    std::size_t taken_count = 0;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--") break;
        bool taken = false;
        for (const OwnOption& opt : own) {
            std::string_view name = opt.name;
            if (a == name) {
                if (i + 1 >= args.size()) return name.data();
                *opt.value = args[i + 1];
                args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                           args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
            } else if (a.size() > name.size() && a.substr(0, name.size()) == name &&
                       a[name.size()] == '=') {
                *opt.value = std::string(a.substr(name.size() + 1));
                args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
            } else {
                continue;
            }
            taken = true;
            if (opt.seen_at) *opt.seen_at = ++taken_count;
            --i;
            break;
        }
        if (taken) continue;
        if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
            if (a.find('=') == std::string_view::npos && long_option_takes_next(a.substr(2))) ++i;
        } else if (a.size() > 1 && a[0] == '-') {
            for (std::size_t j = 1; j < a.size(); ++j)
                if (short_option_takes_arg(a[j])) {
                    if (j + 1 == a.size()) ++i;
                    break;
                }
        }
    }
    return nullptr;
}

constexpr Choice sort_choices[] = {
    {"none", static_cast<int>(walk::DuSort::none)},
    {"size", static_cast<int>(walk::DuSort::size)},
    {"name", static_cast<int>(walk::DuSort::name)},
};

std::optional<Options> parse_options(int argc_in, char** argv_in, int& exit_code) {
    Options o;
    exit_code = 1;
    std::vector<char*> args(argv_in, argv_in + argc_in);
    std::optional<std::string> sort, sysroot, check, check_any;
    std::size_t last_check = 0, last_any = 0;
    const std::vector<OwnOption> own = {{"--sysroot", &sysroot},
                                        {"--sort", &sort},
                                        {"--filter", &o.filter},
                                        {"--check", &check, &last_check},
                                        {"--check-any", &check_any, &last_any}};
    if (const char* missing = take_own_options(args, own)) {
        error(0, std::string("option '") + missing + "' requires an argument");
        usage_failure();
        return std::nullopt;
    }
    if (sysroot) o.walk.sysroot = *sysroot;
    // The last of --check and --check-any wins (as for any option given twice).
    if (check || check_any) {
        o.check_any = last_any > last_check;
        o.check = o.check_any ? check_any : check;
    }
    if (sort) {
        int v = argmatch(*sort, sort_choices, std::size(sort_choices));
        if (v < 0) {
            argmatch_fail(v, *sort, "--sort", sort_choices, std::size(sort_choices));
            return std::nullopt;
        }
        o.sort = static_cast<walk::DuSort>(v);
    }
    args.push_back(nullptr);
    int argc = static_cast<int>(args.size()) - 1;
    char** argv = args.data();
    units::human_options(nullptr, o.human_opts, o.block_size, "DU_BLOCK_SIZE");
    bool ok = true;
    bool summarize = false;
    bool depth_given = false;
    std::size_t depth = 0;
    bool show_time = false;
    const char* time_style = nullptr;

    opterr = 1;
    for (;;) {
        int long_index = -1;
        int c = getopt_long(argc, argv, "0abd:chHklmsxB:DLPSX:t:Q:", long_options, &long_index);
        if (c == -1) break;
        const char* lname = long_index >= 0 ? long_options[long_index].name : nullptr;
        switch (c) {
        case '0': o.null_terminate = true; break;
        case 'a': o.walk.all = true; break;
        case opt_apparent: o.walk.apparent = true; break;
        case 'b':
            o.walk.apparent = true;
            o.human_opts = 0;
            o.block_size = 1;
            break;
        case 'c': o.total = true; break;
        case 'd':
            if (parse_depth(optarg, depth)) {
                depth_given = true;
            } else {
                error(0, "invalid maximum depth " + quote(optarg));
                ok = false;
            }
            break;
        case 'h':
            o.human_opts = units::human_autoscale | units::human_SI | units::human_base_1024;
            o.block_size = 1;
            break;
        case opt_si:
            o.human_opts = units::human_autoscale | units::human_SI;
            o.block_size = 1;
            break;
        case 'k':
            o.human_opts = 0;
            o.block_size = 1024;
            break;
        case 'm':
            o.human_opts = 0;
            o.block_size = 1024 * 1024;
            break;
        case 'l': o.walk.count_links = true; break;
        case 's': summarize = true; break;
        case 'x': o.walk.one_file_system = true; break;
        case 'B': {
            auto e = units::human_options(optarg, o.human_opts, o.block_size, nullptr);
            if (e != units::BlockSizeError::ok) {
                error(0, units::block_size_error_message(e, option_name(c, long_index, lname), optarg));
                return std::nullopt;
            }
            break;
        }
        case opt_inodes: o.walk.inodes = true; break;
        case 'D':
        case 'H': o.walk.follow = walk::Follow::command_line; break;
        case 'L': o.walk.follow = walk::Follow::logical; break;
        case 'P': o.walk.follow = walk::Follow::physical; break;
        case 'S': o.walk.separate_dirs = true; break;
        case 't': {
            std::int64_t t = 0;
            IntParse r = parse_threshold(optarg, t);
            std::string opt = option_name(c, long_index, lname);
            if (r == IntParse::invalid) {
                error(0, "invalid " + opt + " argument " + quote_plain(optarg));
                return std::nullopt;
            }
            if (r == IntParse::invalid_suffix) {
                error(0, "invalid suffix in " + opt + " argument " + quote_plain(optarg));
                return std::nullopt;
            }
            if (r == IntParse::overflow) {
                error(0, opt + " argument " + quote_plain(optarg) + " too large");
                return std::nullopt;
            }
            if (t == 0 && optarg[0] == '-') {
                // compat: GNU du rejects "-0" (no size is negative zero) with this wording.
                error(0, "invalid --threshold argument '-0'");
                return std::nullopt;
            }
            o.walk.threshold = t;
            break;
        }
        case 'X':
            if (!read_exclude_file(optarg, o.walk.excludes)) {
                error(errno, quote_name_if_needed(optarg));
                ok = false;
            }
            break;
        case opt_files0_from: o.files0_from = optarg; break;
        case opt_exclude: o.walk.excludes.emplace_back(optarg); break;
        case opt_time:
            show_time = true;
            if (optarg) {
                int v = argmatch(optarg, time_choices, std::size(time_choices));
                if (v < 0) {
                    argmatch_fail(v, optarg, "--time", time_choices, std::size(time_choices));
                    return std::nullopt;
                }
                o.walk.time = static_cast<walk::TimeKind>(v);
            } else {
                o.walk.time = walk::TimeKind::mtime;
            }
            break;
        case opt_time_style: time_style = optarg; break;
        case opt_help:
            std::printf("Usage: %s [OPTION]... [FILE]...\n  or:  %s [OPTION]... --files0-from=F\n",
                        program_name(), program_name());
            std::fputs(help_text, stdout);
            exit_code = 0;
            return std::nullopt;
        case opt_version:
            std::fputs(version_text, stdout);
            exit_code = 0;
            return std::nullopt;
        case opt_json: o.json = true; break;
        case 'Q': o.filter = optarg; break;
        default:
            // compat: GNU du keeps parsing after a bad option (getopt has printed why) and
            // shows the usage hint once at the end.
            ok = false;
            break;
        }
    }
    if (!ok) {
        usage_failure();
        return std::nullopt;
    }
    if (o.walk.all && summarize) {
        error(0, "cannot both summarize and show all entries");
        usage_failure();
        return std::nullopt;
    }
    if (summarize && depth_given && depth == 0)
        error(0, "warning: summarizing is the same as using --max-depth=0");
    if (summarize && depth_given && depth != 0) {
        error(0, "warning: summarizing conflicts with --max-depth=" + std::to_string(depth));
        usage_failure();
        return std::nullopt;
    }
    if (summarize)
        o.walk.max_depth = 0;
    else if (depth_given)
        o.walk.max_depth = depth;

    if (o.walk.inodes) {
        if (o.walk.apparent) error(0, "warning: options --apparent-size and -b are ineffective with --inodes");
        o.block_size = 1;
    }

    if (show_time) {
        std::string style;
        if (time_style) {
            style = time_style;
        } else {
            const char* env = std::getenv("TIME_STYLE");
            if (!env || std::strcmp(env, "locale") == 0) {
                style = "long-iso";
            } else {
                style = env;
                // compat: the "posix-" prefix is dropped only from TIME_STYLE.
                while (style.front() != '+' && style.rfind("posix-", 0) == 0) style.erase(0, 6);
            }
        }
        if (!style.empty() && style.front() == '+') {
            o.time_format = style.substr(1);
        } else {
            int v = argmatch(style, style_choices, std::size(style_choices));
            if (v < 0) {
                argmatch_fail(v, style, "time style", style_choices, std::size(style_choices));
                return std::nullopt;
            }
            o.time_format = style_formats[v];
        }
    } else {
        o.walk.time = walk::TimeKind::none;
    }

    if (o.files0_from) {
        if (optind < argc) {
            error(0, "extra operand " + quote(argv[optind]));
            std::fputs("file operands cannot be combined with --files0-from\n", stderr);
            usage_failure();
            return std::nullopt;
        }
    } else {
        for (int i = optind; i < argc; ++i) o.files.emplace_back(argv[i]);
        if (o.files.empty()) o.files.emplace_back(".");
    }
    // compat: GNU du deduplicates directories too when several arguments can name the same
    // one (more than one operand, --files0-from) or symlinks are followed everywhere.
    o.walk.hash_all = o.files0_from.has_value() || o.files.size() > 1 ||
                      o.walk.follow == walk::Follow::logical;
    exit_code = 0;
    return o;
}

}  // namespace procstat::du
