// SPDX-License-Identifier: GPL-2.0-or-later
// ps output: typed sorting, procps forest order, fixed-width rows where an over-wide value
// pushes later columns right until right-aligned columns win the space back, and JSON.
#include "render.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "procstat/out/json.hpp"
#include "procstat/out/text.hpp"

namespace procstat::ps {

using proc::Process;

namespace {

// Reorder V so that V[i] becomes the old V[ORDER[i]], in place: each cycle of the permutation
// is rotated with one moved-out record, so no second copy of the records is ever made.
void permute(std::vector<Process>& v, const std::vector<std::size_t>& order) {
    std::vector<char> placed(v.size(), 0);
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (placed[i]) continue;
        if (order[i] == i) {
            placed[i] = 1;
            continue;
        }
        Process tmp = std::move(v[i]);
        std::size_t j = i;
        for (;;) {
            placed[j] = 1;
            std::size_t k = order[j];
            if (k == i) {
                v[j] = std::move(tmp);
                break;
            }
            v[j] = std::move(v[k]);
            j = k;
        }
    }
}

}  // namespace

void sort_processes(std::vector<Process>& procs, const Options& o, pscols::Ctx& ctx) {
    if (o.sort.empty()) return;
    struct Key {
        const pscols::ColumnDef* def;
        bool desc;
    };
    std::vector<Key> keys;
    for (auto& k : o.sort) keys.push_back({pscols::find_column(k.key), k.descending});
    // Every key is computed once per row: numbers for numeric columns, the formatted text for
    // the others. The sort then moves indices, not records.
    std::size_t n = procs.size();
    std::vector<std::vector<std::int64_t>> num(keys.size());
    std::vector<std::vector<std::string>> text(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keys[k].def->num) {
            num[k].resize(n);
            for (std::size_t i = 0; i < n; ++i) num[k][i] = keys[k].def->num(procs[i], ctx);
        } else {
            text[k].resize(n);
            for (std::size_t i = 0; i < n; ++i) keys[k].def->fmt(procs[i], ctx, text[k][i], INT_MAX / 2);
        }
    }
    std::vector<std::size_t> idx(n);
    for (std::size_t i = 0; i < n; ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
        for (std::size_t k = 0; k < keys.size(); ++k) {
            int c;
            if (keys[k].def->num) {
                auto x = num[k][a], y = num[k][b];
                c = x < y ? -1 : (x > y ? 1 : 0);
            } else {
                c = text[k][a].compare(text[k][b]);
                c = c < 0 ? -1 : (c > 0 ? 1 : 0);
            }
            if (keys[k].desc) c = -c;
            if (c) return c < 0;
        }
        return false;
    });
    permute(procs, idx);
}

void forest_order(std::vector<Process>& procs, std::vector<std::string>& prefixes, bool init_flat) {
    std::size_t n = procs.size();
    std::unordered_map<int, std::size_t> by_pid;
    for (std::size_t i = 0; i < n; ++i) by_pid.emplace(procs[i].tgid, i);
    std::vector<std::vector<std::size_t>> children(n);
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < n; ++i) {
        auto it = by_pid.find(procs[i].ppid);
        if (it != by_pid.end() && it->second != i && procs[i].tgid != procs[i].ppid)
            children[it->second].push_back(i);
        else
            roots.push_back(i);
    }
    std::vector<std::size_t> order;
    std::vector<std::string> pre;
    std::vector<char> seen(n, 0);
    std::string stack;
    // Depth-first walk; STACK holds one character per level.
    auto walk = [&](auto&& self, std::size_t i, int depth) -> void {
        if (seen[i] || depth > 200) return;
        seen[i] = 1;
        order.push_back(i);
        pre.push_back(stack);
        auto& ch = children[i];
        // compat: with --forest/f, procps prints the children of init unindented.
        if (init_flat && procs[i].tgid == 1) {
            for (auto c : ch) self(self, c, depth + 1);
            return;
        }
        for (std::size_t k = 0; k < ch.size(); ++k) {
            bool last = k + 1 == ch.size();
            // The node's own char is 'L' or '+'; as an ancestor it becomes ' ' or '|'.
            stack.push_back(last ? 'L' : '+');
            std::string saved = stack;
            self(self, ch[k], depth + 1);
            stack = saved;
            stack.pop_back();
        }
    };
    for (auto r = roots.rbegin(); r != roots.rend(); ++r) {
        stack.clear();
        walk(walk, *r, 0);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!seen[i]) {
            stack.clear();
            walk(walk, i, 0);
        }
    // Ancestors' markers: 'L' -> ' ', '+' -> '|' except the last character.
    for (auto& s : pre)
        for (std::size_t k = 0; k + 1 < s.size(); ++k) s[k] = s[k] == 'L' ? ' ' : (s[k] == '+' ? '|' : s[k]);
    permute(procs, order);
    prefixes = std::move(pre);
}

