// SPDX-License-Identifier: GPL-2.0-or-later
// Hand-written ps argument parser: UNIX (-ef), BSD (aux, grouped, no dash) and GNU (--pid=1)
// syntaxes, mixed as procps-ng allows, with procps' error messages.
#include "options.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include "procstat/pscols/columns.hpp"

namespace procstat::ps {

namespace {

bool to_num(std::string_view s, std::int64_t& v) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

// compat: procps rejects empty items between commas ("1,,2").
bool improper(std::string_view arg) {
    if (arg.find(",,") != std::string_view::npos) return true;
    return !arg.empty() && (arg.front() == ',' || arg.back() == ',');
}

bool pid_list(std::string_view arg, Selection& s, std::string& err) {
    if (improper(arg)) {
        err = "improper list";
        return false;
    }
    auto items = split_list(arg);
    if (items.empty()) {
        err = "process ID list syntax error";
        return false;
    }
    for (auto& it : items) {
        std::int64_t v;
        if (!to_num(it, v)) {
            err = "process ID list syntax error";
            return false;
        }
        if (v < 1 || v > 0x7fffffff) {
            err = "process ID out of range";
            return false;
        }
        s.nums.push_back(v);
    }
    return true;
}

bool user_list(std::string_view arg, Selection& s, std::string& err) {
    auto items = split_list(arg);
    if (items.empty()) {
        err = "user name does not exist";
        return false;
    }
    for (auto& it : items) {
        if (passwd* pw = ::getpwnam(it.c_str())) {
            s.nums.push_back(pw->pw_uid);
            continue;
        }
        std::int64_t v;
        if (to_num(it, v) && v >= 0) {
            s.nums.push_back(v);
            continue;
        }
        err = "user name does not exist";
        return false;
    }
    return true;
}

bool group_list(std::string_view arg, Selection& s, std::string& err) {
    auto items = split_list(arg);
    if (items.empty()) {
        err = "group name does not exist";
        return false;
    }
    for (auto& it : items) {
        if (group* gr = ::getgrnam(it.c_str())) {
            s.nums.push_back(gr->gr_gid);
            continue;
        }
        std::int64_t v;
        if (to_num(it, v) && v >= 0) {
            s.nums.push_back(v);
            continue;
        }
        err = "group name does not exist";
        return false;
    }
    return true;
}

// Encode a device number the way /proc/PID/stat's tty_nr does.
std::int64_t encode_dev(dev_t d) {
    unsigned ma = ::major(d), mi = ::minor(d);
    return static_cast<std::int64_t>(((mi & 0xfff00u) << 12) | ((ma & 0xfffu) << 8) | (mi & 0xffu));
}

bool tty_list(std::string_view arg, Selection& s, std::string& err) {
    auto items = split_list(arg);
    for (auto& it : items) {
        if (it == "-" || it == "?") {
            s.nums.push_back(0);
            continue;
        }
        struct stat st;
        std::string cands[] = {it, "/dev/" + it, "/dev/tty" + it};
        bool found = false;
        for (auto& c : cands) {
            if (::stat(c.c_str(), &st) == 0 && S_ISCHR(st.st_mode)) {
                s.nums.push_back(encode_dev(st.st_rdev));
                found = true;
                break;
            }
        }
        if (!found) {
            err = "TTY could not be found";
            return false;
        }
    }
    if (items.empty()) {
        err = "TTY could not be found";
        return false;
    }
    return true;
}

bool own_tty(Selection& s, std::string& err) {
    struct stat st;
    if (::isatty(0) && ::fstat(0, &st) == 0) {
        s.nums.push_back(encode_dev(st.st_rdev));
        return true;
    }
    err = "TTY could not be found";
    return false;
}

bool sort_list(std::string_view arg, std::vector<SortKey>& out, std::string& err) {
    auto items = split_list(arg);
    if (items.empty()) {
        err = "long sort specification must follow --sort";
        return false;
    }
    for (auto& it : items) {
        SortKey k;
        std::string_view v = it;
        if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
            k.descending = v[0] == '-';
            v.remove_prefix(1);
        }
        if (!pscols::find_column(v)) {
            err = "unknown sort specifier";
            return false;
        }
        k.key = std::string(v);
        out.push_back(std::move(k));
    }
    return true;
}

struct Aix {
    char code;
    const char* key;
};
constexpr Aix aix_codes[] = {{'C', "pcpu"}, {'G', "group"}, {'P', "ppid"}, {'U', "user"},
                             {'a', "args"}, {'c', "comm"},  {'g', "rgroup"}, {'n', "nice"},
                             {'p', "pid"},  {'r', "pgid"},  {'t', "etime"}, {'u', "ruser"},
                             {'x', "time"}, {'y', "tname"},   {'z', "vsz"}};

// Obsolete BSD sort keys (ps(1) "OBSOLETE SORT KEYS") that have a column of their own.
const char* obsolete_sort_key(char c) {
    switch (c) {
        case 'c': return "comm";
        case 'C': return "pcpu";
        case 'f': return "flags";
        case 'g': return "pgrp";
        case 'G': return "tpgid";
        case 'm': return "min_flt";
        case 'M': return "maj_flt";
        case 'o': return "session";
        case 'p': return "pid";
        case 'P': return "ppid";
        case 'r': return "rss";
        case 'R': return "rss";
        case 's': return "size";
        case 't': return "tty";
        case 'T': return "start_time";
        case 'U': return "uid";
        case 'u': return "user";
        case 'v': return "vsize";
        case 'y': return "priority";
        default: return nullptr;
    }
}

// "O-p", "O+P,-p", "OpT": BSD O with obsolete one-letter sort keys. False when ARG is not that.
bool obsolete_sort(std::string_view arg, std::vector<SortKey>& out) {
    std::vector<SortKey> keys;
    bool desc = false;
    std::string seen;
    for (char c : arg) {
        if (c == ',') continue;
        // compat: procps rejects a key letter given twice ("O rss" is then read as a format)
        if (c != '+' && c != '-') {
            if (seen.find(c) != std::string::npos) return false;
            seen.push_back(c);
        }
        if (c == '+' || c == '-') {
            desc = c == '-';
            continue;
        }
        const char* k = obsolete_sort_key(c);
        if (!k) return false;
        keys.push_back({k, desc});
        desc = false;
    }
    if (keys.empty()) return false;
    out.insert(out.end(), keys.begin(), keys.end());
    return true;
}

}  // namespace

