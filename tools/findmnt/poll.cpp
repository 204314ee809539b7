// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt --poll: watch a mountinfo file (POLLPRI), diff each new state against the previous
// one and print mount, umount, remount and move actions, as util-linux 2.38.1 does.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "match.hpp"
#include "procstat/core/io.hpp"
#include "procstat/out/smartcols.hpp"
#include "run.hpp"
#include "toolcommon/stdout_check.hpp"

namespace procstat::findmnt {
namespace {

enum class Change { mount, umount, remount, move };

struct Diff {
    Change change;
    std::optional<std::size_t> old_fs;  // index in the old table
    std::optional<std::size_t> new_fs;  // index in the new table
};

std::string_view change_name(Change c) {
    switch (c) {
    case Change::mount: return "mount";
    case Change::umount: return "umount";
    case Change::remount: return "remount";
    case Change::move: return "move";
    }
    return "unknown";
}

// libmount mnt_table_find_pair() without a cache: same source and target.
std::optional<std::size_t> find_pair(const std::vector<FsEntry>& t, const FsEntry& fs) {
    for (std::size_t i = 0; i < t.size(); ++i)
        if (streq_paths(t[i].target, fs.target) && streq_paths(t[i].source, fs.source)) return i;
    return std::nullopt;
}

// compat: libmount mnt_diff_tables(): new entries without a (source, target) pair in the old
// table are mounts, pairs with other options are remounts; old entries without a pair are
// umounts, or moves when a mount with the same source and mount id was found.
std::vector<Diff> diff_tables(const std::vector<FsEntry>& old_t, const std::vector<FsEntry>& new_t) {
    std::vector<Diff> d;
    if (old_t.empty()) {
        for (std::size_t i = 0; i < new_t.size(); ++i) d.push_back({Change::mount, std::nullopt, i});
        return d;
    }
    if (new_t.empty()) {
        for (std::size_t i = 0; i < old_t.size(); ++i) d.push_back({Change::umount, i, std::nullopt});
        return d;
    }
    for (std::size_t i = 0; i < new_t.size(); ++i) {
        auto o = find_pair(old_t, new_t[i]);
        if (!o) {
            d.push_back({Change::mount, std::nullopt, i});
        } else if (old_t[*o].vfs_options != new_t[i].vfs_options ||
                   old_t[*o].fs_options != new_t[i].fs_options) {
            d.push_back({Change::remount, *o, i});
        }
    }
    for (std::size_t i = 0; i < old_t.size(); ++i) {
        if (find_pair(new_t, old_t[i])) continue;
        auto m = std::find_if(d.begin(), d.end(), [&](const Diff& x) {
            return x.change == Change::mount && x.new_fs && new_t[*x.new_fs].source == old_t[i].source &&
                   new_t[*x.new_fs].id == old_t[i].id;
        });
        if (m != d.end()) {
            m->change = Change::move;
            m->old_fs = i;
        } else {
            d.push_back({Change::umount, i, std::nullopt});
        }
    }
    return d;
}

bool wanted(const Options& o, Change c) {
    if (o.poll_actions.empty()) return true;
    return std::find(o.poll_actions.begin(), o.poll_actions.end(), change_name(c)) != o.poll_actions.end();
}

}  // namespace

int run_poll(const Options& o, const Root& root) {
    const bool rooted = o.tabfiles.empty();
    const std::string path = rooted ? default_table_path(TabType::kernel) : o.tabfiles.front();
    io::Fd fd(rooted ? root.openat(path.substr(1), O_RDONLY | O_CLOEXEC)
                     : ::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        std::fprintf(stderr, "findmnt: cannot open %s: %s\n", path.c_str(), std::strerror(errno));
        return 1;
    }
    std::vector<FsEntry> cur;
    int tid = o.tid;
    if (!load_tables(o, cur, tid, root)) return 1;

    Options mo = o;
    Matcher matcher(mo, cur);
    matcher.source = o.match_source;
    matcher.target = o.match_target;
    CellContext ctx = make_context(o, tid);
    bool header_done = false;
    const int timeout = o.timeout.value_or(-1);

    for (;;) {
        struct pollfd pfd {fd.get(), POLLPRI, 0};
        int n = ::poll(&pfd, 1, timeout);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            std::fprintf(stderr, "findmnt: poll() failed: %s\n", std::strerror(errno));
            return 1;
        }
        std::string text;
        char buf[65536];
        off_t off = 0;
        ssize_t r;
        while ((r = ::pread(fd.get(), buf, sizeof buf, off)) > 0) {
            text.append(buf, static_cast<std::size_t>(r));
            off += r;
        }
        FsTable t = parse_tab(text, TabFormat::guess);
        for (auto ln : t.bad_lines)
            std::fprintf(stderr, "findmnt: %s: parse error at line %zu -- ignored\n", path.c_str(), ln);
        std::vector<FsEntry> next = std::move(t.entries);
        auto diffs = diff_tables(cur, next);
        if (o.backward) std::reverse(diffs.begin(), diffs.end());

        out::Table tab;
        tab.name = "filesystems";
        for (Col c : o.columns) {
            auto spec = column_spec(c, false, o.flags & fl_bytes);
            if (o.notruncate) spec.flags &= ~static_cast<unsigned>(out::col_trunc);
            tab.columns.push_back(spec);
        }
        std::size_t count = 0;
        for (const auto& df : diffs) {
            if (!wanted(o, df.change)) continue;
            bool ok = df.new_fs ? matcher.match(next, *df.new_fs) : matcher.match(cur, *df.old_fs);
            if (!ok) continue;
            ++count;
            const FsEntry& shown = df.new_fs ? next[*df.new_fs] : cur[*df.old_fs];
            CellContext c = ctx;
            c.action = change_name(df.change);
            FsEntry old_view;
            if (df.old_fs) {
                old_view = cur[*df.old_fs];
                // OLD-OPTIONS only for remount/umount, OLD-TARGET only for move/umount
                if (df.change != Change::remount && df.change != Change::umount) old_view.options.reset();
                if (df.change != Change::move && df.change != Change::umount) old_view.target.clear();
                c.old = &old_view;
            }
            auto& row = tab.add_row();
            for (std::size_t k = 0; k < o.columns.size(); ++k) row.cells[k].text = cell_text(o.columns[k], shown, c);
            if (o.flags & fl_first_only) break;
        }
        if (count) {
            out::ScolsOptions so;
            so.mode = (o.flags & fl_json)     ? out::ScolsMode::json
                      : (o.flags & fl_export) ? out::ScolsMode::pairs
                      : (o.flags & fl_raw)    ? out::ScolsMode::raw
                                              : out::ScolsMode::aligned;
            so.ascii = true;
            // compat: libsmartcols prints the header once, before the first batch
            so.noheadings = (o.flags & fl_noheadings) || header_done;
            so.shell_names = o.flags & fl_shellvar;
            so.notruncate = o.notruncate;
            if (::isatty(STDOUT_FILENO)) so.term_width = out::scols_terminal_width().value_or(80);
            if (!tool::write_stdout(out::render_scols(tab, so)) || std::fflush(stdout) != 0)
                return tool::close_stdout("findmnt", 1);
            header_done = true;
        }
        cur = std::move(next);
        if (count && (o.flags & fl_first_only)) break;
    }
    return tool::close_stdout("findmnt", 0);
}

}  // namespace procstat::findmnt
