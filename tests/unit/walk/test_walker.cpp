// SPDX-License-Identifier: GPL-2.0-or-later
// Unit tests of the directory walker and du accounting on trees built in a temporary directory.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "procstat/core/io.hpp"
#include "procstat/walk/du.hpp"
#include "procstat/walk/walker.hpp"

using namespace procstat;
using namespace procstat::walk;

namespace {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it at the end.
class TempDir {
public:
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/procstat-walk-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        REQUIRE(::mkdtemp(buf.data()) != nullptr);
        path_ = buf.data();
    }
    ~TempDir() {
        std::string cmd = "rm -rf '" + path_ + "'";
        if (std::system(cmd.c_str()) != 0) {
        }
    }
    const std::string& path() const { return path_; }
    std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

private:
    std::string path_;
};

void make_file(const std::string& path, std::size_t size) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    std::string data(size, 'x');
    REQUIRE(::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()));
    ::close(fd);
}

void make_dir(const std::string& path) { REQUIRE(::mkdir(path.c_str(), 0755) == 0); }

struct Event {
    Info info;
    std::size_t level;
    std::string path;
    int err;
    bool operator==(const Event&) const = default;
};

std::vector<Event> record(const std::string& root, WalkOptions opts) {
    std::vector<Event> ev;
    Walker w(opts);
    w.walk(root, [&](const Node& n) {
        ev.push_back(Event{n.info, n.level, *n.path, n.err});
        return Action::proceed;
    });
    return ev;
}

struct Rows : DuSink {
    std::vector<std::pair<std::string, DuSize>> rows;
    std::vector<std::pair<DuProblem, std::string>> problems;
    void row(const DuRow& r) override { rows.emplace_back(*r.path, r.size); }
    void problem(DuProblem p, const std::string& path, int) override { problems.emplace_back(p, path); }
    const DuSize* find(const std::string& path) const {
        for (const auto& r : rows)
            if (r.first == path) return &r.second;
        return nullptr;
    }
};

std::uint64_t blocks_of(const std::string& path) {
    struct stat st;
    REQUIRE(::lstat(path.c_str(), &st) == 0);
    return static_cast<std::uint64_t>(st.st_blocks) * 512;
}

}  // namespace

TEST_CASE("join_path reuses one trailing slash like fts") {
    std::string p = "a";
    join_path(p, "b");
    CHECK(p == "a/b");
    p = "a/";
    join_path(p, "b");
    CHECK(p == "a/b");
    p = "a//";
    join_path(p, "b");
    CHECK(p == "a//b");
    p = "/";
    join_path(p, "etc");
    CHECK(p == "/etc");
}

TEST_CASE("exclude patterns match the path or any part after a slash") {
    CHECK(exclude_matches("*.o", "dir/x.o"));
    CHECK(exclude_matches("x.o", "dir/sub/x.o"));
    CHECK(exclude_matches("sub/x.o", "dir/sub/x.o"));
    CHECK(exclude_matches("dir", "dir"));
    CHECK_FALSE(exclude_matches("ir", "dir"));
    CHECK_FALSE(exclude_matches("sub", "dir/sub/x.o"));
    CHECK(exclude_matches("*", "anything/at/all"));
    CHECK(exclude_matches("d*o", "dir/sub/x.o"));  // '*' crosses '/' (no FNM_PATHNAME)
    CHECK_FALSE(exclude_matches("", "x"));
    CHECK(exclude_matches("new\nline", "t/new\nline"));
    CHECK(exclude_matches("[a-c]?", "t/b1"));
    CHECK(exclude_matches("\\*", "t/*"));
    CHECK_FALSE(exclude_matches("\\*", "t/x"));
    // A part after "//" is not tried on its own (only after a single '/').
    CHECK_FALSE(exclude_matches("b", "a//b/c"));
}

