// SPDX-License-Identifier: GPL-2.0-or-later
// One report of free from a MemInfo: the procps-ng 4.0.2 text layout or our JSON document.
#pragma once
#include <string>

#include "procstat/mem/meminfo.hpp"
#include "procstat/units/procps_size.hpp"

namespace procstat::mem {

// Which lines and columns free shows, and how it scales the numbers.
struct FreeLayout {
    units::ProcpsScale scale;
    bool wide = false;       // -w: separate buffers and cache columns
    bool lohi = false;       // -l: Low and High lines
    bool total = false;      // -t: Total line
    bool committed = false;  // -v: Comm line
};

// The text procps-ng 4.0.2 free prints for one sample: header, Mem, [Low, High], Swap,
// [Total], [Comm]; "%-9s" labels, then "%11s" and " %11s" fields.
std::string free_text(const MemInfo& m, const FreeLayout& layout);

// The JSON document of one sample, all sizes in bytes (schema documented in free.1):
//   {"memory": [ {"type": "mem", "total", "used", "free", "shared", "buffers", "cache",
//                 "buff_cache", "available"}, {"type": "low"|"high"|"swap"|"total"|"comm",
//                 "total", "used", "free"}, ... ]}
// low/high appear with lohi, total with total, comm with committed (the layout's scale does not
// apply). "used" of mem and total and "free" of comm are signed.
std::string free_json(const MemInfo& m, const FreeLayout& layout);

}  // namespace procstat::mem
