// SPDX-License-Identifier: GPL-2.0-or-later
// /proc/meminfo: the kernel fields free uses, their parser and reader, and the derived values
// (used, available fallback, buff/cache, low/high, swap used, commit headroom).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "procstat/core/error.hpp"
#include "procstat/core/root.hpp"

namespace procstat::mem {

// Kernel fields of /proc/meminfo (proc(5), "/proc/meminfo"), under their kernel names, in KiB.
// A field missing from the file is 0, as procps treats it.
struct MemInfo {
    std::uint64_t MemTotal = 0;      // usable RAM
    std::uint64_t MemFree = 0;       // unused RAM
    std::uint64_t MemAvailable = 0;  // estimate of RAM available without swapping (Linux 3.14+)
    std::uint64_t Buffers = 0;       // raw disk block cache
    std::uint64_t Cached = 0;        // page cache (without swap cache)
    std::uint64_t SReclaimable = 0;  // reclaimable slab (dentries, inodes)
    std::uint64_t Shmem = 0;         // shared memory and tmpfs
    std::uint64_t SwapTotal = 0;
    std::uint64_t SwapFree = 0;
    std::uint64_t LowTotal = 0;      // lowmem (32-bit highmem kernels only)
    std::uint64_t LowFree = 0;
    std::uint64_t HighTotal = 0;     // highmem (32-bit highmem kernels only)
    std::uint64_t HighFree = 0;
    std::uint64_t CommitLimit = 0;   // overcommit limit
    std::uint64_t Committed_AS = 0;  // memory committed to processes
    bool has_mem_available = false;  // the MemAvailable line was present
};

// procps-ng reads at most this many bytes of /proc/meminfo (one 8 KiB buffer, NUL-terminated).
inline constexpr std::size_t meminfo_read_limit = 8191;

// Parse the text of /proc/meminfo.
//
// compat: follows libproc2 4.0.2 exactly, quirks included: the text ends at the first NUL; a
// name is everything from the start of a line up to the next ':' (so a line without ':' swallows
// the next line's name, and names with leading blanks do not match); the value is read with
// strtoul semantics (leading white space including newlines, optional sign, saturating at
// 2^64-1, negative values wrap) and the next line starts after the first '\n' following the ':'.
// Unknown names are ignored; a repeated name keeps the last value.
MemInfo parse_meminfo(std::string_view text) noexcept;

// Read ROOT/proc/meminfo (at most meminfo_read_limit bytes). An empty file, or anything that
// is not a regular file (a FIFO or device in a --sysroot tree), is Errc::malformed.
Result<MemInfo> read_meminfo(const Root& root);

// Status of REL under ROOT: ok for a regular file (following symlinks), Errc::malformed for
// anything else, the errno class when it cannot be looked up.
Status check_regular(const Root& root, const std::string& rel);

// Derived values, in KiB, each matching procps-ng 4.0.2 (libproc2 meminfo.c's derived fields and
// free.c's sums). All arithmetic is modulo 2^64, as in procps; free prints values as signed.

// MemAvailable, or MemFree when MemAvailable is 0 or missing (kernels before 3.14) or larger
// than MemTotal (containers that show the host's figure).
std::uint64_t available(const MemInfo& m) noexcept;
// MemTotal - available; when that is negative read as a signed value, MemTotal - MemFree.
std::uint64_t used(const MemInfo& m) noexcept;
// Cached + SReclaimable ("cache" column of free -w).
std::uint64_t cache(const MemInfo& m) noexcept;
// Buffers + cache ("buff/cache" column).
std::uint64_t buff_cache(const MemInfo& m) noexcept;
// LowTotal, or MemTotal when LowTotal is 0 (no highmem).
std::uint64_t low_total(const MemInfo& m) noexcept;
// LowFree, or MemFree when LowTotal is 0.
std::uint64_t low_free(const MemInfo& m) noexcept;
// low_total - low_free, or 0 when low_free >= low_total.
std::uint64_t low_used(const MemInfo& m) noexcept;
// HighTotal - HighFree, or 0 when HighFree >= HighTotal.
std::uint64_t high_used(const MemInfo& m) noexcept;
// SwapTotal - SwapFree, or 0 when SwapFree >= SwapTotal.
std::uint64_t swap_used(const MemInfo& m) noexcept;
// CommitLimit - Committed_AS (negative when overcommitted; wraps as an unsigned value).
std::uint64_t commit_free(const MemInfo& m) noexcept;

}  // namespace procstat::mem
