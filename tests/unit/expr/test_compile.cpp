// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of compile() (identifier validation, one-line messages), identifier columns and
// the --check/--check-any verdict, on fixture rows shaped like df's and free's records.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "procstat/expr/expr.hpp"

using namespace procstat::expr;

namespace {

bool df_name(std::string_view n) {
    static const std::vector<std::string_view> names = {"source", "fstype", "size", "used", "avail",
                                                        "pcent", "use%", "iuse%", "target"};
    for (auto k : names)
        if (k == n) return true;
    return false;
}

using Row = std::map<std::string, Value>;

std::size_t count_matches(const Expr& e, const std::vector<Row>& rows) {
    std::size_t n = 0;
    for (const auto& r : rows)
        if (e.eval([&](std::string_view name) {
                auto it = r.find(std::string(name));
                return it == r.end() ? Value{} : it->second;
            }))
            ++n;
    return n;
}

}  // namespace

TEST_CASE("compile accepts known identifiers and reports the first unknown one with its column") {
    std::string msg;
    CHECK(compile("use% < 90 and target != \"/\"", df_name, msg));
    CHECK(msg.empty());
    CHECK_FALSE(compile("use% < 90 and sise > 1G", df_name, msg));
    CHECK(msg == "column 15: unknown column 'sise'");
    CHECK_FALSE(compile("bogus or bogus or other", df_name, msg));
    CHECK(msg == "column 1: unknown column 'bogus'");
    // identifiers on the right-hand side are validated too
    CHECK_FALSE(compile("used < quota", df_name, msg));
    CHECK(msg == "column 8: unknown column 'quota'");
}

TEST_CASE("compile turns parse errors into one line with the column") {
    std::string msg;
    CHECK_FALSE(compile("use% <", df_name, msg));
    CHECK(msg == "column 7: expected a value after '<', found 'end of expression'");
    CHECK_FALSE(compile("(used > 1", df_name, msg));
    CHECK(msg == "column 1: missing ')' for this '('");
    CHECK_FALSE(compile("", df_name, msg));
    CHECK(msg == "column 1: empty expression");
    // control bytes of string literals cannot break the line
    CHECK_FALSE(compile("used \"a\nb\r\x7f\"", df_name, msg));
    CHECK(msg == "column 6: unexpected 'a\\x0ab\\x0d\\x7f'");
    CHECK(msg.find('\n') == std::string::npos);
    CHECK_FALSE(compile("used @ 1", df_name, msg));
    CHECK(msg == "column 6: unexpected character '@'");
}

TEST_CASE("identifier columns follow first appearances") {
    ParseError err;
    auto e = Expr::parse("  size > 1G or (used > 2 and size < 3) or buff/cache > 0", err);
    REQUIRE(e);
    CHECK(e->identifiers() == std::vector<std::string>{"size", "used", "buff/cache"});
    CHECK(e->identifier_columns() == std::vector<std::size_t>{3, 17, 43});
}

TEST_CASE("'/' belongs to identifiers (free's buff/cache), not to literals") {
    std::string msg;
    auto known = [](std::string_view n) { return n == "buff/cache"; };
    auto e = compile("buff/cache >= 1M", known, msg);
    REQUIRE(e);
    CHECK(e->eval([](std::string_view) { return Value{2.0 * 1024 * 1024}; }));
    CHECK_FALSE(compile("buff / cache > 1", known, msg));
}