static bool parse_aix(const std::string& arg, std::vector<FormatItem>& out, std::string& err);

bool parse_format(const std::string& arg, std::vector<FormatItem>& out, std::string& err) {
    bool normal = true;
    for (auto& it : split_list(arg)) {
        std::string k = it.substr(0, std::min(it.find('='), it.find(':')));
        if (!pscols::find_column(k)) normal = false;
    }
    if (!normal && arg.find('%') != std::string::npos) return parse_aix(arg, out, err);
    auto items = split_list(arg);
    if (items.empty()) {
        err = "improper format list";
        return false;
    }
    for (auto& it : items) {
        FormatItem f;
        std::string spec = it;
        auto eq = spec.find('=');
        if (eq != std::string::npos) {
            f.header = spec.substr(eq + 1);
            f.has_header = true;
            spec.resize(eq);
        }
        auto colon = spec.find(':');
        if (colon != std::string::npos) {
            std::int64_t w;
            if (!to_num(std::string_view(spec).substr(colon + 1), w) || w < 1 || w > 0x7fff) {
                err = "column widths must be unsigned decimal numbers";
                return false;
            }
            f.width = static_cast<int>(w);
            spec.resize(colon);
        }
        if (!pscols::find_column(spec)) {
            err = "unknown user-defined format specifier \"" + spec + "\"";
            return false;
        }
        f.key = spec;
        out.push_back(std::move(f));
    }
    return true;
}

