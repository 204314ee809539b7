// SPDX-License-Identifier: GPL-2.0-or-later
// Reading the processes of a listing: the selected ones of a PID list, on several threads when
// the list is long (a whole-system listing), in PID order whatever the thread count.
#pragma once
#include <cstdint>
#include <vector>

#include "options.hpp"
#include "procstat/core/root.hpp"
#include "procstat/proc/process.hpp"
#include "select.hpp"

namespace procstat::ps {

// How many threads read a list of N processes: one for short lists (thread start-up would cost
// more than it saves), else up to the number of online CPUs, at most 4. PROCSTAT_PS_THREADS=N
// overrides (1 turns the parallel read off).
unsigned read_threads(std::size_t n);

// The processes of PIDS (in that order) that the selection of O keeps, read from ROOT with the
// files NEEDS names. Each thread has its own reader and fills its own contiguous slice of the
// result in place, so the records are never copied; processes that vanish between the listing
// of /proc and their read are skipped, as in a single pass.
std::vector<proc::Process> read_selected(const Root& root, const std::vector<int>& pids, std::uint32_t needs,
                                         const Options& o, const Self& me);

}  // namespace procstat::ps
