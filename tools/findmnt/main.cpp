// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt: list and search mount tables as util-linux 2.38.1 findmnt does (tree, list, raw,
// pairs, JSON, df style), with --sort and --sysroot as additions.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "filter.hpp"
#include "match.hpp"
#include "options.hpp"
#include "procstat/core/io.hpp"
#include "procstat/core/root.hpp"
#include "procstat/findmnt/columns.hpp"
#include "procstat/findmnt/fs_table.hpp"
#include "run.hpp"
#include "toolcommon/locale.hpp"
#include "toolcommon/stdout_check.hpp"

using namespace procstat;
using namespace procstat::findmnt;

namespace {

// compat: libmount mnt_table_find_mountpoint(): PATH must exist; its ancestors are tried
// from the longest, the first that is a target in the table wins, "/" at last.
std::optional<std::string> table_mountpoint(const std::vector<FsEntry>& es, const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    std::string cur = path;
    for (;;) {
        for (const auto& e : es)
            if (streq_paths(e.target, cur)) return cur;
        auto slash = cur.rfind('/');
        if (slash == std::string::npos || slash == 0) break;
        cur.resize(slash);
    }
    return std::string("/");
}

// compat: util-linux string_to_idarray(): "A,B"; an empty item fails silently, an unknown
// name is reported with the rest of the list ("unknown column: FOO,TARGET").
bool parse_column_list(std::string_view list, std::vector<Col>& cols) {
    if (!list.empty() && list.front() == '+')
        list.remove_prefix(1);
    else
        cols.clear();
    if (list.empty()) return false;
    std::size_t begin = 0;
    for (;;) {
        auto comma = list.find(',', begin);
        std::size_t end = comma == std::string_view::npos ? list.size() : comma;
        if (comma != std::string_view::npos && comma + 1 == list.size()) end = list.size();
        if (end <= begin) return false;
        auto c = column_by_name(list.substr(begin, end - begin));
        if (!c) {
            std::string rest(list.substr(begin));
            std::fprintf(stderr, "findmnt: unknown column: %s\n", rest.c_str());
            return false;
        }
        cols.push_back(*c);
        if (end >= list.size()) break;
        begin = end + 1;
    }
    return true;
}

// compat: findmnt's parser error callback message.
void report_bad_lines(const std::string& file, const FsTable& t) {
    parse_error_count += t.bad_lines.size();
    for (auto n : t.bad_lines) std::fprintf(stderr, "findmnt: %s: parse error at line %zu -- ignored\n", file.c_str(), n);
}

int tid_of_path(const std::string& p) {
    if (p.rfind("/proc/", 0) != 0) return 0;
    std::string rest = p.substr(6);
    auto slash = rest.find('/');
    if (slash == std::string::npos || rest.substr(slash) != "/mountinfo") return 0;
    std::string who = rest.substr(0, slash);
    if (who == "self") return static_cast<int>(::getpid());
    char* end = nullptr;
    long v = std::strtol(who.c_str(), &end, 10);
    return (end && !*end && v > 0) ? static_cast<int>(v) : 0;
}

}  // namespace

namespace procstat::findmnt {

std::size_t parse_error_count = 0;

std::string default_table_path(TabType t) {
    if (t == TabType::fstab) return fmt::format("/{}/fstab", Root::etc);
    return fmt::format("/{}/self/mountinfo", Root::proc);
}

// Read the tables named by the options into ENTRIES (one shared format guess, as libmount's
// one table object does). Returns false after "can't read" was printed.
bool load_tables(const Options& o, std::vector<FsEntry>& entries, int& tid, const Root& root) {
    std::vector<std::string> files = o.tabfiles;
    bool rooted = files.empty();
    if (files.empty()) files.push_back(default_table_path(o.tabtype));
    // compat: libmount parses fstab files (-s, --verify) as fstab, others by guessing
    TabFormat fmt = o.tabtype == TabType::fstab ? TabFormat::fstab : TabFormat::guess;
    for (const auto& f : files) {
        std::string text;
        Status st = rooted ? io::read_file(root, f.substr(1), text) : io::read_file(AT_FDCWD, f.c_str(), text);
        if (!st) {
            if (rooted && o.tabtype == TabType::fstab && st.err == ENOENT) continue;
            std::fprintf(stderr, "findmnt: can't read %s: %s\n", f.c_str(), std::strerror(st.err ? st.err : EIO));
            return false;
        }
        FsTable t = parse_tab(text, fmt);
        fmt = t.format;
        report_bad_lines(f, t);
        for (auto& e : t.entries) entries.push_back(std::move(e));
        if (!tid) tid = tid_of_path(f);
    }
    return true;
}

}  // namespace procstat::findmnt

