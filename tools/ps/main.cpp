// SPDX-License-Identifier: GPL-2.0-or-later
// ps: report a snapshot of the current processes (procps-ng 4.0.2 compatible).
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <langinfo.h>
#include <string>
#include <unordered_map>
#include <vector>

#include "collect.hpp"
#include "filter.hpp"
#include "formats.hpp"
#include "options.hpp"
#include "procstat/core/io.hpp"
#include "procstat/core/root.hpp"
#include "procstat/out/json.hpp"
#include "procstat/proc/reader.hpp"
#include "procstat/pscols/columns.hpp"
#include "render.hpp"
#include "select.hpp"
#include "toolcommon/stdout_check.hpp"

using namespace procstat;
using namespace procstat::ps;

namespace {

const char* const usage_tail =
    "\n"
    "Usage:\n"
    " ps [options]\n"
    "\n"
    " Try 'ps --help <simple|list|output|threads|misc|all>'\n"
    "  or 'ps --help <s|l|o|t|m|a>'\n"
    " for additional help text.\n"
    "\n"
    "For more details see ps(1).\n";

int fail_usage(const std::string& msg) {
    std::fprintf(stderr, "error: %s\n%s", msg.c_str(), usage_tail);
    return 1;
}

// Expand the options into the list of columns to show.
bool build_columns(const Options& o, int pid_width, std::vector<Column>& cols, std::string& err) {
    std::vector<FormatItem> items;
    if (o.user_format && !o.preload) {
        items = o.format;
    } else {
        std::string def = default_format(o);
        auto mark = def.find("{}");
        if (mark != std::string::npos) {
            std::vector<FormatItem> a, b;
            if (!parse_format(def.substr(0, mark), a, err)) return false;
            if (!parse_format(def.substr(mark + 2), b, err)) return false;
            // compat: -o/o/--format after -O append to the preloaded list (procps 4.0.2).
            auto split = o.format.begin() + static_cast<std::ptrdiff_t>(std::min(o.preload_items, o.format.size()));
            items = a;
            items.insert(items.end(), o.format.begin(), split);
            items.insert(items.end(), b.begin(), b.end());
            items.insert(items.end(), split, o.format.end());
        } else if (!parse_format(def, items, err)) {
            return false;
        }
        if (o.bsd_e) {
            // compat: BSD e appends the environment to the command column.
        }
    }
    for (auto& it : items) {
        Column c;
        c.def = pscols::find_column(it.key);
        if (c.def) c.align = c.def->align;
        if (!c.def) {
            err = "unknown user-defined format specifier \"" + it.key + "\"";
            return false;
        }
        if (o.bsd_n) {
            // compat: BSD n shows user ids instead of names (right-aligned, same header and
            // width) and right-aligns the wait channel.
            static const std::pair<const char*, const char*> numeric[] = {
                {"user", "euid"}, {"euser", "euid"}, {"uname", "euid"}, {"uid_hack", "euid"},
                {"ruser", "ruid"}, {"suser", "suid"}, {"fuser", "fuid"}, {"group", "egid"},
                {"egroup", "egid"}, {"rgroup", "rgid"}, {"sgroup", "sgid"}, {"fgroup", "fgid"}};
            for (auto& [from, to] : numeric) {
                if (it.key == from) {
                    const pscols::ColumnDef* named = c.def;
                    c.def = pscols::find_column(to);
                    c.header = it.has_header ? it.header : named->header;
                    c.width = named->width;
                    c.align = pscols::Align::right;
                }
            }
            if (it.key == "wchan") c.align = pscols::Align::right;
        }
        if (c.header.empty() && !it.has_header) c.header = c.def->header;
        if (it.has_header) c.header = it.header;
        if (!c.width) {
            // compat: PID columns follow pid_max, but never narrower than their usual header
            c.width = pscols::pid_sized(*c.def) ? std::max<int>(pid_width, static_cast<int>(std::strlen(c.def->header)))
                                                : c.def->width;
        }
        c.aix = it.aix;
        if (it.width > 0) c.width = it.width;
        if (it.has_header) c.width = std::max<int>(c.width, static_cast<int>(it.header.size()));
        cols.push_back(std::move(c));
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::setlocale(LC_ALL, "");
    Options o;
    std::string err;
    if (!parse_options(argc, argv, o, err)) {
        if (o.plain_error) {
            std::fprintf(stderr, "%s\n", err.c_str());
            return 1;
        }
        return fail_usage(err);
    }
    // PS_FORMAT applies only when the command line chose no format of its own.
    bool personality = o.user_format || o.bsd_personality || o.unix_f || o.unix_F || o.unix_l ||
                       o.unix_j || o.unix_c || o.unix_M;
    if (const char* pf = std::getenv("PS_FORMAT"); pf && *pf && !personality) {
        std::vector<FormatItem> items;
        std::string perr;
        if (parse_format(pf, items, perr)) {
            o.format = std::move(items);
            o.user_format = true;
        } else {
            std::fprintf(stderr, "warning: $PS_FORMAT ignored. (%s)\n", perr.c_str());
        }
    }
    if (o.want_version) {
        std::printf("ps from procps-ng 4.0.2\n");
        return tool::close_stdout(program_invocation_name, 0);
    }
    if (o.want_help && o.help_section == "L") {
        std::string list = format_key_list();
        std::fwrite(list.data(), 1, list.size(), stdout);
        return tool::close_stdout(program_invocation_name, 0);
    }
    if (o.want_help) {
        print_help(o.help_section);
        return tool::close_stdout(program_invocation_name, 0);
    }

    Root root;
    if (!o.sysroot.empty()) {
        auto r = Root::open(o.sysroot);
        if (!r) {
            std::fprintf(stderr, "ps: cannot open sysroot %s: %s\n", o.sysroot.c_str(),
                         std::strerror(r.status().err));
            return 1;
        }
        root = std::move(*r);
    }

    std::vector<Column> cols;
    if (!build_columns(o, pscols::pid_column_width(root), cols, err)) return fail_usage(err);
    RowTests tests;
    if (!compile_tests(o, tests, err)) {
        std::fputs(err.c_str(), stderr);
        return 1;  // compat: ps's usage-error status
    }

    pscols::Ctx ctx;
    ctx.root = &root;
    ctx.si = proc::read_system_info(root);
    ctx.cumulative = o.cumulative;
    ctx.bsd_c = o.bsd_c;
    ctx.show_env = o.bsd_e;
    const char* cs = nl_langinfo(CODESET);
    ctx.utf8 = cs && std::strcmp(cs, "UTF-8") == 0;

    std::uint32_t needs = selection_needs(o);
    for (auto& c : cols) needs |= c.def->needs;
    if (o.bsd_e && (needs & proc::need_cmdline)) needs |= proc::need_environ;
    for (auto& k : o.sort) needs |= pscols::find_column(k.key)->needs;
    needs |= tests_needs(tests);  // only the files the expressions' keys read

    proc::ProcReader reader(root);
    Self me = read_self(root);

    // Selection pushdown: only PID lists (and no negation) -> read just those PIDs.
    std::vector<int> pids;
    bool only_pids = !o.sel.empty() && !o.negate && !o.all && !o.unix_a && !o.unix_d && !o.bsd_a && !o.bsd_x &&
                     !o.bsd_g;
    for (auto& s : o.sel)
        if (s.kind != SelKind::pid && s.kind != SelKind::quick_pid) only_pids = false;
    if (only_pids) {
        for (auto& s : o.sel)
            for (auto v : s.nums) pids.push_back(static_cast<int>(v));
        std::sort(pids.begin(), pids.end());
        pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
    } else {
        reader.list_pids(pids);
    }

    bool threads = o.unix_L || o.unix_T || o.bsd_H || o.unix_m || o.bsd_m;
    bool after = o.unix_m || o.bsd_m;  // threads after their process, per-row "-" columns
    std::vector<char> row_kinds;
    std::vector<proc::Process> procs;
    if (!threads) {
        // one record per process: read in parallel slices when the list is long
        procs = read_selected(root, pids, needs, o, me);
    } else {
        procs.reserve(pids.size());
        proc::Process p;
        std::vector<int> tids;
        for (int pid : pids) {
            if (!reader.read(pid, -1, needs, p)) continue;
            if (!want(o, me, p)) continue;
            // compat: with a sort order procps-ng 4.0.2 shows one row per process in the
            // thread modes m/-m (the process row) and -L/-T (the main thread), not in H.
            if ((!o.sort.empty() && !o.bsd_H) || !reader.list_tasks(pid, tids) || tids.empty()) {
                procs.push_back(p);
                if (after) row_kinds.push_back('p');
                continue;
            }
            std::string cmdline = p.cmdline;
            if (after) {
                procs.push_back(p);
                row_kinds.push_back('p');
            }
            for (int tid : tids) {
                proc::Process t;
                // compat: procps shows the main thread with the process-wide counters.
                if (tid == pid) t = p;
                else if (!reader.read(pid, tid, needs, t)) continue;
                // a thread's own command line is its process' (one address space), except
                // beside a zombie leader, which has none: procps then shows the thread's own
                if (!t.have_cmdline) {
                    t.cmdline = cmdline;
                    t.have_cmdline = p.have_cmdline;
                }
                if (tid != pid && (needs & proc::need_status)) {
                    // compat: thread rows of stat show the process' locked memory
                    t.vm_lck = p.vm_lck;
                }
                procs.push_back(std::move(t));
                if (after) row_kinds.push_back('t');
            }
        }
    }

    if (tests.filter) filter_rows(procs, row_kinds, *tests.filter, ctx);
    sort_processes(procs, o, ctx);
    std::vector<std::string> prefixes;
    if (o.forest || o.unix_H) {
        forest_order(procs, prefixes, o.forest);
        ctx.forest_type = o.forest ? 'b' : 'u';
    }

    if (!prefixes.empty()) row_kinds.clear();
    auto render = [&](const std::vector<proc::Process>& rows, const std::vector<std::string>& pre,
                      const std::vector<char>& kinds, std::string& text) {
        if (o.json) render_json(rows, cols, ctx, pre, text);
        else render_text(rows, cols, ctx, pre, o, screen_columns(o), screen_lines(o), kinds, text);
    };
    std::string out;
    render(procs, prefixes, row_kinds, out);
    // Written with write(2) so that a failure keeps its errno for the message (procps prints
    // "ps: write error: REASON" whatever the size of the output).
    std::fflush(stdout);
    std::size_t done = 0;
    while (done < out.size()) {
        ssize_t n = ::write(STDOUT_FILENO, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            std::fprintf(stderr, "%s: write error: %s\n", program_invocation_name, std::strerror(n < 0 ? errno : EIO));
            return 1;
        }
        done += static_cast<std::size_t>(n);
    }
    int rc = procs.empty() ? 1 : 0;
    std::vector<std::size_t> failing;
    if (tests.check && !run_check(procs, row_kinds, tests, ctx, failing)) {
        // the failing rows, in the layout of stdout (header, tree art, m rows), on stderr
        std::vector<proc::Process> bad;
        std::vector<std::string> bad_pre;
        std::vector<char> bad_kinds;
        for (auto i : failing) {
            bad.push_back(procs[i]);
            if (i < prefixes.size()) bad_pre.push_back(prefixes[i]);
            if (i < row_kinds.size()) bad_kinds.push_back(row_kinds[i]);
        }
        std::string text;
        render(bad, bad_pre, bad_kinds, text);
        std::fwrite(text.data(), 1, text.size(), stderr);
        rc = 3;
    }
    return tool::close_stdout(program_invocation_name, rc);
}
