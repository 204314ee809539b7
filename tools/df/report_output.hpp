// SPDX-License-Identifier: GPL-2.0-or-later
// df output: GNU's aligned table (header words, minimum widths, '?' for control characters),
// our --json document and --sort ordering.
#pragma once
#include <string>

#include "options.hpp"
#include "procstat/fsusage/df_select.hpp"

namespace procstat::df {

// Order the rows (not the total) by the --sort keys; ties keep GNU's order.
void sort_rows(std::vector<fsusage::DfRow>& rows, const Options& o);

// The aligned text GNU df prints (header line included).
std::string render_text(const std::vector<fsusage::DfRow>& rows, const Options& o);

// {"filesystems": [...]}: one object per row with the selected fields; sizes in bytes.
std::string render_json(const std::vector<fsusage::DfRow>& rows, const Options& o);

}  // namespace procstat::df
