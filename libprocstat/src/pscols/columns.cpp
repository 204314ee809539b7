// SPDX-License-Identifier: GPL-2.0-or-later
// The ps column registry: every format specifier of ps(1) with its procps-ng 4.0.2 header,
// width, alignment, the /proc files it needs and how its value is formatted and sorted.
#include "procstat/pscols/columns.hpp"

#include <fmt/format.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <wchar.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <climits>
#include <cstring>
#include <ctime>
#include <iterator>
#include <limits>
#include <type_traits>

#include "procstat/core/io.hpp"

namespace procstat::pscols {

using proc::Process;

// ---------------------------------------------------------------------------------------------
// Context caches

// "" when the id has no name (the formatter then prints the number, as procps does).
const std::string& Ctx::user_name(std::uint32_t uid) {
    static const std::string none;
    const auto& n = names.user(uid);
    return n ? *n : none;
}

const std::string& Ctx::group_name(std::uint32_t gid) {
    static const std::string none;
    const auto& n = names.group(gid);
    return n ? *n : none;
}

const std::string& Ctx::tty_name(int dev) {
    auto it = ttys.find(dev);
    if (it != ttys.end()) return it->second;
    std::string name;
    unsigned major = (static_cast<unsigned>(dev) >> 8) & 0xfffu;
    unsigned minor = (static_cast<unsigned>(dev) & 0xffu) | ((static_cast<unsigned>(dev) >> 12) & 0xfff00u);
    if (dev == 0) {
        name = "?";
    } else if (major >= 136 && major <= 143) {
        name = fmt::format("pts/{}", (major - 136) * 256 + minor);
    } else if (major == 4 && minor < 64) {
        name = fmt::format("tty{}", minor);
    } else if (major == 4) {
        name = fmt::format("ttyS{}", minor - 64);
    } else if (major == 5 && minor == 1) {
        name = "console";
    } else if (major == 5 && minor == 0) {
        name = "tty";
    } else {
        // Look for a character device with this number directly under /dev.
        if (root) {
            std::vector<std::string> names;
            if (io::list_dir(*root, "dev", names)) {
                for (const auto& n : names) {
                    struct stat st;
                    std::string rel = "dev/" + n;
                    if (::fstatat(root->fd(), rel.c_str(), &st, 0) == 0 && S_ISCHR(st.st_mode) &&
                        ::major(st.st_rdev) == major && ::minor(st.st_rdev) == minor) {
                        name = n;
                        break;
                    }
                }
            }
        }
        if (name.empty()) name = fmt::format("{},{}", major, minor);
    }
    return ttys.emplace(dev, std::move(name)).first->second;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

int escape_text(std::string_view s, bool utf8, int maxw, std::string& out) {
    return escape_text_in_row(s, utf8, maxw, out);
}

int escape_text_in_row(std::string_view s, bool& utf8, int maxw, std::string& out) {
    int used = 0;
    std::size_t i = 0;
    std::mbstate_t st{};
    while (i < s.size() && used < maxw) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            // compat: procps shows control bytes as '.' in the C locale and '?' in UTF-8.
            out.push_back((c < 0x20 || c == 0x7f) ? (utf8 ? '?' : '.') : static_cast<char>(c));
            ++used;
            ++i;
            continue;
        }
        if (!utf8) {
            out.push_back('?');
            ++used;
            ++i;
            continue;
        }
        wchar_t wc;
        std::size_t n = std::mbrtowc(&wc, s.data() + i, s.size() - i, &st);
        if (n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2) || n == 0) {
            st = std::mbstate_t{};
            // compat: after a byte that cannot start a UTF-8 sequence (0x80-0xC1, 0xF5-0xFF)
            // procps 4.0.2 escapes the rest of the text as in the C locale ('.' for controls).
            if (c < 0xC2 || c > 0xF4) utf8 = false;
            out.push_back('?');
            ++used;
            ++i;
            continue;
        }
        int w = ::wcwidth(wc);
        if (w < 0) {
            out.push_back('?');
            ++used;
            i += n;
            continue;
        }
        if (used + w > maxw) break;
        out.append(s.data() + i, n);
        used += w;
        i += n;
    }
    return used;
}