TEST_CASE("walker visits in readdir order, directories before and after their contents") {
    TempDir t;
    make_dir(t / "r");
    make_dir(t / "r/d1");
    make_dir(t / "r/d1/d2");
    make_file(t / "r/d1/d2/f", 10);
    make_file(t / "r/f1", 1);
    make_dir(t / "r/empty");
    make_file(t / "r/d1/g", 3);
    std::string bad = t / "r/bad\xff\nname )";
    make_file(bad, 7);

    auto ev = record(t / "r", WalkOptions{});
    // Expected: recursive readdir-order walk built from list_dir.
    std::vector<Event> want;
    std::vector<std::string> stack;
    std::function<void(const std::string&, std::size_t)> rec = [&](const std::string& p, std::size_t lvl) {
        want.push_back({Info::dir_pre, lvl, p, 0});
        std::vector<std::string> names;
        REQUIRE(io::list_dir(AT_FDCWD, p.c_str(), names));
        for (const auto& n : names) {
            std::string c = p + "/" + n;
            struct stat st;
            REQUIRE(::lstat(c.c_str(), &st) == 0);
            if (S_ISDIR(st.st_mode))
                rec(c, lvl + 1);
            else
                want.push_back({Info::file, lvl + 1, c, 0});
        }
        want.push_back({Info::dir_post, lvl, p, 0});
    };
    rec(t / "r", 0);
    CHECK(ev == want);

    WalkOptions par;
    par.threads = 3;
    CHECK(record(t / "r", par) == want);
}

TEST_CASE("walker reports dangling links as no_stat only when following them") {
    TempDir t;
    make_dir(t / "r");
    REQUIRE(::symlink("missing", (t / "r/dangling").c_str()) == 0);
    REQUIRE(::symlink("..", (t / "r/up").c_str()) == 0);
    auto phys = record(t / "r", WalkOptions{});
    REQUIRE(phys.size() == 4);
    CHECK(std::count_if(phys.begin(), phys.end(), [](const Event& e) { return e.info == Info::file; }) == 2);

    WalkOptions logical;
    logical.follow = Follow::logical;
    auto ev = record(t / "r", logical);
    bool saw_dangling = false, saw_cycle = false;
    for (const auto& e : ev) {
        if (e.path == t / "r/dangling") {
            CHECK(e.info == Info::no_stat);
            CHECK(e.err == 0);
            saw_dangling = true;
        }
        if (e.path == t / "r/up") {
            // "up" is the parent of r: entered, and r inside it is a cycle.
            CHECK((e.info == Info::dir_pre || e.info == Info::dir_post));
        }
        if (e.info == Info::dir_cycle) saw_cycle = true;
    }
    CHECK(saw_dangling);
    CHECK(saw_cycle);
}

TEST_CASE("walker handles an argument that is missing, a file, or an unopenable directory") {
    TempDir t;
    auto ev = record(t / "nope", WalkOptions{});
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].info == Info::no_stat);
    CHECK(ev[0].err == ENOENT);

    make_file(t / "f", 5);
    ev = record(t / "f", WalkOptions{});
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].info == Info::file);
    CHECK(ev[0].level == 0);
}

