// SPDX-License-Identifier: GPL-2.0-or-later
// man/free.1 documents every option free accepts (procps' and ours) and the JSON record types.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

TEST_CASE("free.1 documents every option", "[man]") {
    std::ifstream in(std::string(PROCSTAT_FIXTURES) + "/../../man/free.1");
    REQUIRE(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string man = ss.str();
    for (const char* opt : {"bytes", "kilo", "mega", "giga", "tera", "peta", "kibi", "mebi", "gibi",
                            "tebi", "pebi", "human", "si", "lohi", "total", "committed", "seconds",
                            "count", "wide", "help", "version", "json", "cgroup", "sysroot"}) {
        INFO(opt);
        CHECK(man.find(std::string("\\-\\-") + opt) != std::string::npos);
    }
    for (const char* shortopt : {"b", "k", "m", "g", "h", "l", "t", "v", "s", "c", "w", "V"}) {
        INFO(shortopt);
        CHECK(man.find(std::string(".BR \\-") + shortopt + " ") != std::string::npos);
    }
    for (const char* type : {"\"mem\"", "\"low\"", "\"high\"", "\"swap\"", "\"total\"", "\"comm\""}) {
        INFO(type);
        CHECK(man.find(type) != std::string::npos);
    }
}
