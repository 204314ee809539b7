// SPDX-License-Identifier: GPL-2.0-or-later
// The three things findmnt's main() can end in: print a table, verify fstab, poll mountinfo.
#pragma once
#include <vector>

#include "options.hpp"
#include "ul_filter.hpp"
#include "procstat/core/root.hpp"
#include "procstat/findmnt/fs_table.hpp"

namespace procstat::findmnt {

// Lines reported as "parse error at line N" so far (--verify counts them).
extern std::size_t parse_error_count;

// The table read when no -F is given ("/proc/self/mountinfo" or "/etc/fstab"), below the Root.
std::string default_table_path(TabType t);

bool load_tables(const Options& o, std::vector<FsEntry>& entries, int& tid, const Root& root);

// The cell context the options ask for (sizes, tags, device numbers).
CellContext make_context(const Options& o, int tid);

// Fill an out::Table from LINES, keep the rows TESTS.filter matches and print it; with
// TESTS.check, the rows that fail it go to stderr in the same layout. Returns the exit status
// (1 when the filter leaves no row, 3 when the check fails).
int print_table(const Options& o, const std::vector<FsEntry>& es, const std::vector<TreeLine>& lines, int tid,
                const ul_filter::RowTests& tests);

// --verify (fstab check); returns the exit status.
int run_verify(const Options& o, const std::vector<FsEntry>& es, const Root& root);

// --poll; returns the exit status.
int run_poll(const Options& o, const Root& root);

}  // namespace procstat::findmnt
