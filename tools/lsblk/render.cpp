// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk output: the device Table handed to the libsmartcols-compatible renderer with lsblk's
// mode, tree, ASCII, heading and width settings.
#include <unistd.h>

#include "lines.hpp"
#include "procstat/out/smartcols.hpp"

namespace procstat::lsblk_tool {

namespace {

// compat: libsmartcols 2.38.1 writes the items of a JSON string array (MOUNTPOINTS, FSROOTS)
// on one line, separated by ", "; the shared renderer puts one item per line. Items are JSON
// string literals or null, so a line-based join is exact.
std::string join_json_arrays(const std::string& in) {
    std::string out;
    out.reserve(in.size());
    std::size_t pos = 0;
    auto item = [](std::string_view l) {
        auto t = l.substr(std::min(l.find_first_not_of(' '), l.size()));
        return !t.empty() && (t[0] == '"' || t.substr(0, 4) == "null");
    };
    bool in_array = false, first_item = false;
    while (pos < in.size()) {
        auto nl = in.find('\n', pos);
        std::size_t end = nl == std::string::npos ? in.size() : nl;
        std::string_view line(in.data() + pos, end - pos);
        if (in_array && item(line)) {
            if (first_item) {
                out.append(line);
                first_item = false;
            } else {
                out += ' ';
                out.append(line.substr(line.find_first_not_of(' ')));
            }
            if (!line.empty() && line.back() == ',') {
                pos = end + 1;
                continue;  // next item joins this line
            }
            out += '\n';
        } else {
            in_array = line.size() >= 4 && line.substr(line.size() - 4) == "\": [";
            first_item = in_array;
            out.append(line);
            if (nl != std::string::npos) out += '\n';
        }
        pos = nl == std::string::npos ? in.size() : nl + 1;
    }
    return out;
}

}  // namespace

Rendered render_devices(block::Walker& walker, const Options& o, const ul_filter::RowTests& tests) {
    RowVerdicts v;
    out::Table t = build_table(walker, o, &tests, &v);
    Rendered r;
    std::optional<out::Table> bad;  // the rows failing --check
    if (tests.check) {
        std::size_t rows = 0, fails = 0;
        for (std::size_t i = 0; i < v.keep.size(); ++i) {
            rows += v.keep[i] ? 1 : 0;
            fails += v.failing[i] ? 1 : 0;
        }
        if (!expr::check_passes(tests.mode, rows, rows - fails)) {
            bad = t;
            // --check-any fails when no row matches: then every row is a failing one
            ul_filter::keep_rows(*bad, tests.mode == expr::CheckMode::all ? v.failing : v.keep);
        }
    }
    if (tests.filter) ul_filter::keep_rows(t, v.keep);
    out::ScolsOptions so;
    so.mode = o.json    ? out::ScolsMode::json
              : o.pairs ? out::ScolsMode::pairs
              : o.raw   ? out::ScolsMode::raw
                        : out::ScolsMode::aligned;
    for (const auto& c : t.columns)
        if (c.flags & out::col_tree) so.tree = true;
    so.ascii = o.ascii || out::ascii_tree_by_locale();
    so.noheadings = o.noheadings;
    so.shell_names = o.shellvar;
    if (o.width && *o.width > 0)
        so.term_width = *o.width;  // compat: -w forces the width even when not on a terminal;
                                   // -w 0 means "not given"
    else if (::isatty(STDOUT_FILENO))
        so.term_width = out::scols_terminal_width();
    auto render = [&](const out::Table& tab) {
        std::string text = out::render_scols(tab, so);
        return o.json ? join_json_arrays(text) : text;
    };
    r.out = render(t);
    if (bad) r.failing = bad->rows.empty() ? std::string() : render(*bad);
    return r;
}

}  // namespace procstat::lsblk_tool
