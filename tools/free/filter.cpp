// SPDX-License-Identifier: GPL-2.0-or-later
// free's fields for -Q/--filter and --check: the numbers of the Mem/Swap/Low/High/Comm lines in bytes.
#include "filter.hpp"

#include <cstdint>
#include <optional>

namespace procstat::freetool {

namespace {

// KiB from /proc/meminfo to bytes, as a double (exact up to 8 PiB).
double bytes(std::uint64_t kib) { return static_cast<double>(kib) * 1024.0; }
// A derived value procps prints as signed (used, commit headroom).
double signed_bytes(std::uint64_t kib) { return static_cast<double>(static_cast<std::int64_t>(kib)) * 1024.0; }

// NAME without an optional "mem." prefix when it names a Mem-line field.
std::string_view mem_name(std::string_view name) {
    if (name.starts_with("mem.")) name.remove_prefix(4);
    if (name == "buff_cache") return "buff/cache";
    return name;
}

// Value of NAME, or nullopt when free has no such field.
std::optional<double> lookup(const mem::MemInfo& m, std::string_view name) {
    std::string_view n = mem_name(name);
    if (n == "total") return bytes(m.MemTotal);
    if (n == "used") return signed_bytes(mem::used(m));
    if (n == "free") return bytes(m.MemFree);
    if (n == "shared") return bytes(m.Shmem);
    if (n == "buffers") return bytes(m.Buffers);
    if (n == "cache") return bytes(mem::cache(m));
    if (n == "buff/cache") return bytes(mem::buff_cache(m));
    if (n == "available") return bytes(mem::available(m));
    if (name == "swap.total") return bytes(m.SwapTotal);
    if (name == "swap.used") return bytes(mem::swap_used(m));
    if (name == "swap.free") return bytes(m.SwapFree);
    if (name == "low.total") return bytes(mem::low_total(m));
    if (name == "low.used") return bytes(mem::low_used(m));
    if (name == "low.free") return bytes(mem::low_free(m));
    if (name == "high.total") return bytes(m.HighTotal);
    if (name == "high.used") return bytes(mem::high_used(m));
    if (name == "high.free") return bytes(m.HighFree);
    if (name == "commit.limit") return bytes(m.CommitLimit);
    if (name == "commit.used") return bytes(m.Committed_AS);
    if (name == "commit.free") return signed_bytes(mem::commit_free(m));
    return std::nullopt;
}

}  // namespace

bool known_field(std::string_view name) { return lookup(mem::MemInfo{}, name).has_value(); }

expr::Value field_value(const mem::MemInfo& m, std::string_view name) {
    if (auto v = lookup(m, name)) return *v;
    return {};
}

}  // namespace procstat::freetool