static bool parse_aix(const std::string& arg, std::vector<FormatItem>& out, std::string& err) {
        std::string_view s = arg;
        std::size_t i = 0;
        bool any = false;
        while (i < s.size()) {
            if (s[i] == ' ') {
                ++i;
                continue;
            }
            if (s[i] != '%' || i + 1 >= s.size()) {
                err = "improper AIX field descriptor";
                return false;
            }
            char code = s[i + 1];
            const char* key = nullptr;
            for (auto& a : aix_codes)
                if (a.code == code) key = a.key;
            if (!key || (i + 2 < s.size() && s[i + 2] != ' ')) {
                err = "improper AIX field descriptor";
                return false;
            }
            FormatItem f;
            f.key = key;
            f.aix = true;
            out.push_back(std::move(f));
            any = true;
            i += 2;
        }
        if (!any) {
            err = "improper AIX field descriptor";
            return false;
        }
        return true;
}

namespace {

// How many words argv[I] and its value take when it is one of our own options (-Q, --filter,
// --check, --check-any, --sysroot with their values, --json); 0 for procps' options.
int ours_words(int argc, char** argv, int i) {
    std::string_view a = argv[i];
    bool takes = a == "-Q" || a == "--filter" || a == "--check" || a == "--check-any" || a == "--sysroot";
    if (takes) return i + 1 < argc ? 2 : 1;
    bool joined = a.starts_with("-Q") || a.starts_with("--filter=") || a.starts_with("--check=") ||
                  a.starts_with("--check-any=") || a.starts_with("--sysroot=");
    return joined || a == "--json" ? 1 : 0;
}

// The number of arguments procps would see: ARGC without our own options, for its
// "exclusive" options.
int reference_argc(int argc, char** argv) {
    int n = argc;
    for (int i = 1; i < argc; ++i) {
        int w = ours_words(argc, argv, i);
        n -= w;
        i += w > 0 ? w - 1 : 0;
    }
    return n;
}

struct Parser {
    int argc;
    char** argv;
    Options& o;
    std::string& err;
    int i = 1;

    // Argument of an option: the rest of the current cluster, else the next argv element.
    bool take(const char* rest, std::string& val) {
        if (rest && *rest) {
            val = rest;
            return true;
        }
        if (i + 1 < argc) {
            val = argv[++i];
            return true;
        }
        return false;
    }

    bool add_sel(SelKind k, const std::string& val) {
        if (k == SelKind::quick_pid && ++o.quick_count > 1) {
            err = "q/-q/--quick-pid can only be used once.";
            o.plain_error = true;
            return false;
        }
        Selection s{k, {}, {}};
        bool ok = true;
        switch (k) {
            case SelKind::pid:
            case SelKind::ppid:
            case SelKind::sid:
            case SelKind::quick_pid: ok = pid_list(val, s, err); break;
            case SelKind::euid:
            case SelKind::ruid: ok = user_list(val, s, err); break;
            case SelKind::rgid: ok = group_list(val, s, err); break;
            case SelKind::egid_or_sid: {
                // -g: session id or effective group name
                auto items = split_list(val);
                for (auto& it : items) {
                    std::int64_t v;
                    if (to_num(it, v)) s.nums.push_back(v);
                    else if (group* gr = ::getgrnam(it.c_str())) s.nums.push_back(gr->gr_gid);
                    else {
                        err = "group name does not exist";
                        return false;
                    }
                }
                break;
            }
            case SelKind::tty: ok = tty_list(val, s, err); break;
            case SelKind::comm:
                s.names = split_list(val);
                if (s.names.empty()) {
                    err = "list of command names must follow -C";
                    return false;
                }
                break;
        }
        if (!ok) return false;
        o.sel.push_back(std::move(s));
        return true;
    }

    // compat: one of h, --headers, --no-headers only, once
    int headings = 0;
    bool heading() {
        if (++headings > 1) {
            err = "only one heading option may be specified";
            return false;
        }
        return true;
    }

    // compat: one of --sort, k and BSD O sort keys only ("multiple sort options")
    int sorts = 0;
    bool one_sort() {
        if (++sorts > 1) {
            err = "multiple sort options";
            return false;
        }
        return true;
    }

    // BSD O's lists, decided once the command line is read; each with whether a format
    // option came before it.
    struct PendingO {
        std::string val;
        bool after_format;
    };
    std::vector<PendingO> bsd_O{};