namespace {

// Lay out one line. TEXTS are the cell texts; CUT is applied by the caller.
struct Layout {
    const std::vector<Column>& cols;
    std::string& out;
    std::size_t line_start = 0;
    int cur = 0;      // cells written on this line
    int target = 0;   // where the current column should end (sum of widths and separators)

    void begin() {
        pending = 0;
        line_start = out.size();
        cur = 0;
        target = 0;
    }

    // Where the text of column I starts if it is AMOUNT cells wide.
    int start_of(std::size_t i, int amount) {
        if (pending) {
            out.append(static_cast<std::size_t>(pending), ' ');
            pending = 0;
        }
        const Column& c = cols[i];
        int end = target + (i ? 1 : 0) + c.width;
        int min_start = cur + (i ? 1 : 0);
        int start;
        if (c.align == pscols::Align::right) start = end - amount;
        else start = end - c.width;
        return std::max(start, min_start);
    }

    // compat: a left-aligned cell occupies at least its width (its padding is written lazily,
    // so the last column never ends in blanks unless it is an AIX column).
    void put(std::size_t i, const std::string& text, int amount) {
        int s = start_of(i, amount);
        out.append(static_cast<std::size_t>(s - cur), ' ');
        out += text;
        cur = s + amount;
        target += (i ? 1 : 0) + cols[i].width;
        if (cols[i].align == pscols::Align::left && cur < target) {
            // pad up to where the column should end, never past it
            if (cols[i].aix) out.append(static_cast<std::size_t>(target - cur), ' ');
            else pending = target - cur;
            cur = target;
        }
    }
    int pending = 0;
};

int cells(const std::string& s, bool utf8) {
    return utf8 ? static_cast<int>(out::display_width(s)) : static_cast<int>(s.size());
}

}  // namespace

void render_text(const std::vector<Process>& procs, const std::vector<Column>& cols, pscols::Ctx& ctx,
                 const std::vector<std::string>& prefixes, const Options& o, int screen,
                 int screen_lines, const std::vector<char>& row_kinds, std::string& out) {
    std::vector<pscols::RowScope> scopes;
    for (auto& c : cols) scopes.push_back(pscols::row_scope(*c.def));
    Layout lay{cols, out};
    bool any_header = false;
    for (auto& c : cols)
        if (!c.header.empty()) any_header = true;
    auto header = [&] {
        lay.begin();
        for (std::size_t i = 0; i < cols.size(); ++i)
            lay.put(i, cols[i].header, cells(cols[i].header, ctx.utf8));
        out.push_back('\n');
    };
    // One allocation for the usual case (rows about as wide as the columns): growing the
    // buffer by doubling would copy it and touch twice the memory.
    std::size_t row_estimate = 16;
    for (auto& c : cols) row_estimate += static_cast<std::size_t>(std::max(c.width, 0)) + 1;
    out.reserve(out.size() + (procs.size() + 1) * row_estimate);
    bool show_header = !o.no_headers && any_header;
    if (show_header) header();
    // --headers: the header again before every screenful of rows (LINES - 1 rows each)
    int every = (o.headers && screen_lines > 1) ? screen_lines - 1 : 0;
    ctx.header_shown = show_header;  // the _left/_right test columns cycle by these
    ctx.page_rows = every;
    std::string text;
    for (std::size_t r = 0; r < procs.size(); ++r) {
        const Process& p = procs[r];
        if (every && r > 0 && r % static_cast<std::size_t>(every) == 0 && show_header) header();
        ctx.forest_prefix = r < prefixes.size() ? prefixes[r] : std::string();
        lay.begin();
        for (std::size_t i = 0; i < cols.size(); ++i) {
            const Column& c = cols[i];
            bool last = i + 1 == cols.size();
            // compat: procps formats into a 128 KiB buffer, so even "unlimited" lines end there.
            int maxw = 131071;
            if (c.def->cut != pscols::Cut::none) {
                if (!last || c.aix) {
                    maxw = c.width;
                } else {
                    int scr = screen >= 0 ? screen : 131072;
                    int s = lay.start_of(i, 0);
                    if (c.align == pscols::Align::left) {
                        // compat: procps continues an overlong line on the next screen row and
                        // gives the last column that row too when fewer than 3 cells are left.
                        int avail = s < scr ? scr - s : scr - s % scr;
                        if (avail < 3) avail += scr;
                        maxw = std::min(maxw, avail);
                    }
                }
            }
            text.clear();
            char kind = r < row_kinds.size() ? row_kinds[r] : 0;
            if ((kind == 'p' && scopes[i] == pscols::RowScope::thread) ||
                (kind == 't' && scopes[i] == pscols::RowScope::process))
                text.push_back('-');  // (text is empty; assigning a literal trips GCC 12 -Wrestrict)
            else
                c.def->fmt(p, ctx, text, maxw);
            lay.put(i, text, cells(text, ctx.utf8));
        }
        out.push_back('\n');
    }
}

