// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests for the shared text helpers and the Root/io readers.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"
#include "procstat/core/root.hpp"

using namespace procstat;

TEST_CASE("to_u64 accepts whole decimal numbers only") {
    CHECK(parse::to_u64("0") == 0u);
    CHECK(parse::to_u64("18446744073709551615") == UINT64_MAX);
    CHECK_FALSE(parse::to_u64("18446744073709551616"));
    CHECK_FALSE(parse::to_u64(""));
    CHECK_FALSE(parse::to_u64("12a"));
    CHECK_FALSE(parse::to_u64("-1"));
    CHECK_FALSE(parse::to_u64(" 1"));
}

TEST_CASE("to_i64 handles signs and limits") {
    CHECK(parse::to_i64("-9223372036854775808") == INT64_MIN);
    CHECK(parse::to_i64("42") == 42);
    CHECK_FALSE(parse::to_i64("9223372036854775808"));
}

TEST_CASE("next_token and next_line split on blanks and newlines") {
    std::string_view s = "  a\tbb  c\n";
    CHECK(parse::next_token(s) == "a");
    CHECK(parse::next_token(s) == "bb");
    CHECK(parse::next_token(s) == "c");
    CHECK(parse::next_token(s).empty());
    std::string_view t = "x\n\ny", line;
    REQUIRE(parse::next_line(t, line));
    CHECK(line == "x");
    REQUIRE(parse::next_line(t, line));
    CHECK(line.empty());
    REQUIRE(parse::next_line(t, line));
    CHECK(line == "y");
    CHECK_FALSE(parse::next_line(t, line));
}

TEST_CASE("unescape_octal decodes the kernel's escapes") {
    CHECK(parse::unescape_octal(R"(/mnt/a\040b)") == "/mnt/a b");
    CHECK(parse::unescape_octal(R"(\011\012\134)") == "\t\n\\");
    CHECK(parse::unescape_octal(R"(\377)") == "\xff");
    CHECK(parse::unescape_octal(R"(a\4)") == "a\\4");
    CHECK(parse::unescape_octal(R"(a\08x)") == "a\\08x");
    CHECK(parse::unescape_octal(R"(\)") == "\\");
}

TEST_CASE("Root reads files relative to a fixture directory") {
    char tmpl[] = "/tmp/procstat-root-XXXXXX";
    REQUIRE(::mkdtemp(tmpl));
    std::string dir = tmpl;
    REQUIRE(::mkdir((dir + "/proc").c_str(), 0755) == 0);
    { std::ofstream(dir + "/proc/meminfo") << "MemTotal: 1 kB\n"; }
    auto root = Root::open(dir);
    REQUIRE(root);
    CHECK_FALSE(root->is_live());
    CHECK(root->host_path("/proc/meminfo") == dir + "/proc/meminfo");
    std::string buf;
    CHECK(io::read_file(*root, "proc/meminfo", buf));
    CHECK(buf == "MemTotal: 1 kB\n");
    Status st = io::read_file(*root, "proc/nope", buf);
    CHECK(st.code == Errc::vanished);
    CHECK(buf.empty());
    std::vector<std::string> names;
    CHECK(io::list_dir(*root, "proc", names));
    CHECK(names == std::vector<std::string>{"meminfo"});
    // a bounded read keeps only LIMIT bytes
    CHECK(io::read_file(*root, "proc/meminfo", buf, 3));
    CHECK(buf == "Mem");
    ::unlink((dir + "/proc/meminfo").c_str());
    ::rmdir((dir + "/proc").c_str());
    ::rmdir(dir.c_str());
    auto missing = Root::open(dir);
    CHECK_FALSE(missing);
    CHECK(missing.status().code == Errc::vanished);
}

TEST_CASE("the live root is /") {
    Root r;
    CHECK(r.is_live());
    CHECK(r.host_path("proc/self/stat") == "/proc/self/stat");
}

#include "procstat/core/names.hpp"

TEST_CASE("NameCache resolves root and caches unknown ids as absent") {
    NameCache names;
    REQUIRE(names.user(0));
    CHECK(*names.user(0) == "root");
    REQUIRE(names.group(0));
    CHECK(*names.group(0) == "root");
    CHECK_FALSE(names.user(3999999999u));
    CHECK(&names.user(0) == &names.user(0));  // cached entry
    CHECK(NameCache::uid_of("root") == 0u);
    CHECK_FALSE(NameCache::uid_of("no-such-user-procstat"));
    CHECK(NameCache::gid_of("root") == 0u);
}
