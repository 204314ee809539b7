// SPDX-License-Identifier: GPL-2.0-or-later
// free's option parsing: procps-ng 4.0.2 messages, exit statuses and number rules.
#include "options.hpp"

#include <getopt.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace procstat::freetool {

namespace {

constexpr std::string_view usage_text =
    "\n"
    "Usage:\n"
    " free [options]\n"
    "\n"
    "Options:\n"
    " -b, --bytes         show output in bytes\n"
    "     --kilo          show output in kilobytes\n"
    "     --mega          show output in megabytes\n"
    "     --giga          show output in gigabytes\n"
    "     --tera          show output in terabytes\n"
    "     --peta          show output in petabytes\n"
    " -k, --kibi          show output in kibibytes\n"
    " -m, --mebi          show output in mebibytes\n"
    " -g, --gibi          show output in gibibytes\n"
    "     --tebi          show output in tebibytes\n"
    "     --pebi          show output in pebibytes\n"
    " -h, --human         show human-readable output\n"
    "     --si            use powers of 1000 not 1024\n"
    " -l, --lohi          show detailed low and high memory statistics\n"
    " -t, --total         show total for RAM + swap\n"
    " -v, --committed     show committed memory and commit limit\n"
    " -s N, --seconds N   repeat printing every N seconds\n"
    " -c N, --count N     repeat printing N times, then exit\n"
    " -w, --wide          wide output\n"
    "\n"
    "     --help     display this help and exit\n"
    " -V, --version  output version information and exit\n"
    "\n"
    "For more details see free(1).\n";

constexpr std::string_view version_text = "free from procps-ng 4.0.2\n";

enum LongOnly : int {
    opt_kilo = CHAR_MAX + 1,
    opt_mega,
    opt_giga,
    opt_tera,
    opt_peta,
    opt_tebi,
    opt_pebi,
    opt_si,
    opt_help,
};

// error(3)-style fatal message: "free: MSG[: strerror(ERR)]", exit status 1.
int fail(const Options& opts, const std::string& msg, int err = 0) {
    std::fflush(stdout);
    if (err)
        fmt::print(stderr, "{}: {}: {}\n", opts.prog, msg, std::strerror(err));
    else
        fmt::print(stderr, "{}: {}\n", opts.prog, msg);
    return EXIT_FAILURE;
}

int usage_error() {
    std::fwrite(usage_text.data(), 1, usage_text.size(), stderr);
    return EXIT_FAILURE;
}

bool c_isspace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool c_isdigit(char c) { return c >= '0' && c <= '9'; }

// compat: procps' strtod_nol_or_err (locale independent): leading white space, an optional
// sign, digits, optionally '.' or ',' and more digits, and nothing after. Failure messages carry
// EINVAL only when the text stops at something other than the decimal separator.
std::optional<double> parse_seconds(const char* s, int& err) {
    err = 0;
    if (s == nullptr || *s == '\0') return std::nullopt;
    const char* p = s;
    while (c_isspace(*p)) ++p;
    bool neg = false;
    if (*p == '-') {
        neg = true;
        ++p;
    } else if (*p == '+') {
        ++p;
    }
    double num = 0;
    while (c_isdigit(*p)) num = num * 10.0 + (*p++ - '0');
    if (*p == '.' || *p == ',') {
        ++p;
        double mult = 0.1;
        while (c_isdigit(*p)) {
            num += mult * (*p++ - '0');
            mult /= 10.0;
        }
    } else if (*p != '\0') {
        err = EINVAL;
        return std::nullopt;
    }
    if (*p != '\0') return std::nullopt;
    return neg ? -num : num;
}

// compat: procps stores the interval as a float number of microseconds and hands it to
// usleep(), whose unsigned argument keeps the low 32 bits of a 64-bit conversion.
unsigned float_usec_to_useconds(float us) {
    if (!(us < 9223372036854775808.0f)) return 0;  // x86 cvttss2si overflow: 2^63, low bits 0
    return static_cast<unsigned>(static_cast<unsigned long long>(static_cast<long long>(us)));
}

// compat: procps' strtol_or_err, then narrowed to int; values below 1 fail with ERANGE.
std::optional<int> parse_count(const char* s, int& err) {
    err = 0;
    if (s == nullptr || *s == '\0') return std::nullopt;
    errno = 0;
    char* end = nullptr;
    long v = std::strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0') {
        err = errno;
        return std::nullopt;
    }
    const int n = static_cast<int>(static_cast<unsigned long>(v) & 0xffffffffUL);
    if (n < 1) {
        err = ERANGE;
        return std::nullopt;
    }
    return n;
}