    // compat: procps reads BSD O as obsolete sort keys (no commas) unless something sorts
    // already (--sort, k, an earlier O), else as a format, which must be the first one.
    bool resolve_bsd_O() {
        bool format_from_O = false;
        for (const auto& [val, after_format] : bsd_O) {
            std::vector<FormatItem> items;
            std::string perr;
            const bool is_format = parse_format(val, items, perr);
            std::vector<SortKey> keys;
            const bool is_sort = val.find(',') == std::string::npos && obsolete_sort(val, keys);
            if (sorts == 0 && is_sort) {
                o.sort.insert(o.sort.end(), keys.begin(), keys.end());
                ++sorts;
                continue;
            }
            const bool late = after_format || format_from_O;
            if (late) err = "option O is neither first format nor sort order";
            else if (!is_format) err = is_sort ? "multiple sort options" : "bad sorting code";
            if (late || !is_format) return false;
            o.format.insert(o.format.begin(), items.begin(), items.end());
            o.user_format = o.preload = o.preload_bsd = true;
            o.preload_items = items.size();
            format_from_O = true;
        }
        return true;
    }

    // -o/o/--format (PRELOAD false), -O (PRELOAD) or BSD O (PRELOAD and BSD).
    bool add_format(const std::string& val, bool preload, bool bsd = false) {
        if (preload && (o.user_format || !bsd_O.empty())) {
            err = "option -O can not follow other format options";
            return false;
        }
        if (!parse_format(val, o.format, err)) return false;
        o.user_format = true;
        if (preload) {
            o.preload = true;
            o.preload_bsd = bsd;
            o.preload_items = o.format.size();
        }
        return true;
    }

    // compat: -V, V and --version must be the only argument (procps: "the option is exclusive").
    bool version(const char* spelled, bool alone_in_cluster) {
        if (reference_argc(argc, argv) > 2 || !alone_in_cluster) {
            err = std::string("the option is exclusive: ") + spelled;
            return false;
        }
        o.want_version = true;
        return true;
    }

    bool unix_opt(const char* a) {
        for (const char* p = a; *p; ++p) {
            char c = *p;
            std::string val;
            switch (c) {
                case 'A':
                case 'e': o.all = true; break;
                case 'a': o.unix_a = true; break;
                case 'd': o.unix_d = true; break;
                case 'N': o.negate = true; break;
                case 'c': o.unix_c = true; break;
                case 'f': ++o.unix_f; break;
                case 'F': o.unix_F = true; break;
                case 'l': o.unix_l = true; break;
                case 'j': o.unix_j = true; break;
                case 'y': o.unix_y = true; break;
                case 'L': o.unix_L = true; break;
                case 'T': o.unix_T = true; break;
                case 'm': o.unix_m = true; break;
                case 'H': o.unix_H = true; break;
                case 'M':
                case 'Z': o.unix_M = true; break;
                case 'w': ++o.wide; break;
                case 'V':
                    if (!version("-V", p == a && !p[1])) return false;
                    break;
                case 'x': o.bsd_x = true; o.bsd_syntax_used = true; break;
                case 'Q':
                    // ours: -Q EXPR (procps 4.0.2 has no -Q)
                    if (!take(p + 1, val)) {
                        err = "filter expression must follow -Q";
                        return false;
                    }
                    o.filter = val;
                    o.filter_option = "-Q";
                    return true;
                case 'n': {
                    // -n namelist: accepted and ignored (there is no System.map to read)
                    if (!take(p + 1, val)) {
                        err = "alternate System.map file must follow -n";
                        return false;
                    }
                    return true;
                }
                case 'p':
                case 'q':
                case 's':
                case 'u':
                case 'U':
                case 'g':
                case 'G':
                case 'C':
                case 'o':
                case 'O':
                case 't': {
                    // compat: "-u -p 1": a list option last in its group, followed by another
                    // option, is read as the BSD option of the same letter (procps does this).
                    if ((c == 'u' || c == 's' || c == 'g') && !p[1] && i + 1 < argc && argv[i + 1][0] == '-') {
                        char b[2] = {c, 0};
                        if (!bsd_opt(b)) return false;
                        continue;
                    }
                    bool have = take(p + 1, val);
                    if (!have) {
                        switch (c) {
                            case 'p': err = "list of process IDs must follow -p"; return false;
                            case 'q': err = "list of process IDs must follow -q"; return false;
                            case 's': err = "list of session IDs must follow -s"; return false;
                            case 'u': err = "list of users must follow -u"; return false;
                            case 'U': err = "list of real users must follow -U"; return false;
                            case 'g': err = "list of session leaders OR effective group names must follow -g"; return false;
                            case 'G': err = "list of real groups must follow -G"; return false;
                            case 'C': err = "list of command names must follow -C"; return false;
                            case 'o': err = "format specification must follow -o"; return false;
                            case 'O': err = "format or sort specification must follow -O"; return false;
                            case 't': {
                                Selection s{SelKind::tty, {}, {}};
                                if (!own_tty(s, err)) return false;
                                o.sel.push_back(std::move(s));
                                return true;
                            }
                        }
                    }
                    bool ok = true;
                    switch (c) {
                        case 'p': ok = add_sel(SelKind::pid, val); break;
                        case 'q': ok = add_sel(SelKind::quick_pid, val); break;
                        case 's': ok = add_sel(SelKind::sid, val); break;
                        case 'u': ok = add_sel(SelKind::euid, val); break;
                        case 'U': ok = add_sel(SelKind::ruid, val); break;
                        case 'g': ok = add_sel(SelKind::egid_or_sid, val); break;
                        case 'G': ok = add_sel(SelKind::rgid, val); break;
                        case 'C': ok = add_sel(SelKind::comm, val); break;
                        case 't': ok = add_sel(SelKind::tty, val); break;
                        case 'o': ok = add_format(val, false); break;
                        case 'O': ok = add_format(val, true); break;
                    }
                    return ok;
                }
                default: err = "unsupported SysV option"; return false;
            }
        }
        return true;
    }

