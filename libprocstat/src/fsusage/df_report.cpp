// SPDX-License-Identifier: GPL-2.0-or-later
// df's column catalogue, text table, JSON document and sorting, from typed rows.
#include "procstat/fsusage/df_report.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cwchar>

#include "procstat/out/json.hpp"
#include "procstat/out/text.hpp"
#include "procstat/units/gnu_size.hpp"

namespace procstat::fsusage {


namespace {

constexpr const char* field_names[df_field_count] = {"source", "fstype", "itotal", "iused",
                                                     "iavail", "ipcent", "size",   "used",
                                                     "avail",  "pcent",  "file",   "target"};

bool is_block(DfField f) { return f == DfField::size || f == DfField::used || f == DfField::avail || f == DfField::pcent; }
bool is_inode(DfField f) {
    return f == DfField::itotal || f == DfField::iused || f == DfField::iavail || f == DfField::ipcent;
}
bool is_left(DfField f) {
    return f == DfField::source || f == DfField::fstype || f == DfField::target || f == DfField::file;
}

// compat: df.c's minimum column widths.
std::size_t min_width(DfField f) {
    switch (f) {
    case DfField::source: return 14;
    case DfField::fstype: return 4;
    case DfField::pcent:
    case DfField::ipcent: return 4;
    case DfField::target:
    case DfField::file: return 0;
    default: return 5;
    }
}

std::string size_header(const DfFormat& o) {
    if (o.mode == DfHeaderMode::posix) return std::to_string(o.block_size) + "-blocks";
    if (o.mode == DfHeaderMode::normal ||
        (o.mode == DfHeaderMode::output && !(o.human_opts & units::human_autoscale))) {
        unsigned opts = units::human_suppress_point_zero | units::human_autoscale | units::human_SI |
                        (o.human_opts & (units::human_group_digits | units::human_base_1024 | units::human_B));
        // compat: prefer the base that makes the number exact ("1K" for 1024, "1kB" for 1000).
        std::uint64_t q1000 = o.block_size, q1024 = o.block_size;
        bool by1000, by1024;
        do {
            by1000 = q1000 % 1000 == 0;
            q1000 /= 1000;
            by1024 = q1024 % 1024 == 0;
            q1024 /= 1024;
        } while (by1000 && by1024);
        if (by1000 < by1024) opts |= units::human_base_1024;
        if (by1024 < by1000) opts &= ~unsigned(units::human_base_1024);
        if (!(opts & units::human_base_1024)) opts |= units::human_B;
        return units::human_readable(o.block_size, opts, 1, 1) + "-blocks";
    }
    return "Size";
}

std::string header_text(DfField f, const DfFormat& o) {
    switch (f) {
    case DfField::source: return "Filesystem";
    case DfField::fstype: return "Type";
    case DfField::size: return size_header(o);
    case DfField::used: return "Used";
    case DfField::avail:
        return o.mode == DfHeaderMode::human || o.mode == DfHeaderMode::output ? "Avail" : "Available";
    case DfField::pcent: return o.mode == DfHeaderMode::posix ? "Capacity" : "Use%";
    case DfField::itotal: return "Inodes";
    case DfField::iused: return "IUsed";
    case DfField::iavail: return "IFree";
    case DfField::ipcent: return "IUse%";
    case DfField::file: return "File";
    case DfField::target: return "Mounted on";
    }
    return {};
}

FieldValues values_for(DfField f, const DfRow& r, const DfFormat& o) {
    return is_inode(f) ? inode_values(r.usage) : block_values(r.usage, o.block_size);
}

std::string cell_text(DfField f, const DfRow& r, const DfFormat& o) {
    switch (f) {
    case DfField::source: return r.source;
    case DfField::fstype: return r.fstype;
    case DfField::target: return r.target;
    case DfField::file: return r.file;
    default: break;
    }
    FieldValues v = values_for(f, r, o);
    switch (f) {
    case DfField::size:
    case DfField::itotal:
        return df_readable(false, v.total, o.human_opts, v.input_units, v.output_units);
    case DfField::used:
    case DfField::iused:
        return df_readable(v.negate_used, v.used, o.human_opts, v.input_units, v.output_units);
    case DfField::avail:
    case DfField::iavail:
        return df_readable(v.negate_available, v.available, o.human_opts, v.input_units,
                                    v.output_units);
    default: {
        double pct = used_percent(v);
        if (pct < 0) return "-";
        // nearly always a whole number (rounded up): no need for printf's float formatting
        if (pct <= 1e15 && pct == static_cast<double>(static_cast<std::uint64_t>(pct)))
            return std::to_string(static_cast<std::uint64_t>(pct)) + '%';
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f%%", pct);
        return buf;
    }
    }
}

// compat: df replaces control characters with '?' (so a newline in a mount point cannot break
// the table); other bytes are kept.
std::string hide_control_chars(std::string s) {
    for (char& c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) c = '?';
    }
    return s;
}

// In a multibyte locale a cell that is not valid text cannot be aligned; GNU prints it as is.
bool valid_multibyte(const std::string& s) {
    if (MB_CUR_MAX <= 1) return true;
    // ASCII is valid in every multibyte locale glibc has (the common case: numbers, most paths)
    if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return true;
    std::mbstate_t st{};
    const char* p = s.data();
    std::size_t left = s.size();
    while (left > 0) {
        wchar_t wc;
        std::size_t n = std::mbrtowc(&wc, p, left, &st);
        if (n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2)) return false;
        if (n == 0) n = 1;
        p += n;
        left -= n;
    }
    return true;
}

