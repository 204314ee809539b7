// SPDX-License-Identifier: GPL-2.0-or-later
// The values of one du line as the filter/check language sees them (bytes, counts, names).
#include "procstat/walk/du_fields.hpp"

#include <array>
#include <string>

namespace procstat::walk {

namespace {

enum class Field { size, disk, apparent, inodes, path, depth, time, dir };

struct Name {
    std::string_view name;
    Field field;
};

constexpr std::array<Name, 8> names = {{
    {"size", Field::size},
    {"disk", Field::disk},
    {"apparent", Field::apparent},
    {"inodes", Field::inodes},
    {"path", Field::path},
    {"depth", Field::depth},
    {"time", Field::time},
    {"dir", Field::dir},
}};

bool field_of(std::string_view name, Field& f) {
    for (const auto& n : names)
        if (n.name == name) {
            f = n.field;
            return true;
        }
    return false;
}

double number(std::uint64_t v) { return static_cast<double>(v); }

}  // namespace

bool du_known_field(std::string_view name) {
    Field f;
    return field_of(name, f);
}

expr::Value du_field_value(const DuRow& row, const DuOptions& o, std::string_view name) {
    Field f;
    if (!field_of(name, f)) return {};
    switch (f) {
    case Field::size: return number(o.apparent ? row.size.apparent : row.size.bytes);
    case Field::disk: return number(row.size.bytes);
    case Field::apparent: return number(row.size.apparent);
    case Field::inodes: return number(row.size.inodes);
    case Field::path:
        if (!row.path) return {};
        return *row.path;
    case Field::depth: return number(row.level);
    case Field::time:
        if (o.time == TimeKind::none) return {};
        return static_cast<double>(row.size.time.tv_sec);
    case Field::dir: return row.is_dir;
    }
    return {};
}

}  // namespace procstat::walk
