// SPDX-License-Identifier: GPL-2.0-or-later
// Table: the one model every renderer consumes (column descriptors, typed cells, optional tree).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace procstat::out {

// Typed value of a cell, kept next to its display text for sorting and JSON.
// monostate means "absent" (JSON null; the text decides what the aligned view shows).
using Value = std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string,
                           std::vector<std::string>>;

enum class Align { left, right };

// How a column's value is written in JSON.
enum class JsonKind {
    string,   // always a JSON string (null when absent)
    number,   // a JSON number (null when absent)
    boolean,  // true/false (null when absent)
    array,    // an array of strings (util-linux multi-line cells such as MOUNTPOINTS)
};

// Column behaviour flags (util-linux libsmartcols has the same notions).
enum ColumnFlag : unsigned {
    col_trunc = 1u << 0,         // may be truncated when the terminal is too narrow
    col_tree = 1u << 1,          // carries the tree line art
    col_right = 1u << 2,         // right-aligned (same as align = right)
    col_strict_width = 1u << 3,  // never narrower than width_hint
    col_noextremes = 1u << 4,    // ignore unusually long values when sizing
    col_wrap = 1u << 5,          // multi-line cells
    col_hidden = 1u << 6,        // not shown (but usable for sorting)
};

struct ColumnSpec {
    std::string header;     // text shown in the header line (no padding baked in)
    std::string json_name;  // key in JSON and pairs output; empty = header as is
    Align align = Align::left;
    JsonKind json = JsonKind::string;
    unsigned flags = 0;
    double width_hint = 0;  // util-linux whint: <1 fraction of terminal, >=1 absolute cells
    std::size_t min_width = 0;
};

struct Cell {
    std::string text;  // display text (may contain '\n' for multi-line cells)
    Value value;       // typed value; monostate when absent
};

struct Row {
    std::vector<Cell> cells;
    std::ptrdiff_t parent = -1;  // index of the parent row in tree mode, -1 for top level
    // libsmartcols groups (lsblk -M), drawn in aligned tree output only. Ids are any numbers
    // >= 0 chosen by the caller. A row may be a member of one group; a top-level row may be a
    // child of one group: it is then printed right after the subtree of the group's last member
    // (the member row with the highest index) instead of in its own place.
    std::ptrdiff_t group = -1;        // group this row is a member of, -1 for none
    std::ptrdiff_t group_child = -1;  // group this top-level row is a child of, -1 for none
};

struct Table {
    std::string name;  // JSON top-level key ("blockdevices", "filesystems", ...)
    std::vector<ColumnSpec> columns;
    std::vector<Row> rows;

    // Append a row and return it; cells are sized to the column count.
    Row& add_row(std::ptrdiff_t parent = -1) {
        rows.emplace_back();
        rows.back().cells.resize(columns.size());
        rows.back().parent = parent;
        return rows.back();
    }
};

}  // namespace procstat::out
