// SPDX-License-Identifier: GPL-2.0-or-later
// Memory of the calling process's cgroup (v1 memory controller or v2 unified hierarchy) and the
// meminfo-shaped view of it that free --cgroup prints.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "procstat/core/error.hpp"
#include "procstat/core/root.hpp"
#include "procstat/mem/meminfo.hpp"

namespace procstat::mem {

enum class CgroupVersion { v1, v2 };

// What the cgroup files say, in bytes. Absent limits are nullopt ("max" in v2, the
// PAGE_COUNTER_MAX sentinel around 2^63 in v1).
struct CgroupMemory {
    CgroupVersion version = CgroupVersion::v2;
    std::string path;                        // cgroup path from /proc/self/cgroup, e.g. "/a/b"
    std::optional<std::uint64_t> limit;      // v2 memory.max (smallest on the path up to the root),
                                             // v1 memory.limit_in_bytes / hierarchical_memory_limit
    std::uint64_t usage = 0;                 // v2 memory.current, v1 memory.usage_in_bytes
    std::optional<std::uint64_t> swap_limit; // swap alone: v2 memory.swap.max (smallest on the
                                             // path), v1 memory.memsw.limit_in_bytes - limit
    std::optional<std::uint64_t> swap_usage; // v2 memory.swap.current, v1 memsw.usage - usage
    // memory.stat (v1: the hierarchical total_* values when present)
    std::uint64_t file = 0;              // page cache: v2 "file", v1 "cache"
    std::uint64_t shmem = 0;             // "shmem"
    std::uint64_t active_file = 0;       // "active_file"
    std::uint64_t inactive_file = 0;     // "inactive_file"
    std::uint64_t slab_reclaimable = 0;  // v2 "slab_reclaimable" (v1 has none)
};

// Parse /proc/<pid>/cgroup text: the path of the v1 memory controller when there is one (with
// VERSION v1), else the v2 path ("0::PATH"). nullopt when neither is present.
std::optional<std::pair<CgroupVersion, std::string>> parse_proc_cgroup(std::string_view text);

// Parse a memory.stat file: the value of KEY, nullopt when the key is missing or malformed.
std::optional<std::uint64_t> stat_value(std::string_view memory_stat, std::string_view key);

// Read the cgroup of the calling process: ROOT/proc/self/cgroup, then the files under
// ROOT/sys/fs/cgroup (v2: sys/fs/cgroup/PATH, v1: sys/fs/cgroup/memory/PATH; when that directory
// does not exist, as inside a cgroup namespace, the mount's root directory is used).
Result<CgroupMemory> read_cgroup_memory(const Root& root);

// Which parts of a cgroup view came from the host's /proc/meminfo.
struct CgroupFallback {
    bool memory = false;  // no memory limit (or one at least as large as MemTotal)
    bool swap = false;    // no swap limit (or swap accounting unavailable)
};

// The cgroup as a MemInfo, so free prints it with the usual derivations:
//   MemTotal = limit, MemFree = limit - usage, MemAvailable = MemFree + active_file +
//   inactive_file + slab_reclaimable (at most MemTotal), Buffers = 0, Cached = file,
//   SReclaimable = slab_reclaimable, Shmem = shmem;
//   SwapTotal = min(swap limit, host SwapTotal), SwapFree = SwapTotal - swap usage;
//   the commit and low/high figures stay the host's.
// Where no limit applies, the host's figures are kept and FALLBACK says so. Bytes are rounded
// down to KiB.
MemInfo cgroup_view(const MemInfo& host, const CgroupMemory& cg, CgroupFallback& fallback);

// The one line free -v --cgroup prints on stderr (without program name and newline) when host
// figures are shown, e.g. "cgroup /a has no swap limit, showing the host's swap"; empty when
// FALLBACK has nothing to say.
std::string fallback_note(std::string_view cgroup_path, const CgroupFallback& fallback);

}  // namespace procstat::mem
