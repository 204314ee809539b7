// SPDX-License-Identifier: GPL-2.0-or-later
// File system usage (statvfs) and stat() of paths, queried concurrently with a deadline so a dead
// NFS server or a stuck FUSE daemon cannot hang the caller.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace procstat::fsusage {

// Usage numbers of one file system, as statvfs(3) reports them.
struct FsUsage {
    // fragment size f_frsize (f_bsize when f_frsize is 0), in bytes: the unit of the block counts
    std::uint64_t block_size = 0;
    // f_blocks: total data blocks, in block_size units
    std::uint64_t blocks = 0;
    // f_bfree: free blocks (including those reserved for root)
    std::uint64_t bfree = 0;
    // f_bavail: free blocks available to unprivileged users
    std::uint64_t bavail = 0;
    // true when bavail is to be read as a negative number (its top bit set)
    bool bavail_negative = false;
    // f_files / f_ffree: total and free inodes
    std::uint64_t files = 0;
    std::uint64_t ffree = 0;
};

// "Unknown" marker for the numbers above (GNU df prints such values as "-").
inline constexpr std::uint64_t unknown = UINT64_MAX;

// What to do with one path.
enum ProbeWhat : unsigned {
    probe_stat = 1u << 0,       // stat(2) the path
    probe_statvfs = 1u << 1,    // statvfs(3) the path
    probe_open_stat = 1u << 2,  // open(O_RDONLY|O_NOCTTY|O_NONBLOCK)+fstat, falling back to
                                // stat when open fails with anything but ENOENT/ENOTDIR (the
                                // way GNU df makes automounted arguments appear)
    probe_realpath = 1u << 3,   // realpath(3) the path
};

struct ProbeResult {
    bool done = false;       // false: did not answer before the deadline
    int stat_err = -1;       // 0 ok, else errno (-1: not asked)
    std::uint64_t dev = 0;   // st_dev
    std::uint32_t mode = 0;  // st_mode
    int statvfs_err = -1;    // 0 ok, else errno (-1: not asked)
    FsUsage usage;
    int realpath_err = -1;   // 0 ok, else errno (-1: not asked)
    std::string realpath;
};

struct ProbeJob {
    std::string path;
    unsigned what = 0;
};

// Run every job concurrently (a bounded pool of threads) and wait at most TIMEOUT for all of
// them. Results are in job order; a job that has not finished by then has done == false, and
// its thread is left behind (detached) so the caller can go on. The answer of a job that is
// stuck in the kernel is never waited for. A TIMEOUT of zero or less waits without a deadline.
std::vector<ProbeResult> probe_all(const std::vector<ProbeJob>& jobs,
                                   std::chrono::milliseconds timeout);

// Run one job synchronously in this process, without isolation or deadline: only for paths on
// file systems that cannot block (see fstype_may_block in df_select.hpp).
ProbeResult probe_inline(const ProbeJob& job);

// statvfs(PATH) into a FsUsage (synchronously). Returns 0 or an errno value.
int query_statvfs(const std::string& path, FsUsage& out);

}  // namespace procstat::fsusage
