// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk output lines: walk the dependency graph as util-linux does, de-duplicate (-E), sort
// (-x, MAJ:MIN by default) and fill the Table handed to the renderer.
#include "lines.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>

#include "filter.hpp"
#include "procstat/block/columns.hpp"
#include "procstat/core/parse_util.hpp"

namespace procstat::lsblk_tool {

using block::Col;
using block::ColType;

namespace {

struct Line {
    int dev = -1;
    int pdev = -1;    // the parent device the cells were computed for (-1: none)
    int parent = -1;  // parent line
    std::vector<int> kids;
    std::vector<block::CellData> cells;
    int group = -1;        // -M: member of the group of this line index (a parent's line)
    int group_child = -1;  // -M: child of the group of its parents (its own line index)
};

struct OutCol {
    Col id;
    bool hidden = false;
    bool tree = false;
};

class Builder {
public:
    Builder(block::Walker& w, const Options& o) : o_(o), tree_(w.tree()),
        data_(w, block::DataOptions{o.bytes, o.paths, o.raw || o.pairs || o.json,
                                    !o.sysroot.empty(), o.probe}) {}

    out::Table build();
    // Evaluate TESTS on every emitted row.
    void set_tests(const ul_filter::RowTests* tests, RowVerdicts* verdicts) {
        tests_ = tests;
        verdicts_ = verdicts;
    }

private:
    void setup_columns();
    void add(int dev, int pdev, int parent_line);
    int cmp(const Line& a, const Line& b) const;
    void emit(out::Table& t, int line, std::ptrdiff_t parent_row);

    const Options& o_;
    block::DevTree& tree_;
public:
    block::DeviceData data_;

private:
    std::vector<OutCol> cols_;
    int sort_idx_ = -1;
    bool tree_table_ = false;
    bool force_tree_order_ = false;
    std::vector<Line> lines_;
    std::vector<int> roots_;  // lines without parent, creation order
    std::vector<char> printed_;
    const ul_filter::RowTests* tests_ = nullptr;
    RowVerdicts* verdicts_ = nullptr;
};

void Builder::setup_columns() {
    for (Col c : o_.columns) cols_.push_back({c, false, false});
    Col sort = o_.sort.value_or(Col::maj_min);
    auto find = [&](Col c) {
        for (std::size_t i = 0; i < cols_.size(); i++)
            if (cols_[i].id == c) return static_cast<int>(i);
        return -1;
    };
    if (find(sort) < 0) cols_.push_back({sort, true, false});
    sort_idx_ = find(sort);
    if (o_.dedup && find(*o_.dedup) < 0) cols_.push_back({*o_.dedup, true, false});
    if (o_.tree) {
        bool has = false;
        for (auto& c : cols_) {
            if (!has && o_.tree_col && c.id == *o_.tree_col) {
                c.tree = true;
                has = true;
            }
        }
        // compat: "--tree --json" without a tree column puts the tree on the last column
        if (!has && o_.force_tree && o_.json && !cols_.empty()) {
            cols_.back().tree = true;
            has = true;
        }
        tree_table_ = has;
    }
    force_tree_order_ = !o_.tree && (o_.inverse || o_.pairs || o_.raw);
}

void Builder::add(int dev, int pdev, int parent_line) {
    const block::Device& d = tree_.devices[dev];
    if (pdev < 0 && d.wholedisk >= 0) pdev = d.wholedisk;
    if (!o_.tree && !force_tree_order_ && printed_[dev]) return;
    // -M: a device with several parents is printed once, after its last parent, as a line of
    // its own, linked to the group of its parents' lines (build() fills the members)
    bool group_child = false;
    if (o_.merge && d.parents.size() > 1) {
        if (pdev != d.parents.back()) return;
        parent_line = -1;
        group_child = true;
    }
    Line ln;
    ln.dev = dev;
    ln.pdev = pdev;
    ln.parent = parent_line;
    const block::Device* parent = pdev >= 0 ? &tree_.devices[pdev] : nullptr;
    for (const auto& c : cols_) ln.cells.push_back(data_.get(d, parent, c.id));
    lines_.push_back(std::move(ln));
    int idx = static_cast<int>(lines_.size()) - 1;
    if (group_child) lines_[idx].group_child = idx;
    printed_[dev] = 1;
    if (parent_line >= 0) lines_[parent_line].kids.push_back(idx);
    else roots_.push_back(idx);
    // a holder cycle (broken sysfs) would recurse forever: stop at a device already on the path
    for (int l = parent_line; l >= 0; l = lines_[l].parent)
        if (lines_[l].dev == dev) return;
    for (int ch : std::vector<int>(d.children)) add(ch, dev, idx);
}

int Builder::cmp(const Line& a, const Line& b) const {
    const auto& ca = a.cells[sort_idx_];
    const auto& cb = b.cells[sort_idx_];
    ColType t = block::column_info(cols_[sort_idx_].id).type;
    if (t == ColType::num || t == ColType::size || t == ColType::sortnum) {
        if (!ca.raw && !cb.raw) return 0;
        if (!ca.raw) return -1;
        if (!cb.raw) return 1;
        return *ca.raw == *cb.raw ? 0 : *ca.raw > *cb.raw ? 1 : -1;
    }
    // compat: strcmp() of the cell data, cells without data first
    if (!ca.text && !cb.text) return 0;
    if (!ca.text) return -1;
    if (!cb.text) return 1;
    return std::strcmp(ca.text->c_str(), cb.text->c_str());
}

out::Value typed_value(const block::CellData& c, out::JsonKind kind) {
    if (c.multi) {
        if (c.lines.empty()) return std::monostate{};
        return c.lines;
    }
    if (!c.text) return std::monostate{};
    switch (kind) {
    case out::JsonKind::number:
        if (auto v = parse::to_u64(*c.text)) return *v;
        return *c.text;
    case out::JsonKind::boolean: {
        const std::string& s = *c.text;
        return !(s.empty() || s[0] == '0' || s[0] == 'N' || s[0] == 'n');
    }
    default: return *c.text;
    }
}

void Builder::emit(out::Table& t, int line, std::ptrdiff_t parent_row) {
    const Line& ln = lines_[line];
    out::Row& row = t.add_row(parent_row);
    std::ptrdiff_t me = static_cast<std::ptrdiff_t>(t.rows.size()) - 1;
    for (std::size_t i = 0; i < cols_.size(); i++) {
        const auto& c = ln.cells[i];
        auto& cell = t.rows[static_cast<std::size_t>(me)].cells[i];
        cell.text = c.text.value_or("");
        cell.value = typed_value(c, t.columns[i].json);
    }
    t.rows[static_cast<std::size_t>(me)].group = ln.group;
    t.rows[static_cast<std::size_t>(me)].group_child = ln.group_child;
    (void)row;
    if (tests_ && verdicts_) {
        const block::Device& d = tree_.devices[ln.dev];
        const block::Device* parent = ln.pdev >= 0 ? &tree_.devices[ln.pdev] : nullptr;
        auto lookup = [&](std::string_view name) { return field_value(data_, d, parent, name); };
        bool kept = !tests_->filter || tests_->filter->eval(lookup);
        verdicts_->keep.push_back(kept);
        verdicts_->failing.push_back(kept && tests_->check && !tests_->check->eval(lookup));
    }
    if (tree_table_)
        for (int k : ln.kids) emit(t, k, me);
}

out::Table Builder::build() {
    setup_columns();
    printed_.assign(tree_.devices.size(), 0);
    if (o_.dedup) block::deduplicate(tree_, data_, *o_.dedup);
    for (int r : tree_.roots) add(r, -1, -1);
    // -M: the lines of a merged device's parents form its group (a line joins one group only)
    if (o_.merge) {
        std::vector<std::vector<int>> lines_of(tree_.devices.size());
        for (std::size_t l = 0; l < lines_.size(); l++) lines_of[lines_[l].dev].push_back(static_cast<int>(l));
        for (const auto& ln : lines_) {
            if (ln.group_child < 0) continue;
            for (int p : tree_.devices[ln.dev].parents)
                for (int m : lines_of[p])
                    if (lines_[m].group < 0) lines_[m].group = ln.group_child;
        }
    }

    // compat: libsmartcols sorts all lines, then the children of every line
    auto less = [&](int a, int b) { return cmp(lines_[a], lines_[b]) < 0; };
    std::vector<int> order(lines_.size());
    for (std::size_t i = 0; i < order.size(); i++) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), less);
    for (auto& l : lines_) std::stable_sort(l.kids.begin(), l.kids.end(), less);

