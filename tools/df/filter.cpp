// SPDX-License-Identifier: GPL-2.0-or-later
// df's row values for the filter/check language (bytes, counts, percentages, names) and the
// filtering and checking of report rows.
#include "filter.hpp"

#include <algorithm>
#include <cstdio>

#include "options.hpp"

namespace procstat::df {

namespace {

using fsusage::DfField;

// "use%"/"iuse%" are the spellings of the issue and of df's headers; the rest are --output's.
bool field_of(std::string_view name, DfField& f) {
    if (name == "use%") {
        f = DfField::pcent;
        return true;
    }
    if (name == "iuse%") {
        f = DfField::ipcent;
        return true;
    }
    return fsusage::df_field_lookup(name, f);
}

// A count of UNITS-sized units as a number of bytes (or of inodes with UNITS 1), signed when
// NEGATIVE; absent when df would print "-".
expr::Value amount(std::uint64_t n, bool negative, std::uint64_t units) {
    if (negative) return -static_cast<double>(-n) * static_cast<double>(units);
    if (!fsusage::known_value(n)) return {};
    return static_cast<double>(n) * static_cast<double>(units);
}

expr::Value percent(const fsusage::FieldValues& v) {
    double p = fsusage::used_percent(v);
    if (p < 0) return {};
    return p;
}

}  // namespace

bool known_field(std::string_view name) {
    DfField f;
    return field_of(name, f);
}

expr::Value field_value(const fsusage::DfRow& r, std::string_view name) {
    DfField f;
    if (!field_of(name, f)) return {};
    switch (f) {
    case DfField::source: return r.source;
    case DfField::fstype: return r.fstype;
    case DfField::file: return r.file;
    case DfField::target: return r.target;
    default: break;
    }
    const bool inode = f == DfField::itotal || f == DfField::iused || f == DfField::iavail || f == DfField::ipcent;
    // Output block size 1: the values stay in counted units, input_units gives bytes per unit.
    fsusage::FieldValues v = inode ? fsusage::inode_values(r.usage) : fsusage::block_values(r.usage, 1);
    switch (f) {
    case DfField::size:
    case DfField::itotal: return amount(v.total, false, v.input_units);
    case DfField::used:
    case DfField::iused: return amount(v.used, v.negate_used, v.input_units);
    case DfField::avail:
    case DfField::iavail: return amount(v.available, v.negate_available, v.input_units);
    default: return percent(v);
    }
}

bool compile_tests(const Options& o, RowTests& tests) {
    std::string msg;
    if (expr::compile_row_tests(o.filter, o.check, o.check_any, known_field, tests, msg)) return true;
    std::fprintf(stderr, "%s: %s\n", program_name(), msg.c_str());
    std::fprintf(stderr, "Try '%s --help' for more information.\n", program_name());
    return false;
}

void filter_rows(std::vector<fsusage::DfRow>& rows, const expr::Expr& e) {
    std::erase_if(rows, [&](const fsusage::DfRow& r) {
        return !r.is_total && !e.eval([&](std::string_view n) { return field_value(r, n); });
    });
}

bool run_check(const std::vector<fsusage::DfRow>& rows, const RowTests& tests,
               std::vector<fsusage::DfRow>& failing) {
    std::size_t n = 0, matched = 0;
    for (const auto& r : rows) {
        if (r.is_total) continue;
        ++n;
        if (tests.check->eval([&](std::string_view name) { return field_value(r, name); }))
            ++matched;
        else
            failing.push_back(r);
    }
    return expr::check_passes(tests.mode, n, matched);
}

}  // namespace procstat::df
