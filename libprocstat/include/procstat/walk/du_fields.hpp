// SPDX-License-Identifier: GPL-2.0-or-later
// du's identifiers for the filter/check language (-Q, --check): the values of one printed line.
#pragma once
#include <string_view>

#include "procstat/expr/expr.hpp"
#include "procstat/walk/du.hpp"

namespace procstat::walk {

// The identifiers du knows (documented in du(1), "FILTER AND CHECK EXPRESSIONS"):
//   size      bytes as du counts them: disk usage, or the apparent size with --apparent-size/-b
//             (bytes even with --inodes, -h, -k, -B: the display unit never matters)
//   disk      disk usage in bytes (allocated blocks * 512), whatever --apparent-size says
//   apparent  apparent size in bytes (the sum of st_size)
//   inodes    the number of inodes counted (what --inodes prints)
//   path      the name as printed
//   depth     0 for an argument, 1 for its entries, ...
//   time      the newest timestamp shown by --time, in seconds since the epoch (absent without --time)
//   dir       true for a directory's line, false for a file's (-a, file arguments)
bool du_known_field(std::string_view name);

// The value of NAME for ROW under the options O (absent for an unknown name).
expr::Value du_field_value(const DuRow& row, const DuOptions& o, std::string_view name);

}  // namespace procstat::walk
