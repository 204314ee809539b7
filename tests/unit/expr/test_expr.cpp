// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the filter/check expression language: grammar, literals, evaluation, errors.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "procstat/expr/expr.hpp"

using namespace procstat::expr;

namespace {
// A fixture row: a df-like filesystem line.
const std::map<std::string, Value> row = {
    {"target", std::string("/var/log")},
    {"source", std::string("/dev/sda1")},
    {"use%", 93.0},
    {"size", 10.0 * 1024 * 1024 * 1024},
    {"avail", 700.0 * 1024 * 1024},
    {"comm", std::string("kworker/0:1")},
    {"ro", false},
    {"label", Value{}},
    {"pid", 42.0},
    {"count", std::string("12")},
};

Value lookup(std::string_view name) {
    auto it = row.find(std::string(name));
    return it == row.end() ? Value{} : it->second;
}

bool eval(const char* text) {
    ParseError err;
    auto e = Expr::parse(text, err);
    INFO(text << " -> " << err.format(text));
    REQUIRE(e);
    return e->eval(lookup);
}

ParseError error_of(const char* text) {
    ParseError err;
    auto e = Expr::parse(text, err);
    INFO(text);
    REQUIRE_FALSE(e);
    return err;
}
}  // namespace

TEST_CASE("number, size and percent literals") {
    CHECK(parse_number("10") == 10.0);
    CHECK(parse_number("1.5") == 1.5);
    CHECK(parse_number("10G") == 10.0 * 1024 * 1024 * 1024);
    CHECK(parse_number("10g") == 10.0 * 1024 * 1024 * 1024);
    CHECK(parse_number("4KiB") == 4096.0);
    CHECK(parse_number("10GB") == 10e9);
    CHECK(parse_number("1.5M") == 1.5 * 1024 * 1024);
    CHECK(parse_number("90%") == 90.0);
    CHECK(parse_number("512B") == 512.0);
    CHECK_FALSE(parse_number("10X"));
    CHECK_FALSE(parse_number("G"));
    CHECK_FALSE(parse_number("1KBB"));
    CHECK_FALSE(parse_number(""));
}

TEST_CASE("comparisons on numbers, sizes and percentages") {
    CHECK(eval("use% > 90"));
    CHECK_FALSE(eval("use% < 90%"));
    CHECK(eval("size == 10G"));
    CHECK(eval("size >= 10737418240"));
    CHECK(eval("avail < 1G"));
    CHECK_FALSE(eval("avail > 1G"));
    CHECK(eval("pid = 42"));
    CHECK(eval("pid != 41"));
    CHECK(eval("count > 9"));  // numeric strings compare as numbers
}

TEST_CASE("strings and regular expressions") {
    CHECK(eval("target == \"/var/log\""));
    CHECK(eval("target != '/'"));
    CHECK(eval("comm =~ \"^kworker\""));
    CHECK_FALSE(eval("comm !~ \"^kworker\""));
    CHECK(eval("source =~ \"sd[a-z][0-9]$\""));
    CHECK(eval("comm == \"kworker/0:1\""));
    CHECK(eval("target < \"/w\""));
    CHECK(eval("\"a\\\"b\" == 'a\"b'"));
}

TEST_CASE("boolean operators, precedence and parentheses") {
    CHECK(eval("use% > 90 and target == \"/var/log\""));
    CHECK(eval("use% > 95 or target == \"/var/log\""));
    CHECK_FALSE(eval("use% > 95 || pid == 1"));
    CHECK(eval("not ro"));
    CHECK(eval("!ro && pid"));
    CHECK(eval("pid == 1 or pid == 42 and use% > 90"));      // and binds tighter
    CHECK_FALSE(eval("(pid == 1 or pid == 42) and use% > 95"));
    CHECK(eval("NOT (pid == 1) AND target"));  // keywords are case-insensitive
}

TEST_CASE("absent values make comparisons false") {
    CHECK_FALSE(eval("label == \"x\""));
    CHECK_FALSE(eval("label != \"x\""));
    CHECK_FALSE(eval("label =~ \".\""));
    CHECK_FALSE(eval("nosuchcolumn > 1"));
    CHECK(eval("not label"));
    CHECK_FALSE(eval("comm > 5"));  // a non-numeric string is not ordered against a number
    CHECK(eval("comm != 5"));
}

