// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of ps' option mixing: procps-ng 4.0.2's second parse, -O preloading, conflicts and
// the default formats composed from mixed UNIX, BSD and GNU options.
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

// The ps grammar lives in the tool, not in the library: compile its parser into this test.
#include "../../../tools/ps/formats.cpp"
#include "../../../tools/ps/options.cpp"

using namespace procstat::ps;

namespace {

struct Parsed {
    bool ok = false;
    Options o;
    std::string err;
};

Parsed parse(std::initializer_list<const char*> args) {
    ::unsetenv("PS_PERSONALITY");
    ::unsetenv("CMD_ENV");
    std::vector<std::string> store{"ps"};
    for (const char* a : args) store.emplace_back(a);
    std::vector<char*> argv;
    for (auto& s : store) argv.push_back(s.data());
    argv.push_back(nullptr);
    Parsed p;
    p.ok = parse_options(static_cast<int>(store.size()), argv.data(), p.o, p.err);
    return p;
}

std::string keys(const std::vector<FormatItem>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : ",") + i.key;
    return s;
}

}  // namespace

TEST_CASE("a failing command line is parsed again with -xyz as BSD xyz") {
    auto p = parse({"-aux"});  // -a, then -u with the user "x", which does not exist
    REQUIRE(p.ok);
    CHECK(p.o.bsd_retry);
    CHECK(p.o.bsd_a);
    CHECK(p.o.bsd_x);
    CHECK(p.o.bsd_personality == 'u');
    CHECK(default_format(p.o) == "user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args");

    p = parse({"-f", "-o", "pid,args"});  // -f with -o conflicts; BSD f is the forest
    REQUIRE(p.ok);
    CHECK(p.o.forest);
    CHECK(p.o.unix_f == 0);

    p = parse({"-e", "-o", "pid,args", "-f"});  // BSD e: the environment, not every process
    REQUIRE(p.ok);
    CHECK(p.o.bsd_e);
    CHECK_FALSE(p.o.all);
}

TEST_CASE("the first error is reported when the second parse fails too") {
    auto p = parse({"-f", "-o", "pid", "x"});  // a BSD word fails the second parse
    CHECK_FALSE(p.ok);
    CHECK(p.err == "conflicting format options");
    p = parse({"-aux", "x"});
    CHECK_FALSE(p.ok);
    CHECK(p.err == "user name does not exist");
    p = parse({"-o", "pid", "-fm"});  // f m: threads with a forest in the second parse
    CHECK_FALSE(p.ok);
    CHECK(p.err == "conflicting format options");
}

TEST_CASE("the quick-pid messages of the second parse are printed as they are") {
    auto p = parse({"-o", "pid", "-f", "-q", "1"});
    CHECK_FALSE(p.ok);
    CHECK(p.o.plain_error);
    CHECK(p.err == "q/-q/--quick-pid cannot be used together with forest type listings.");
    p = parse({"-q", "1", "-N"});
    CHECK_FALSE(p.ok);
    CHECK(p.err == "q/-q/--quick-pid cannot be used together with negation switches.");
}

TEST_CASE("preloading: -O adds args, BSD O comm, and -o after -O appends") {
    auto p = parse({"-O", "tty", "S"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "pid,{},state,tname,time,args");
    p = parse({"O", "tty"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "pid,{},state,tname,time,comm");
    p = parse({"-f", "-O", "tty"});  // second parse: BSD f and O
    REQUIRE(p.ok);
    CHECK(p.o.preload_bsd);
    CHECK(default_format(p.o) == "pid,{},state,tname,time,comm");
    p = parse({"-O", "pid,ni", "-o", "time", "--format", "ppid"});
    REQUIRE(p.ok);
    CHECK(p.o.preload_items == 2);
    CHECK(keys(p.o.format) == "pid,ni,time,ppid");
    p = parse({"-o", "time", "-O", "pid"});
    CHECK_FALSE(p.ok);
    CHECK(p.err == "option -O can not follow other format options");
    p = parse({"o", "time", "O", "pid"});
    CHECK_FALSE(p.ok);
    CHECK(p.err == "option O is neither first format nor sort order");
}

TEST_CASE("UNIX output modifiers apply to the BSD formats") {
    auto p = parse({"j", "-jL"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "ppid,pgid,sid,lwp,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args");
    p = parse({"u", "-LM"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "label,user,pid,lwp,%cpu,nlwp,%mem,vsz,rss,tname,stat,start_time,bsdtime,args");
    p = parse({"l", "-cyT"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "uid,pid,spid,ppid,class,pri,vsz,rss,wchan,stat,tname,bsdtime,args");
    p = parse({"u", "-c"});
    CHECK_FALSE(p.ok);
    CHECK(p.o.plain_error);
    p = parse({"v", "-f"});
    CHECK_FALSE(p.ok);
    CHECK(p.err == "conflicting format options");
}

TEST_CASE("SysV formats with BSD options end in COMMAND, CMD for -f and -l") {
    auto p = parse({"-j", "x"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "pid,pgid,sid,tname,stat,bsdtime,args");
    p = parse({"-f", "x"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "uid_hack,pid,ppid,c,stime,tname,stat,bsdtime,cmd");
    p = parse({"-fLc"});
    REQUIRE(p.ok);
    CHECK(default_format(p.o) == "uid_hack,pid,ppid,lwp,nlwp,class,pri,stime,tname,time,cmd");
}

TEST_CASE("conflicts are reported in procps' order") {
    struct {
        std::initializer_list<const char*> args;
        const char* err;
    } const table[] = {
        {{"--sort", "pid", "k", "ppid"}, "multiple sort options"},
        {{"h", "--no-headers"}, "only one heading option may be specified"},
        {{"g", "-a"}, "process selection options conflict"},
        {{"x", "-d"}, "process selection options conflict"},
        {{"f", "H"}, "thread display conflicts with forest display"},
        {{"H", "-m"}, "thread flags conflict; can't use H with m or -m"},
        {{"-L", "-T", "--forest"}, "thread display conflicts with forest display"},
        {{"-L", "-T", "m", "-m"}, "thread flags conflict; can't use both m and -m"},
        {{"m", "-m", "H"}, "thread flags conflict; can't use H with m or -m"},
        {{"-L", "-T", "-p", "1"}, "thread flags conflict; can't use both -L and -T"},
        {{"-L", "m", "-o", "pid"}, "-L/-T with H/m/-m and -o/-O/o/O is nonsense"},
        {{"-V", "-p", "1"}, "the option is exclusive: -V"},
        {{"x", "V"}, "the option is exclusive: V"},
        {{"1,2"}, "process ID list syntax error"},
        {{"1", "-f"}, "process ID list syntax error"},
    };
    for (const auto& t : table) {
        auto p = parse(t.args);
        INFO(t.err);
        CHECK_FALSE(p.ok);
        CHECK(p.err == t.err);
    }
}

TEST_CASE("our own options do not count for procps' exclusive options") {
    auto p = parse({"-V", "--json"});
    CHECK(p.ok);
    CHECK(p.o.want_version);
    p = parse({"1", "-Q", "pid > 0"});  // our options may follow a bare PID
    CHECK(p.ok);
    p = parse({"1", "2"});
    REQUIRE(p.ok);
    REQUIRE(p.o.sel.size() == 2);
}
