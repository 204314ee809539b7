// SPDX-License-Identifier: GPL-2.0-or-later
// Renders free's report: procps text layout (%-9s label, %11s fields) and the JSON schema.
#include "procstat/mem/free_report.hpp"

#include <cstdint>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "procstat/out/json.hpp"
#include "procstat/units/procps_size.hpp"

namespace procstat::mem {

namespace {


// One text line: label padded to 9, then each value right-aligned in 11 (first) or " %11s".
void line(std::string& out, std::string_view label, std::initializer_list<std::uint64_t> kib,
          const units::ProcpsScale& scale) {
    fmt::format_to(std::back_inserter(out), "{:<9}", label);
    bool first = true;
    for (std::uint64_t v : kib) {
        if (!first) out += ' ';
        fmt::format_to(std::back_inserter(out), "{:>11}", units::procps_size(v, scale));
        first = false;
    }
    out += '\n';
}

// KiB to bytes for JSON, saturating instead of wrapping.
std::uint64_t to_bytes(std::uint64_t kib) {
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    return kib > max / 1024 ? max : kib * 1024;
}

// Signed KiB (a wrapped difference such as used or commit headroom) to bytes.
std::int64_t to_signed_bytes(std::uint64_t kib) {
    const auto v = static_cast<std::int64_t>(kib);
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max() / 1024;
    if (v > max) return std::numeric_limits<std::int64_t>::max();
    if (v < -max) return std::numeric_limits<std::int64_t>::min();
    return v * 1024;
}

}  // namespace

std::string free_text(const MemInfo& m, const FreeLayout& layout) {
    const auto& sc = layout.scale;
    std::string out;
    out += layout.wide ? "               total        used        free      shared     buffers       cache   available\n"
                     : "               total        used        free      shared  buff/cache   available\n";
    if (layout.wide)
        line(out, "Mem:", {m.MemTotal, used(m), m.MemFree, m.Shmem, m.Buffers, cache(m),
                           available(m)}, sc);
    else
        line(out, "Mem:", {m.MemTotal, used(m), m.MemFree, m.Shmem, buff_cache(m),
                           available(m)}, sc);
    if (layout.lohi) {
        line(out, "Low:", {low_total(m), low_used(m), low_free(m)}, sc);
        line(out, "High:", {m.HighTotal, high_used(m), m.HighFree}, sc);
    }
    line(out, "Swap:", {m.SwapTotal, swap_used(m), m.SwapFree}, sc);
    if (layout.total)
        line(out, "Total:", {m.MemTotal + m.SwapTotal, used(m) + swap_used(m),
                             m.MemFree + m.SwapFree}, sc);
    if (layout.committed)
        line(out, "Comm:", {m.CommitLimit, m.Committed_AS, commit_free(m)}, sc);
    return out;
}

std::string free_json(const MemInfo& m, const FreeLayout& layout) {
    std::string out;
    out::JsonWriter w(out);
    w.begin_object();
    w.begin_array("memory");
    // used is signed for mem and total (procps prints a negative value when free > total).
    auto record = [&](std::string_view type, std::uint64_t total, std::uint64_t used,
                      std::uint64_t free, bool signed_used = false) {
        w.begin_object();
        w.string("type", type);
        w.number("total", to_bytes(total));
        if (signed_used) w.number("used", to_signed_bytes(used));
        else w.number("used", to_bytes(used));
        w.number("free", to_bytes(free));
    };
    record("mem", m.MemTotal, used(m), m.MemFree, true);
    w.number("shared", to_bytes(m.Shmem));
    w.number("buffers", to_bytes(m.Buffers));
    w.number("cache", to_bytes(cache(m)));
    w.number("buff_cache", to_bytes(buff_cache(m)));
    w.number("available", to_bytes(available(m)));
    w.end_object();
    if (layout.lohi) {
        record("low", low_total(m), low_used(m), low_free(m));
        w.end_object();
        record("high", m.HighTotal, high_used(m), m.HighFree);
        w.end_object();
    }
    record("swap", m.SwapTotal, swap_used(m), m.SwapFree);
    w.end_object();
    if (layout.total) {
        record("total", m.MemTotal + m.SwapTotal, used(m) + swap_used(m),
               m.MemFree + m.SwapFree, true);
        w.end_object();
    }
    if (layout.committed) {
        // total: CommitLimit, used: Committed_AS, free: CommitLimit - Committed_AS (may be < 0).
        w.begin_object();
        w.string("type", "comm");
        w.number("total", to_bytes(m.CommitLimit));
        w.number("used", to_bytes(m.Committed_AS));
        w.number("free", to_signed_bytes(commit_free(m)));
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.finish();
    return out;
}

}  // namespace procstat::mem