    // BSD options A; BARE when the word had no dash.
    bool bsd_opt(const char* a, bool bare = false) {
        o.bsd_syntax_used = true;
        if (*a >= '0' && *a <= '9') {
            // compat: a bare PID is one number ("ps 1,2" is a syntax error in procps)
            for (const char* q = a; *q; ++q)
                if (*q < '0' || *q > '9') {
                    err = "process ID list syntax error";
                    return false;
                }
            return add_sel(SelKind::pid, a);
        }
        if (o.bsd_retry && bare) {
            // compat: the retry of procps accepts no BSD word but a PID ("ps -aux x" fails)
            err = "unsupported option (BSD syntax)";
            return false;
        }
        for (const char* p = a; *p; ++p) {
            char c = *p;
            std::string val;
            switch (c) {
                case 'a': o.bsd_a = true; break;
                case 'x': o.bsd_x = true; break;
                case 'g': o.bsd_g = true; break;
                case 'r': o.bsd_r = true; break;
                case 'T': {
                    // compat: without a terminal, procps' T selects the processes without one
                    Selection s{SelKind::tty, {}, {}};
                    if (!own_tty(s, err)) s.nums.push_back(0);
                    o.sel.push_back(std::move(s));
                    break;
                }
                case 'c': o.bsd_c = true; break;
                case 'e': o.bsd_e = true; break;
                case 'f': o.forest = true; break;
                case 'h':
                    if (!heading()) return false;
                    o.no_headers = true;
                    break;
                case 'H': o.bsd_H = true; break;
                case 'm':
                case 'M':
                    o.bsd_m = true;  // compat: procps takes M as m (undocumented)
                    // compat: procps' second parse reads a dashed m as the old memory format
                    // (not reproduced: only its conflict with -o/-O/o/O is)
                    if (c == 'm' && !bare && o.bsd_retry) o.bsd_mem = true;
                    break;
                case 'Z': o.unix_M = true; break;  // security label, as -Z/-M
                case 'n': o.bsd_n = true; break;
                case 'S': o.cumulative = true; break;
                case 'w': ++o.wide; break;
                case 'V':
                    if (!version("V", p == a && !p[1])) return false;
                    break;
                case 'j':
                case 'l':
                case 's':
                case 'u':
                case 'v':
                case 'X':
                    if (o.bsd_personality && o.bsd_personality != c) {
                        err = "conflicting format options";
                        return false;
                    }
                    o.bsd_personality = c;
                    break;
                case 'L':
                    // compat: only a bare "L" that is the only argument lists the keys
                    if (reference_argc(argc, argv) > 2 || p != a || p[1] || !bare) {
                        err = "the option is exclusive: L";
                        return false;
                    }
                    o.want_help = true;
                    o.help_section = "L";
                    return true;
                case 'o':
                case 'O':
                case 'p':
                case 'q':
                case 't':
                case 'U':
                case 'k': {
                    bool have = take(p + 1, val);
                    if (!have) {
                        if (c == 't') {
                            Selection s{SelKind::tty, {}, {}};
                            if (!own_tty(s, err)) return false;
                            o.sel.push_back(std::move(s));
                            return true;
                        }
                        err = c == 'p' ? "list of process IDs must follow p"
                            : c == 'q' ? "list of process IDs must follow q"
                            : c == 'U' ? "list of users must follow U"
                            : c == 'k' ? "long sort specification must follow 'k'"
                                       : "format specification must follow o";
                        return false;
                    }
                    switch (c) {
                        case 'o': return add_format(val, false);
                        case 'O':
                            // compat: whether O sorts or formats depends on the whole command
                            // line (resolve_bsd_O)
                            bsd_O.push_back({val, o.user_format});
                            return true;
                        case 'p': return add_sel(SelKind::pid, val);
                        case 'q': return add_sel(SelKind::quick_pid, val);
                        case 't': return add_sel(SelKind::tty, val);
                        case 'U': return add_sel(SelKind::euid, val);
                        case 'k': return one_sort() && sort_list(val, o.sort, err);
                    }
                    return true;
                }
                default: err = "unsupported option (BSD syntax)"; return false;
            }
        }
        return true;
    }