namespace {

bool is_integer(const std::string& t) {
    std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
    if (i >= t.size() || t.size() > 20) return false;
    for (; i < t.size(); ++i)
        if (t[i] < '0' || t[i] > '9') return false;
    return true;
}

// Seconds for the time-like columns: CPU time, elapsed time, start time (since the epoch).
bool json_seconds(std::string_view key, const Process& p, const pscols::Ctx& c, std::uint64_t& out) {
    auto hz = static_cast<std::uint64_t>(c.si.hertz);
    std::uint64_t ticks = p.utime + p.stime;
    // compat: S/--cumulative adds dead children's time to bsdtime only (procps 4.0.2)
    if (key == "bsdtime" && c.cumulative) ticks += static_cast<std::uint64_t>(p.cutime + p.cstime);
    if (key == "time" || key == "cputime" || key == "atime" || key == "bsdtime") {
        out = ticks / hz;
        return true;
    }
    if (key == "etime") {
        double start = static_cast<double>(p.starttime) / static_cast<double>(hz);
        out = c.si.uptime >= start ? static_cast<std::uint64_t>(c.si.uptime - start) : 0;
        return true;
    }
    if (key == "lstart" || key == "start" || key == "stime" || key == "start_time" || key == "bsdstart") {
        out = c.si.boot_time + p.starttime / hz;
        return true;
    }
    return false;
}

}  // namespace

