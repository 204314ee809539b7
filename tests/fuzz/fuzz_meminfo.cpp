// fuzz-deps: mem
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: /proc/meminfo parser and derived values, /proc/PID/cgroup and memory.stat parsers, cgroup view.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "procstat/mem/cgroup_memory.hpp"
#include "procstat/mem/meminfo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat::mem;
    MemInfo m = parse_meminfo(text);
    (void)available(m);
    (void)used(m);
    (void)cache(m);
    (void)buff_cache(m);
    (void)low_total(m);
    (void)low_free(m);
    (void)low_used(m);
    (void)high_used(m);
    (void)swap_used(m);
    (void)commit_free(m);

    auto cg = parse_proc_cgroup(text);
    CgroupMemory c;
    for (auto key : {"file", "cache", "shmem", "active_file", "inactive_file", "slab_reclaimable",
                     "total_cache", ""})
        if (auto v = stat_value(text, key)) c.file ^= *v;
    // a cgroup view built from values taken from the input
    c.limit = m.has_mem_available ? std::optional<std::uint64_t>(size * 977ULL) : std::nullopt;
    c.usage = size * 1000ULL;
    c.swap_limit = (size & 1) ? std::optional<std::uint64_t>(size) : std::nullopt;
    c.swap_usage = (size & 2) ? std::optional<std::uint64_t>(size * 3ULL) : std::nullopt;
    c.active_file = size;
    c.inactive_file = ~std::uint64_t{0} - size;
    CgroupFallback fb;
    MemInfo v = cgroup_view(m, c, fb);
    (void)available(v);
    (void)used(v);
    (void)swap_used(v);
    (void)fallback_note(cg ? cg->second : std::string_view("/"), fb);
    return 0;
}