    bool gnu_opt(const char* a) {
        std::string name = a + 2;
        std::string val;
        bool has_val = false;
        auto eq = name.find('=');
        if (eq != std::string::npos) {
            val = name.substr(eq + 1);
            name.resize(eq);
            has_val = true;
        }
        auto need = [&](const char* msg) -> bool {
            if (has_val) return true;
            if (i + 1 < argc) {
                val = argv[++i];
                return true;
            }
            err = msg;
            return false;
        };
        if (name == "pid") return need("list of process IDs must follow --pid") && add_sel(SelKind::pid, val);
        if (name == "ppid") return need("list of process IDs must follow --ppid") && add_sel(SelKind::ppid, val);
        if (name == "sid") return need("list of session IDs must follow --sid") && add_sel(SelKind::sid, val);
        if (name == "quick-pid") return need("list of process IDs must follow --quick-pid") && add_sel(SelKind::quick_pid, val);
        if (name == "tty") return need("list of ttys must follow --tty") && add_sel(SelKind::tty, val);
        if (name == "user") return need("list of users must follow --user") && add_sel(SelKind::euid, val);
        if (name == "User") return need("list of real users must follow --User") && add_sel(SelKind::ruid, val);
        if (name == "group") return need("list of effective groups must follow --group") && add_sel(SelKind::egid_or_sid, val);
        if (name == "Group") return need("list of real groups must follow --Group") && add_sel(SelKind::rgid, val);
        if (name == "format") return need("format specification must follow --format") && add_format(val, false);
        if (name == "sort")
            return need("long sort specification must follow --sort") && one_sort() && sort_list(val, o.sort, err);
        if (name == "cols" || name == "columns" || name == "width" || name == "lines" || name == "rows") {
            if (!need((name == "lines" || name == "rows") ? "number of rows must follow --rows or --lines"
                                                          : "number of columns must follow --cols, --width, or --columns"))
                return false;
            std::int64_t n;
            if (!to_num(val, n) || n < 1) {
                err = (name == "lines" || name == "rows") ? "number of rows must follow --rows or --lines"
                                                          : "number of columns must follow --cols, --width, or --columns";
                return false;
            }
            if (name == "lines" || name == "rows") o.lines = static_cast<int>(n);
            else o.cols = static_cast<int>(n);
            return true;
        }
        if (name == "forest") { o.forest = true; return true; }
        if (name == "cumulative") { o.cumulative = true; return true; }
        if (name == "deselect") { o.negate = true; return true; }
        if (name == "no-headers" || name == "no-heading" || name == "noheader" || name == "noheaders" ||
            name == "no-header" || name == "noheading") {
            o.no_headers = true;
            return heading();
        }
        if (name == "headers" || name == "header" || name == "heading") {
            o.headers = true;
            return heading();
        }
        if (name == "help") {
            o.want_help = true;
            if (has_val) o.help_section = val;
            else if (i + 1 < argc && argv[i + 1][0] != '-') o.help_section = argv[++i];
            return true;
        }
        if (name == "version") return version("--version", true);
        if (name == "info") { o.want_version = true; return true; }
        if (name == "context") { o.unix_M = true; return true; }
        if (name == "json") { o.json = true; return true; }
        // ours, spelled in full only (procps has no abbreviations either)
        if (name == "filter") {
            if (!need("filter expression must follow --filter")) return false;
            o.filter = val;
            o.filter_option = "--filter";
            return true;
        }
        if (name == "check" || name == "check-any") {
            if (!need(name == "check" ? "check expression must follow --check"
                                      : "check expression must follow --check-any"))
                return false;
            o.check = val;
            o.check_any = name == "check-any";
            return true;
        }
        if (name == "sysroot") {
            if (!need("directory must follow --sysroot")) return false;
            o.sysroot = val;
            return true;
        }
        err = "unknown gnu long option";
        return false;
    }

