// SPDX-License-Identifier: GPL-2.0-or-later
// Directory tree walker visiting entries in the order gnulib fts gives GNU du (readdir order,
// directories before and after their contents), openat-relative, without recursion, with
// worker threads reading and stat'ing directories ahead of the (single, ordered) visitor.
#pragma once
#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace procstat::walk {

// Which symbolic links are followed (du -P, -H/-D, -L).
enum class Follow { physical, command_line, logical };

// Which timestamp Stat::time keeps.
enum class StatTime { none, mtime, atime, ctime };

// The part of struct stat the walk's users need (kept small: scans are held in memory).
struct Stat {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;            // st_size
    blkcnt_t blocks = 0;       // st_blocks, 512-byte units
    struct timespec time {0, 0};  // the StatTime chosen in WalkOptions
    mode_t mode = 0;
    nlink_t nlink = 0;
    bool is_dir() const noexcept;
};

// Identity of a file (hard-link sets, active directories, mount points).
struct DevIno {
    dev_t dev = 0;
    ino_t ino = 0;
    bool operator==(const DevIno&) const = default;
};
struct DevInoHash {
    std::size_t operator()(const DevIno& d) const noexcept {
        return static_cast<std::size_t>(static_cast<std::uint64_t>(d.ino) * 0x9e3779b97f4a7c15ULL ^
                                        static_cast<std::uint64_t>(d.dev));
    }
};

// What a visit is about (the fts FTS_* info values du reacts to).
enum class Info {
    file,            // anything that is not a directory (FTS_F, FTS_SL, ...)
    dir_pre,         // a directory, before its contents (FTS_D)
    dir_post,        // the same directory after its contents (FTS_DP)
    dir_unreadable,  // a directory that could not be opened or read, after dir_pre (FTS_DNR)
    dir_cycle,       // a directory that is also an ancestor on the current path (FTS_DC)
    no_stat,         // stat failed (FTS_NS); err 0 for a dangling link that should be followed
};

struct WalkOptions {
    Follow follow = Follow::physical;
    StatTime time = StatTime::none;
    // Worker threads reading directories ahead; 0 = everything on the calling thread.
    unsigned threads = 0;
    // Upper bound for entries read ahead and not yet visited (memory bound).
    std::size_t prefetch_entries = 32768;
};

// One visit. PATH is the name as fts builds it (argument, '/', names), valid during the call.
struct Node {
    Info info = Info::file;
    std::size_t level = 0;          // 0 for the argument itself
    const std::string* path = nullptr;
    const Stat* st = nullptr;       // valid unless info == no_stat
    int err = 0;                    // errno for dir_unreadable / no_stat
    std::size_t cycle_level = 0;    // dir_cycle: level of the ancestor with the same dev/ino
};

enum class Action { proceed, skip };

class Prefetcher;

// Walks one argument at a time; VISIT is called for every node in fts order, always on the
// calling thread. Returning Action::skip from a dir_pre visit leaves out the contents and the
// dir_post visit.
class Walker {
public:
    using Visit = std::function<Action(const Node&)>;

    explicit Walker(WalkOptions opts);
    ~Walker();
    Walker(const Walker&) = delete;
    Walker& operator=(const Walker&) = delete;

    void walk(const std::string& arg, const Visit& visit);

    // During a visit: the stat of the directory at LEVEL on the current path (LEVEL must be
    // less than the node's level, or equal for dir_pre/dir_post).
    const Stat& ancestor(std::size_t level) const;

    // Number of entries read before they are handed out; a directory with more entries is
    // processed in batches, each sorted by inode number when it holds more than
    // sort_threshold entries on a file system where that helps (not tmpfs, NFS, CIFS).
    // compat: gnulib fts (FTS_MAX_READDIR_ENTRIES, _FTS_INODE_SORT_DIR_ENTRIES_THRESHOLD).
    static constexpr std::size_t batch_entries = 100000;
    static constexpr std::size_t sort_threshold = 10000;

    // Open directory descriptors kept along the current path (at most; fewer under a low
    // RLIMIT_NOFILE); deeper trees drop the outermost ones and reopen them through ".." on
    // the way back.
    static constexpr std::size_t max_open_dirs = 96;

    struct Scan;  // one directory read and stat'ed (defined in walker.cpp)

private:
    struct Frame;
    bool reopen(std::size_t idx);
    void drop_ancestor_fds(std::size_t keep);

    WalkOptions opts_;
    std::vector<Frame> frames_;
    std::string path_;
    Stat cur_;
    std::size_t open_dirs_ = max_open_dirs;
    std::unique_ptr<Prefetcher> pool_;
};

// Append NAME to a directory path the way fts does: one trailing '/' of DIR is reused.
void join_path(std::string& dir, std::string_view name);

// Fill a Stat from struct stat.
void to_stat(const struct stat& st, StatTime time, Stat& out);

// Worker threads for walking below DEV: the number of online CPUs, or 0 (walk on the calling
// thread) when the block device behind DEV is rotational or the CPU count is 1. The
// environment variable PROCSTAT_DU_THREADS overrides.
unsigned default_threads(dev_t dev);

}  // namespace procstat::walk
