// SPDX-License-Identifier: GPL-2.0-or-later
// Directory tree walker visiting entries in the order gnulib fts gives GNU du (readdir order,
// directories before and after their contents), openat-relative and without recursion.
#pragma once
#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace procstat::walk {

// Which symbolic links are followed (du -P, -H/-D, -L).
enum class Follow { physical, command_line, logical };

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
};

// One visit. PATH is the name as fts builds it (argument, '/', names), valid during the call.
struct Node {
    Info info = Info::file;
    std::size_t level = 0;          // 0 for the argument itself
    const std::string* path = nullptr;
    const struct stat* st = nullptr;  // valid unless info == no_stat
    int err = 0;                    // errno for dir_unreadable / no_stat
    std::size_t cycle_level = 0;    // dir_cycle: level of the ancestor with the same dev/ino
};

enum class Action { proceed, skip };

// Walks one argument at a time; VISIT is called for every node in fts order. Returning
// Action::skip from a dir_pre visit leaves out the contents and the dir_post visit.
class Walker {
public:
    using Visit = std::function<Action(const Node&)>;

    explicit Walker(WalkOptions opts) : opts_(opts) {}
    ~Walker();
    Walker(const Walker&) = delete;
    Walker& operator=(const Walker&) = delete;

    void walk(const std::string& arg, const Visit& visit);

    // During a visit: the stat of the directory at LEVEL on the current path (LEVEL must be
    // less than the node's level, or equal for dir_pre/dir_post).
    const struct stat& ancestor(std::size_t level) const;

    // Number of entries read before they are handed out; a directory with more entries is
    // processed in batches, each sorted by inode number when it holds more than
    // sort_threshold entries on a file system where that helps (not tmpfs, NFS, CIFS).
    // compat: gnulib fts (FTS_MAX_READDIR_ENTRIES, _FTS_INODE_SORT_DIR_ENTRIES_THRESHOLD).
    static constexpr std::size_t batch_entries = 100000;
    static constexpr std::size_t sort_threshold = 10000;

    // Open directory descriptors kept along the current path; deeper trees close the
    // outermost ones and reopen them through ".." on the way back.
    static constexpr std::size_t max_open_dirs = 96;

private:
    struct Entry {
        std::string name;
        std::uint64_t ino = 0;
    };
    struct Frame {
        int fd = -1;
        struct stat st {};
        std::size_t path_len = 0;     // length of the directory's own path
        std::vector<Entry> entries;   // the current batch
        std::size_t next = 0;         // next entry of the batch
        bool eof = false;             // directory fully read
        bool sortable = false;        // inode sort allowed on this file system
        int read_err = 0;
    };

    bool open_frame(Frame& f, int dirfd, const char* name, bool follow);
    void fill_batch(Frame& f);
    bool reopen(std::size_t idx);
    void clear();

    WalkOptions opts_;
    std::vector<Frame> frames_;
    std::string path_;
    struct stat cur_ {};
};

// Append NAME to a directory path the way fts does: one trailing '/' of DIR is reused.
void join_path(std::string& dir, std::string_view name);

}  // namespace procstat::walk
