// SPDX-License-Identifier: GPL-2.0-or-later
// Disk usage accounting with GNU du 9.1 semantics on top of the walker: sizes summed per
// directory, hard links counted once, exclusions, -x, depth and threshold filters, cycles.
#pragma once
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "procstat/core/root.hpp"
#include "procstat/walk/walker.hpp"

namespace procstat::walk {

// Which timestamp --time shows.
enum class TimeKind { none, mtime, atime, ctime };

struct DuOptions {
    Follow follow = Follow::physical;
    bool all = false;             // -a: print files too
    bool apparent = false;        // --apparent-size / -b: the threshold compares st_size sums
    bool count_links = false;     // -l: no hard-link deduplication
    bool separate_dirs = false;   // -S
    bool inodes = false;          // --inodes: the threshold compares inode counts
    bool one_file_system = false; // -x
    // Deduplicate directories too (several arguments, --files0-from, or -L), so the same
    // directory reached twice is counted once. compat: GNU du's hash_all.
    bool hash_all = false;
    std::size_t max_depth = std::numeric_limits<std::size_t>::max();
    // -t: print only sizes >= threshold (positive) or <= -threshold (negative); 0 = all.
    std::int64_t threshold = 0;
    TimeKind time = TimeKind::none;
    // --exclude / -X patterns (fnmatch, matched against the path and each suffix after '/').
    std::vector<std::string> excludes;
    // Worker threads for reading directories ahead (see default_threads()); 0 = none.
    unsigned threads = 0;
    // Where /proc is read from (mount points for the cycle check); "/" normally.
    std::string sysroot = "/";
};

// A size: allocated bytes, apparent bytes, inode count, newest timestamp.
struct DuSize {
    std::uint64_t bytes = 0;     // st_blocks * 512
    std::uint64_t apparent = 0;  // st_size (negative sizes count as 0)
    std::uint64_t inodes = 0;
    struct timespec time {std::numeric_limits<time_t>::min(), 0};
    void add(const DuSize& o);
};

// One line du prints.
struct DuRow {
    const std::string* path = nullptr;
    DuSize size;
    std::size_t level = 0;
    bool is_dir = false;
};

// The number du prints and compares for a size: inodes, apparent bytes or allocated bytes.
std::uint64_t shown_size(const DuSize& s, const DuOptions& o);

// A printed line kept for reordering (--sort).
struct DuRecord {
    std::string path;
    DuSize size;
    std::size_t level = 0;
    bool is_dir = false;
};

// Orders for --sort (ours): du's own order, shown size ascending, or path bytewise.
enum class DuSort { none, size, name };

// Stable: equal keys keep du's order.
void sort_records(std::vector<DuRecord>& records, DuSort key, const DuOptions& o);

enum class DuProblem {
    cannot_access,    // "cannot access %s" (+ reason unless err == 0)
    cannot_read_dir,  // "cannot read directory %s"
    cycle,            // GNU's "WARNING: Circular directory structure." message
};

class DuSink {
public:
    virtual ~DuSink() = default;
    virtual void row(const DuRow& row) = 0;
    virtual void problem(DuProblem what, const std::string& path, int err) = 0;
};

// True when PATH is excluded by PATTERN the way gnulib's exclude module matches with
// EXCLUDE_WILDCARDS: the whole path, or any part of it that follows a '/'.
bool exclude_matches(const std::string& pattern, const std::string& path);

using DevInoSet = std::unordered_set<DevIno, DevInoHash>;

// Mount points (local, non-dummy file systems) listed in ROOT's /proc/self/mountinfo, stat'ed.
DevInoSet read_mount_points(const Root& root);

class DuCounter {
public:
    DuCounter(DuOptions opts, DuSink& sink);

    // Walk one argument and print its lines. Returns false when something went wrong
    // (du then exits with status 1).
    bool add_argument(const std::string& path);

    // The grand total of everything counted so far (du -c).
    const DuSize& total() const { return total_; }

private:
    struct Level {
        DuSize ent;     // entries directly in the directory
        DuSize subdir;  // everything below its subdirectories
    };
    Action visit(const Node& n);
    void account(const Node& n, bool is_dir);
    DuSize size_of(const Stat& st) const;
    bool excluded(const Node& n) const;
    bool mount_point_in_cycle(const Node& n);

    DuOptions opts_;
    DuSink& sink_;
    Walker walker_;
    DevInoSet seen_;
    DevInoSet mounts_;
    bool mounts_read_ = false;
    std::vector<Level> levels_;
    std::size_t prev_level_ = 0;
    dev_t root_dev_ = 0;
    DuSize total_;
    bool ok_ = true;
};

}  // namespace procstat::walk