TEST_CASE("check verdicts over df-like fixture rows") {
    const std::vector<Row> rows = {
        {{"target", std::string("/")}, {"use%", 64.0}, {"size", 4096000.0 * 1024}},
        {{"target", std::string("/run")}, {"use%", 3.0}, {"size", 1024.0 * 1024}},
        {{"target", std::string("/mnt/with space")}, {"use%", 100.0}, {"size", 2048.0 * 1024}},
        {{"target", std::string("/sys/fs/cgroup")}, {"use%", Value{}}, {"size", 0.0}},  // df's "-"
    };
    std::string msg;
    auto lt90 = compile("use% < 90", df_name, msg);
    REQUIRE(lt90);
    std::size_t m = count_matches(*lt90, rows);
    CHECK(m == 2);  // the full one fails, and so does the absent percentage
    CHECK_FALSE(check_passes(CheckMode::all, rows.size(), m));
    CHECK(check_passes(CheckMode::any, rows.size(), m));
    auto big = compile("size > 1T", df_name, msg);
    REQUIRE(big);
    CHECK(count_matches(*big, rows) == 0);
    CHECK_FALSE(check_passes(CheckMode::any, rows.size(), 0));
    auto known = compile("not (use% >= 0) or use% <= 100", df_name, msg);
    REQUIRE(known);
    CHECK(check_passes(CheckMode::all, rows.size(), count_matches(*known, rows)));
    // no rows: every row matches vacuously, no row matches at all
    CHECK(check_passes(CheckMode::all, 0, 0));
    CHECK_FALSE(check_passes(CheckMode::any, 0, 0));
}

TEST_CASE("hostile nesting is an error, not a stack overflow") {
    std::string msg;
    auto any = [](std::string_view) { return true; };
    CHECK_FALSE(compile(std::string(130000, '('), any, msg));
    CHECK(msg == "column 257: expression nested too deeply (more than 256 levels)");
    CHECK_FALSE(compile(std::string(130000, '!') + "x", any, msg));
    CHECK(msg == "column 257: expression nested too deeply (more than 256 levels)");
    CHECK_FALSE(compile(std::string(50000, '(') + std::string(50000, ')'), any, msg));
    // 256 levels are fine
    auto deep = compile(std::string(128, '(') + std::string(128, '!') + "x" + std::string(128, ')'), any, msg);
    REQUIRE(deep);
    CHECK(deep->eval([](std::string_view) { return Value{1.0}; }));
    // long flat chains (as long as one command-line argument can be) parse, evaluate and free
    std::string chain = "x > 0";
    while (chain.size() < 128 * 1024 - 16) chain += " and x > 0";
    auto flat = compile(chain, any, msg);
    REQUIRE(flat);
    CHECK(flat->eval([](std::string_view) { return Value{1.0}; }));
    CHECK_FALSE(flat->eval([](std::string_view) { return Value{}; }));
}

TEST_CASE("compile_row_tests: both expressions, the check mode and the option named in errors") {
    auto known = [](std::string_view n) { return n == "size" || n == "name"; };
    RowTests t;
    std::string msg;
    REQUIRE(compile_row_tests(std::string("size > 1G"), std::string("name == \"x\""), true, known, t, msg));
    CHECK(t.filter.has_value());
    CHECK(t.check.has_value());
    CHECK(t.mode == CheckMode::any);
    CHECK(t.any());

    RowTests none;
    REQUIRE(compile_row_tests(std::nullopt, std::nullopt, false, known, none, msg));
    CHECK_FALSE(none.any());
    CHECK(none.mode == CheckMode::all);

    RowTests bad;
    CHECK_FALSE(compile_row_tests(std::string("size > 1"), std::string("sise < 2"), true, known, bad, msg));
    CHECK(msg == "invalid --check-any expression: column 1: unknown column 'sise'");
    CHECK_FALSE(compile_row_tests(std::string("size >"), std::nullopt, false, known, bad, msg));
    CHECK(msg.rfind("invalid --filter expression: column ", 0) == 0);
}

TEST_CASE("identifiers may begin with '%' (ps' %cpu and %mem), a lone '%' is still an error") {
    auto known = [](std::string_view n) { return n == "%cpu" || n == "%mem" || n == "use%"; };
    std::string msg;
    auto e = compile("%cpu >= 1.5 and %mem < 90% and use% < 90%", known, msg);
    REQUIRE(e);
    CHECK(e->eval([](std::string_view n) -> Value { return n == "%cpu" ? Value(2.0) : Value(10.0); }));
    CHECK_FALSE(e->eval([](std::string_view) -> Value { return Value(1.0); }));
    CHECK_FALSE(compile("% > 1", known, msg));
    CHECK(msg.rfind("column 1: ", 0) == 0);
}