    out::Table t;
    t.name = "blockdevices";
    for (const auto& c : cols_) {
        const block::ColInfo& ci = block::column_info(c.id);
        out::ColumnSpec s;
        s.header = std::string(ci.name);
        s.json_name = o_.shellvar ? block::shellvar_name(ci.name) : std::string(ci.name);
        for (auto& ch : s.json_name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        bool right = (ci.flags & block::fl_right) && !c.tree;
        s.align = right ? out::Align::right : out::Align::left;
        if (right) s.flags |= out::col_right;
        if (ci.flags & block::fl_trunc) s.flags |= out::col_trunc;
        if (ci.flags & block::fl_noextremes) s.flags |= out::col_noextremes;
        if (ci.flags & block::fl_wrap) s.flags |= out::col_wrap;
        if (c.tree) s.flags |= out::col_tree;
        if (c.hidden) s.flags |= out::col_hidden;
        s.width_hint = ci.whint;
        switch (ci.type) {
        case ColType::num: s.json = out::JsonKind::number; break;
        case ColType::size: s.json = o_.bytes ? out::JsonKind::number : out::JsonKind::string; break;
        case ColType::boolean: s.json = out::JsonKind::boolean; break;
        default: s.json = (ci.flags & block::fl_wrap) ? out::JsonKind::array : out::JsonKind::string;
        }
        t.columns.push_back(std::move(s));
    }

    if (tree_table_) {
        for (int l : order)
            if (lines_[l].parent < 0) emit(t, l, -1);
    } else if (force_tree_order_) {
        // compat: sorted lines regrouped so each top-level line is followed by its subtree
        // (children sorted too)
        std::function<void(int)> rec = [&](int l) {
            emit(t, l, -1);
            for (int k : lines_[l].kids) rec(k);
        };
        for (int l : order)
            if (lines_[l].parent < 0) rec(l);
    } else {
        for (int l : order) emit(t, l, -1);
    }
    return t;
}

}  // namespace

out::Table build_table(block::Walker& walker, const Options& o, const ul_filter::RowTests* tests,
                       RowVerdicts* verdicts) {
    Builder b(walker, o);
    b.set_tests(tests, verdicts);
    out::Table t = b.build();
    for (const auto& w : b.data_.warnings()) std::fprintf(stderr, "lsblk: %s\n", w.c_str());
    return t;
}

}  // namespace procstat::lsblk_tool
