// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt row values for the filter/check language.
#include "filter.hpp"

#include <cmath>

#include <fmt/format.h>

#include "procstat/core/parse_util.hpp"

namespace procstat::findmnt {

bool known_field(std::string_view name) { return column_by_name(name).has_value(); }

expr::Value field_value(std::string_view name, const FsEntry& fs, const CellContext& ctx) {
    auto c = column_by_name(name);
    if (!c) return {};
    switch (*c) {
    case Col::size:
    case Col::avail:
    case Col::used:
    case Col::useperc: {
        auto u = ctx.usage ? ctx.usage(fs.target) : std::nullopt;
        if (!u) return {};
        // compat: the u64 products findmnt prints (f_frsize * count)
        if (*c == Col::size) return static_cast<double>(u->frsize * u->blocks);
        if (*c == Col::avail) return static_cast<double>(u->frsize * u->bavail);
        if (*c == Col::used) return static_cast<double>(u->frsize * (u->blocks - u->bfree));
        if (u->blocks == 0) return {};
        // the number USE% shows, rounded the same way ("%.0f")
        double p = static_cast<double>(u->blocks - u->bfree) / static_cast<double>(u->blocks) * 100;
        return std::nearbyint(p);
    }
    case Col::id:
    case Col::parent:
    case Col::freq:
    case Col::passno:
    case Col::tid: {
        auto v = parse::to_i64(cell_text(*c, fs, ctx));
        if (!v) return {};
        return static_cast<double>(*v);
    }
    case Col::majmin: {
        if (!fs.kernel || (fs.major == 0 && fs.minor == 0)) return {};  // as cell_text()
        return fmt::format("{}:{}", fs.major, fs.minor);
    }
    default: return cell_text(*c, fs, ctx);
    }
}

}  // namespace procstat::findmnt
