// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt output: entries -> out::Table -> libsmartcols-compatible text, plus --sort.
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "procstat/out/smartcols.hpp"
#include "procstat/core/parse_util.hpp"
#include "filter.hpp"
#include "match.hpp"
#include "run.hpp"
#include "toolcommon/stdout_check.hpp"

namespace procstat::findmnt {
namespace {

std::optional<FsUsage> statvfs_usage(const std::string& target) {
    struct statvfs b {};
    if (target.empty() || ::statvfs(target.c_str(), &b) != 0) return std::nullopt;
    return FsUsage{b.f_frsize, b.f_blocks, b.f_bfree, b.f_bavail};
}

// --sort keys: "COL" or "-COL" (descending), comma separated. Numbers compare as numbers.
struct SortKey {
    std::size_t column;
    bool descending;
};

bool numeric_less(const std::string& a, const std::string& b, bool& decided) {
    auto x = parse::to_i64(parse::trim(a)), y = parse::to_i64(parse::trim(b));
    if (x && y) {
        decided = *x != *y;
        return *x < *y;
    }
    decided = a != b;
    return a < b;
}

}  // namespace

CellContext make_context(const Options& o, int tid) {
    CellContext ctx;
    ctx.bytes = o.flags & fl_bytes;
    ctx.plain_majmin = o.flags & (fl_raw | fl_export | fl_json);
    ctx.nofsroot = o.flags & fl_nofsroot;
    ctx.evaluate = o.flags & fl_evaluate;
    ctx.canonicalize = o.flags & fl_canonicalize;
    ctx.canonical_path = real_path;
    ctx.vfs_all = o.vfs_all;
    ctx.tid = tid;
    ctx.usage = statvfs_usage;
    ctx.device_tag = device_tag;
    ctx.resolve_tag = resolve_tag;
    ctx.devices_with_tag = devices_with_tag;
    return ctx;
}

int print_table(const Options& o, const std::vector<FsEntry>& es, const std::vector<TreeLine>& lines, int tid,
                const ul_filter::RowTests& tests) {
    bool tree = o.flags & fl_tree;
    std::vector<Col> cols = o.columns;
    std::vector<bool> hidden(cols.size(), false);
    std::vector<SortKey> keys;
    if (o.sort) {
        std::string_view list = *o.sort;
        std::size_t pos = 0;
        while (pos <= list.size()) {
            auto comma = list.find(',', pos);
            std::string_view name = list.substr(pos, comma == std::string_view::npos ? list.npos : comma - pos);
            bool desc = false;
            if (!name.empty() && (name.front() == '-' || name.front() == '+')) {
                desc = name.front() == '-';
                name.remove_prefix(1);
            }
            auto c = column_by_name(name);
            if (!c) {
                std::fprintf(stderr, "findmnt: unknown column: %.*s\n", static_cast<int>(name.size()), name.data());
                return 1;
            }
            auto it = std::find(cols.begin(), cols.end(), *c);
            if (it == cols.end()) {  // a key that is not shown becomes a hidden column
                cols.push_back(*c);
                hidden.push_back(true);
                it = cols.end() - 1;
            }
            keys.push_back({static_cast<std::size_t>(it - cols.begin()), desc});
            if (comma == std::string_view::npos) break;
            pos = comma + 1;
        }
        tree = false;  // sorted output is a list
    }

    // compat: findmnt's table is a tree only when the TARGET column (the tree column) is shown
    if (std::find(cols.begin(), cols.end(), Col::target) == cols.end()) tree = false;

    out::Table t;
    t.name = "filesystems";
    for (std::size_t k = 0; k < cols.size(); ++k) {
        auto spec = column_spec(cols[k], tree, o.flags & fl_bytes);
        if (o.notruncate) spec.flags &= ~static_cast<unsigned>(out::col_trunc);
        if (hidden[k]) spec.flags |= out::col_hidden;
        t.columns.push_back(spec);
    }
    CellContext ctx = make_context(o, tid);
    std::vector<char> keep, failing;
    for (const auto& ln : lines) {
        auto& row = t.add_row(tree ? ln.parent_line : -1);
        for (std::size_t k = 0; k < cols.size(); ++k) row.cells[k].text = cell_text(cols[k], es[ln.entry], ctx);
        auto lookup = [&](std::string_view name) { return field_value(name, es[ln.entry], ctx); };
        bool kept = !tests.filter || tests.filter->eval(lookup);
        keep.push_back(kept);
        failing.push_back(kept && tests.check && !tests.check->eval(lookup));
    }
    int rc = 0;
    std::optional<out::Table> bad;  // the rows failing --check, laid out as stdout
    if (tests.check) {
        std::size_t rows = 0, fails = 0;
        for (std::size_t i = 0; i < keep.size(); ++i) {
            rows += keep[i] ? 1 : 0;
            fails += failing[i] ? 1 : 0;
        }
        if (!expr::check_passes(tests.mode, rows, rows - fails)) {
            rc = 3;
            bad = t;
            // --check-any fails when no row matches: every row is a failing one
            ul_filter::keep_rows(*bad, tests.mode == expr::CheckMode::all ? failing : keep);
        }
    }
    if (tests.filter) {
        ul_filter::keep_rows(t, keep);
        // compat: no row left is what findmnt does when nothing matches: exit status 1 and no
        // output for a search or list, an empty table and 0 for the whole tree
        const bool whole_tree = (o.flags & fl_tree) && !(o.flags & fl_submounts);
        if (t.rows.empty() && rc == 0 && !whole_tree) return 1;
    }
    auto sort_rows = [&](out::Table& tab) {
        if (keys.empty()) return;
        std::stable_sort(tab.rows.begin(), tab.rows.end(), [&](const out::Row& a, const out::Row& b) {
            for (const auto& k : keys) {
                bool decided = false;
                bool less = k.descending ? numeric_less(b.cells[k.column].text, a.cells[k.column].text, decided)
                                         : numeric_less(a.cells[k.column].text, b.cells[k.column].text, decided);
                if (decided) return less;
            }
            return false;
        });
    };
    sort_rows(t);
    if (bad) sort_rows(*bad);

    out::ScolsOptions so;
    so.mode = (o.flags & fl_json)     ? out::ScolsMode::json
              : (o.flags & fl_export) ? out::ScolsMode::pairs
              : (o.flags & fl_raw)    ? out::ScolsMode::raw
                                      : out::ScolsMode::aligned;
    so.tree = tree;
    so.ascii = (o.flags & fl_ascii) || out::ascii_tree_by_locale();
    so.noheadings = o.flags & fl_noheadings;
    so.shell_names = o.flags & fl_shellvar;
    so.notruncate = o.notruncate;
    if (::isatty(STDOUT_FILENO)) so.term_width = out::scols_terminal_width().value_or(80);
    tool::write_stdout(out::render_scols(t, so));
    if (bad && !bad->rows.empty()) {
        std::fflush(stdout);
        std::string text = out::render_scols(*bad, so);
        std::fwrite(text.data(), 1, text.size(), stderr);
    }
    return tool::close_stdout("findmnt", rc);
}

}  // namespace procstat::findmnt