int main(int argc, char** argv) {
    tool::init_locale();  // the categories it reads, as setlocale(LC_ALL, "") sets them
    Options o;
    if (auto rc = parse_options(argc, argv, o)) return *rc;
    // beyond util-linux: machine output (JSON, raw, pairs) uses C numerics ("1.5G") whatever
    // LC_ALL/LC_NUMERIC say
    if (o.flags & (fl_json | fl_raw | fl_export)) std::setlocale(LC_NUMERIC, "C");
    ul_filter::RowTests tests;
    if (!ul_filter::compile(o.tests, known_field, "findmnt", tests)) return 1;
    if ((tests.filter || tests.check) && ((o.flags & fl_poll) || o.verify)) {
        std::fprintf(stderr, "findmnt: --filter and --check do not apply to --%s\n",
                     o.verify ? "verify" : "poll");
        return 1;
    }

    auto root = o.sysroot.empty() ? Result<Root>(Root()) : Root::open(o.sysroot);
    if (!root) {
        std::fprintf(stderr, "findmnt: cannot open %s: %s\n", o.sysroot.c_str(), std::strerror(root.status().err));
        return 1;
    }
    if (o.tabtype == TabType::none) o.tabtype = o.verify ? TabType::fstab : TabType::kernel;

    // columns
    if (!o.output_all && (o.flags & fl_df))
        o.columns = {Col::source, Col::fstype, Col::size, Col::used, Col::avail, Col::useperc, Col::target};
    if (o.columns.empty()) {
        if (o.flags & fl_poll) o.columns.push_back(Col::action);
        for (Col c : {Col::target, Col::source, Col::fstype, Col::options}) o.columns.push_back(c);
    }
    if (o.outarg && !parse_column_list(*o.outarg, o.columns)) return 1;

    std::size_t pos = 0;
    const std::size_t npos = o.positionals.size();
    if (pos < npos && (o.match_source || o.match_target || o.majmin)) {
        std::fputs("findmnt: options --target and --source can't be used together with command line "
                   "element that is not an option\n", stderr);
        return 1;
    }
    if (pos < npos) set_source_match(o, o.positionals[pos++]);
    if (pos < npos) o.match_target = o.positionals[pos++];

    const bool listall = !o.match_source && !o.match_target && !o.match_fstype && !o.match_options && !o.majmin;
    if ((o.flags & fl_submounts) && listall) o.flags &= ~fl_submounts;
    if (!(o.flags & fl_submounts) &&
        ((o.flags & fl_first_only) || o.match_target || o.match_source || o.majmin))
        o.flags &= ~fl_tree;
    if (!(o.flags & fl_noswapmatch) && !o.match_target && o.match_source && is_tag(*o.match_source))
        o.flags |= fl_noswapmatch;

    std::vector<FsEntry> es;
    int tid = o.tid;
    if (!load_tables(o, es, tid, *root)) return 1;
    if (o.tabtype == TabType::mtab && !es.empty() && es.front().kernel) o.tabtype = TabType::kernel;
    const bool istree = table_is_tree(es);
    if (istree && o.force_tree) o.flags |= fl_tree;
    if ((o.flags & fl_tree) && (o.tabfiles.size() > 1 || !istree)) o.flags &= ~fl_tree;
    if (o.flags & fl_uniq) {
        // compat: uniq_fs_target_cmp() is mnt_fs_match_target() (canonical paths unless -C)
        Matcher tm(o, es);
        uniq_by_target(es, [&](const FsEntry& a, const FsEntry& b) { return tm.target_matches(a, b.target); });
    }
    if (o.verify) return run_verify(o, es, *root);

    for (Col c : o.columns) {
        if (!(o.flags & fl_poll) && (c == Col::action || c == Col::old_options || c == Col::old_target)) {
            std::fprintf(stderr, "findmnt: %s column is requested, but --poll is not enabled\n",
                         std::string(column_info(c).name).c_str());
            return 1;
        }
    }

    if (o.flags & fl_poll) return run_poll(o, *root);

    Matcher m(o, es);
    m.source = o.match_source;
    m.target = o.match_target;
    std::vector<TreeLine> lines;
    if ((o.flags & fl_tree) && !(o.flags & fl_submounts)) {
        lines = build_tree(es, [&](std::size_t i) { return m(i); });
    } else {
        auto found = matching_entries(m, o, es);
        if (found.empty() && o.tabtype == TabType::kernel && (o.flags & fl_noswapmatch) &&
            !(o.flags & fl_strict_target) && m.target) {
            // compat: --target may name a file inside a mount: retry with the nearest
            // ancestor directory that is a mount point in the table
            std::optional<std::string> cn = (o.flags & fl_nocache) ? m.target : real_path(*m.target);
            if (cn) {
                auto mnt = table_mountpoint(es, *cn);
                if (mnt && *mnt != *cn) {
                    m.target = *mnt;
                    found = matching_entries(m, o, es);
                }
            }
        }
        if (found.empty()) return 1;
        if ((o.flags & fl_tree) || (o.flags & fl_submounts))
            lines = build_subtrees(es, found, o.flags & fl_tree);
        else
            for (auto i : found) lines.push_back({i, -1});
    }
    return print_table(o, es, lines, tid, tests);
}
