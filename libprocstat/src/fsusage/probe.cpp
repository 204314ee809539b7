// SPDX-License-Identifier: GPL-2.0-or-later
// Deadline-bounded concurrent stat/statvfs/realpath of paths. The queries run in a forked helper
// process (with a small thread pool inside) that reports each answer through a pipe; the caller
// waits with poll() until every job answered or the deadline passed. A thread stuck in the kernel
// (a FUSE request the daemon already took, a hard NFS mount) cannot be killed, and a process
// keeps its file descriptors until its last thread is gone, so the stuck work must live in a
// process that holds none of the caller's descriptors: the caller then exits normally and
// whoever waits for it (a shell, a pipe reader) is not held up.
#include "procstat/fsusage/fs_usage.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace procstat::fsusage {

int query_statvfs(const std::string& path, FsUsage& out) {
    struct statvfs v {};
    if (::statvfs(path.c_str(), &v) != 0) return errno;
    out.block_size = v.f_frsize ? v.f_frsize : v.f_bsize;
    out.blocks = v.f_blocks;
    out.bfree = v.f_bfree;
    out.bavail = v.f_bavail;
    // compat: gnulib's fsusage marks f_bavail as negative when its top bit is set (some file
    // systems report a negative count of available blocks).
    out.bavail_negative = (v.f_bavail >> (sizeof v.f_bavail * CHAR_BIT - 1)) != 0;
    out.files = v.f_files;
    out.ffree = v.f_ffree;
    return 0;
}

namespace {

void stat_into(const std::string& path, bool via_open, ProbeResult& r) {
    struct stat st {};
    int err = 0;
    if (via_open) {
        // O_NONBLOCK: unlike GNU df, a FIFO argument must not block the open.
        int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            err = errno;
            if (err != ENOENT && err != ENOTDIR) err = ::stat(path.c_str(), &st) == 0 ? 0 : errno;
        } else {
            err = ::fstat(fd, &st) == 0 ? 0 : errno;
            ::close(fd);
        }
    } else {
        err = ::stat(path.c_str(), &st) == 0 ? 0 : errno;
    }
    r.stat_err = err;
    if (err == 0) {
        r.dev = st.st_dev;
        r.mode = st.st_mode;
    }
}

void run_job(const ProbeJob& job, ProbeResult& r) {
    if (job.what & probe_realpath) {
        if (char* p = ::realpath(job.path.c_str(), nullptr)) {
            r.realpath = p;
            r.realpath_err = 0;
            std::free(p);
        } else {
            r.realpath_err = errno;
        }
    }
    if (job.what & (probe_stat | probe_open_stat)) stat_into(job.path, job.what & probe_open_stat, r);
    if (job.what & probe_statvfs) r.statvfs_err = query_statvfs(job.path, r.usage);
    r.done = true;
}

}  // namespace

ProbeResult probe_inline(const ProbeJob& job) {
    ProbeResult r;
    run_job(job, r);
    return r;
}

