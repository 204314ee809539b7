// SPDX-License-Identifier: GPL-2.0-or-later
// One report of free: the procps text layout or our JSON document, from a MemInfo.
#pragma once
#include <string>

#include "options.hpp"
#include "procstat/mem/meminfo.hpp"

namespace procstat::freetool {

// The text procps-ng 4.0.2 free prints for one sample (header, Mem, [Low, High], Swap,
// [Total], [Comm]).
std::string render_text(const mem::MemInfo& m, const Options& opts);

// The JSON document of one sample (schema in free.1): {"memory": [ {"type": "mem", ...}, ...]},
// all sizes in bytes.
std::string render_json(const mem::MemInfo& m, const Options& opts);

}  // namespace procstat::freetool
