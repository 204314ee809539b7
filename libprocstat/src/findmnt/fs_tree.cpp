// SPDX-License-Identifier: GPL-2.0-or-later
// The mount tree as findmnt shows it: root from parent ids, children by mount id, orphans,
// submount subtrees, duplicate-target removal and over-mount detection.
#include <algorithm>
#include <map>

#include "procstat/findmnt/fs_table.hpp"

namespace procstat::findmnt {
namespace {

// Children of every entry: compat: libmount mnt_table_next_child_fs() returns children in
// ascending mount id; of several entries with one id only the first is ever returned, and an
// entry that is its own parent is not its own child.
std::vector<std::vector<std::size_t>> children_of(const std::vector<FsEntry>& es) {
    std::map<int, std::vector<std::size_t>> by_id;  // id -> entries with that id
    for (std::size_t i = 0; i < es.size(); ++i) by_id[es[i].id].push_back(i);
    std::vector<std::vector<std::size_t>> kids(es.size());
    // entries by parent id, sorted by (id, table order)
    std::map<int, std::vector<std::size_t>> by_parent;
    for (std::size_t i = 0; i < es.size(); ++i)
        if (es[i].kernel) by_parent[es[i].parent].push_back(i);
    for (auto& [pid, list] : by_parent) {
        std::stable_sort(list.begin(), list.end(),
                         [&](std::size_t a, std::size_t b) { return es[a].id < es[b].id; });
        std::vector<std::size_t> uniq;
        for (auto i : list) {
            if (es[i].id == pid) continue;
            if (!uniq.empty() && es[uniq.back()].id == es[i].id) continue;
            uniq.push_back(i);
        }
        auto it = by_id.find(pid);
        if (it == by_id.end()) continue;
        for (auto p : it->second) kids[p] = uniq;
    }
    return kids;
}

class TreeBuilder {
public:
    TreeBuilder(const std::vector<FsEntry>& es, const std::function<bool(std::size_t)>& match,
                bool submounts)
        : match_(match), submounts_(submounts), kids_(children_of(es)),
          visited_(es.size(), false), has_line_(es.size(), false), on_path_(es.size(), 0) {}

    // findmnt create_treenode(FS, PARENT_LINE), iteratively.
    void create(std::size_t start, std::ptrdiff_t parent_line) {
        struct Frame {
            std::size_t entry;
            std::ptrdiff_t parent_line;
            bool exit;
        };
        std::vector<Frame> stack{{start, parent_line, false}};
        while (!stack.empty()) {
            Frame f = stack.back();
            stack.pop_back();
            if (f.exit) {
                --on_path_[f.entry];
                continue;
            }
            if (on_path_[f.entry]) continue;  // a parent cycle: util-linux would loop forever
            if (submounts_ && has_line_[f.entry]) continue;
            visited_[f.entry] = true;
            std::ptrdiff_t line = f.parent_line;
            if (submounts_ || match_(f.entry)) {
                lines.push_back({f.entry, f.parent_line});
                has_line_[f.entry] = true;
                line = static_cast<std::ptrdiff_t>(lines.size() - 1);
            }
            ++on_path_[f.entry];
            stack.push_back({f.entry, -1, true});
            const auto& k = kids_[f.entry];
            for (std::size_t j = k.size(); j-- > 0;) stack.push_back({k[j], line, false});
        }
    }

    bool visited(std::size_t i) const { return visited_[i]; }

    std::vector<TreeLine> lines;

private:
    const std::function<bool(std::size_t)>& match_;
    bool submounts_;
    std::vector<std::vector<std::size_t>> kids_;
    std::vector<bool> visited_;
    std::vector<bool> has_line_;
    std::vector<int> on_path_;
};

}  // namespace

bool streq_paths(std::string_view a, std::string_view b) {
    auto strip = [](std::string_view s) {
        while (s.size() > 1 && s.back() == '/') s.remove_suffix(1);
        return s;
    };
    return strip(a) == strip(b);
}

bool table_is_tree(const std::vector<FsEntry>& entries) {
    return !entries.empty() && entries.back().kernel;
}

std::vector<TreeLine> build_tree(const std::vector<FsEntry>& es,
                                 const std::function<bool(std::size_t)>& match) {
    if (es.empty()) return {};
    // compat: mnt_table_get_root_fs(): the first entry with the lowest parent id, then up
    // through parent links while they exist.
    std::size_t root = 0;
    for (std::size_t i = 1; i < es.size(); ++i)
        if (es[i].parent < es[root].parent) root = i;
    std::map<int, std::size_t> first_with_id;
    for (std::size_t i = es.size(); i-- > 0;) first_with_id[es[i].id] = i;
    std::vector<bool> seen(es.size(), false);
    for (;;) {
        seen[root] = true;
        auto p = first_with_id.find(es[root].parent);
        if (p == first_with_id.end() || p->second == root || seen[p->second]) break;
        root = p->second;
    }
    TreeBuilder b(es, match, false);
    b.create(root, -1);
    for (std::size_t i = 0; i < es.size(); ++i)
        if (!b.visited(i)) b.create(i, -1);
    return std::move(b.lines);
}

std::vector<TreeLine> build_subtrees(const std::vector<FsEntry>& es,
                                     const std::vector<std::size_t>& starts, bool) {
    std::function<bool(std::size_t)> all = [](std::size_t) { return true; };
    TreeBuilder b(es, all, true);
    for (auto s : starts) b.create(s, -1);
    return std::move(b.lines);
}

void uniq_by_target(std::vector<FsEntry>& es,
                    const std::function<bool(const FsEntry&, const FsEntry&)>& same) {
    const bool keeptree = !es.empty() && es.front().kernel;
    std::vector<bool> removed(es.size(), false);
    for (std::size_t k = es.size(); k-- > 0;) {
        // is there a later (not removed) entry with the same target?
        for (std::size_t x = es.size(); x-- > k + 1;) {
            if (removed[x]) continue;
            if (!same(es[x], es[k])) continue;
            if (keeptree)
                for (auto& c : es) {
                    if (!c.kernel || c.parent != es[k].id || &c == &es[k]) continue;
                    // the kept entry itself takes the place of the dropped one
                    c.parent = &c == &es[x] ? es[k].parent : es[x].id;
                }
            removed[k] = true;
            break;
        }
    }
    std::vector<FsEntry> kept;
    for (std::size_t i = 0; i < es.size(); ++i)
        if (!removed[i]) kept.push_back(std::move(es[i]));
    es = std::move(kept);
}

std::optional<std::size_t> over_mount(const std::vector<FsEntry>& es, std::size_t i) {
    if (es.empty() || !es.front().kernel) return std::nullopt;
    for (std::size_t j = 0; j < es.size(); ++j)
        if (es[j].kernel && es[j].parent == es[i].id && streq_paths(es[j].target, es[i].target))
            return j;
    return std::nullopt;
}

}  // namespace procstat::findmnt