    bool run() {
        bool bare_pids = false;
        for (; i < argc; ++i) {
            const char* a = argv[i];
            bool ok;
            if (bare_pids && !(*a >= '0' && *a <= '9') && !ours_words(argc, argv, i)) {
                // compat: procps reads the words after a bare PID as PIDs ("ps 1 -f" fails)
                err = "process ID list syntax error";
                return false;
            }
            if (*a >= '0' && *a <= '9') bare_pids = true;
            if (a[0] == '-' && a[1] == '-' && a[2]) ok = gnu_opt(a);
            else if (a[0] == '-' && a[1])
                // compat: the old and bsd personalities, and procps' second try, read "-aux"
                // as "aux" (our -Q EXPR stays ours)
                ok = ((o.personality == Personality::old || o.personality == Personality::bsd || o.bsd_retry) &&
                      a[1] != 'Q')
                         ? bsd_opt(a + 1)
                         : unix_opt(a + 1);
            else if (a[0] == '-') { err = "unsupported SysV option"; ok = false; }
            else ok = bsd_opt(a, true);
            if (!ok) return false;
            if (o.want_help) return true;
        }
        return resolve_bsd_O();
    }
};

}  // namespace

Personality personality_from_env() {
    // compat: PS_PERSONALITY wins over CMD_ENV even when it names no personality; any case.
    const char* v = std::getenv("PS_PERSONALITY");
    if (!v) v = std::getenv("CMD_ENV");
    if (!v) return Personality::standard;
    std::string n;
    for (const char* c = v; *c; ++c) n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*c))));
    if (n == "linux") return Personality::linux_ps;
    if (n == "old") return Personality::old;
    if (n == "bsd") return Personality::bsd;
    if (n == "aix") return Personality::aix;
    if (n == "gnu" || n == "debian") return Personality::gnu;
    if (n == "390" || n == "os390" || n == "s390") return Personality::s390;
    return Personality::standard;
}

