// SPDX-License-Identifier: GPL-2.0-or-later
// ps output: sorting, forest ordering, the fixed-width text renderer, JSON, and --help text.
#pragma once
#include <string>
#include <vector>

#include "options.hpp"
#include "procstat/proc/process.hpp"
#include "procstat/pscols/columns.hpp"

namespace procstat::ps {

struct Column {
    const pscols::ColumnDef* def = nullptr;
    std::string header;
    int width = 0;
    pscols::Align align = pscols::Align::left;
    bool aix = false;  // AIX descriptor: cut and padded to its width even when last
};

void sort_processes(std::vector<proc::Process>& procs, const Options& o, pscols::Ctx& ctx);

// Reorder PROCS as a forest (roots in reverse list order, children in list order, as procps)
// and fill PREFIXES with each row's tree prefix ('L'/'+' for the node, '|'/' ' per ancestor).
void forest_order(std::vector<proc::Process>& procs, std::vector<std::string>& prefixes, bool init_flat);

// Fixed-width text as procps prints it. SCREEN < 0: unlimited line width.
// ROW_KINDS (optional, ps m / -m): 'p' for a process row, 't' for a thread row.
// SCREEN_LINES: rows per screen for --headers (<= 1: header once).
void render_text(const std::vector<proc::Process>& procs, const std::vector<Column>& cols,
                 pscols::Ctx& ctx, const std::vector<std::string>& prefixes, const Options& o,
                 int screen, int screen_lines, const std::vector<char>& row_kinds, std::string& out);

// {"processes": [ {column: value, ...}, ... ]}
void render_json(const std::vector<proc::Process>& procs, const std::vector<Column>& cols,
                 pscols::Ctx& ctx, const std::vector<std::string>& prefixes, std::string& out);

void print_help(const std::string& section);

}  // namespace procstat::ps
