// fuzz-deps: proc pscols
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: /proc/PID stat, status, statm, io, smaps_rollup, autogroup and ns-link parsers, then every ps column formatter on the parsed record.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/proc/parse.hpp"
#include "procstat/pscols/columns.hpp"

namespace {

// The input is up to eight NUL-separated parts: stat, status, statm, io, smaps_rollup, autogroup,
// cmdline (its own NULs are lost, spaces are fine) and an ns link target.
std::vector<std::string_view> split_parts(std::string_view text) {
    std::vector<std::string_view> parts;
    while (parts.size() < 7) {
        auto nul = text.find('\0');
        if (nul == std::string_view::npos) break;
        parts.push_back(text.substr(0, nul));
        text.remove_prefix(nul + 1);
    }
    parts.push_back(text);
    parts.resize(8);
    return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat;
    // every parser on the whole input, each with a fresh record
    {
        proc::Process p;
        (void)proc::parse_stat(text, p);
        (void)proc::parse_status(text, p);
        (void)proc::parse_statm(text, p);
        (void)proc::parse_io(text, p);
        (void)proc::parse_smaps_rollup(text, p);
        (void)proc::parse_autogroup(text, p);
        (void)proc::parse_ns_link(text);
    }
    auto parts = split_parts(text);
    proc::Process p;
    (void)proc::parse_stat(parts[0], p);
    (void)proc::parse_status(parts[1], p);
    (void)proc::parse_statm(parts[2], p);
    (void)proc::parse_io(parts[3], p);
    (void)proc::parse_smaps_rollup(parts[4], p);
    (void)proc::parse_autogroup(parts[5], p);
    p.cmdline = std::string(parts[6]);
    (void)proc::parse_ns_link(parts[7]);

    // every column, with system facts derived from the input (uptime, boot time, hertz, page
    // size 0..huge), in both locales and both width modes
    pscols::Ctx ctx;
    ctx.root = nullptr;
    std::uint64_t seed = 0;
    for (std::size_t i = 0; i < size && i < 8; ++i) seed = (seed << 8) | data[i];
    ctx.si.uptime = static_cast<double>(seed % 100000007);
    ctx.si.boot_time = seed >> 3;
    ctx.si.mem_total_kb = (seed % 3 == 0) ? 0 : seed >> 7;
    ctx.si.hertz = (seed % 5 == 0) ? 1 : 100;
    ctx.si.page_kb = (seed % 7 == 0) ? 64 : 4;
    ctx.si.now = seed >> 1;
    ctx.utf8 = (seed & 1) != 0;
    ctx.cumulative = (seed & 2) != 0;
    ctx.bsd_c = (seed & 4) != 0;
    ctx.show_env = (seed & 8) != 0;
    if (ctx.show_env) p.environ = std::string(parts[7]);
    std::string out;
    for (const auto& def : pscols::all_columns()) {
        for (int maxw : {0, 1, 5, 1 << 20}) {
            out.clear();
            if (def.fmt) def.fmt(p, ctx, out, maxw);
            if (def.num) (void)def.num(p, ctx);
        }
        (void)pscols::row_scope(def);
    }
    // command-name escaping on the raw input: never more cells than asked for
    for (int maxw : {0, 3, 80}) {
        for (bool utf8 : {false, true}) {
            out.clear();
            int used = pscols::escape_text(text, utf8, maxw, out);
            if (used < 0 || used > maxw) __builtin_trap();
            for (unsigned char c : out)
                if (c < 0x20 || c == 0x7f) __builtin_trap();  // no control byte reaches the terminal
        }
    }
    out.clear();
    pscols::fmt_cputime(seed, out);
    out.clear();
    pscols::fmt_etime(seed, out);
    return 0;
}