namespace {

// One parse of the whole command line into O (see parse_options).
bool parse_once(int argc, char** argv, Options& o, std::string& err) {
    Parser p{argc, argv, o, err};
    if (!p.run()) return false;
    // compat: procps checks the thread options before the formats, in this order
    if ((o.unix_L || o.unix_T || o.unix_m || o.bsd_m || o.bsd_H) && (o.forest || o.unix_H)) {
        err = "thread display conflicts with forest display";
        return false;
    }
    if (o.bsd_H && (o.bsd_m || o.unix_m)) {
        err = "thread flags conflict; can't use H with m or -m";
        return false;
    }
    if (o.bsd_m && o.unix_m) {
        err = "thread flags conflict; can't use both m and -m";
        return false;
    }
    if (o.unix_L && o.unix_T) {
        err = "thread flags conflict; can't use both -L and -T";
        return false;
    }
    if ((o.unix_L || o.unix_T) && (o.bsd_H || o.bsd_m || o.unix_m) && o.user_format) {
        err = "-L/-T with H/m/-m and -o/-O/o/O is nonsense";
        return false;
    }
    if (o.user_format && (o.unix_f || o.unix_l || o.unix_F || o.bsd_personality || o.bsd_mem)) {
        err = "conflicting format options";
        return false;
    }
    if (o.user_format && (o.unix_j || o.unix_y || o.unix_c || o.unix_M)) {
        err = "can not use output modifiers with user-defined output";
        return false;
    }
    if (o.bsd_personality && (o.unix_f || o.unix_l || o.unix_F)) {
        err = "conflicting format options";
        return false;
    }
    if (o.unix_y && !o.unix_l && !o.bsd_personality) {
        err = "modifier -y without format -l makes no sense";
        return false;
    }
    if ((o.bsd_a || o.bsd_x || o.bsd_g) && (o.unix_a || o.unix_d)) {
        err = "process selection options conflict";
        return false;
    }
    if (o.quick_count) {
        bool other = false;
        for (auto& s : o.sel)
            if (s.kind != SelKind::quick_pid) other = true;
        o.plain_error = true;
        if (other) {
            err = "q/-q/--quick-pid cannot be combined with other selection options.";
            return false;
        }
        if (o.forest || o.unix_H) {
            err = "q/-q/--quick-pid cannot be used together with forest type listings.";
            return false;
        }
        if (!o.sort.empty()) {
            err = "q/-q,--quick-pid cannot be used together with sort options.";
            return false;
        }
        if (o.negate) {
            err = "q/-q/--quick-pid cannot be used together with negation switches.";
            return false;
        }
        o.plain_error = false;
        // compat: quick mode shows the listed processes whatever else was selected (but BSD r
        // still keeps the running ones only).
        o.all = o.unix_a = o.unix_d = o.bsd_a = o.bsd_x = o.bsd_g = false;
    }
    return true;
}

}  // namespace

bool parse_options(int argc, char** argv, Options& o, std::string& err) {
    o = Options{};
    o.personality = personality_from_env();
    // compat: the bsd and old personalities take the BSD defaults even without BSD options
    if (o.personality == Personality::bsd || o.personality == Personality::old) o.bsd_syntax_used = true;
    const Options fresh = o;
    if (parse_once(argc, argv, o, err)) {
        if (o.unix_c && o.bsd_personality && o.bsd_personality != 'l' && !o.user_format) {
            // compat: procps-ng 4.0.2 stops with an internal error (exit 1, no usage text)
            err = "ps: -c needs a PRI column, which this BSD format has not";
            o.plain_error = true;
            return false;
        }
        return true;
    }
    // compat: when the command line fails, procps-ng parses it once more with every "-xyz"
    // read as the BSD options "xyz" (so "ps -aux" is "ps aux", "-f -o pid" shows a forest,
    // "-O pid -c" is "O pid c"). A bare word other than a PID fails that second try. The
    // first error is reported when the second try fails too, unless the second try stopped
    // on one of the messages printed as they are (the q/-q/--quick-pid checks).
    if (o.plain_error || o.personality == Personality::old || o.personality == Personality::bsd) return false;
    Options retry = fresh;
    retry.bsd_retry = true;
    std::string err2;
    if (parse_once(argc, argv, retry, err2) || retry.plain_error) {
        o = std::move(retry);
        err = std::move(err2);
        return !o.plain_error;
    }
    return false;
}

}  // namespace procstat::ps
