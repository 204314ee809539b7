// SPDX-License-Identifier: GPL-2.0-or-later
// Values free shows that are not kernel fields, one function each (procps-ng 4.0.2 semantics).
#include <cstdint>

#include "procstat/mem/meminfo.hpp"

namespace procstat::mem {

// procps-ng 4.0.2: MemAvailable replaced by MemFree when 0 (missing: kernels before 3.14) or,
// as an unsigned comparison, greater than MemTotal (lxc-style containers).
std::uint64_t available(const MemInfo& m) noexcept {
    std::uint64_t a = m.MemAvailable;
    if (a == 0) a = m.MemFree;
    if (a > m.MemTotal) a = m.MemFree;
    return a;
}

// procps-ng 4.0.2: used = MemTotal - available; if that is negative as a signed long, it is
// MemTotal - MemFree instead. (Before 4.0 used was total - free - buffers - cache.)
std::uint64_t used(const MemInfo& m) noexcept {
    const std::uint64_t u = m.MemTotal - available(m);
    if (static_cast<std::int64_t>(u) < 0) return m.MemTotal - m.MemFree;
    return u;
}

// procps-ng 4.0.2: cache = Cached + SReclaimable.
std::uint64_t cache(const MemInfo& m) noexcept { return m.Cached + m.SReclaimable; }

// procps-ng 4.0.2 free: buff/cache = Buffers + Cached + SReclaimable.
std::uint64_t buff_cache(const MemInfo& m) noexcept { return m.Buffers + cache(m); }

// procps-ng 4.0.2: without LowTotal (no highmem) the low figures are the whole memory's.
std::uint64_t low_total(const MemInfo& m) noexcept {
    return m.LowTotal == 0 ? m.MemTotal : m.LowTotal;
}
std::uint64_t low_free(const MemInfo& m) noexcept {
    return m.LowTotal == 0 ? m.MemFree : m.LowFree;
}

// procps-ng 4.0.2: total - free, or 0 when free >= total (unsigned comparison).
static std::uint64_t used_or_zero(std::uint64_t total, std::uint64_t free) noexcept {
    return total > free ? total - free : 0;
}
std::uint64_t low_used(const MemInfo& m) noexcept { return used_or_zero(low_total(m), low_free(m)); }
std::uint64_t high_used(const MemInfo& m) noexcept { return used_or_zero(m.HighTotal, m.HighFree); }
std::uint64_t swap_used(const MemInfo& m) noexcept { return used_or_zero(m.SwapTotal, m.SwapFree); }

// procps-ng 4.0.2 free -v: CommitLimit - Committed_AS (printed signed).
std::uint64_t commit_free(const MemInfo& m) noexcept { return m.CommitLimit - m.Committed_AS; }

}  // namespace procstat::mem
