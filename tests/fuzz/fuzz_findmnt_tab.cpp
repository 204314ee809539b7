// fuzz-deps: findmnt
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: findmnt's libmount-style table parser (mountinfo, fstab, guessed), option-string helpers and the mount tree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "procstat/findmnt/fs_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat::findmnt;
    for (auto fmt : {TabFormat::guess, TabFormat::mountinfo, TabFormat::fstab}) {
        FsTable t = parse_tab(text, fmt);
        auto& es = t.entries;
        for (std::size_t i = 0; i < es.size(); ++i) {
            const auto& e = es[i];
            if (e.line == 0) __builtin_trap();
            (void)propagation(e.opt_fields);
            (void)is_tag(e.source);
            (void)is_pseudofs(e.fstype);
            (void)is_netfs(e.fstype);
            (void)match_fstype(e.fstype, e.source);
            (void)match_options(e.options, e.target);
            if (e.options) (void)get_option(*e.options, e.fstype);
            (void)over_mount(es, i);
        }
        // every tree line points into the table, and parents come before children
        auto tree = build_tree(es, [](std::size_t i) { return i % 3 != 1; });
        for (std::size_t k = 0; k < tree.size(); ++k) {
            if (tree[k].entry >= es.size()) __builtin_trap();
            if (tree[k].parent_line >= static_cast<std::ptrdiff_t>(k)) __builtin_trap();
        }
        std::vector<std::size_t> starts;
        for (std::size_t i = 0; i < es.size(); i += 2) starts.push_back(i);
        for (bool as_tree : {false, true}) {
            auto sub = build_subtrees(es, starts, as_tree);
            for (const auto& l : sub)
                if (l.entry >= es.size()) __builtin_trap();
        }
        (void)table_is_tree(es);
        auto copy = es;
        uniq_by_target(copy, [](const FsEntry& a, const FsEntry& b) { return a.target == b.target; });
        if (copy.size() > es.size()) __builtin_trap();
    }
    (void)unmangle(text);
    auto nl = text.find('\n');
    std::string_view a = text.substr(0, nl == std::string_view::npos ? text.size() : nl);
    std::string_view b = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    (void)merge_options(a, b);
    std::string vfs, fs, user;
    split_fstab_options(text, vfs, fs, &user);
    (void)match_fstype(a, b);
    (void)match_options(std::string(a), b);
    (void)get_option(a, b);
    return 0;
}
