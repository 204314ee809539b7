// SPDX-License-Identifier: GPL-2.0-or-later
// Parser for /proc/meminfo with libproc2 4.0.2's line-splitting and number rules.
#include <cstdint>
#include <limits>
#include <string_view>

#include "procstat/mem/meminfo.hpp"

namespace procstat::mem {

namespace {

bool is_c_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// strtoul(s, NULL, 10) on a bounded string: skips white space, optional sign, saturates at
// ULONG_MAX on overflow, negates (modulo 2^64) after a '-', 0 without digits.
std::uint64_t c_strtoul(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size() && is_c_space(s[i])) ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        ++i;
    }
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t v = 0;
    bool overflow = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        const auto d = static_cast<std::uint64_t>(s[i] - '0');
        if (v > (max - d) / 10) overflow = true;
        else v = v * 10 + d;
    }
    if (overflow) return max;
    return neg ? (~v + 1) : v;
}

std::uint64_t* field(MemInfo& m, std::string_view name) noexcept {
    struct Entry {
        std::string_view name;
        std::uint64_t MemInfo::*member;
    };
    static constexpr Entry table[] = {
        {"MemTotal", &MemInfo::MemTotal},       {"MemFree", &MemInfo::MemFree},
        {"MemAvailable", &MemInfo::MemAvailable}, {"Buffers", &MemInfo::Buffers},
        {"Cached", &MemInfo::Cached},           {"SReclaimable", &MemInfo::SReclaimable},
        {"Shmem", &MemInfo::Shmem},             {"SwapTotal", &MemInfo::SwapTotal},
        {"SwapFree", &MemInfo::SwapFree},       {"LowTotal", &MemInfo::LowTotal},
        {"LowFree", &MemInfo::LowFree},         {"HighTotal", &MemInfo::HighTotal},
        {"HighFree", &MemInfo::HighFree},       {"CommitLimit", &MemInfo::CommitLimit},
        {"Committed_AS", &MemInfo::Committed_AS},
    };
    for (const auto& e : table)
        if (e.name == name) return &(m.*e.member);
    return nullptr;
}

}  // namespace

MemInfo parse_meminfo(std::string_view text) noexcept {
    MemInfo m;
    // compat: procps handles the buffer as a C string.
    if (auto nul = text.find('\0'); nul != std::string_view::npos) text = text.substr(0, nul);
    std::size_t pos = 0;
    for (;;) {
        const std::size_t colon = text.find(':', pos);
        if (colon == std::string_view::npos) break;
        const std::string_view name = text.substr(pos, colon - pos);
        const std::string_view rest = text.substr(colon + 1);
        if (std::uint64_t* f = field(m, name)) {
            *f = c_strtoul(rest);
            if (f == &m.MemAvailable) m.has_mem_available = true;
        }
        const std::size_t nl = text.find('\n', colon + 1);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return m;
}

}  // namespace procstat::mem
