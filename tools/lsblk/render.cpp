// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk output: the device Table handed to the libsmartcols-compatible renderer with lsblk's
// mode, tree, ASCII, heading and width settings.
#include <unistd.h>

#include "lines.hpp"
#include "procstat/out/smartcols.hpp"

namespace procstat::lsblk_tool {

std::string render_devices(block::Walker& walker, const Options& o, bool /*have_root*/) {
    out::Table t = build_table(walker, o);
    if (t.rows.empty()) {
        // compat: libsmartcols prints nothing for an empty table, only the JSON frame
        if (!o.json) return {};
        return "{\n   \"" + t.name + "\": [\n\n   ]\n}\n";
    }
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
    if (o.width)
        so.term_width = *o.width;  // compat: -w forces the width even when not on a terminal
    else if (::isatty(STDOUT_FILENO))
        so.term_width = out::scols_terminal_width();
    return out::render_scols(t, so);
}

}  // namespace procstat::lsblk_tool