namespace {

// Two digits, zero-padded (V < 100).
void app2(std::string& out, std::uint64_t v) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

void app_u64(std::string& out, std::uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

}  // namespace

void fmt_cputime(std::uint64_t t, std::string& out) {
    std::uint64_t days = t / 86400;
    if (days) {
        app_u64(out, days);
        out.push_back('-');
    }
    app2(out, (t / 3600) % 24);
    out.push_back(':');
    app2(out, (t / 60) % 60);
    out.push_back(':');
    app2(out, t % 60);
}

void fmt_etime(std::uint64_t t, std::string& out) {
    std::uint64_t days = t / 86400, hours = (t / 3600) % 24, mins = (t / 60) % 60, secs = t % 60;
    if (days) {
        app_u64(out, days);
        out.push_back('-');
    }
    if (days || hours) {
        app2(out, hours);
        out.push_back(':');
    }
    app2(out, mins);
    out.push_back(':');
    app2(out, secs);
}

std::size_t test_column_index(const proc::Process& p, Ctx& c, std::size_t n) {
    if (c.row_proc != &p) {
        c.row_proc = &p;
        ++c.rows_seen;
    }
    if (n == 0) return 0;
    std::uint64_t k = c.rows_seen - 1;  // this row, from 0
    // compat: procps-ng 4.0.2 picks value (counter - 1) mod N with an unsigned 32-bit counter
    // that is the row number from 1 when the header is printed once (from 2 when no header is
    // printed), and minus the number of rows left on the page (this one included) under
    // --headers. Deduced from its output: under --headers a list of 4 values is one step behind
    // lists of 3 and 5, as 2^32 is 0 modulo 4 but 1 modulo 3 and 5.
    std::uint32_t counter;
    if (c.page_rows > 0 && c.header_shown) {
        auto page = static_cast<std::uint64_t>(c.page_rows);
        counter = 0u - static_cast<std::uint32_t>(page - k % page);
    } else {
        counter = static_cast<std::uint32_t>(k + (c.header_shown ? 1 : 2));
    }
    return static_cast<std::uint32_t>(counter - 1u) % n;
}

std::string_view short_tty_name(std::string_view t) {
    if (t.size() > 4 && t.substr(0, 4) == "pts/") return t.substr(4);
    if (t.size() > 3 && t.substr(0, 3) == "tty") return t.substr(3);
    return t;
}

namespace {

template <typename... A>
void app(std::string& out, fmt::format_string<A...> f, A&&... a) {
    fmt::format_to(std::back_inserter(out), f, std::forward<A>(a)...);
}

// A decimal integer, the hot path of most columns (no format string to interpret).
template <typename T>
void app_dec(std::string& out, T v) {
    static_assert(std::is_integral_v<T>);
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

// CPU time in clock ticks (stat fields 14+15), plus the dead children's (16+17) when WITH_CHILDREN.
std::uint64_t cpu_ticks(const Process& p, bool with_children) {
    std::uint64_t t = p.utime + p.stime;
    if (with_children) t += static_cast<std::uint64_t>(p.cutime) + static_cast<std::uint64_t>(p.cstime);
    return t;
}

// compat: procps 4.0.2 adds the dead children's CPU time (S, --cumulative) into the share of CPU
// (%cpu, c, cp) and into bsdtime, but not into time, cputime, cputimes and times.
std::uint64_t total_ticks(const Process& p, const Ctx& c) { return cpu_ticks(p, c.cumulative); }
std::uint64_t own_ticks(const Process& p, const Ctx&) { return cpu_ticks(p, false); }

std::uint64_t elapsed_secs(const Process& p, const Ctx& c) {
    double start = static_cast<double>(p.starttime) / static_cast<double>(c.si.hertz);
    return c.si.uptime >= start ? static_cast<std::uint64_t>(c.si.uptime - start) : 0;
}

// Start as seconds since the epoch.
std::time_t start_epoch(const Process& p, const Ctx& c) {
    return static_cast<std::time_t>(c.si.boot_time + p.starttime / static_cast<std::uint64_t>(c.si.hertz));
}

}  // namespace

double elapsed_real(const proc::Process& p, const Ctx& c) {
    double hz = c.si.hertz > 0 ? static_cast<double>(c.si.hertz) : 100.0;
    // compat: procps-ng 4.0.2 counts the elapsed time in whole clock ticks (uptime x HZ, cut)
    // before it turns it back into seconds.
    double up_ticks = std::floor(c.si.uptime * hz);
    double start = static_cast<double>(p.starttime);
    return up_ticks > start ? (up_ticks - start) / hz : 0.0;
}

namespace {

std::uint64_t permille_of(std::uint64_t ticks, const proc::Process& p, const Ctx& c) {
    double secs = elapsed_real(p, c);
    if (!(secs > 0)) return 0;
    auto hz = static_cast<std::uint64_t>(c.si.hertz > 0 ? c.si.hertz : 100);
    // compat: procps-ng 4.0.2 multiplies the elapsed seconds by HZ again and cuts the result,
    // which loses a tick whenever the product falls just below a whole number (2.01 s x 100 =
    // 200.99999999999997), then divides whole per-mille CPU seconds by those ticks. Deduced
    // from 1250 frozen uptimes: the share of 1.28 s over 2.01 s shows as 64.0, not 63.6.
    double jf = secs * static_cast<double>(hz);
    if (!(jf >= 1)) return 0;
    auto jiffies = jf < 1.8e19 ? static_cast<std::uint64_t>(jf) : std::numeric_limits<std::uint64_t>::max();
    auto v = static_cast<unsigned __int128>(ticks) * 1000U / hz * hz / jiffies;
    return v > std::numeric_limits<std::uint64_t>::max() ? std::numeric_limits<std::uint64_t>::max()
                                                         : static_cast<std::uint64_t>(v);
}

}  // namespace

std::uint64_t pcpu_permille(const proc::Process& p, const Ctx& c) { return permille_of(total_ticks(p, c), p, c); }

namespace {

// TICKS as a percentage of the elapsed time; capped as procps shows cuc/cuu when CAP.
double cpu_share(std::uint64_t ticks, const proc::Process& p, const Ctx& c, bool cap = true) {
    double secs = elapsed_real(p, c);
    double hz = c.si.hertz > 0 ? static_cast<double>(c.si.hertz) : 100.0;
    double v = secs > 0 ? static_cast<double>(ticks) * 100.0 / hz / secs : 0.0;
    // compat: procps caps the value (also a NaN or infinite one) at 99.999.
    if (cap && !(v <= 99.999)) v = 99.999;
    if (!(v < 9e12)) v = 9e12;  // (a sort key that fits in 64 bits, for any input)
    return v;
}

// A sort key: millionths of a percent.
std::int64_t cpu_share_milli(std::uint64_t ticks, const proc::Process& p, const Ctx& c, bool cap = true) {
    return std::llround(cpu_share(ticks, p, c, cap) * 1e6);
}

}  // namespace

void fmt_cpu_share(std::uint64_t ticks, const proc::Process& p, const Ctx& c, std::string& out) {
    double v = cpu_share(ticks, p, c);
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "%.3f", v);
    if (n > 0) out.append(buf, static_cast<std::size_t>(n));
}

namespace {

// compat: procps 4 takes the resident set from status VmRSS, not from stat (they differ).
std::uint64_t rss_kb(const Process& p, const Ctx&) { return p.vm_rss; }

std::uint64_t drs_kb(const Process& p) {
    std::uint64_t text = p.endcode > p.startcode ? p.endcode - p.startcode : 0;
    return p.vsize > text ? (p.vsize - text) / 1024 : 0;
}

std::uint64_t trs_kb(const Process& p) {
    return p.endcode > p.startcode ? (p.endcode - p.startcode) / 1024 : 0;
}

void strftime_app(std::string& out, const char* f, std::time_t t) {
    std::tm tm{};
    ::localtime_r(&t, &tm);
    char buf[128];
    std::size_t n = std::strftime(buf, sizeof buf, f, &tm);
    out.append(buf, n);
}

bool sched_normal(const Process& p) { return p.policy == 0 || p.policy == 3 || p.policy == -1; }

void cmd_prefix(const Ctx& c, std::string& out, int& maxw) {
    for (char ch : c.forest_prefix) {
        const char* piece;
        int w;
        if (c.forest_type == 'u') {
            piece = "  ";
            w = 2;
        } else {
            piece = ch == '|' ? " |  " : (ch == ' ' ? "    " : " \\_ ");
            w = 4;
        }
        if (maxw < w) break;
        out.append(piece, static_cast<std::size_t>(w));
        maxw -= w;
    }
}

void comm_text(const Process& p, Ctx& c, std::string& out, int maxw) {
    cmd_prefix(c, out, maxw);
    escape_text(p.comm, c.utf8, maxw, out);
}

void environ_text(const Process& p, Ctx& c, std::string& out, int maxw);

void args_text(const Process& p, Ctx& c, std::string& out, int maxw) {
    if (c.bsd_c || p.cmdline.empty()) {
        if (c.bsd_c) {
            comm_text(p, c, out, maxw);
            return;
        }
        cmd_prefix(c, out, maxw);
        // compat: "[comm]" for kernel threads and zombies, "<defunct>" cut like the rest.
        std::string t = "[";
        escape_text(p.comm, c.utf8, INT_MAX / 2, t);
        t += ']';
        if (p.state == 'Z') t += " <defunct>";
        escape_text(t, c.utf8, maxw, out);
        return;
    }
    cmd_prefix(c, out, maxw);
    std::string_view s = p.cmdline;
    while (!s.empty() && s.back() == '\0') s.remove_suffix(1);
    // NUL separators become spaces, other control bytes '?'.
    int used = 0;
    bool utf8 = c.utf8;  // one escaping state for the whole row (see escape_text_in_row)
    std::size_t start = 0;
    while (start <= s.size() && used < maxw) {
        std::size_t nul = s.find('\0', start);
        std::string_view arg = s.substr(start, nul == std::string_view::npos ? std::string_view::npos : nul - start);
        // compat: procps turns newlines inside arguments into blanks before escaping.
        std::size_t nl;
        while ((nl = arg.find('\n')) != std::string_view::npos && used < maxw) {
            used += escape_text_in_row(arg.substr(0, nl), utf8, maxw - used, out);
            if (used < maxw) {
                out.push_back(' ');
                ++used;
            }
            arg.remove_prefix(nl + 1);
        }
        if (used >= maxw) break;
        used += escape_text_in_row(arg, utf8, maxw - used, out);
        if (nul == std::string_view::npos) break;
        if (used < maxw) {
            out.push_back(' ');
            ++used;
        }
        start = nul + 1;
    }
    if (c.show_env && p.environ && !p.environ->empty() && used < maxw) {
        out.push_back(' ');
        ++used;
        environ_text(p, c, out, maxw - used);
    }
}

void environ_text(const Process& p, Ctx& c, std::string& out, int maxw) {
    if (!p.environ || p.environ->empty()) {
        out += "-";
        return;
    }
    std::string_view s = *p.environ;
    while (!s.empty() && s.back() == '\0') s.remove_suffix(1);
    int used = 0;
    std::size_t start = 0;
    while (used < maxw) {
        std::size_t nul = s.find('\0', start);
        std::string_view e = s.substr(start, nul == std::string_view::npos ? std::string_view::npos : nul - start);
        used += escape_text(e, c.utf8, maxw - used, out);
        if (nul == std::string_view::npos) break;
        if (used < maxw) {
            out.push_back(' ');
            ++used;
        }
        start = nul + 1;
    }
}

// cgroup lines whose path is not "/", joined with ','; "-" when none.
void cgroup_text(const Process& p, Ctx& c, std::string& out, int maxw) {
    if (!p.cgroup) {
        out += "-";
        return;
    }
    std::string joined;
    std::string_view s = *p.cgroup;
    while (!s.empty()) {
        auto nl = s.find('\n');
        std::string_view line = s.substr(0, nl);
        s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
        auto c2 = line.find(':', line.find(':') + 1);
        if (c2 == std::string_view::npos) continue;
        if (line.substr(c2 + 1) == "/") continue;
        if (!joined.empty()) joined.push_back(',');
        joined.append(line);
    }
    if (joined.empty()) {
        out += "-";
        return;
    }
    escape_text(joined, c.utf8, maxw, out);
}

void signal_mask(std::uint64_t m, std::string& out) { app(out, "{:016x}", m); }

const char* policy_name(std::int64_t pol) {
    switch (pol) {
        case -1: return "-";
        case 0: return "TS";
        case 1: return "FF";
        case 2: return "RR";
        case 3: return "B";
        case 4: return "ISO";
        case 5: return "IDL";
        case 6: return "DLN";
        default: return "?";
    }
}

void stat_text(const Process& p, Ctx&, std::string& out, int) {
    out.push_back(p.state);
    if (p.nice < 0) out.push_back('<');
    else if (p.nice > 0) out.push_back('N');
    if (p.vm_lck) out.push_back('L');
    if (p.session == p.tgid) out.push_back('s');
    if (p.num_threads > 1) out.push_back('l');
    if (p.pgrp == p.tpgid) out.push_back('+');
}

void user_cut(std::string& out, const std::string& name, std::uint32_t id, int maxw) {
    if (name.empty()) {
        app(out, "{}", id);
    } else if (static_cast<int>(name.size()) > maxw && maxw > 0) {
        out.append(name, 0, static_cast<std::size_t>(maxw - 1));
        out.push_back('+');
    } else {
        out += name;
    }
}

void start_short(const Process& p, Ctx& c, std::string& out, const char* recent, const char* older,
                 const char* old_year) {
    std::time_t t = start_epoch(p, c);
    std::time_t now = static_cast<std::time_t>(c.si.now);
    const char* f = recent;
    // A start time far from now (boot time or start ticks near 2^63 in a --sysroot tree) must
    // not overflow the age: saturate it instead.
    std::time_t age = 0;
    if (__builtin_sub_overflow(now, t, &age))
        age = t < 0 ? std::numeric_limits<std::time_t>::max() : std::numeric_limits<std::time_t>::min();
    if (age > 3600 * 24 * 365) f = old_year;
    else if (age > 3600 * 24) f = older;
    // Many processes start in the same second: keep the last text (localtime is not cheap).
    if (c.start_fmt != f || c.start_key != t) {
        c.start_text.clear();
        strftime_app(c.start_text, f, t);
        c.start_fmt = f;
        c.start_key = t;
    }
    out += c.start_text;
}

// procps' test columns: fixed texts that change from row to row (see test_column_index).
template <std::size_t N>
void test_text(const Process& p, Ctx& c, std::string& out, int maxw, const char* const (&vals)[N]) {
    std::string_view v = vals[test_column_index(p, c, N)];
    out.append(v.substr(0, static_cast<std::size_t>(maxw > 0 ? maxw : 0)));
}

constexpr const char* test_left[] = {"tty7", "3270/tty4", "ttySMX0", "iseries/vtty42", "pts/9999"};
constexpr const char* test_left2[] = {"3270/tty4", "ttySMX0", "pts/9999", "tty7"};
constexpr const char* test_right[] = {"59:59", "9-23:59:59", "99-23:59:59", "999-23:59:59"};
constexpr const char* test_right2[] = {"999-23:59:59", "9-23:59:59", "99-23:59:59"};
constexpr const char* test_unlimited[] = {"[123456789-12345] <defunct>", "123456789-123456", "ps"};
constexpr const char* test_unlimited2[] = {"123456789-123456", "ps", "[123456789-12345] <defunct>", "unlimited"};

std::uint64_t ns_of(const Process& p, proc::NsKind k) {
    auto& v = p.ns[static_cast<int>(k)];
    return v ? *v : 0;
}

#define NUM(expr) [](const Process& p, Ctx& c) -> std::int64_t { (void)p; (void)c; return static_cast<std::int64_t>(expr); }
#define FMT(body) [](const Process& p, Ctx& c, std::string& out, int maxw) { (void)p; (void)c; (void)maxw; body; }
#define DEC(expr) FMT(app_dec(out, expr))

using proc::need_stat;
using proc::need_status;
using proc::need_statm;
using proc::need_cmdline;
using proc::need_io;
using proc::need_wchan;
using proc::need_cgroup;
using proc::need_environ;
using proc::need_ns;
using proc::need_oom;
using proc::need_smaps;
using proc::need_exe;
using proc::need_attr;
using proc::need_loginuid;
using proc::need_autogroup;
using proc::need_rss;
using proc::need_euid;

constexpr Align L = Align::left;
constexpr Align R = Align::right;
constexpr JsonType JS = JsonType::string;
constexpr JsonType JI = JsonType::integer;

#define NSCOL(key, hdr, kind)                                                                      \
    {key, hdr, 10, R, Cut::none, need_ns,                                                          \
     FMT(if (auto v = ns_of(p, proc::NsKind::kind)) app(out, "{}", v); else out += "-"),            \
     NUM(ns_of(p, proc::NsKind::kind)), JI, "inode of the " #kind " namespace"}

#define IOCOL(key, hdr, field, w)                                                                  \
    {key, hdr, w, R, Cut::none, need_io,                                                           \
     DEC(p.field ? *p.field : 0), NUM(p.field ? *p.field : 0), JI,                                 \
     "I/O counter " #field " from /proc/PID/io (0 when unreadable, as procps)"}

std::vector<ColumnDef> make_columns() {
    FormatFn f_pcpu = FMT(auto v = pcpu_permille(p, c); app_dec(out, v / 10); if (v <= 999) { out.push_back('.'); out.push_back(static_cast<char>('0' + v % 10)); });
    // compat: procps 4.0.2 sorts %cpu, c, cp and bsdtime by the process's own CPU time even
    // under S/--cumulative, where it shows them with the dead children's added.
    // compat: ... and by the exact share, not the per-mille shown (0.0 sorts after 0.0 when
    // its process used some CPU).
    NumFn n_pcpu = NUM(cpu_share_milli(own_ticks(p, c), p, c, false));
    FormatFn f_c = FMT(auto v = pcpu_permille(p, c) / 10; app_dec(out, v > 99 ? 99 : v));
    FormatFn f_label = FMT(if (p.label && !p.label->empty()) escape_text(*p.label, c.utf8, maxw, out); else out += "-");
    FormatFn f_pmem = FMT(std::uint64_t v = c.si.mem_total_kb ? rss_kb(p, c) * 1000 / c.si.mem_total_kb : 0; if (v > 999) v = 999; app_dec(out, v / 10); out.push_back('.'); out.push_back(static_cast<char>('0' + v % 10)));
    NumFn n_pmem = NUM(rss_kb(p, c));
    FormatFn f_args = FMT(args_text(p, c, out, maxw));
    FormatFn f_comm = FMT(comm_text(p, c, out, maxw));
    FormatFn f_time = FMT(fmt_cputime(own_ticks(p, c) / static_cast<std::uint64_t>(c.si.hertz), out));
    NumFn n_time = NUM(own_ticks(p, c));
    FormatFn f_times = DEC(own_ticks(p, c) / static_cast<std::uint64_t>(c.si.hertz));
    FormatFn f_tty = FMT(out += c.tty_name(p.tty_nr));
    NumFn n_tty = NUM(p.tty_nr);
    FormatFn f_user = FMT(user_cut(out, c.user_name(p.euid), p.euid, maxw));
    NumFn n_euid = NUM(p.euid);
    FormatFn f_nice = FMT(if (!sched_normal(p)) out += "-"; else app(out, "{}", p.nice));
    FormatFn f_stime = FMT(start_short(p, c, out, "%H:%M", "%b%d", "%Y"));
    NumFn n_start = NUM(p.starttime);
    FormatFn f_rss = DEC(rss_kb(p, c));
    NumFn n_rss = NUM(rss_kb(p, c));
    FormatFn f_vsz = DEC(p.vsize / 1024);
    NumFn n_vsz = NUM(p.vsize);
    FormatFn f_flags = FMT(app(out, "{:x}", (p.flags >> 6) & 5));
    FormatFn f_state = FMT(out.push_back(p.state));
    // compat: procps shows the process-wide set (ShdPnd) as pending; tsig the thread's (SigPnd).
    FormatFn f_pending = FMT(signal_mask(p.shdpnd, out));
    FormatFn f_tsig = FMT(signal_mask(p.sigpnd, out));
    FormatFn f_blocked = FMT(signal_mask(p.sigblk, out));
    FormatFn f_ignored = FMT(signal_mask(p.sigign, out));
    FormatFn f_caught = FMT(signal_mask(p.sigcgt, out));
    FormatFn f_wchan = FMT(std::string_view w = p.wchan; while (!w.empty() && (w.back() == '\n')) w.remove_suffix(1); while (!w.empty() && w.front() == '_') w.remove_prefix(1); if (w.empty() || w == "0") out += "-"; else escape_text(w, false, maxw, out));
    FormatFn f_cls = FMT(out += policy_name(p.policy));
    FormatFn f_etime = FMT(fmt_etime(elapsed_secs(p, c), out));
    FormatFn f_dash = FMT(out += "-");
    FormatFn f_ucmd = f_comm;

    std::vector<ColumnDef> v = {
        {"%cpu", "%CPU", 4, R, Cut::none, need_stat, f_pcpu, n_pcpu, JsonType::number, "cpu utilization of the process"},
        {"pcpu", "%CPU", 4, R, Cut::none, need_stat, f_pcpu, n_pcpu, JsonType::number, "cpu utilization (alias of %cpu)"},
        {"_left", "LLLLLLLL", 8, L, Cut::none, need_stat, FMT(test_text(p, c, out, maxw, test_left)), NUM(0), JS, "test column: left-aligned texts of several widths"},
        {"_left2", "L2L2L2L2", 8, L, Cut::none, need_stat, FMT(test_text(p, c, out, maxw, test_left2)), NUM(0), JS, "test column: left-aligned texts"},
        {"_right", "RRRRRRRRRRR", 11, R, Cut::none, need_stat, FMT(test_text(p, c, out, maxw, test_right)), NUM(0), JS, "test column: right-aligned texts"},
        {"_right2", "R2R2R2R2R2R", 11, R, Cut::none, need_stat, FMT(test_text(p, c, out, maxw, test_right2)), NUM(0), JS, "test column: right-aligned texts"},
        {"_unlimited", "U", 16, L, Cut::width, need_stat, FMT(test_text(p, c, out, maxw, test_unlimited)), NUM(0), JS, "test column: texts cut to the width unless last"},
        {"_unlimited2", "U2", 16, L, Cut::width, need_stat, FMT(test_text(p, c, out, maxw, test_unlimited2)), NUM(0), JS, "test column: texts cut to the width unless last"},
        {"%mem", "%MEM", 4, R, Cut::none, need_rss, f_pmem, n_pmem, JsonType::number, "resident set as a share of physical memory"},
        {"pmem", "%MEM", 4, R, Cut::none, need_rss, f_pmem, n_pmem, JsonType::number, "alias of %mem"},
        {"ag_id", "AGID", 5, R, Cut::none, need_autogroup, DEC(p.autogroup_id), NUM(p.autogroup_id), JI, "autogroup id"},
        {"ag_nice", "AGNI", 4, R, Cut::none, need_autogroup, DEC(p.autogroup_nice), NUM(p.autogroup_nice), JI, "autogroup nice value"},
        {"args", "COMMAND", 27, L, Cut::width, need_cmdline, f_args, nullptr, JS, "command with all its arguments"},
        {"cmd", "CMD", 27, L, Cut::width, need_cmdline, f_args, nullptr, JS, "alias of args"},
        {"command", "COMMAND", 27, L, Cut::width, need_cmdline, f_args, nullptr, JS, "alias of args"},
        {"blocked", "BLOCKED", 16, R, Cut::none, need_status, f_blocked, NUM(p.sigblk), JS, "mask of blocked signals"},
        {"sigmask", "BLOCKED", 16, R, Cut::none, need_status, f_blocked, NUM(p.sigblk), JS, "alias of blocked"},
        {"caught", "CAUGHT", 16, R, Cut::none, need_status, f_caught, NUM(p.sigcgt), JS, "mask of caught signals"},
        {"sigcatch", "CAUGHT", 16, R, Cut::none, need_status, f_caught, NUM(p.sigcgt), JS, "alias of caught"},
        {"ignored", "IGNORED", 16, R, Cut::none, need_status, f_ignored, NUM(p.sigign), JS, "mask of ignored signals"},
        {"sigignore", "IGNORED", 16, R, Cut::none, need_status, f_ignored, NUM(p.sigign), JS, "alias of ignored"},
        {"pending", "PENDING", 16, R, Cut::none, need_status, f_pending, NUM(p.shdpnd), JS, "mask of signals pending on the process"},
        {"sig", "PENDING", 16, R, Cut::none, need_status, f_pending, NUM(p.shdpnd), JS, "alias of pending"},
        {"sig_pend", "SIGNAL", 16, R, Cut::none, need_status, f_pending, NUM(p.shdpnd), JS, "alias of pending"},
        {"tsig", "PENDING", 16, R, Cut::none, need_status, f_tsig, NUM(p.sigpnd), JS, "mask of signals pending on the thread"},
        {"sig_block", "BLOCKED", 16, R, Cut::none, need_status, f_blocked, NUM(p.sigblk), JS, "alias of blocked"},
        {"sig_catch", "CATCHED", 16, R, Cut::none, need_status, f_caught, NUM(p.sigcgt), JS, "alias of caught"},
        {"sig_ignore", "IGNORED", 16, R, Cut::none, need_status, f_ignored, NUM(p.sigign), JS, "alias of ignored"},
        {"bsdstart", "START", 6, R, Cut::none, need_stat, FMT(start_short(p, c, out, " %H:%M", "%b %d", "%b %d")), n_start, JS, "start time (BSD)"},
        {"bsdtime", "TIME", 6, R, Cut::none, need_stat, FMT(std::uint64_t t = total_ticks(p, c) / static_cast<std::uint64_t>(c.si.hertz); app(out, "{:3}:{:02}", t / 60, t % 60)), n_time, JS, "cpu time as minutes:seconds (with dead children's under S)"},
        {"c", "C", 2, R, Cut::none, need_stat, f_c, n_pcpu, JI, "integer cpu utilization"},
        {"util", "C", 2, R, Cut::none, need_stat, f_c, n_pcpu, JI, "alias of c"},
        {"cp", "CP", 3, R, Cut::none, need_stat, FMT(auto v = pcpu_permille(p, c); app(out, "{}", v > 999 ? 999 : v)), n_pcpu, JI, "per-mill cpu usage"},
        {"cgroup", "CGROUP", 27, L, Cut::width, need_cgroup, FMT(cgroup_text(p, c, out, maxw)), nullptr, JS, "control groups"},
        {"cgname", "CGNAME", 27, L, Cut::width, need_cgroup, FMT(cgroup_text(p, c, out, maxw)), nullptr, JS, "control group names"},
        NSCOL("cgroupns", "CGROUPNS", cgroup),
        NSCOL("ipcns", "IPCNS", ipc),
        NSCOL("mntns", "MNTNS", mnt),
        NSCOL("netns", "NETNS", net),
        NSCOL("pidns", "PIDNS", pid),
        NSCOL("userns", "USERNS", user),
        NSCOL("utsns", "UTSNS", uts),
        NSCOL("timens", "TIMENS", time),
        {"class", "CLS", 3, L, Cut::none, need_stat, f_cls, NUM(p.policy), JS, "scheduling class"},
        {"policy", "POL", 3, L, Cut::none, need_stat, f_cls, NUM(p.policy), JS, "alias of class"},
        {"cls", "CLS", 3, R, Cut::none, need_stat, f_cls, NUM(p.policy), JS, "scheduling class"},
        {"sched", "SCH", 3, R, Cut::none, need_stat, DEC(p.policy), NUM(p.policy), JI, "scheduling policy number"},
        {"comm", "COMMAND", 15, L, Cut::width, need_stat, f_comm, nullptr, JS, "command name"},
        {"ucmd", "CMD", 15, L, Cut::width, need_stat, f_ucmd, nullptr, JS, "alias of comm"},
        {"ucomm", "COMMAND", 15, L, Cut::width, need_stat, f_ucmd, nullptr, JS, "alias of comm"},
        {"fname", "COMMAND", 8, L, Cut::width, need_stat, FMT(escape_text(p.comm, c.utf8, maxw < 8 ? maxw : 8, out)), nullptr, JS, "first 8 bytes of the command name"},
        {"atime", "TIME", 8, R, Cut::none, need_stat, f_time, n_time, JS, "alias of time"},
        {"cputime", "TIME", 8, R, Cut::none, need_stat, f_time, n_time, JS, "cumulative cpu time"},
        {"time", "TIME", 8, R, Cut::none, need_stat, f_time, n_time, JS, "cumulative cpu time"},
        {"cputimes", "TIME", 8, R, Cut::none, need_stat, f_times, n_time, JI, "cpu time in seconds"},
        {"times", "TIME", 8, R, Cut::none, need_stat, f_times, n_time, JI, "cpu time in seconds"},
        {"drs", "DRS", 5, R, Cut::none, need_stat, DEC(drs_kb(p)), NUM(drs_kb(p)), JI, "data resident set size"},
        {"trs", "TRS", 4, R, Cut::none, need_stat, DEC(trs_kb(p)), NUM(trs_kb(p)), JI, "text resident set size"},
        {"dsiz", "DSIZ", 4, R, Cut::none, need_stat, DEC(drs_kb(p)), NUM(drs_kb(p)), JI, "alias of drs"},
        {"m_drs", "DRS", 5, R, Cut::none, need_stat, DEC(drs_kb(p)), NUM(drs_kb(p)), JI, "alias of drs"},
        {"m_trs", "TRS", 5, R, Cut::none, need_stat, DEC(trs_kb(p)), NUM(trs_kb(p)), JI, "alias of trs"},
        {"trss", "TRSS", 4, R, Cut::none, need_stat, DEC(trs_kb(p)), NUM(trs_kb(p)), JI, "alias of trs"},
        {"tsiz", "TSIZ", 4, R, Cut::none, need_stat, DEC(trs_kb(p)), NUM(trs_kb(p)), JI, "alias of trs"},
        {"m_size", "SIZE", 5, R, Cut::none, need_stat, DEC(p.vsize), NUM(p.vsize), JI, "virtual memory size in bytes"},
        {"egid", "EGID", 5, R, Cut::none, need_euid, DEC(p.egid), NUM(p.egid), JI, "effective group id"},
        {"gid", "GID", 5, R, Cut::none, need_euid, DEC(p.egid), NUM(p.egid), JI, "alias of egid"},
        {"egroup", "EGROUP", 8, L, Cut::plus, need_euid, FMT(user_cut(out, c.group_name(p.egid), p.egid, maxw)), NUM(p.egid), JS, "effective group name"},
        {"group", "GROUP", 8, L, Cut::plus, need_euid, FMT(user_cut(out, c.group_name(p.egid), p.egid, maxw)), NUM(p.egid), JS, "alias of egroup"},
        {"eip", "EIP", 16, R, Cut::none, need_stat, FMT(app(out, "{:016x}", p.kstkeip)), NUM(p.kstkeip), JS, "instruction pointer"},
        {"esp", "ESP", 16, R, Cut::none, need_stat, FMT(app(out, "{:016x}", p.kstkesp)), NUM(p.kstkesp), JS, "stack pointer"},
        {"stackp", "STACKP", 16, R, Cut::none, need_stat, FMT(app(out, "{:016x}", p.startstack)), NUM(p.startstack), JS, "bottom of the stack"},
        {"start_stack", "STACKP", 16, R, Cut::none, need_stat, FMT(app(out, "{:016x}", p.startstack)), NUM(p.startstack), JS, "alias of stackp"},
        {"etime", "ELAPSED", 11, R, Cut::none, need_stat, f_etime, NUM(elapsed_secs(p, c)), JS, "elapsed time since start"},
        {"etimes", "ELAPSED", 7, R, Cut::none, need_stat, DEC(elapsed_secs(p, c)), NUM(elapsed_secs(p, c)), JI, "elapsed seconds"},
        {"euid", "EUID", 5, R, Cut::none, need_euid, DEC(p.euid), n_euid, JI, "effective user id"},
        {"uid", "UID", 5, R, Cut::none, need_euid, DEC(p.euid), n_euid, JI, "alias of euid"},
        {"euser", "EUSER", 8, L, Cut::plus, need_euid, f_user, n_euid, JS, "effective user name"},
        {"user", "USER", 8, L, Cut::plus, need_euid, f_user, n_euid, JS, "alias of euser"},
        {"uname", "USER", 8, L, Cut::plus, need_euid, f_user, n_euid, JS, "alias of euser"},
        {"uid_hack", "UID", 8, L, Cut::plus, need_euid, f_user, n_euid, JS, "user name under the UID header (-f)"},
        {"exe", "EXE", 27, L, Cut::width, need_exe, FMT(if (p.exe) escape_text(*p.exe, c.utf8, maxw, out); else out += "-"), nullptr, JS, "path of the executable"},
        {"f", "F", 1, R, Cut::none, need_stat, f_flags, NUM(p.flags), JI, "process flags"},
        {"flag", "F", 1, R, Cut::none, need_stat, f_flags, NUM(p.flags), JI, "alias of f"},
        {"flags", "F", 1, R, Cut::none, need_stat, f_flags, NUM(p.flags), JI, "alias of f"},
        {"fgid", "FGID", 5, R, Cut::none, need_status, DEC(p.fgid), NUM(p.fgid), JI, "filesystem group id"},
        {"fgroup", "FGROUP", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.group_name(p.fgid), p.fgid, maxw)), NUM(p.fgid), JS, "filesystem group name"},
        {"fuid", "FUID", 5, R, Cut::none, need_status, DEC(p.fuid), NUM(p.fuid), JI, "filesystem user id"},
        {"fuser", "FUSER", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.user_name(p.fuid), p.fuid, maxw)), NUM(p.fuid), JS, "filesystem user name"},
        {"fsgid", "FSGID", 5, R, Cut::none, need_status, DEC(p.fgid), NUM(p.fgid), JI, "alias of fgid"},
        {"fsgroup", "FSGROUP", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.group_name(p.fgid), p.fgid, maxw)), NUM(p.fgid), JS, "alias of fgroup"},
        {"fsuid", "FSUID", 5, R, Cut::none, need_status, DEC(p.fuid), NUM(p.fuid), JI, "alias of fuid"},
        {"fsuser", "FSUSER", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.user_name(p.fuid), p.fuid, maxw)), NUM(p.fuid), JS, "alias of fuser"},
        {"label", "LABEL", 31, L, Cut::width, need_attr, f_label, nullptr, JS, "security label"},
        {"context", "CONTEXT", 31, L, Cut::width, need_attr, f_label, nullptr, JS, "alias of label"},
        {"lim", "LIM", 5, R, Cut::none, need_stat, FMT(out += "xx"), NUM(0), JS, "memory limit (always xx)"},
        {"zone", "ZONE", 31, L, Cut::none, need_stat, f_dash, nullptr, JS, "zone (always -)"},
        {"lstart", "STARTED", 24, R, Cut::none, need_stat, FMT(strftime_app(out, "%a %b %e %H:%M:%S %Y", start_epoch(p, c))), n_start, JS, "full start time"},
        {"lsession", "SESSION", 11, L, Cut::none, need_stat, f_dash, nullptr, JS, "login session (systemd)"},
        {"luid", "LUID", 5, R, Cut::none, need_loginuid, FMT(if (p.loginuid) app(out, "{}", *p.loginuid); else out += "-"), NUM(p.loginuid ? *p.loginuid : -1), JI, "login user id"},
        {"lwp", "LWP", 5, R, Cut::none, need_stat, DEC(p.tid), NUM(p.tid), JI, "thread id"},
        {"spid", "SPID", 5, R, Cut::none, need_stat, DEC(p.tid), NUM(p.tid), JI, "alias of lwp"},
        {"tid", "TID", 5, R, Cut::none, need_stat, DEC(p.tid), NUM(p.tid), JI, "alias of lwp"},
        {"lxc", "LXC", 8, L, Cut::none, need_stat, f_dash, nullptr, JS, "lxc container"},
        {"machine", "MACHINE", 31, L, Cut::none, need_stat, f_dash, nullptr, JS, "machine name (systemd)"},
        {"maj_flt", "MAJFL", 6, R, Cut::none, need_stat, DEC(p.majflt + (c.cumulative ? p.cmajflt : 0)), NUM(p.majflt), JI, "major page faults"},
        {"majflt", "MAJFLT", 6, R, Cut::none, need_stat, DEC(p.majflt + (c.cumulative ? p.cmajflt : 0)), NUM(p.majflt), JI, "major page faults"},
        {"pagein", "PAGEIN", 6, R, Cut::none, need_stat, DEC(p.majflt + (c.cumulative ? p.cmajflt : 0)), NUM(p.majflt), JI, "alias of majflt"},
        {"min_flt", "MINFL", 6, R, Cut::none, need_stat, DEC(p.minflt + (c.cumulative ? p.cminflt : 0)), NUM(p.minflt), JI, "minor page faults"},
        {"minflt", "MINFLT", 6, R, Cut::none, need_stat, DEC(p.minflt + (c.cumulative ? p.cminflt : 0)), NUM(p.minflt), JI, "minor page faults"},
        {"ni", "NI", 3, R, Cut::none, need_stat, f_nice, NUM(p.nice), JI, "nice value"},
        {"nice", "NI", 3, R, Cut::none, need_stat, f_nice, NUM(p.nice), JI, "alias of ni"},
        {"nlwp", "NLWP", 4, R, Cut::none, need_stat, DEC(p.num_threads), NUM(p.num_threads), JI, "number of threads"},
        {"thcount", "THCNT", 5, R, Cut::none, need_stat, DEC(p.num_threads), NUM(p.num_threads), JI, "alias of nlwp"},
        {"numa", "NUMA", 4, R, Cut::none, need_stat, FMT(out += "0"), NUM(0), JI, "numa node"},
        {"nwchan", "WCHAN", 6, R, Cut::none, need_stat, FMT(if (p.wchan_addr > 1 && (p.wchan_addr & 0xffffff)) app(out, "{:x}", p.wchan_addr & 0xffffff); else out += "-"), NUM(p.wchan_addr), JS, "address of the wait channel"},
        {"wchan", "WCHAN", 6, L, Cut::width, need_wchan, f_wchan, nullptr, JS, "kernel function where the process sleeps"},
        {"wname", "WCHAN", 6, L, Cut::width, need_wchan, f_wchan, nullptr, JS, "alias of wchan"},
        {"oom", "OOM", 4, R, Cut::none, need_oom, FMT(if (p.oom_score) app(out, "{}", *p.oom_score); else out += "-"), NUM(p.oom_score ? *p.oom_score : 0), JI, "out-of-memory score"},
        {"oomadj", "OOMADJ", 5, R, Cut::none, need_oom, FMT(if (p.oom_adj) app(out, "{}", *p.oom_adj); else out += "-"), NUM(p.oom_adj ? *p.oom_adj : 0), JI, "out-of-memory adjustment"},
        {"ouid", "OWNER", 5, L, Cut::none, need_stat, f_dash, nullptr, JS, "session owner uid (systemd)"},
        {"pgid", "PGID", 5, R, Cut::none, need_stat, DEC(p.pgrp), NUM(p.pgrp), JI, "process group id"},
        {"pgrp", "PGRP", 5, R, Cut::none, need_stat, DEC(p.pgrp), NUM(p.pgrp), JI, "alias of pgid"},
        {"pid", "PID", 5, R, Cut::none, need_stat, DEC(p.tgid), NUM(p.tgid), JI, "process id"},
        {"tgid", "TGID", 5, R, Cut::none, need_stat, DEC(p.tgid), NUM(p.tgid), JI, "thread group id"},
        {"ppid", "PPID", 5, R, Cut::none, need_stat, DEC(p.ppid), NUM(p.ppid), JI, "parent process id"},
        {"pri", "PRI", 3, R, Cut::none, need_stat, DEC(39 - p.priority), NUM(39 - p.priority), JI, "priority (higher is more important)"},
        {"opri", "PRI", 3, R, Cut::none, need_stat, DEC(p.priority + 60), NUM(p.priority + 60), JI, "priority as in -l"},
        {"intpri", "PRI", 3, R, Cut::none, need_stat, DEC(p.priority + 60), NUM(p.priority + 60), JI, "alias of opri"},
        {"pri_api", "API", 3, R, Cut::none, need_stat, DEC(-1 - p.priority), NUM(-1 - p.priority), JI, "priority, -1 - kernel value"},
        {"pri_bar", "BAR", 3, R, Cut::none, need_stat, DEC(p.priority + 1), NUM(p.priority + 1), JI, "priority + 1"},
        {"pri_baz", "BAZ", 3, R, Cut::none, need_stat, DEC(p.priority + 100), NUM(p.priority + 100), JI, "priority + 100"},
        {"pri_foo", "FOO", 3, R, Cut::none, need_stat, DEC(p.priority - 20), NUM(p.priority - 20), JI, "priority - 20"},
        {"priority", "PRI", 3, R, Cut::none, need_stat, DEC(p.priority), NUM(p.priority), JI, "kernel priority"},
        {"psr", "PSR", 3, R, Cut::none, need_stat, DEC(p.processor), NUM(p.processor), JI, "processor last run on"},
        {"cpuid", "CPUID", 5, R, Cut::none, need_stat, DEC(p.processor), NUM(p.processor), JI, "alias of psr"},
        {"lastcpu", "C", 3, R, Cut::none, need_stat, DEC(p.processor), NUM(p.processor), JI, "alias of psr"},
        {"pss", "PSS", 5, R, Cut::none, need_smaps, DEC(p.pss ? *p.pss : 0), NUM(p.pss ? *p.pss : 0), JI, "proportional share size (KiB)"},
        {"uss", "USS", 5, R, Cut::none, need_smaps, DEC(p.uss ? *p.uss : 0), NUM(p.uss ? *p.uss : 0), JI, "unique set size (KiB)"},
        IOCOL("rbytes", "RBYTES", read_bytes, 5),
        IOCOL("rchars", "RCHARS", rchar, 5),
        IOCOL("rops", "ROPS", syscr, 5),
        IOCOL("wbytes", "WBYTES", write_bytes, 5),
        IOCOL("wcbytes", "WCBYTES", cancelled_write_bytes, 5),
        IOCOL("wchars", "WCHARS", wchar, 5),
        IOCOL("wops", "WOPS", syscw, 5),
        {"rgid", "RGID", 5, R, Cut::none, need_status, DEC(p.rgid), NUM(p.rgid), JI, "real group id"},
        {"rgroup", "RGROUP", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.group_name(p.rgid), p.rgid, maxw)), NUM(p.rgid), JS, "real group name"},
        {"rss", "RSS", 5, R, Cut::none, need_rss, f_rss, n_rss, JI, "resident set size (KiB)"},
        {"rssize", "RSS", 5, R, Cut::none, need_rss, f_rss, n_rss, JI, "alias of rss"},
        {"rsz", "RSZ", 5, R, Cut::none, need_rss, f_rss, n_rss, JI, "alias of rss"},
        {"sgi_rss", "RSS", 4, L, Cut::none, need_rss, f_rss, n_rss, JI, "alias of rss (left-aligned)"},
        {"rtprio", "RTPRIO", 6, R, Cut::none, need_stat, FMT(if (p.policy == 0 || p.policy == 3 || p.policy == 5) out += "-"; else app(out, "{}", p.rt_priority)), NUM(p.rt_priority), JI, "realtime priority"},
        {"ruid", "RUID", 5, R, Cut::none, need_status, DEC(p.ruid), NUM(p.ruid), JI, "real user id"},
        {"ruser", "RUSER", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.user_name(p.ruid), p.ruid, maxw)), NUM(p.ruid), JS, "real user name"},
        {"s", "S", 1, L, Cut::none, need_stat, f_state, NUM(p.state), JS, "one-character state"},
        {"state", "S", 1, L, Cut::none, need_stat, f_state, NUM(p.state), JS, "alias of s"},
        {"stat", "STAT", 4, L, Cut::none, need_stat | proc::need_vmlck, FMT(stat_text(p, c, out, maxw)), NUM(p.state), JS, "multi-character state"},
        {"seat", "SEAT", 11, L, Cut::none, need_stat, f_dash, nullptr, JS, "seat (systemd)"},
        {"sess", "SESS", 5, R, Cut::none, need_stat, DEC(p.session), NUM(p.session), JI, "session id"},
        {"session", "SESS", 5, R, Cut::none, need_stat, DEC(p.session), NUM(p.session), JI, "alias of sess"},
        {"sid", "SID", 5, R, Cut::none, need_stat, DEC(p.session), NUM(p.session), JI, "alias of sess"},
        {"sgi_p", "P", 1, L, Cut::none, need_stat, FMT(if (p.state == 'R') app(out, "{}", p.processor); else out += "*"), NUM(p.processor), JS, "processor currently running on"},
        {"sgid", "SGID", 5, R, Cut::none, need_status, DEC(p.sgid), NUM(p.sgid), JI, "saved group id"},
        {"svgid", "SVGID", 5, R, Cut::none, need_status, DEC(p.sgid), NUM(p.sgid), JI, "alias of sgid"},
        {"sgroup", "SGROUP", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.group_name(p.sgid), p.sgid, maxw)), NUM(p.sgid), JS, "saved group name"},
        {"svgroup", "SVGROUP", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.group_name(p.sgid), p.sgid, maxw)), NUM(p.sgid), JS, "alias of sgroup"},
        {"size", "SIZE", 5, R, Cut::none, need_status, DEC(p.vm_data + p.vm_stk), NUM(p.vm_data + p.vm_stk), JI, "approximate swap space needed (KiB)"},
        {"slice", "SLICE", 31, L, Cut::none, need_stat, FMT(out += "-.slice"), nullptr, JS, "systemd slice"},
        {"unit", "UNIT", 31, L, Cut::none, need_stat, f_dash, nullptr, JS, "systemd unit"},
        {"uunit", "UUNIT", 31, L, Cut::none, need_stat, f_dash, nullptr, JS, "systemd user unit"},
        {"start", "STARTED", 8, R, Cut::none, need_stat, FMT(start_short(p, c, out, "%H:%M:%S", "  %b %d", "  %b %d")), n_start, JS, "start time"},
        {"start_time", "START", 5, R, Cut::none, need_stat, f_stime, n_start, JS, "start time or date"},
        {"stime", "STIME", 5, R, Cut::none, need_stat, f_stime, n_start, JS, "alias of start_time"},
        {"suid", "SUID", 5, R, Cut::none, need_status, DEC(p.suid), NUM(p.suid), JI, "saved user id"},
        {"svuid", "SVUID", 5, R, Cut::none, need_status, DEC(p.suid), NUM(p.suid), JI, "alias of suid"},
        {"suser", "SUSER", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.user_name(p.suid), p.suid, maxw)), NUM(p.suid), JS, "saved user name"},
        {"svuser", "SVUSER", 8, L, Cut::plus, need_status, FMT(user_cut(out, c.user_name(p.suid), p.suid, maxw)), NUM(p.suid), JS, "alias of suser"},
        {"supgid", "SUPGID", 20, L, Cut::width, need_status, FMT(if (p.groups.empty()) out += "-"; else { std::string g = p.groups; for (auto& ch : g) if (ch == ' ') ch = ','; escape_text(g, false, maxw, out); }), nullptr, JS, "supplementary group ids"},
        {"supgrp", "SUPGRP", 40, L, Cut::width, need_status, FMT(if (p.groups.empty()) out += "-"; else { std::string g; std::string_view s = p.groups; while (!s.empty()) { auto sp = s.find(' '); auto tok = s.substr(0, sp); s = sp == std::string_view::npos ? std::string_view{} : s.substr(sp + 1); if (tok.empty()) continue; if (!g.empty()) g.push_back(','); unsigned id = 0; for (char ch : tok) id = id * 10 + static_cast<unsigned>(ch - '0'); const auto& n = c.group_name(id); if (n.empty()) g += std::string(tok); else g += n; } escape_text(g, false, maxw, out); }), nullptr, JS, "supplementary group names"},
        {"sz", "SZ", 5, R, Cut::none, need_stat, DEC(p.vsize / 1024 / static_cast<std::uint64_t>(c.si.page_kb)), n_vsz, JI, "virtual size in pages"},
        {"vsz", "VSZ", 6, R, Cut::none, need_stat, f_vsz, n_vsz, JI, "virtual memory size (KiB)"},
        {"vsize", "VSZ", 6, R, Cut::none, need_stat, f_vsz, n_vsz, JI, "alias of vsz"},
        {"tname", "TTY", 8, L, Cut::none, need_stat, f_tty, n_tty, JS, "controlling tty"},
        {"tt", "TT", 8, L, Cut::none, need_stat, f_tty, n_tty, JS, "controlling tty"},
        {"tty", "TT", 8, L, Cut::none, need_stat, f_tty, n_tty, JS, "controlling tty"},
        {"longtname", "TTY", 8, L, Cut::none, need_stat, f_tty, n_tty, JS, "alias of tname"},
        {"tty8", "TTY", 8, L, Cut::none, need_stat, f_tty, n_tty, JS, "alias of tname"},
        {"tty4", "TTY", 4, L, Cut::none, need_stat, FMT(out += short_tty_name(c.tty_name(p.tty_nr))), n_tty, JS, "controlling tty without its tty or pts/ prefix"},
        {"tpgid", "TPGID", 5, R, Cut::none, need_stat, DEC(p.tpgid), NUM(p.tpgid), JI, "foreground process group of the tty"},
        {"addr", "ADDR", 4, R, Cut::none, need_stat, f_dash, nullptr, JS, "memory address (always -)"},
        {"addr_1", "ADDR", 1, L, Cut::none, need_stat, f_dash, nullptr, JS, "memory address as in -l"},
        {"tmout", "TMOUT", 5, R, Cut::none, need_stat, f_dash, nullptr, JS, "timeout (always -)"},
        {"alarm", "ALARM", 5, R, Cut::none, need_stat, f_dash, nullptr, JS, "alarm (always -)"},
        {"environ", "ENVIRONMENT", 27, L, Cut::width, need_environ, FMT(environ_text(p, c, out, maxw)), nullptr, JS, "environment"},
        {"cuc", "%CUC", 7, R, Cut::none, need_stat, FMT(fmt_cpu_share(cpu_ticks(p, true), p, c, out)), NUM(cpu_share_milli(cpu_ticks(p, true), p, c)), JS, "cpu utilization with dead children's, percent"},
        {"cuu", "%CUU", 6, R, Cut::none, need_stat, FMT(fmt_cpu_share(cpu_ticks(p, false), p, c, out)), NUM(cpu_share_milli(cpu_ticks(p, false), p, c)), JS, "cpu utilization, percent"},
    };
    return v;
}

}  // namespace

