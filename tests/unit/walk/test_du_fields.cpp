// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of du's filter/check identifiers: values of hand-made rows, and expressions on them.
#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "procstat/expr/expr.hpp"
#include "procstat/walk/du_fields.hpp"

using namespace procstat;
using namespace procstat::walk;

namespace {

DuRow make_row(const std::string& path, std::uint64_t bytes, std::uint64_t apparent, std::uint64_t inodes,
               std::size_t level, bool dir) {
    DuRow r;
    r.path = &path;
    r.size.bytes = bytes;
    r.size.apparent = apparent;
    r.size.inodes = inodes;
    r.size.time = {1'600'000'000, 999'999'999};
    r.level = level;
    r.is_dir = dir;
    return r;
}

bool matches(const std::string& text, const DuRow& row, const DuOptions& o) {
    std::string msg;
    auto e = expr::compile(text, du_known_field, msg);
    REQUIRE(e.has_value());
    return e->eval([&](std::string_view n) { return du_field_value(row, o, n); });
}

}  // namespace

TEST_CASE("du fields: the known identifiers and nothing else", "[du_fields]") {
    for (const char* n : {"size", "disk", "apparent", "inodes", "path", "depth", "time", "dir"})
        CHECK(du_known_field(n));
    for (const char* n : {"", "Size", "bytes", "use%", "name", "size ", "directory"}) CHECK_FALSE(du_known_field(n));
    std::string msg;
    CHECK_FALSE(expr::compile("sise > 1", du_known_field, msg));
    CHECK(msg == "column 1: unknown column 'sise'");
}

TEST_CASE("du fields: size follows --apparent-size, disk and apparent never do", "[du_fields]") {
    const std::string p = "a/b";
    DuRow r = make_row(p, 8192, 100, 3, 1, true);
    DuOptions o;
    CHECK(std::get<double>(du_field_value(r, o, "size")) == 8192);
    o.apparent = true;
    CHECK(std::get<double>(du_field_value(r, o, "size")) == 100);
    CHECK(std::get<double>(du_field_value(r, o, "disk")) == 8192);
    CHECK(std::get<double>(du_field_value(r, o, "apparent")) == 100);
    o.inodes = true;  // --inodes changes what du prints, not what size means
    CHECK(std::get<double>(du_field_value(r, o, "size")) == 100);
    CHECK(std::get<double>(du_field_value(r, o, "inodes")) == 3);
    CHECK(std::get<double>(du_field_value(r, o, "depth")) == 1);
    CHECK(std::get<std::string>(du_field_value(r, o, "path")) == "a/b");
    CHECK(std::get<bool>(du_field_value(r, o, "dir")));
    CHECK(std::holds_alternative<std::monostate>(du_field_value(r, o, "nope")));
}

TEST_CASE("du fields: time only with --time, whole seconds", "[du_fields]") {
    const std::string p = "f";
    DuRow r = make_row(p, 0, 0, 1, 0, false);
    DuOptions o;
    CHECK(std::holds_alternative<std::monostate>(du_field_value(r, o, "time")));
    CHECK_FALSE(matches("time >= 0", r, o));
    CHECK(matches("not (time >= 0)", r, o));
    o.time = TimeKind::mtime;
    CHECK(std::get<double>(du_field_value(r, o, "time")) == 1'600'000'000);
    CHECK(matches("time == 1600000000", r, o));
}

TEST_CASE("du fields: expressions on rows, sizes in bytes, hostile paths", "[du_fields]") {
    const std::string nl = std::string("dir/new\nline\xff", 13);
    DuRow r = make_row(nl, 5ULL << 30, 1, 2, 2, false);
    DuOptions o;
    CHECK(matches("size == 5G", r, o));
    CHECK_FALSE(matches("size < 5G", r, o));
    CHECK(matches("size > 5GB", r, o));  // 5e9 < 5 GiB
    CHECK(matches("path =~ \"\\n\" and not dir and depth > 1", r, o));
    CHECK(matches("path != 'dir/new'", r, o));
    CHECK(matches("inodes == 2 || size < 1", r, o));
    // the largest sizes stay ordered (doubles, exact to 2^53, approximate beyond)
    const std::string big = "big";
    DuRow h = make_row(big, std::numeric_limits<std::uint64_t>::max(), 0, 1, 0, true);
    CHECK(matches("size > 1E", h, o));
    CHECK(matches("dir", h, o));
}
