// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk's -Q/--filter and --check/--check-any: the -o column names as expression identifiers
// and the values a device line gives them.
#pragma once
#include <string_view>

#include "procstat/block/columns.hpp"
#include "procstat/expr/expr.hpp"

namespace procstat::lsblk_tool {

// Identifiers: every column name -o accepts, case-insensitive (NAME, size, FSUSE%, MAJ:MIN).
bool known_field(std::string_view name);

// The value of column NAME for device DEV printed under PARENT: sizes (SIZE, FSSIZE, FSAVAIL,
// FSUSED, DISC-GRAN, ...) in bytes whatever -b says, FSUSE% a number (absent where lsblk prints
// "-" or nothing), numeric and 0/1 columns numbers, MAJ:MIN as "8:1", MOUNTPOINTS and FSROOTS
// their lines joined by newlines, other columns their text; absent where lsblk has no data.
expr::Value field_value(block::DeviceData& data, const block::Device& dev, const block::Device* parent,
                        std::string_view name);

}  // namespace procstat::lsblk_tool
