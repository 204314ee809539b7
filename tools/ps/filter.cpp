// SPDX-License-Identifier: GPL-2.0-or-later
// ps's row values for the filter/check language (format keys, sizes in bytes, times in seconds)
// and the compilation of -Q/--filter and --check/--check-any with ps' messages.
#include "filter.hpp"

#include <climits>
#include <cstdlib>
#include <string>

#include "options.hpp"

namespace procstat::ps {

namespace {

// How a key's shown text becomes a value.
enum class Kind { text, number, kib, pages, cpu_secs, elapsed, start };

Kind kind_of(const pscols::ColumnDef& def) {
    std::string_view n = def.name;
    for (const char* k : {"vsz", "vsize", "rss", "rssize", "rsz", "size", "drs", "trs", "pss", "uss"})
        if (n == k) return Kind::kib;
    if (n == "sz") return Kind::pages;
    if (n == "time" || n == "cputime" || n == "atime" || n == "bsdtime") return Kind::cpu_secs;
    if (n == "etime") return Kind::elapsed;
    for (const char* k : {"lstart", "start", "stime", "start_time", "bsdstart"})
        if (n == k) return Kind::start;
    if (def.json == pscols::JsonType::integer || def.json == pscols::JsonType::number) return Kind::number;
    return Kind::text;
}

// A decimal number as ps printed it ("12", "-3", "0.5"); nullopt for anything else ("-", "?").
std::optional<double> shown_number(const std::string& t) {
    if (t.empty() || t.size() > 40) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size()) return std::nullopt;
    for (char c : t)
        if (!((c >= '0' && c <= '9') || c == '-' || c == '.')) return std::nullopt;  // no "inf", "0x1"
    return v;
}

// "column N: ..." -> N (0 when the message has none).
// The column named by "invalid OPTION expression: column N: ..."; 0 when there is none.
std::size_t message_column(const std::string& msg) {
    std::size_t at = msg.find(" expression: column ");
    if (at == std::string::npos) return 0;
    return static_cast<std::size_t>(std::strtoul(msg.c_str() + at + 20, nullptr, 10));
}

// The expression and a caret under column COL, when every byte prints as one cell.
std::string caret_lines(std::string_view text, std::size_t col) {
    if (col == 0 || col > text.size() + 1 || text.size() > 400) return {};
    for (unsigned char c : text)
        if (c < 0x20 || c >= 0x7f) return {};
    std::string s = "  ";
    s += text;
    s += "\n  ";
    s.append(col - 1, ' ');
    s += "^\n";
    return s;
}

}  // namespace

bool known_key(std::string_view name) { return pscols::find_column(name) != nullptr; }

expr::Value key_value(const proc::Process& p, std::string_view key, pscols::Ctx& ctx, char row_kind) {
    const pscols::ColumnDef* def = pscols::find_column(key);
    if (!def) return {};
    pscols::RowScope scope = pscols::row_scope(*def);
    if ((row_kind == 'p' && scope == pscols::RowScope::thread) ||
        (row_kind == 't' && scope == pscols::RowScope::process))
        return {};  // ps m shows "-" there
    auto hz = static_cast<std::uint64_t>(ctx.si.hertz > 0 ? ctx.si.hertz : 100);
    Kind kind = kind_of(*def);
    switch (kind) {
    case Kind::cpu_secs:
    case Kind::elapsed: {
        // the column's sort key: clock ticks of CPU time, or elapsed seconds
        auto v = static_cast<std::uint64_t>(def->num(p, ctx));
        // compat: under S/--cumulative bsdtime shows dead children's time too (its sort key and
        // time/cputime stay the process's own, as procps 4.0.2)
        if (kind == Kind::cpu_secs && ctx.cumulative && std::string_view(def->name) == "bsdtime")
            v = p.utime + p.stime + static_cast<std::uint64_t>(p.cutime + p.cstime);
        return static_cast<double>(kind == Kind::cpu_secs ? v / hz : v);
    }
    case Kind::start: {
        // whole seconds since the epoch, as the start columns print them
        std::uint64_t epoch = ctx.si.boot_time + p.starttime / hz;
        return static_cast<double>(epoch);
    }
    default: break;
    }
    // The text ps shows, without tree art and uncut.
    std::string saved = std::move(ctx.forest_prefix);
    ctx.forest_prefix.clear();
    std::string text;
    def->fmt(p, ctx, text, INT_MAX / 2);
    ctx.forest_prefix = std::move(saved);
    if (kind == Kind::text) {
        if (text == "-") return {};
        return text;
    }
    auto n = shown_number(text);
    if (!n) return {};
    if (kind == Kind::kib) return *n * 1024.0;
    if (kind == Kind::pages) return *n * 1024.0 * static_cast<double>(ctx.si.page_kb);
    return *n;
}

bool row_matches(const expr::Expr& e, const proc::Process& p, pscols::Ctx& ctx, char row_kind) {
    return e.eval([&](std::string_view name) { return key_value(p, name, ctx, row_kind); });
}

void filter_rows(std::vector<proc::Process>& procs, std::vector<char>& row_kinds, const expr::Expr& e,
                 pscols::Ctx& ctx) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < procs.size(); ++i) {
        char kind = i < row_kinds.size() ? row_kinds[i] : 0;
        if (!row_matches(e, procs[i], ctx, kind)) continue;
        if (kept != i) {
            procs[kept] = std::move(procs[i]);
            if (i < row_kinds.size()) row_kinds[kept] = kind;
        }
        ++kept;
    }
    procs.resize(kept);
    if (row_kinds.size() > kept) row_kinds.resize(kept);
}

bool run_check(const std::vector<proc::Process>& procs, const std::vector<char>& row_kinds,
               const RowTests& tests, pscols::Ctx& ctx, std::vector<std::size_t>& failing) {
    std::size_t matched = 0;
    for (std::size_t i = 0; i < procs.size(); ++i) {
        if (row_matches(*tests.check, procs[i], ctx, i < row_kinds.size() ? row_kinds[i] : 0)) ++matched;
        else failing.push_back(i);
    }
    return expr::check_passes(tests.mode, procs.size(), matched);
}

bool compile_tests(const Options& o, RowTests& tests, std::string& message) {
    std::string msg;
    if (expr::compile_row_tests(o.filter, o.check, o.check_any, known_key, tests, msg, o.filter_option.c_str()))
        return true;
    // the caret goes under the expression that failed: the filter's when the message names it
    const bool filter_failed = o.filter && msg.compare(8, o.filter_option.size() + 1, o.filter_option + " ") == 0;
    const std::string& text = filter_failed ? *o.filter : *o.check;
    message = "ps: " + msg + "\n" + caret_lines(text, message_column(msg));
    return false;
}

std::uint32_t tests_needs(const RowTests& tests) {
    std::uint32_t n = 0;
    for (const auto* e : {&tests.filter, &tests.check}) {
        if (!*e) continue;
        for (const auto& name : (*e)->identifiers())
            if (const auto* def = pscols::find_column(name)) n |= def->needs;
    }
    return n;
}

}  // namespace procstat::ps
