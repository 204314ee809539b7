// SPDX-License-Identifier: GPL-2.0-or-later
// cgroup v1/v2 memory readers and the meminfo-shaped view free --cgroup prints.
#include "procstat/mem/cgroup_memory.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"

namespace procstat::mem {

namespace {

// v1 reports "no limit" as PAGE_COUNTER_MAX pages (9223372036854771712 with 4 KiB pages); any
// value from 2^62 up is treated as unlimited.
constexpr std::uint64_t v1_unlimited = std::uint64_t{1} << 62;

// Small sysfs files only.
constexpr std::size_t cg_read_limit = 1 << 20;

std::optional<std::string> read_small(const Root& root, const std::string& rel) {
    std::string s;
    if (!check_regular(root, rel) || !io::read_file(root, rel, s, cg_read_limit)) return std::nullopt;
    return s;
}

// A file holding one number. nullopt when missing or malformed, and for v2's "max" (no limit).
std::optional<std::uint64_t> read_u64(const Root& root, const std::string& rel) {
    auto s = read_small(root, rel);
    if (!s) return std::nullopt;
    return parse::to_u64(parse::trim(*s));
}

// Keep a path inside its hierarchy: drop empty, "." and ".." components.
std::string clean_path(std::string_view p) {
    std::string out;
    while (!p.empty()) {
        auto slash = p.find('/');
        std::string_view comp = p.substr(0, slash);
        p = slash == std::string_view::npos ? std::string_view{} : p.substr(slash + 1);
        if (comp.empty() || comp == "." || comp == "..") continue;
        out += '/';
        out += comp;
    }
    return out;
}

bool is_dir(const Root& root, const std::string& rel) {
    std::vector<std::string> names;
    return static_cast<bool>(io::list_dir(root, rel, names));
}

std::optional<std::uint64_t> min_opt(std::optional<std::uint64_t> a, std::optional<std::uint64_t> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace

std::optional<std::pair<CgroupVersion, std::string>> parse_proc_cgroup(std::string_view text) {
    std::optional<std::string> v2;
    std::string_view line;
    while (parse::next_line(text, line)) {
        // hierarchy-ID:controller-list:cgroup-path (cgroups(7)); the path may contain ':'.
        auto c1 = line.find(':');
        if (c1 == std::string_view::npos) continue;
        auto c2 = line.find(':', c1 + 1);
        if (c2 == std::string_view::npos) continue;
        std::string_view id = line.substr(0, c1);
        std::string_view ctrls = line.substr(c1 + 1, c2 - c1 - 1);
        std::string_view path = line.substr(c2 + 1);
        if (id == "0" && ctrls.empty()) {
            v2 = std::string(path);
            continue;
        }
        while (!ctrls.empty()) {
            auto comma = ctrls.find(',');
            if (ctrls.substr(0, comma) == "memory")
                return std::pair{CgroupVersion::v1, std::string(path)};
            ctrls = comma == std::string_view::npos ? std::string_view{} : ctrls.substr(comma + 1);
        }
    }
    if (v2) return std::pair{CgroupVersion::v2, *v2};
    return std::nullopt;
}

std::optional<std::uint64_t> stat_value(std::string_view memory_stat, std::string_view key) {
    std::string_view line;
    while (parse::next_line(memory_stat, line)) {
        std::string_view rest = line;
        if (parse::next_token(rest) != key) continue;
        return parse::to_u64(parse::trim(rest));
    }
    return std::nullopt;
}

Result<CgroupMemory> read_cgroup_memory(const Root& root) {
    std::string text;
    const std::string self_cgroup = std::string(Root::proc) + "/self/cgroup";
    if (Status st = check_regular(root, self_cgroup); !st) return st;
    if (Status st = io::read_file(root, self_cgroup, text, cg_read_limit); !st) return st;
    auto which = parse_proc_cgroup(text);
    if (!which) return Status{Errc::malformed, 0};

    CgroupMemory cg;
    cg.version = which->first;
    cg.path = which->second;
    const std::string path = clean_path(cg.path);
    const std::string mount =
        std::string(Root::sys) + (cg.version == CgroupVersion::v2 ? "/fs/cgroup" : "/fs/cgroup/memory");
    std::string dir = mount + path;
    if (!is_dir(root, dir)) dir = mount;  // cgroup namespace: our cgroup is the mount's root
    if (!is_dir(root, dir)) return Status{Errc::vanished, 0};

    std::string stat = read_small(root, dir + "/memory.stat").value_or("");
    auto stat_or0 = [&](std::string_view total_key, std::string_view key) {
        if (auto v = stat_value(stat, total_key)) return *v;
        return stat_value(stat, key).value_or(0);
    };

    if (cg.version == CgroupVersion::v2) {
        // The effective limit is the smallest memory.max from our cgroup up to the mount root.
        std::string d = dir;
        for (;;) {
            cg.limit = min_opt(cg.limit, read_u64(root, d + "/memory.max"));
            cg.swap_limit = min_opt(cg.swap_limit, read_u64(root, d + "/memory.swap.max"));
            if (d.size() <= mount.size()) break;
            d.erase(d.rfind('/'));
        }
        cg.usage = read_u64(root, dir + "/memory.current").value_or(0);
        cg.swap_usage = read_u64(root, dir + "/memory.swap.current");
        if (!cg.swap_usage) cg.swap_limit.reset();
        cg.file = stat_or0("file", "file");
        cg.shmem = stat_or0("shmem", "shmem");
        cg.active_file = stat_or0("active_file", "active_file");
        cg.inactive_file = stat_or0("inactive_file", "inactive_file");
        cg.slab_reclaimable = stat_or0("slab_reclaimable", "slab_reclaimable");
    } else {
        cg.limit = read_u64(root, dir + "/memory.limit_in_bytes");
        cg.limit = min_opt(cg.limit, stat_value(stat, "hierarchical_memory_limit"));
        if (cg.limit && *cg.limit >= v1_unlimited) cg.limit.reset();
        cg.usage = read_u64(root, dir + "/memory.usage_in_bytes").value_or(0);
        auto memsw_limit = min_opt(read_u64(root, dir + "/memory.memsw.limit_in_bytes"),
                                   stat_value(stat, "hierarchical_memsw_limit"));
        auto memsw_usage = read_u64(root, dir + "/memory.memsw.usage_in_bytes");
        if (memsw_limit && *memsw_limit < v1_unlimited && memsw_usage && cg.limit) {
            cg.swap_limit = *memsw_limit > *cg.limit ? *memsw_limit - *cg.limit : 0;
            cg.swap_usage = *memsw_usage > cg.usage ? *memsw_usage - cg.usage : 0;
        }
        cg.file = stat_or0("total_cache", "cache");
        cg.shmem = stat_or0("total_shmem", "shmem");
        cg.active_file = stat_or0("total_active_file", "active_file");
        cg.inactive_file = stat_or0("total_inactive_file", "inactive_file");
    }
    return cg;
}

MemInfo cgroup_view(const MemInfo& host, const CgroupMemory& cg, CgroupFallback& fallback) {
    MemInfo m = host;
    fallback = {};
    const std::uint64_t host_total = host.MemTotal;
    if (cg.limit && *cg.limit / 1024 < host_total) {
        const std::uint64_t limit = *cg.limit;
        const std::uint64_t usage = std::min(cg.usage, limit);
        const std::uint64_t free = limit - usage;
        // Reclaimable parts of the usage; never more than what is in use.
        std::uint64_t reclaim = cg.active_file + cg.inactive_file;
        reclaim = std::min(reclaim, usage);
        reclaim = std::min(reclaim + cg.slab_reclaimable, usage);
        m.MemTotal = limit / 1024;
        m.MemFree = free / 1024;
        m.MemAvailable = (free + reclaim) / 1024;
        m.has_mem_available = true;
        m.Buffers = 0;
        m.Cached = std::min(cg.file, usage) / 1024;
        m.SReclaimable = std::min(cg.slab_reclaimable, usage) / 1024;
        m.Shmem = std::min(cg.shmem, usage) / 1024;
        m.LowTotal = m.LowFree = m.HighTotal = m.HighFree = 0;
    } else {
        fallback.memory = true;
    }
    if (cg.swap_limit && cg.swap_usage) {
        const std::uint64_t total = std::min(*cg.swap_limit / 1024, host.SwapTotal);
        const std::uint64_t used = std::min(*cg.swap_usage / 1024, total);
        m.SwapTotal = total;
        m.SwapFree = total - used;
    } else {
        fallback.swap = true;
    }
    return m;
}

std::string fallback_note(std::string_view cgroup_path, const CgroupFallback& fallback) {
    if (!fallback.memory && !fallback.swap) return {};
    std::string note = "cgroup ";
    note += cgroup_path;
    if (fallback.memory && fallback.swap)
        note += " has no memory or swap limit, showing the host's figures";
    else if (fallback.memory)
        note += " has no memory limit, showing the host's memory";
    else
        note += " has no swap limit, showing the host's swap";
    return note;
}

}  // namespace procstat::mem