// Our own long options are taken out of ARGV before getopt_long sees it, so that the procps
// options keep their exact abbreviation and error behaviour (e.g. "--c" stays ambiguous between
// exactly --committed and --count). Only the full spellings are recognised.
// The argument of our long option NAME when word A (at ARGS[I]) is "NAME=ARG" or "NAME ARG"
// (then I moves past ARG); MISSING when it is NAME at the end of the line.
std::optional<std::string> our_arg(const std::vector<char*>& args, std::size_t& i, std::string_view a,
                                   std::string_view name, bool& missing) {
    if (a == name) {
        if (i + 1 >= args.size()) {
            missing = true;
            return std::nullopt;
        }
        return std::string(args[++i]);
    }
    if (a.size() > name.size() && a.starts_with(name) && a[name.size()] == '=')
        return std::string(a.substr(name.size() + 1));
    return std::nullopt;
}

bool take_ours(std::vector<char*>& args, Options& opts, std::optional<int>& rc) {
    static std::vector<std::string> prefixes;  // "-t" of "-tQ EXPR": must outlive getopt
    prefixes.reserve(args.size());
    std::vector<char*> kept;
    kept.push_back(args[0]);
    bool skip_next = false;  // the next word is the argument of -s/-c
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (skip_next) {
            skip_next = false;
            kept.push_back(args[i]);
            continue;
        }
        if (a == "--") {
            kept.insert(kept.end(), args.begin() + static_cast<long>(i), args.end());
            break;
        }
        if (a == "--json") {
            opts.json = true;
            continue;
        }
        if (a == "--cgroup") {
            opts.cgroup = true;
            continue;
        }
        // --filter/--check/--check-any EXPR (or =EXPR) and -Q EXPR / -QEXPR
        bool missing = false;
        if (auto e = our_arg(args, i, a, "--filter", missing)) {
            opts.filter = *e;
            continue;
        }
        if (auto e = our_arg(args, i, a, "--check", missing)) {
            opts.check = *e;
            opts.check_any = false;
            continue;
        }
        if (auto e = our_arg(args, i, a, "--check-any", missing)) {
            opts.check = *e;
            opts.check_any = true;
            continue;
        }
        if (!missing && a.size() >= 2 && a[0] == '-' && a[1] != '-') {
            // -Q in a cluster of flags ("-tQ EXPR"): the flags before it stay for getopt, unless
            // an -s/-c before it takes the rest of the word as its argument.
            std::size_t q = a.find('Q', 1);
            std::size_t sc = a.find_first_of("sc", 1);
            if (q != std::string_view::npos && (sc == std::string_view::npos || sc > q)) {
                if (q + 1 < a.size()) {
                    opts.filter = std::string(a.substr(q + 1));
                } else if (i + 1 < args.size()) {
                    opts.filter = args[++i];
                } else {
                    fmt::print(stderr, "{}: option requires an argument -- 'Q'\n", args[0]);
                    rc = usage_error();
                    return false;
                }
                if (q > 1) {
                    prefixes.emplace_back(a.substr(0, q));
                    kept.push_back(prefixes.back().data());
                }
                continue;
            }
        }
        if (missing) {
            fmt::print(stderr, "{}: option '{}' requires an argument\n", args[0], a);
            rc = usage_error();
            return false;
        }
        if (a == "--sysroot" || a.starts_with("--sysroot=")) {
            if (a == "--sysroot") {
                if (i + 1 >= args.size()) {
                    fmt::print(stderr, "{}: option '--sysroot' requires an argument\n", args[0]);
                    rc = usage_error();
                    return false;
                }
                opts.sysroot = args[++i];
            } else {
                opts.sysroot = std::string(a.substr(10));
            }
            continue;
        }
        kept.push_back(args[i]);
        // Does this word consume the next one as its argument?
        if (a.size() >= 2 && a[0] == '-' && a[1] != '-') {
            for (std::size_t k = 1; k < a.size(); ++k) {
                if (a[k] == 's' || a[k] == 'c') {
                    skip_next = (k + 1 == a.size());
                    break;
                }
            }
        } else if (a.size() > 2 && a.starts_with("--") && a.find('=') == std::string_view::npos) {
            std::string_view n = a.substr(2);
            skip_next = (n.size() >= 2 && (std::string_view("seconds").starts_with(n) ||
                                          std::string_view("count").starts_with(n)));
        }
    }
    kept.push_back(nullptr);
    args = std::move(kept);
    return true;
}

}  // namespace

