// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk option parsing with getopt_long: same short/long options, errors and exit codes as 2.38.1.
#include "options.hpp"

#include <getopt.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace procstat::lsblk_tool {

using block::Col;

namespace {

constexpr const char* prog = "lsblk";

enum { OPT_SYSROOT = CHAR_MAX + 1, OPT_NOPROBE };

const struct option longopts[] = {
    {"all", no_argument, nullptr, 'a'},
    {"bytes", no_argument, nullptr, 'b'},
    {"nodeps", no_argument, nullptr, 'd'},
    {"noempty", no_argument, nullptr, 'A'},
    {"discard", no_argument, nullptr, 'D'},
    {"dedup", required_argument, nullptr, 'E'},
    {"zoned", no_argument, nullptr, 'z'},
    {"help", no_argument, nullptr, 'h'},
    {"json", no_argument, nullptr, 'J'},
    {"output", required_argument, nullptr, 'o'},
    {"output-all", no_argument, nullptr, 'O'},
    {"merge", no_argument, nullptr, 'M'},
    {"perms", no_argument, nullptr, 'm'},
    {"noheadings", no_argument, nullptr, 'n'},
    {"list", no_argument, nullptr, 'l'},
    {"ascii", no_argument, nullptr, 'i'},
    {"raw", no_argument, nullptr, 'r'},
    {"inverse", no_argument, nullptr, 's'},
    {"fs", no_argument, nullptr, 'f'},
    {"exclude", required_argument, nullptr, 'e'},
    {"include", required_argument, nullptr, 'I'},
    {"topology", no_argument, nullptr, 't'},
    {"paths", no_argument, nullptr, 'p'},
    {"pairs", no_argument, nullptr, 'P'},
    {"scsi", no_argument, nullptr, 'S'},
    {"sort", required_argument, nullptr, 'x'},
    {"sysroot", required_argument, nullptr, OPT_SYSROOT},
    {"shell", no_argument, nullptr, 'y'},
    {"tree", optional_argument, nullptr, 'T'},
    {"version", no_argument, nullptr, 'V'},
    {"width", required_argument, nullptr, 'w'},
    {nullptr, 0, nullptr, 0},
};

// Ours, known only when spelled out in full (see ul_filter::PreparedArgs).
const struct option our_longopts[] = {
    {"no-probe", no_argument, nullptr, OPT_NOPROBE},
    {"filter", required_argument, nullptr, ul_filter::opt_filter},
    {"check", required_argument, nullptr, ul_filter::opt_check},
    {"check-any", required_argument, nullptr, ul_filter::opt_check_any},
};

// compat: util-linux's exclusive option groups for lsblk, rows and members in ASCII order
const int excl[][5] = {
    {'D', 'O', 0}, {'I', 'e', 0}, {'J', 'P', 'r', 0}, {'O', 'S', 0}, {'O', 'f', 0},
    {'O', 'm', 0}, {'O', 'o', 0}, {'O', 't', 0}, {'P', 'T', 'l', 'r', 0},
};

void try_help() { std::fprintf(stderr, "Try '%s --help' for more information.\n", prog); }

// Returns false (after the message) when C conflicts with an earlier option of its group.
bool check_exclusive(int c, int status[]) {
    for (std::size_t g = 0; g < std::size(excl); g++) {
        const int* grp = excl[g];
        bool in = false;
        for (int i = 0; grp[i]; i++)
            if (grp[i] == c) in = true;
        if (!in) continue;
        if (status[g] == 0) {
            status[g] = c;
        } else if (status[g] != c) {
            std::fprintf(stderr, "%s: mutually exclusive arguments:", prog);
            for (int i = 0; grp[i]; i++) {
                const char* name = nullptr;
                for (const auto* o = longopts; o->name; o++)
                    if (o->val == grp[i]) {
                        name = o->name;
                        break;
                    }
                if (name) std::fprintf(stderr, " --%s", name);
                else std::fprintf(stderr, " -%c", grp[i]);
            }
            std::fputc('\n', stderr);
            return false;
        }
    }
    return true;
}

void add_uniq(Options& o, Col c) {
    for (auto x : o.columns)
        if (x == c) return;
    o.columns.push_back(c);
}

// Major number list "8,9": false on a parse error (message printed).
bool parse_majors(const char* s0, std::vector<std::uint32_t>& out, const char* what) {
    const char* s = s0;
    while (s && *s) {
        char* end = nullptr;
        errno = 0;
        unsigned long n = std::strtoul(s, &end, 10);
        if (end == s || (end && *end && *end != ',')) {
            std::fprintf(stderr, "%s: failed to parse list '%s'\n", prog, s0);
            return false;
        }
        if (errno != 0 && (n == ULONG_MAX || n == 0)) {
            std::fprintf(stderr, "%s: failed to parse list '%s': %s\n", prog, s0, std::strerror(errno));
            return false;
        }
        out.push_back(static_cast<std::uint32_t>(n));
        if (out.size() == 256) {
            std::fprintf(stderr, "%s: the list of %s devices is too large (limit is 256 devices)\n",
                         prog, what);
            return false;
        }
        s = end && *end ? end + 1 : nullptr;
    }
    return true;
}

std::optional<Col> column_or_warn(const char* name, std::size_t len) {
    const block::ColInfo* ci = block::find_column(std::string_view(name, len));
    if (!ci) {
        std::fprintf(stderr, "%s: unknown column: %.*s\n", prog, static_cast<int>(len), name);
        return std::nullopt;
    }
    return ci->id;
}

// -o LIST: "+LIST" appends to the current list, LIST replaces it. False on error.
// compat: util-linux's splitter; an empty item fails silently and a trailing ',' stays part of
// the last name ("NAME," is an unknown column).
bool parse_column_list(const char* arg, Options& o) {
    if (!*arg) return false;
    const char* list = arg;
    if (*list == '+') list++;
    else o.columns.clear();
    if (!*list) return false;
    const char* begin = nullptr;
    for (const char* p = list; *p; p++) {
        const char* end = nullptr;
        if (!begin) begin = p;
        if (*p == ',') end = p;
        if (*(p + 1) == '\0') end = p + 1;
        if (!end) continue;
        if (end <= begin) return false;
        auto c = column_or_warn(begin, static_cast<std::size_t>(end - begin));
        if (!c) return false;
        if (o.columns.size() >= block::all_columns().size() * 2) {
            std::fprintf(stderr, "%s: too many columns specified, the limit is %zu columns\n",
                         prog, block::all_columns().size() * 2 - 1);
            return false;
        }
        o.columns.push_back(*c);
        begin = nullptr;
        if (!*end) break;
    }
    return true;
}

void usage() {
    std::fputs(usage_head, stdout);
    std::fputs("Available output columns:\n", stdout);
    for (const auto& c : block::all_columns())
        std::printf(" %12.*s  %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                    static_cast<int>(c.help.size()), c.help.data());
    std::fputs(usage_tail, stdout);
}

}  // namespace

std::optional<int> parse_options(int argc, char** argv, Options& o) {
    int excl_status[std::size(excl)] = {};
    const char* outarg = nullptr;
    int c;
    opterr = 1;
    constexpr const char* shortopts = "AabdDzE:e:fhJlnMmo:OpPiI:Q:rstVST::w:x:y";  // -Q is ours
    ul_filter::PreparedArgs pa(argc, argv, shortopts, std::span<const option>(longopts, std::size(longopts) - 1),
                               our_longopts);
    while ((c = getopt_long(pa.argc(), pa.argv(), shortopts, pa.longopts(), nullptr)) != -1) {
        if (!check_exclusive(c, excl_status)) return 1;
        if (ul_filter::take_option(c, optarg, o.tests)) continue;
        switch (c) {
        case 'A': o.noempty = true; break;
        case 'a': o.all = true; break;
        case 'b': o.bytes = true; break;
        case 'd': o.nodeps = true; break;
        case 'D':
            for (Col x : {Col::name, Col::disc_aln, Col::disc_gran, Col::disc_max, Col::disc_zero})
                add_uniq(o, x);
            break;
        case 'z':
            for (Col x : {Col::name, Col::zoned, Col::zone_sz, Col::zone_nr, Col::zone_amax,
                          Col::zone_omax, Col::zone_app, Col::zone_wgran})
                add_uniq(o, x);
            break;
        case 'e':
            if (!parse_majors(optarg, o.exclude, "excluded")) return 1;
            break;
        case 'J': o.json = true; break;
        case 'l': o.tree = false; break;
        case 'M': o.merge = true; break;
        case 'n': o.noheadings = true; break;
        case 'o': outarg = optarg; break;
        case 'O':
            o.columns.clear();
            for (const auto& ci : block::all_columns()) o.columns.push_back(ci.id);
            break;
        case 'p': o.paths = true; break;
        case 'P':
            o.pairs = true;
            o.tree = false;
            break;
        case 'y': o.shellvar = true; break;
        case 'i': o.ascii = true; break;
        case 'I':
            if (!parse_majors(optarg, o.include, "included")) return 1;
            break;
        case 'r':
            o.tree = false;
            o.raw = true;
            break;
        case 's': o.inverse = true; break;
        case 'f':
            for (Col x : {Col::name, Col::fstype, Col::fsver, Col::label, Col::uuid, Col::fsavail,
                          Col::fsuse_pct, Col::mountpoints})
                add_uniq(o, x);
            break;
        case 'm':
            for (Col x : {Col::name, Col::size, Col::owner, Col::group, Col::mode}) add_uniq(o, x);
            break;
        case 't':
            for (Col x : {Col::name, Col::alignment, Col::min_io, Col::opt_io, Col::phy_sec,
                          Col::log_sec, Col::rota, Col::sched, Col::rq_size, Col::ra, Col::wsame})
                add_uniq(o, x);
            break;
        case 'S':
            o.nodeps = true;
            o.scsi = true;
            for (Col x : {Col::name, Col::hctl, Col::type, Col::vendor, Col::model, Col::rev,
                          Col::serial, Col::tran})
                add_uniq(o, x);
            break;
        case 'T':
            o.force_tree = true;
            if (optarg) {
                const char* a = optarg;
                if (*a == '=') a++;
                o.tree_col = column_or_warn(a, std::strlen(a));
            }
            break;
        case OPT_SYSROOT: o.sysroot = optarg; break;
        case OPT_NOPROBE: o.probe = false; break;
        case 'E': {
            auto col = column_or_warn(optarg, std::strlen(optarg));
            if (!col) {
                try_help();
                return 1;
            }
            o.dedup = col;
            break;
        }
        case 'w': {
            char* end = nullptr;
            errno = 0;
            const char* a = optarg;
            long long v = 0;
            bool bad = !*a;
            if (!bad) v = std::strtoll(a, &end, 10);
            if (bad || errno || end == a || (end && *end)) {
                if (errno && errno != EINVAL)
                    std::fprintf(stderr, "%s: invalid output width number argument: '%s': %s\n",
                                 prog, a, std::strerror(errno));
                else
                    std::fprintf(stderr, "%s: invalid output width number argument: '%s'\n", prog, a);
                return 1;
            }
            if (v < 0 || v > UINT32_MAX) {
                std::fprintf(stderr, "%s: invalid output width number argument: '%s': %s\n", prog,
                             a, std::strerror(ERANGE));
                return 1;
            }
            o.width = static_cast<unsigned>(v);
            break;
        }
        case 'x': {
            o.tree = false;
            auto col = column_or_warn(optarg, std::strlen(optarg));
            if (!col) {
                try_help();
                return 1;
            }
            o.sort = col;
            break;
        }
        case 'h':
            usage();
            return 0;
        case 'V':
            std::printf("%s from util-linux 2.38.1\n", prog);
            return 0;
        default:
            try_help();
            return 1;
        }
    }
    if (o.force_tree) o.tree = true;
    if (o.columns.empty())
        o.columns = {Col::name, Col::maj_min, Col::rm, Col::size, Col::ro, Col::type, Col::mountpoints};
    if (outarg && !parse_column_list(outarg, o)) return 1;
    for (int i = optind; i < pa.argc(); i++) o.devices.emplace_back(pa.argv()[i]);
    return std::nullopt;
}

}  // namespace procstat::lsblk_tool
