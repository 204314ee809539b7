// SPDX-License-Identifier: GPL-2.0-or-later
// free's view of the filter/check language: one record per sample, named fields in bytes.
#pragma once
#include <string_view>

#include "procstat/expr/expr.hpp"
#include "procstat/mem/meminfo.hpp"

namespace procstat::freetool {

// The identifiers free knows (documented in free.1, "FILTER AND CHECK EXPRESSIONS"):
//   total used free shared buffers cache buff/cache (also buff_cache) available
//     -- the Mem line (also spelled mem.total, mem.used, ...)
//   swap.total swap.used swap.free -- the Swap line
//   low.total low.used low.free high.total high.used high.free -- the -l lines
//   commit.limit commit.used commit.free -- the -v line (CommitLimit, Committed_AS, headroom)
// All in bytes whatever the display unit; "used" and "commit.free" may be negative.
bool known_field(std::string_view name);

// The value of NAME for sample M (absent for an unknown name).
expr::Value field_value(const mem::MemInfo& m, std::string_view name);

}  // namespace procstat::freetool