// Typed value for sorting and JSON: bytes for block fields, counts for inodes.
struct Num {
    bool known = false;
    bool negative = false;
    long double value = 0;  // signed magnitude
};

Num number_of(DfField f, const DfRow& r, const DfFormat& o) {
    FieldValues v = values_for(f, r, o);
    Num n;
    auto mk = [&](bool neg, std::uint64_t x) {
        if (!known_value(x) && !neg) return;
        n.known = true;
        n.negative = neg;
        std::uint64_t mag = neg ? -x : x;
        long double units = is_block(f) ? static_cast<long double>(v.input_units) : 1.0L;
        n.value = static_cast<long double>(mag) * units * (neg ? -1 : 1);
    };
    switch (f) {
    case DfField::size:
    case DfField::itotal: mk(false, v.total); break;
    case DfField::used:
    case DfField::iused: mk(v.negate_used, v.used); break;
    case DfField::avail:
    case DfField::iavail: mk(v.negate_available, v.available); break;
    case DfField::pcent:
    case DfField::ipcent: {
        double pct = used_percent(v);
        if (pct >= 0) {
            n.known = true;
            n.value = pct;
        }
        break;
    }
    default: break;
    }
    return n;
}

const std::string& text_of(DfField f, const DfRow& r) {
    switch (f) {
    case DfField::source: return r.source;
    case DfField::fstype: return r.fstype;
    case DfField::file: return r.file;
    default: return r.target;
    }
}

}  // namespace

const char* df_field_name(DfField f) { return field_names[static_cast<int>(f)]; }

bool df_field_lookup(std::string_view name, DfField& f) {
    for (int i = 0; i < df_field_count; ++i)
        if (name == field_names[i]) {
            f = static_cast<DfField>(i);
            return true;
        }
    return false;
}

std::string df_header(DfField f, const DfFormat& fmt) { return header_text(f, fmt); }

std::string df_cell(DfField f, const DfRow& r, const DfFormat& fmt) { return cell_text(f, r, fmt); }

void df_sort_rows(std::vector<DfRow>& rows, const std::vector<DfSortKey>& keys, const DfFormat& o) {
    if (keys.empty()) return;
    auto end = rows.end();
    if (!rows.empty() && rows.back().is_total) --end;
    std::stable_sort(rows.begin(), end, [&](const DfRow& a, const DfRow& b) {
        for (const DfSortKey& k : keys) {
            int c = 0;
            if (is_left(k.field)) {
                c = text_of(k.field, a).compare(text_of(k.field, b));
            } else {
                Num x = number_of(k.field, a, o), y = number_of(k.field, b, o);
                // unknown values sort before every known one
                if (x.known != y.known) c = x.known ? 1 : -1;
                else if (x.value != y.value) c = x.value < y.value ? -1 : 1;
            }
            if (c != 0) return k.descending ? c > 0 : c < 0;
        }
        return false;
    });
}

std::string df_render_text(const std::vector<DfRow>& rows, const DfFormat& o) {
    const auto& fields = o.fields;
    const std::size_t ncol = fields.size();
    // One flat vector of cells (header first), row-major: one allocation instead of one per row.
    std::vector<std::string> cells;
    cells.reserve((rows.size() + 1) * ncol);
    for (DfField f : fields) cells.push_back(hide_control_chars(header_text(f, o)));
    for (const auto& r : rows)
        for (DfField f : fields) cells.push_back(hide_control_chars(cell_text(f, r, o)));
    std::vector<std::size_t> width(ncol);
    std::vector<std::size_t> cell_width(cells.size());
    for (std::size_t c = 0; c < ncol; ++c) width[c] = min_width(fields[c]);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        cell_width[i] = out::display_width(cells[i]);
        width[i % ncol] = std::max(width[i % ncol], cell_width[i]);
    }
    // The text's size (at most: padding is counted even where it is left out), so that the
    // output is built in one allocation.
    std::size_t size = cells.size();  // separators and newlines
    for (std::size_t i = 0; i < cells.size(); ++i)
        size += cells[i].size() + (width[i % ncol] - std::min(width[i % ncol], cell_width[i]));
    std::string outs;
    outs.reserve(size);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::size_t c = i % ncol;
        if (c) outs += ' ';
        const std::string& s = cells[i];
        if (!valid_multibyte(s)) {
            outs += s;
        } else {
            std::size_t w = cell_width[i];
            std::size_t fill = width[c] > w ? width[c] - w : 0;
            bool last = c + 1 == ncol;
            if (is_left(fields[c])) {
                outs += s;
                if (!last) out::pad(outs, fill);
            } else {
                out::pad(outs, fill);
                outs += s;
            }
        }
        if (c + 1 == ncol) outs += '\n';
    }
    return outs;
}

std::string df_render_json(const std::vector<DfRow>& rows, const DfFormat& o) {
    std::string s;
    out::JsonWriter w(s);
    w.begin_object();
    w.begin_array("filesystems");
    for (const auto& r : rows) {
        w.begin_object();
        for (DfField f : o.fields) {
            const char* key = df_field_name(f);
            if (is_left(f)) {
                w.string(key, text_of(f, r));
                continue;
            }
            Num n = number_of(f, r, o);
            if (!n.known) {
                w.null(key);
            } else if (n.value < 0) {
                w.number(key, static_cast<std::int64_t>(std::max<long double>(n.value, INT64_MIN)));
            } else {
                w.number(key, static_cast<std::uint64_t>(std::min<long double>(n.value, static_cast<long double>(UINT64_MAX))));
            }
        }
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.finish();
    return s;
}

}  // namespace procstat::fsusage