TEST_CASE("walker goes deeper than PATH_MAX and than the open-descriptor window") {
    TempDir t;
    const std::string name(60, 'n');
    const std::size_t depth = 400;  // > Walker::max_open_dirs, path ~24 KB > PATH_MAX
    int fd = ::open(t.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    for (std::size_t i = 0; i < depth; ++i) {
        REQUIRE(::mkdirat(fd, name.c_str(), 0755) == 0);
        if (i % 100 == 0) {
            int f = ::openat(fd, "file", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
            REQUIRE(f >= 0);
            ::close(f);
        }
        int nfd = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ::close(fd);
        REQUIRE(nfd >= 0);
        fd = nfd;
    }
    ::close(fd);
    struct rlimit saved;
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    for (rlim_t limit : {saved.rlim_cur, rlim_t{24}})
    for (unsigned threads : {0u, 2u}) {
        // A low descriptor limit must shrink the open-directory window, not fail the walk.
        struct rlimit low = saved;
        low.rlim_cur = std::min(limit, saved.rlim_cur);
        REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
        WalkOptions o;
        o.threads = threads;
        auto ev = record(t.path(), o);
        REQUIRE(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
        std::size_t pre = 0, post = 0, files = 0, longest = 0, max_level = 0;
        for (const auto& e : ev) {
            pre += e.info == Info::dir_pre;
            post += e.info == Info::dir_post;
            files += e.info == Info::file;
            longest = std::max(longest, e.path.size());
            max_level = std::max(max_level, e.level);
            CHECK(e.info != Info::dir_unreadable);
        }
        CHECK(pre == depth + 1);
        CHECK(post == depth + 1);
        CHECK(files == 4);
        CHECK(max_level == depth);
        CHECK(longest > PATH_MAX);
        // Post-order: the deepest directory closes first, the argument last.
        CHECK(ev.back().info == Info::dir_post);
        CHECK(ev.back().level == 0);
    }
}

TEST_CASE("large directories are visited in inode order except on tmpfs") {
    TempDir t;
    make_dir(t / "big");
    const std::size_t n = Walker::sort_threshold + 5;
    for (std::size_t i = 0; i < n; ++i) {
        int f = ::open((t / ("big/f" + std::to_string(i))).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        REQUIRE(f >= 0);
        ::close(f);
    }
    struct statfs sfs;
    REQUIRE(::statfs(t.path().c_str(), &sfs) == 0);
    bool tmpfs = static_cast<long>(sfs.f_type) == 0x01021994;
    std::vector<ino_t> inos;
    Walker w(WalkOptions{});
    w.walk(t / "big", [&](const Node& n) {
        if (n.info == Info::file) inos.push_back(n.st->ino);
        return Action::proceed;
    });
    REQUIRE(inos.size() == n);
    if (!tmpfs) CHECK(std::is_sorted(inos.begin(), inos.end()));

    // A directory at the threshold keeps readdir order.
    make_dir(t / "small");
    for (int i = 0; i < 50; ++i) make_file(t / ("small/g" + std::to_string(i)), 0);
    std::vector<std::string> names, seen;
    REQUIRE(io::list_dir(AT_FDCWD, (t / "small").c_str(), names));
    w.walk(t / "small", [&](const Node& n) {
        if (n.info == Info::file) seen.push_back(n.path->substr(n.path->rfind('/') + 1));
        return Action::proceed;
    });
    CHECK(seen == names);
}

TEST_CASE("du sums: directories include subdirectories, hard links count once") {
    TempDir t;
    make_dir(t / "r");
    make_dir(t / "r/s");
    make_file(t / "r/a", 5000);
    make_file(t / "r/s/b", 70000);
    REQUIRE(::link((t / "r/a").c_str(), (t / "r/s/a.link").c_str()) == 0);
    std::uint64_t r = blocks_of(t / "r"), s = blocks_of(t / "r/s"), a = blocks_of(t / "r/a"),
                  b = blocks_of(t / "r/s/b");

    SECTION("default") {
        Rows out;
        DuCounter du(DuOptions{}, out);
        CHECK(du.add_argument(t / "r"));
        REQUIRE(out.rows.size() == 2);
        CHECK(out.rows[0].first == t / "r/s");
        CHECK(out.rows[1].first == t / "r");
        CHECK(out.rows[1].second.bytes == r + s + a + b);
        CHECK(out.rows[1].second.inodes == 4);
        CHECK(du.total().bytes == r + s + a + b);
    }
    SECTION("count links, all, separate dirs") {
        DuOptions o;
        o.count_links = true;
        o.all = true;
        o.separate_dirs = true;
        Rows out;
        DuCounter du(o, out);
        CHECK(du.add_argument(t / "r"));
        CHECK(out.rows.size() == 5);
        REQUIRE(out.find(t / "r/s"));
        CHECK(out.find(t / "r/s")->bytes == s + b + a);
        CHECK(out.find(t / "r")->bytes == r + a);
        CHECK(du.total().bytes == r + s + 2 * a + b);
    }
    SECTION("apparent sizes and thresholds") {
        DuOptions o;
        o.all = true;
        o.apparent = true;
        o.count_links = true;  // r/a and r/s/a.link are both printed
        o.threshold = 60000;
        Rows out;
        DuCounter du(o, out);
        CHECK(du.add_argument(t / "r"));
        CHECK(out.find(t / "r/s/b"));
        CHECK_FALSE(out.find(t / "r/a"));
        o.threshold = -6000;
        Rows small;
        DuCounter du2(o, small);
        CHECK(du2.add_argument(t / "r"));
        REQUIRE(small.find(t / "r/a"));
        CHECK(small.find(t / "r/a")->apparent == 5000);
        CHECK_FALSE(small.find(t / "r/s/b"));
    }
    SECTION("max depth, exclusion, repeated arguments") {
        DuOptions o;
        o.max_depth = 0;
        o.hash_all = true;
        o.excludes = {"b"};
        Rows out;
        DuCounter du(o, out);
        CHECK(du.add_argument(t / "r"));
        CHECK(du.add_argument(t / "r/s"));  // already counted: prints nothing
        REQUIRE(out.rows.size() == 1);
        CHECK(out.rows[0].second.bytes == r + s + a);
    }
    SECTION("missing argument is a problem, not a row") {
        Rows out;
        DuCounter du(DuOptions{}, out);
        CHECK_FALSE(du.add_argument(t / "missing"));
        CHECK(out.rows.empty());
        REQUIRE(out.problems.size() == 1);
        CHECK(out.problems[0].first == DuProblem::cannot_access);
    }
}

TEST_CASE("DuSize keeps the newest time and sums the rest") {
    DuSize a, b;
    a.bytes = 1;
    a.apparent = 2;
    a.inodes = 1;
    a.time = {100, 5};
    b.bytes = UINT64_C(1) << 40;
    b.apparent = 7;
    b.inodes = 2;
    b.time = {100, 7};
    a.add(b);
    CHECK(a.bytes == (UINT64_C(1) << 40) + 1);
    CHECK(a.apparent == 9);
    CHECK(a.inodes == 3);
    CHECK(a.time.tv_sec == 100);
    CHECK(a.time.tv_nsec == 7);
}

TEST_CASE("sort option (--sort) orders records by shown size or name, ties in du's order") {
    auto rec = [](const char* path, std::uint64_t bytes, std::uint64_t apparent, std::uint64_t inodes) {
        DuRecord r;
        r.path = path;
        r.size.bytes = bytes;
        r.size.apparent = apparent;
        r.size.inodes = inodes;
        return r;
    };
    std::vector<DuRecord> v = {rec("b", 4096, 10, 3), rec("a/x", 0, 5000, 1), rec("a", 8192, 5010, 4),
                               rec("c\xff", 4096, 1, 1), rec("", 0, 0, 0)};
    auto order = [](const std::vector<DuRecord>& r) {
        std::vector<std::string> out;
        for (const auto& x : r) out.push_back(x.path);
        return out;
    };
    DuOptions o;
    auto w = v;
    sort_records(w, DuSort::size, o);
    CHECK(order(w) == std::vector<std::string>{"a/x", "", "b", "c\xff", "a"});
    o.apparent = true;
    w = v;
    sort_records(w, DuSort::size, o);
    CHECK(order(w) == std::vector<std::string>{"", "c\xff", "b", "a/x", "a"});
    o.inodes = true;
    w = v;
    sort_records(w, DuSort::size, o);
    CHECK(order(w) == std::vector<std::string>{"", "a/x", "c\xff", "b", "a"});
    w = v;
    sort_records(w, DuSort::name, o);
    CHECK(order(w) == std::vector<std::string>{"", "a", "a/x", "b", "c\xff"});
    w = v;
    sort_records(w, DuSort::none, o);
    CHECK(order(w) == order(v));
    CHECK(shown_size(v[2].size, DuOptions{}) == 8192);
}