namespace {

// One answer on the pipe: fixed header, then the realpath bytes.
struct Record {
    std::uint32_t index;
    std::int32_t stat_err;
    std::uint64_t dev;
    std::uint32_t mode;
    std::int32_t statvfs_err;
    std::uint64_t block_size, blocks, bfree, bavail, files, ffree;
    std::uint32_t bavail_negative;
    std::int32_t realpath_err;
    std::uint32_t realpath_len;
};

bool write_all(int fd, const char* p, std::size_t n) {
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

void encode(std::string& buf, std::uint32_t index, const ProbeResult& r) {
    Record h{};
    h.index = index;
    h.stat_err = r.stat_err;
    h.dev = r.dev;
    h.mode = r.mode;
    h.statvfs_err = r.statvfs_err;
    h.block_size = r.usage.block_size;
    h.blocks = r.usage.blocks;
    h.bfree = r.usage.bfree;
    h.bavail = r.usage.bavail;
    h.files = r.usage.files;
    h.ffree = r.usage.ffree;
    h.bavail_negative = r.usage.bavail_negative;
    h.realpath_err = r.realpath_err;
    h.realpath_len = static_cast<std::uint32_t>(r.realpath.size());
    buf.append(reinterpret_cast<const char*>(&h), sizeof h);
    buf += r.realpath;
}

// Upper bound of concurrent queries in the helper: enough that a few stuck mounts do not delay
// the others.
constexpr std::size_t max_workers = 32;
// A worker that has not finished a job for this long is presumed stuck: another one starts.
constexpr auto stall = std::chrono::milliseconds(20);

[[noreturn]] void helper_main(const std::vector<ProbeJob>& jobs, int wfd) {
    // Hold none of the caller's descriptors (stdout/stderr pipes above all).
    int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
    }
    if (wfd != 3) {
        ::dup2(wfd, 3);
        wfd = 3;
    }
    if (::close_range(4, ~0U, 0) != 0)
        for (int fd = 4; fd < 1024; ++fd) ::close(fd);
    std::mutex mu;
    std::condition_variable progress;
    std::size_t next = 0, finished = 0;
    std::string pending;  // answers not yet sent
    auto work = [&] {
        for (;;) {
            std::size_t i;
            {
                std::lock_guard lk(mu);
                if (next >= jobs.size()) return;
                i = next++;
            }
            ProbeResult r;
            run_job(jobs[i], r);
            std::lock_guard lk(mu);
            encode(pending, static_cast<std::uint32_t>(i), r);
            ++finished;
            progress.notify_all();
        }
    };
    // Normally statfs answers at once, one worker is fastest and all answers go out in one
    // write (one wake-up of the caller). Whenever no job finished within `stall`, what is there
    // is sent and one more worker starts, so stuck mounts never hold up the others.
    std::size_t workers = 1;
    std::thread(work).detach();
    std::unique_lock lk(mu);
    while (finished < jobs.size()) {
        std::size_t before = finished;
        progress.wait_for(lk, stall, [&] { return finished == jobs.size(); });
        if (finished == jobs.size()) break;
        if (!pending.empty()) {
            write_all(wfd, pending.data(), pending.size());
            pending.clear();
        }
        if (finished == before && next < jobs.size() && workers < max_workers) {
            try {
                std::thread(work).detach();
                ++workers;
            } catch (const std::system_error&) {
                // no more threads: the running ones go on
            }
        }
    }
    write_all(wfd, pending.data(), pending.size());
    ::_exit(0);
}

// Decode the records in BUF (consuming them) into RESULTS; returns how many were decoded.
std::size_t decode(std::string& buf, std::vector<ProbeResult>& results) {
    std::size_t count = 0, pos = 0;
    while (buf.size() - pos >= sizeof(Record)) {
        Record h;
        std::memcpy(&h, buf.data() + pos, sizeof h);
        if (buf.size() - pos - sizeof h < h.realpath_len) break;
        if (h.index < results.size()) {
            ProbeResult& r = results[h.index];
            r.done = true;
            r.stat_err = h.stat_err;
            r.dev = h.dev;
            r.mode = h.mode;
            r.statvfs_err = h.statvfs_err;
            r.usage.block_size = h.block_size;
            r.usage.blocks = h.blocks;
            r.usage.bfree = h.bfree;
            r.usage.bavail = h.bavail;
            r.usage.files = h.files;
            r.usage.ffree = h.ffree;
            r.usage.bavail_negative = h.bavail_negative != 0;
            r.realpath_err = h.realpath_err;
            r.realpath.assign(buf, pos + sizeof h, h.realpath_len);
            ++count;
        }
        pos += sizeof h + h.realpath_len;
    }
    buf.erase(0, pos);
    return count;
}

}  // namespace

std::vector<ProbeResult> probe_all(const std::vector<ProbeJob>& jobs,
                                   std::chrono::milliseconds timeout) {
    std::vector<ProbeResult> results(jobs.size());
    if (jobs.empty()) return results;
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) {
        for (std::size_t i = 0; i < jobs.size(); ++i) run_job(jobs[i], results[i]);  // no choice
        return results;
    }
    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(p[0]);
        ::close(p[1]);
        for (std::size_t i = 0; i < jobs.size(); ++i) run_job(jobs[i], results[i]);
        return results;
    }
    if (pid == 0) {
        ::close(p[0]);
        helper_main(jobs, p[1]);
    }
    ::close(p[1]);
    const bool bounded = timeout.count() > 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string buf;
    std::size_t got = 0;
    char chunk[8192];
    while (got < jobs.size()) {
        int wait_ms = -1;
        if (bounded) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            wait_ms = static_cast<int>(std::min<long long>(left.count() + 1, INT_MAX));
        }
        pollfd pfd{p[0], POLLIN, 0};
        int rc = ::poll(&pfd, 1, wait_ms);
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) {
            if (rc == 0) continue;  // re-check the deadline
            break;
        }
        ssize_t n = ::read(p[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // helper gone
        buf.append(chunk, static_cast<std::size_t>(n));
        got += decode(buf, results);
    }
    ::close(p[0]);
    if (got < jobs.size()) ::kill(pid, SIGKILL);  // it dies as soon as the kernel lets it
    // Reap it if it is already gone; otherwise do not wait (a helper that is still exiting, or
    // stuck, stays a zombie at most until we exit).
    int status;
    ::waitpid(pid, &status, WNOHANG);
    return results;
}

}  // namespace procstat::fsusage