TEST_CASE("identifiers are collected once, in order") {
    ParseError err;
    auto e = Expr::parse("use% > 90 and (target =~ \"^/v\" or use% < 2) and maj:min == \"8:1\"", err);
    REQUIRE(e);
    CHECK(e->identifiers() == std::vector<std::string>{"use%", "target", "maj:min"});
}

TEST_CASE("parse errors point at the offending column") {
    auto e1 = error_of("use% >");
    CHECK(e1.column == 7);
    CHECK(e1.message == "expected a value after '>', found 'end of expression'");
    auto e2 = error_of("(use% > 1");
    CHECK(e2.column == 1);
    CHECK(e2.message == "missing ')' for this '('");
    auto e3 = error_of("size > 10X");
    CHECK(e3.column == 8);
    CHECK(e3.message == "invalid number '10X'");
    auto e4 = error_of("comm == \"abc");
    CHECK(e4.column == 9);
    CHECK(e4.message == "unterminated string");
    auto e5 = error_of("comm =~ \"(\"");
    CHECK(e5.column == 9);
    auto e6 = error_of("pid == 1 )");
    CHECK(e6.column == 10);
    CHECK(e6.message == "unexpected ')'");
    auto e7 = error_of("");
    CHECK(e7.message == "empty expression");
    auto e8 = error_of("pid # 1");
    CHECK(e8.column == 5);
    auto e9 = error_of("and pid");
    CHECK(e9.column == 1);
    CHECK(e6.format("pid == 1 )") == "column 10: unexpected ')'\n  pid == 1 )\n           ^");
}

TEST_CASE("regular expressions whose expansion explodes are refused, not compiled") {
    // regcomp copies the repeated tree for '+' and {n,m}; these ask for gigabytes (found by fuzzing).
    std::string plus = "comm =~ \"v" + std::string(70, '+') + "\"";
    auto e1 = error_of(plus.c_str());
    CHECK(e1.column == 9);
    CHECK(e1.message.rfind("regular expression too complex", 0) == 0);
    auto e2 = error_of("comm =~ \"((a{99}){99}){99}\"");
    CHECK(e2.message.rfind("regular expression too complex", 0) == 0);
    auto e3 = error_of("comm =~ \"(x|y{200})+{200}\"");
    CHECK(e3.message.rfind("regular expression too complex", 0) == 0);
    // repeated parts that can match the empty string make regcomp slow long before memory runs out
    auto e4 = error_of("comm =~ \"./++?++++++++++\"");
    CHECK(e4.message.rfind("regular expression too complex", 0) == 0);
    auto e5 = error_of("comm =~ \"(((((((((a?)+)+)+)+)+)+)+)+)+\"");
    CHECK(e5.message.rfind("regular expression too complex", 0) == 0);
    // ordinary patterns, long literals and moderate repetitions still work
    CHECK(eval("comm =~ \"^k(w|x)+or[a-z]{2,6}/[0-9]+:[0-9]*$\""));
    CHECK(eval("comm =~ \"a{0}|kworker{1,100}\""));
    CHECK(eval("comm !~ \"[[:digit:]]{300}\""));
    std::string longlit = "comm !~ \"" + std::string(4000, 'z') + "\"";
    CHECK(eval(longlit.c_str()));
    CHECK(eval("comm =~ \"k+\""));
    CHECK(error_of("comm =~ \"+k\"").message == "invalid regular expression \"+k\"");  // regcomp's verdict
}

TEST_CASE("a column value used as a pattern that explodes is no match, not an allocation storm") {
    std::map<std::string, Value> r = {{"comm", std::string("vvv")}, {"pat", "v" + std::string(70, '+')}};
    ParseError err;
    auto e = Expr::parse("comm =~ pat", err);
    REQUIRE(e);
    auto look = [&](std::string_view name) -> Value {
        auto it = r.find(std::string(name));
        return it == r.end() ? Value{} : it->second;
    };
    CHECK_FALSE(e->eval(look));
    r["pat"] = std::string("v+");
    CHECK(e->eval(look));
}
