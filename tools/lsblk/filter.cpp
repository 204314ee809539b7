// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk device values for the filter/check language.
#include "filter.hpp"

#include <string>

#include "procstat/core/parse_util.hpp"

namespace procstat::lsblk_tool {

using block::Col;
using block::ColType;

bool known_field(std::string_view name) { return block::find_column(name) != nullptr; }

expr::Value field_value(block::DeviceData& data, const block::Device& dev, const block::Device* parent,
                        std::string_view name) {
    const block::ColInfo* ci = block::find_column(name);
    if (!ci) return {};
    if (ci->id == Col::maj_min) return std::to_string(dev.maj) + ":" + std::to_string(dev.min);
    block::CellData c = data.get(dev, parent, ci->id);
    if (!c.text) return {};
    if (ci->id == Col::fsuse_pct) {
        // "42%", or "-" for a file system without blocks
        std::string_view t = parse::trim(*c.text);
        if (t.empty() || t.back() != '%') return {};
        auto v = parse::to_u64(t.substr(0, t.size() - 1));
        if (!v) return {};
        return static_cast<double>(*v);
    }
    switch (ci->type) {
    case ColType::size:
        // the sort key is the byte count in every display unit
        if (c.raw) return static_cast<double>(*c.raw);
        if (auto v = parse::to_u64(*c.text)) return static_cast<double>(*v);
        if (*c.text == "0B") return 0.0;  // WSAME without the attribute
        return {};
    case ColType::num:
    case ColType::boolean: {
        if (c.raw) return static_cast<double>(*c.raw);
        if (auto v = parse::to_i64(parse::trim(*c.text))) return static_cast<double>(*v);
        return *c.text;
    }
    default: return *c.text;
    }
}

}  // namespace procstat::lsblk_tool
