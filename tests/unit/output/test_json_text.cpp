// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests for the JSON writer, the JSON escaper and display width.
#include <catch2/catch.hpp>

#include <clocale>
#include <string>

#include "procstat/out/json.hpp"
#include "procstat/out/text.hpp"

using namespace procstat::out;

TEST_CASE("JsonWriter pretty-prints nested objects and arrays with 3-space indent") {
    std::string s;
    JsonWriter w(s);
    w.begin_object();
    w.begin_array("filesystems");
    w.begin_object();
    w.string("target", "/");
    w.number("size", std::uint64_t{18446744073709551615u});
    w.number("delta", std::int64_t{-5});
    w.boolean("ro", false);
    w.null("label");
    w.end_object();
    w.begin_object();
    w.begin_array("mountpoints");
    w.string("", "/a");
    w.null("");
    w.end_array();
    w.end_object();
    w.end_array();
    w.end_object();
    w.finish();
    CHECK(s ==
          "{\n"
          "   \"filesystems\": [\n"
          "      {\n"
          "         \"target\": \"/\",\n"
          "         \"size\": 18446744073709551615,\n"
          "         \"delta\": -5,\n"
          "         \"ro\": false,\n"
          "         \"label\": null\n"
          "      },\n"
          "      {\n"
          "         \"mountpoints\": [\n"
          "            \"/a\",\n"
          "            null\n"
          "         ]\n"
          "      }\n"
          "   ]\n"
          "}\n");
}

TEST_CASE("JsonWriter: empty containers and fixed decimals") {
    std::string s;
    JsonWriter w(s, 2);
    w.begin_object();
    w.begin_array("a");
    w.end_array();
    w.number("pcpu", 12.345, 1);
    w.end_object();
    CHECK(s == "{\n  \"a\": [],\n  \"pcpu\": 12.3\n}");
}

TEST_CASE("escape_json covers quotes, backslash and every control character") {
    CHECK(escape_json("a\"b\\c") == "a\\\"b\\\\c");
    CHECK(escape_json("\n\t\r\b\f") == "\\n\\t\\r\\b\\f");
    CHECK(escape_json(std::string("\x01\x1f\x7f", 3)) == "\\u0001\\u001f\\u007f");
    CHECK(escape_json(std::string("\0", 1)) == "\\u0000");
    CHECK(escape_json("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("display_width in a UTF-8 locale") {
    if (!std::setlocale(LC_ALL, "C.UTF-8")) {
        WARN("C.UTF-8 locale not available");
        return;
    }
    CHECK(display_width("caf\xc3\xa9") == 4);
    CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac") == 4);  // two wide CJK characters
    CHECK(display_width("\xff\xfe") == 2);                  // invalid bytes: one cell each
    std::setlocale(LC_ALL, "C");
    CHECK(display_width("caf\xc3\xa9") == 5);
}
