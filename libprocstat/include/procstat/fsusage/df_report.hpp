// SPDX-License-Identifier: GPL-2.0-or-later
// df's columns and output: GNU's aligned table (header words, minimum widths, '?' for control
// characters), our --json document and --sort ordering, all from typed rows.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/fsusage/df_select.hpp"

namespace procstat::fsusage {

// The columns of --output, in GNU's order.
enum class DfField { source, fstype, itotal, iused, iavail, ipcent, size, used, avail, pcent, file, target };
inline constexpr int df_field_count = 12;

// GNU df's header modes: which default columns and header words.
enum class DfHeaderMode { normal, inodes, human, posix, output };

struct DfSortKey {
    DfField field = DfField::source;
    bool descending = false;
};

// How rows are shown.
struct DfFormat {
    DfHeaderMode mode = DfHeaderMode::normal;
    unsigned human_opts = 0;          // units::HumanOpt bits
    std::uint64_t block_size = 1024;  // output block size (1 with -h/-H)
    std::vector<DfField> fields;
};

// Field name as --output spells it, and the reverse lookup.
const char* df_field_name(DfField f);
bool df_field_lookup(std::string_view name, DfField& f);

// The header of a column ("1K-blocks", "Size", "Capacity", ...).
std::string df_header(DfField f, const DfFormat& fmt);

// The text of one cell as GNU df prints it (before control characters become '?').
std::string df_cell(DfField f, const DfRow& r, const DfFormat& fmt);

// Order the rows (not the total) by KEYS; ties keep GNU's order.
void df_sort_rows(std::vector<DfRow>& rows, const std::vector<DfSortKey>& keys, const DfFormat& fmt);

// The aligned text GNU df prints (header line included).
std::string df_render_text(const std::vector<DfRow>& rows, const DfFormat& fmt);

// {"filesystems": [...]}: one object per row with the selected fields; sizes in bytes.
std::string df_render_json(const std::vector<DfRow>& rows, const DfFormat& fmt);

}  // namespace procstat::fsusage