void render_json(const std::vector<Process>& procs, const std::vector<Column>& cols, pscols::Ctx& ctx,
                 const std::vector<std::string>& prefixes, std::string& out) {
    (void)prefixes;  // the tree is not expressed in JSON; rows keep the text order
    out::JsonWriter w(out);
    w.begin_object();
    w.begin_array("processes");
    std::string text;
    for (const Process& p : procs) {
        ctx.forest_prefix.clear();
        w.begin_object();
        for (const auto& c : cols) {
            std::string key = c.def->name;
            text.clear();
            c.def->fmt(p, ctx, text, INT_MAX / 2);
            std::uint64_t secs;
            if (json_seconds(key, p, ctx, secs)) {
                w.number(key, secs);
                w.string(key + "_text", text);
            } else if (text == "-") {
                w.null(key);
            } else if (c.def->json == pscols::JsonType::integer && is_integer(text)) {
                // the number as the column shows it (sizes in KiB), not the internal sort key
                if (text[0] == '-') w.number(key, static_cast<std::int64_t>(std::strtoll(text.c_str(), nullptr, 10)));
                else w.number(key, static_cast<std::uint64_t>(std::strtoull(text.c_str(), nullptr, 10)));
            } else if (c.def->json == pscols::JsonType::number) {
                w.number(key, std::strtod(text.c_str(), nullptr), 1);
            } else {
                w.string(key, text);
            }
        }
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.finish();
}

namespace {

const char* const help_basic =
    "Basic options:\n"
    " -A, -e               all processes\n"
    " -a                   all with tty, except session leaders\n"
    "  a                   all with tty, including other users\n"
    " -d                   all except session leaders\n"
    " -N, --deselect       negate selection\n"
    "  r                   only running processes\n"
    "  T                   all processes on this terminal\n"
    "  x                   processes without controlling ttys\n";

const char* const help_list =
    "Selection by list:\n"
    " -C <command>         command name\n"
    " -G, --Group <GID>    real group id or name\n"
    " -g, --group <group>  session or effective group name\n"
    " -p, p, --pid <PID>   process id\n"
    "        --ppid <PID>  parent process id\n"
    " -q, q, --quick-pid <PID>\n"
    "                      process id (quick mode)\n"
    " -s, --sid <session>  session id\n"
    " -t, t, --tty <tty>   terminal\n"
    " -u, U, --user <UID>  effective user id or name\n"
    " -U, --User <UID>     real user id or name\n"
    "\n"
    "  The selection options take as their argument either:\n"
    "    a comma-separated list e.g. '-u root,nobody' or\n"
    "    a blank-separated list e.g. '-p 123 4567'\n";

const char* const help_output =
    "Output formats:\n"
    " -F                   extra full\n"
    " -f                   full-format, including command lines\n"
    "  f, --forest         ascii art process tree\n"
    " -H                   show process hierarchy\n"
    " -j                   jobs format\n"
    "  j                   BSD job control format\n"
    " -l                   long format\n"
    "  l                   BSD long format\n"
    " -M, Z                add security data (for SELinux)\n"
    " -O <format>          preloaded with default columns\n"
    "  O <format>          as -O, with BSD personality\n"
    " -o, o, --format <format>\n"
    "                      user-defined format\n"
    "  -P                  add psr column\n"
    "  s                   signal format\n"
    "  u                   user-oriented format\n"
    "  v                   virtual memory format\n"
    "  X                   register format\n"
    " -y                   do not show flags, show rss vs. addr (used with -l)\n"
    "     --context        display security context (for SELinux)\n"
    "     --headers        repeat header lines, one per page\n"
    "     --no-headers     do not print header at all\n"
    "     --cols, --columns, --width <num>\n"
    "                      set screen width\n"
    "     --rows, --lines <num>\n"
    "                      set screen height\n";

const char* const help_threads =
    "Show threads:\n"
    "  H                   as if they were processes\n"
    " -L                   possibly with LWP and NLWP columns\n"
    " -m, m                after processes\n"
    " -T                   possibly with SPID column\n";

const char* const help_misc =
    "Miscellaneous options:\n"
    " -c                   show scheduling class with -l option\n"
    "  c                   show true command name\n"
    "  e                   show the environment after command\n"
    "  k,    --sort        specify sort order as: [+|-]key[,[+|-]key[,...]]\n"
    "  L                   show format specifiers\n"
    "  n                   display numeric uid and wchan\n"
    "  S,    --cumulative  include some dead child process data\n"
    " -y                   do not show flags, show rss (only with -l)\n"
    " -V, V, --version     display version information and exit\n"
    " -w, w                unlimited output width\n";

}  // namespace

void print_help(const std::string& section) {
    if (section == "L") {
        for (const auto& c : pscols::all_columns()) std::printf("%-10s %s\n", c.name, c.header);
        return;
    }
    std::string out = "\nUsage:\n ps [options]\n\n";
    const std::string& s = section;
    if (s == "s" || s == "simple") out += help_basic;
    else if (s == "l" || s == "list") out += help_list;
    else if (s == "o" || s == "output") out += help_output;
    else if (s == "t" || s == "threads") out += help_threads;
    else if (s == "m" || s == "misc") {
        out += help_misc;
        out += "\n        --help <simple|list|output|threads|misc|all>\n"
               "                      display help and exit\n";
    }
    else if (s == "a" || s == "all") {
        out += help_basic;
        out += "\n";
        out += help_list;
        out += "\n";
        out += help_output;
        out += "\n";
        out += help_threads;
        out += "\n";
        out += help_misc;
        out += "\n        --help <simple|list|output|threads|misc|all>\n"
               "                      display help and exit\n";
    } else {
        out += " Try 'ps --help <simple|list|output|threads|misc|all>'\n"
               "  or 'ps --help <s|l|o|t|m|a>'\n"
               " for additional help text.\n";
    }
    out += "\nFor more details see ps(1).\n";
    std::fputs(out.c_str(), stdout);
}

}  // namespace procstat::ps
