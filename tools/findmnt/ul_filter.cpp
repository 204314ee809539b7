// SPDX-License-Identifier: GPL-2.0-or-later
// -Q/--filter, --check, --check-any for the util-linux tools: compilation of the expressions
// and row dropping in tree tables.
#include "ul_filter.hpp"

#include <cstdio>

namespace procstat::ul_filter {

bool compile(const FilterArgs& fa, const std::function<bool(std::string_view)>& known, const char* prog,
             RowTests& tests) {
    std::string msg;
    if (expr::compile_row_tests(fa.filter, fa.check, fa.check_any, known, tests, msg)) return true;
    std::fprintf(stderr, "%s: %s\n", prog, msg.c_str());
    std::fprintf(stderr, "Try '%s --help' for more information.\n", prog);
    return false;
}

void keep_rows(out::Table& t, const std::vector<char>& keep) {
    std::vector<std::ptrdiff_t> new_index(t.rows.size(), -1);
    std::vector<out::Row> rows;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (i >= keep.size() || !keep[i]) continue;
        out::Row r = std::move(t.rows[i]);
        // the nearest kept ancestor (parents come before their children)
        std::ptrdiff_t p = r.parent;
        while (p >= 0 && static_cast<std::size_t>(p) < i && new_index[static_cast<std::size_t>(p)] < 0)
            p = t.rows[static_cast<std::size_t>(p)].parent;
        r.parent = p >= 0 && static_cast<std::size_t>(p) < i ? new_index[static_cast<std::size_t>(p)] : -1;
        new_index[i] = static_cast<std::ptrdiff_t>(rows.size());
        rows.push_back(std::move(r));
    }
    t.rows = std::move(rows);
}

}  // namespace procstat::ul_filter
