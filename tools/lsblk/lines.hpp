// SPDX-License-Identifier: GPL-2.0-or-later
// Turning the device graph into output lines: tree walk, de-duplication, sorting, the Table.
#pragma once
#include <string>

#include "options.hpp"
#include "procstat/block/device.hpp"
#include "procstat/out/table.hpp"
#include "../findmnt/ul_filter.hpp"

namespace procstat::lsblk_tool {

// Per row of a built Table: whether -Q keeps it and whether it fails --check.
struct RowVerdicts {
    std::vector<char> keep, failing;
};

// Build the output Table for the walked devices (rows in print order, parent indices set in
// tree mode); with TESTS, evaluate them on every row into VERDICTS.
out::Table build_table(block::Walker& walker, const Options& o, const ul_filter::RowTests* tests = nullptr,
                       RowVerdicts* verdicts = nullptr);

// What lsblk prints: the kept rows for stdout and, when --check failed, the failing rows in
// the same layout for stderr.
struct Rendered {
    std::string out;
    std::optional<std::string> failing;
};

// Build, filter, check and render.
Rendered render_devices(block::Walker& walker, const Options& o, const ul_filter::RowTests& tests);

}  // namespace procstat::lsblk_tool
