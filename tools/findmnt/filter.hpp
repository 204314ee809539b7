// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt's -Q/--filter and --check/--check-any: the -o column names as expression identifiers
// and the values a mount entry gives them.
#pragma once
#include <string_view>

#include "procstat/expr/expr.hpp"
#include "procstat/findmnt/columns.hpp"

namespace procstat::findmnt {

// Identifiers: every column name -o accepts, case-insensitive (TARGET, fstype, USE%, MAJ:MIN).
bool known_field(std::string_view name);

// The value of column NAME for entry FS: SIZE, AVAIL and USED in bytes whatever -b says, USE%
// a number (absent where findmnt prints "-" or nothing), ID, PARENT, FREQ, PASSNO and TID
// numbers (absent when not shown), MAJ:MIN as "8:1", every other column its text.
expr::Value field_value(std::string_view name, const FsEntry& fs, const CellContext& ctx);

}  // namespace procstat::findmnt
