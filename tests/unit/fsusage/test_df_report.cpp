// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of df's column headers, cells, aligned table, JSON document and sorting.
#include <catch2/catch.hpp>

#include "procstat/fsusage/df_report.hpp"
#include "procstat/units/gnu_size.hpp"

using namespace procstat;
using namespace procstat::fsusage;
using F = DfField;

namespace {

DfFormat fmt(DfHeaderMode mode, std::uint64_t bs, unsigned opts = 0) {
    DfFormat f;
    f.mode = mode;
    f.block_size = bs;
    f.human_opts = opts;
    f.fields = {F::source, F::size, F::used, F::avail, F::pcent, F::target};
    return f;
}

DfRow row(std::string source, std::string target, std::uint64_t bs, std::uint64_t blocks,
          std::uint64_t bfree, std::uint64_t bavail) {
    DfRow r;
    r.source = std::move(source);
    r.target = std::move(target);
    r.fstype = "tmpfs";
    r.file = "-";
    r.usage = {bs, blocks, bfree, bavail, false, 100, 90};
    return r;
}

constexpr unsigned human = units::human_autoscale | units::human_SI | units::human_base_1024;

}  // namespace

TEST_CASE("size column header follows GNU's base choice", "[fsusage]") {
    using M = DfHeaderMode;
    CHECK(df_header(F::size, fmt(M::normal, 1024)) == "1K-blocks");
    CHECK(df_header(F::size, fmt(M::normal, 1000)) == "1kB-blocks");
    CHECK(df_header(F::size, fmt(M::normal, 1)) == "1B-blocks");
    CHECK(df_header(F::size, fmt(M::normal, 512)) == "512B-blocks");
    CHECK(df_header(F::size, fmt(M::normal, 1048576)) == "1M-blocks");
    CHECK(df_header(F::size, fmt(M::normal, 1000000)) == "1MB-blocks");
    CHECK(df_header(F::size, fmt(M::posix, 1024)) == "1024-blocks");
    CHECK(df_header(F::size, fmt(M::posix, 512)) == "512-blocks");
    CHECK(df_header(F::size, fmt(M::human, 1, human)) == "Size");
    CHECK(df_header(F::size, fmt(M::output, 1, human)) == "Size");
    CHECK(df_header(F::size, fmt(M::output, 1024)) == "1K-blocks");
    CHECK(df_header(F::avail, fmt(M::normal, 1024)) == "Available");
    CHECK(df_header(F::avail, fmt(M::human, 1, human)) == "Avail");
    CHECK(df_header(F::avail, fmt(M::output, 1024)) == "Avail");
    CHECK(df_header(F::pcent, fmt(M::posix, 1024)) == "Capacity");
    CHECK(df_header(F::ipcent, fmt(M::inodes, 1024)) == "IUse%");
    CHECK(df_header(F::target, fmt(M::normal, 1024)) == "Mounted on");
}

TEST_CASE("field names round-trip", "[fsusage]") {
    for (int i = 0; i < df_field_count; ++i) {
        DfField f;
        REQUIRE(df_field_lookup(df_field_name(static_cast<DfField>(i)), f));
        CHECK(static_cast<int>(f) == i);
    }
    DfField f;
    CHECK_FALSE(df_field_lookup("Size", f));
    CHECK_FALSE(df_field_lookup("", f));
}

TEST_CASE("aligned table: minimum widths, right-aligned numbers, no trailing blanks", "[fsusage]") {
    auto f = fmt(DfHeaderMode::normal, 1024);
    std::vector<DfRow> rows = {row("tmpfs", "/run", 4096, 256, 250, 250)};
    CHECK(df_render_text(rows, f) ==
          "Filesystem     1K-blocks  Used Available Use% Mounted on\n"
          "tmpfs               1024    24      1000   3% /run\n");
    // a long source widens its column; control characters become '?'
    rows.push_back(row("a-rather-long-source", "/mnt/new\nline", 1024, 10, 10, 10));
    CHECK(df_render_text(rows, f) ==
          "Filesystem           1K-blocks  Used Available Use% Mounted on\n"
          "tmpfs                     1024    24      1000   3% /run\n"
          "a-rather-long-source        10     0        10   0% /mnt/new?line\n");
}

TEST_CASE("cells: unknown values, zero-size percent, human sizes", "[fsusage]") {
    auto f = fmt(DfHeaderMode::normal, 1024);
    DfRow unknown_row = row("x", "/x", unknown, unknown, unknown, unknown);
    CHECK(df_cell(F::size, unknown_row, f) == "-");
    CHECK(df_cell(F::pcent, unknown_row, f) == "-");
    DfRow empty = row("e", "/e", 4096, 0, 0, 0);
    CHECK(df_cell(F::pcent, empty, f) == "-");
    CHECK(df_cell(F::size, empty, f) == "0");
    auto h = fmt(DfHeaderMode::human, 1, human);
    DfRow big = row("b", "/b", 4096, 262144, 131072, 131072);  // 1 GiB, half used
    CHECK(df_cell(F::size, big, h) == "1.0G");
    CHECK(df_cell(F::used, big, h) == "512M");
    CHECK(df_cell(F::pcent, big, h) == "50%");
    CHECK(df_cell(F::itotal, big, f) == "100");
    CHECK(df_cell(F::iused, big, f) == "10");
    CHECK(df_cell(F::ipcent, big, f) == "10%");
}

TEST_CASE("JSON document: bytes, numbers, null for unknown", "[fsusage]") {
    auto f = fmt(DfHeaderMode::output, 1024);
    f.fields = {F::source, F::size, F::pcent, F::target};
    std::vector<DfRow> rows = {row("t\"q", "/a", 4096, 10, 5, 5),
                               row("u", "/u", unknown, unknown, unknown, unknown)};
    CHECK(df_render_json(rows, f) ==
          "{\n"
          "   \"filesystems\": [\n"
          "      {\n"
          "         \"source\": \"t\\\"q\",\n"
          "         \"size\": 40960,\n"
          "         \"pcent\": 50,\n"
          "         \"target\": \"/a\"\n"
          "      },\n"
          "      {\n"
          "         \"source\": \"u\",\n"
          "         \"size\": null,\n"
          "         \"pcent\": null,\n"
          "         \"target\": \"/u\"\n"
          "      }\n"
          "   ]\n"
          "}\n");
}

TEST_CASE("sorting: typed keys, stable ties, the total stays last", "[fsusage]") {
    auto f = fmt(DfHeaderMode::normal, 1024);
    std::vector<DfRow> rows = {row("a", "/a", 1024, 10, 10, 10), row("b", "/b", 4096, 10, 10, 10),
                               row("c", "/c", 1024, 10, 10, 10), row("d", "/d", unknown, unknown, unknown, unknown)};
    DfRow total = row("total", "-", 1, 100, 100, 100);
    total.is_total = true;
    rows.push_back(total);
    auto order = [&] {
        std::string s;
        for (const auto& r : rows) s += r.source + " ";
        return s;
    };
    df_sort_rows(rows, {{F::size, true}}, f);
    CHECK(order() == "b a c d total ");  // 40960 bytes first, equal a/c keep their order
    df_sort_rows(rows, {{F::size, false}, {F::target, true}}, f);
    CHECK(order() == "d c a b total ");  // unknown first
    df_sort_rows(rows, {{F::source, false}}, f);
    CHECK(order() == "a b c d total ");
}