std::optional<int> parse_options(int argc, char** argv, Options& opts) {
    std::vector<char*> args(argv, argv + argc);
    if (argc < 1) args.push_back(const_cast<char*>("free"));
    opts.prog = args[0];
    if (auto slash = opts.prog.rfind('/'); slash != std::string::npos) opts.prog.erase(0, slash + 1);
    std::optional<int> rc;
    if (!take_ours(args, opts, rc)) return rc;
    int nargs = static_cast<int>(args.size()) - 1;

    static const option longopts[] = {
        {"bytes", no_argument, nullptr, 'b'},
        {"kilo", no_argument, nullptr, opt_kilo},
        {"mega", no_argument, nullptr, opt_mega},
        {"giga", no_argument, nullptr, opt_giga},
        {"tera", no_argument, nullptr, opt_tera},
        {"peta", no_argument, nullptr, opt_peta},
        {"kibi", no_argument, nullptr, 'k'},
        {"mebi", no_argument, nullptr, 'm'},
        {"gibi", no_argument, nullptr, 'g'},
        {"tebi", no_argument, nullptr, opt_tebi},
        {"pebi", no_argument, nullptr, opt_pebi},
        {"human", no_argument, nullptr, 'h'},
        {"si", no_argument, nullptr, opt_si},
        {"lohi", no_argument, nullptr, 'l'},
        {"total", no_argument, nullptr, 't'},
        {"committed", no_argument, nullptr, 'v'},
        {"seconds", required_argument, nullptr, 's'},
        {"count", required_argument, nullptr, 'c'},
        {"wide", no_argument, nullptr, 'w'},
        {"help", no_argument, nullptr, opt_help},
        {"version", no_argument, nullptr, 'V'},
        {nullptr, 0, nullptr, 0},
    };

    bool unit_set = false;
    auto set_unit = [&](int exponent, bool si) -> bool {
        if (unit_set) return false;
        unit_set = true;
        opts.layout.scale.exponent = exponent;
        if (si) opts.layout.scale.si = true;
        return true;
    };

    optind = 0;  // full reinitialisation of getopt
    int c;
    while ((c = getopt_long(nargs, args.data(), "bkmghltvc:ws:V", longopts, nullptr)) != -1) {
        bool ok = true;
        switch (c) {
        case 'b': ok = set_unit(1, false); break;
        case 'k': ok = set_unit(2, false); break;
        case 'm': ok = set_unit(3, false); break;
        case 'g': ok = set_unit(4, false); break;
        case opt_tebi: ok = set_unit(5, false); break;
        case opt_pebi: ok = set_unit(6, false); break;
        case opt_kilo: ok = set_unit(2, true); break;
        case opt_mega: ok = set_unit(3, true); break;
        case opt_giga: ok = set_unit(4, true); break;
        case opt_tera: ok = set_unit(5, true); break;
        case opt_peta: ok = set_unit(6, true); break;
        case 'h': opts.layout.scale.human = true; break;
        case opt_si: opts.layout.scale.si = true; break;
        case 'l': opts.layout.lohi = true; break;
        case 't': opts.layout.total = true; break;
        case 'v': opts.layout.committed = true; break;
        case 'w': opts.layout.wide = true; break;
        case 's': {
            opts.repeat = true;
            int err = 0;
            std::optional<double> secs = parse_seconds(optarg, err);
            if (!secs) return fail(opts, fmt::format("seconds argument failed: '{}'", optarg), err);
            const auto usec = static_cast<float>(1000000 * *secs);
            if (usec < 1)
                return fail(opts, fmt::format("seconds argument `{}' is not positive number", optarg));
            opts.repeat_usec = float_usec_to_useconds(usec);
            break;
        }
        case 'c': {
            opts.repeat = true;
            int err = 0;
            std::optional<int> n = parse_count(optarg, err);
            if (!n) return fail(opts, fmt::format("failed to parse count argument: '{}'", optarg), err);
            opts.count = *n;
            break;
        }
        case opt_help:
            std::fwrite(usage_text.data(), 1, usage_text.size(), stdout);
            return EXIT_SUCCESS;
        case 'V':
            std::fwrite(version_text.data(), 1, version_text.size(), stdout);
            return EXIT_SUCCESS;
        default:
            return usage_error();
        }
        if (!ok) return fail(opts, "Multiple unit options don't make sense.");
    }
    if (optind != nargs) return usage_error();
    return std::nullopt;
}

}  // namespace procstat::freetool
