// SPDX-License-Identifier: GPL-2.0-or-later
// Turning the device graph into output lines: tree walk, de-duplication, sorting, the Table.
#pragma once
#include <string>

#include "options.hpp"
#include "procstat/block/device.hpp"
#include "procstat/out/table.hpp"

namespace procstat::lsblk_tool {

// Build the output Table for the walked devices (rows in print order, parent indices set in
// tree mode).
out::Table build_table(block::Walker& walker, const Options& o);

// Build and render: the bytes lsblk writes to stdout.
std::string render_devices(block::Walker& walker, const Options& o);

}  // namespace procstat::lsblk_tool