const std::vector<ColumnDef>& all_columns() {
    static const std::vector<ColumnDef> cols = make_columns();
    return cols;
}

RowScope row_scope(const ColumnDef& def) {
    static const char* const process_only[] = {
        "%mem", "args", "cmd", "comm", "command", "drs", "fname", "nlwp", "pgid", "pgrp", "pid", "pmem",
        "ppid", "pss", "rss", "rssize", "rsz", "sess", "session", "sid", "size", "stackp", "sz", "tgid",
        "thcount", "tname", "tpgid", "trs", "tt", "tty", "ucmd", "ucomm", "uss", "vsize", "vsz", "uid_hack",
        "dsiz", "m_drs", "m_size", "m_trs", "trss", "tsiz", "sgi_rss", "tty4", "tty8", "longtname", "start_stack"};
    static const char* const thread_only[] = {
        "blocked", "caught", "class", "cls", "eip", "esp", "ignored", "lwp", "oom", "oomadj", "policy",
        "pri", "opri", "intpri", "pri_api", "pri_bar", "pri_baz", "pri_foo", "priority", "psr", "cpuid",
        "rbytes", "rchars", "rops", "rtprio", "s", "sched", "sgi_p", "sigcatch", "sigignore", "sigmask",
        "spid", "stat", "state", "tid", "wbytes", "wcbytes", "wchan", "wchars", "wops", "ni", "nice",
        "lastcpu", "sig_block", "sig_catch", "sig_ignore", "wname"};
    std::string_view n = def.name;
    for (const char* k : process_only)
        if (n == k) return n == "uid_hack" ? RowScope::both : RowScope::process;
    for (const char* k : thread_only)
        if (n == k) return RowScope::thread;
    return RowScope::both;
}

const ColumnDef* find_column(std::string_view key) {
    for (const auto& c : all_columns())
        if (key == c.name) return &c;
    return nullptr;
}

int pid_column_width(const Root& root) {
    std::string text;
    if (!io::read_file(root, "proc/sys/kernel/pid_max", text, 4096) || text.empty()) return 5;
    std::size_t line = std::min(text.find('\n'), text.size());
    return static_cast<int>(std::min<std::size_t>(line, 23));
}

bool pid_sized(const ColumnDef& def) {
    static constexpr std::string_view keys[] = {"pid", "ppid", "pgid", "sid",  "tpgid", "lwp",
                                                "spid", "tgid", "tid", "pgrp", "sess", "session"};
    return std::find(std::begin(keys), std::end(keys), std::string_view(def.name)) != std::end(keys);
}

}  // namespace procstat::pscols
