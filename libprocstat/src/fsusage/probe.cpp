// SPDX-License-Identifier: GPL-2.0-or-later
// Deadline-bounded concurrent stat/statvfs/realpath of paths: a bounded pool of worker threads,
// the caller waits on a condition variable until every job answered or the deadline passed.
#include "procstat/fsusage/fs_usage.hpp"

#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <sys/stat.h>
#include <sys/statvfs.h>
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
}

// State shared with the workers; it outlives the caller's wait when a worker is stuck.
struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<ProbeJob> jobs;
    std::vector<ProbeResult> results;  // written under mu when a job finishes
    std::size_t next = 0;
    std::size_t finished = 0;
};

void worker(std::shared_ptr<Shared> s) {
    for (;;) {
        std::size_t i;
        {
            std::lock_guard lk(s->mu);
            if (s->next >= s->jobs.size()) return;
            i = s->next++;
        }
        ProbeResult r;
        run_job(s->jobs[i], r);
        r.done = true;
        std::lock_guard lk(s->mu);
        s->results[i] = std::move(r);
        ++s->finished;
        s->cv.notify_all();
    }
}

// Upper bound of concurrent queries: enough that a few stuck mounts do not delay the others.
constexpr std::size_t max_workers = 32;

}  // namespace

std::vector<ProbeResult> probe_all(const std::vector<ProbeJob>& jobs,
                                   std::chrono::milliseconds timeout) {
    auto s = std::make_shared<Shared>();
    s->jobs = jobs;
    s->results.resize(jobs.size());
    if (jobs.empty()) return {};
    if (jobs.size() == 1 && timeout.count() <= 0) {
        run_job(jobs[0], s->results[0]);
        s->results[0].done = true;
        return std::move(s->results);
    }
    std::size_t n = std::min(jobs.size(), max_workers);
    std::size_t started = 0;
    for (std::size_t i = 0; i < n; ++i) {
        try {
            std::thread(worker, s).detach();
            ++started;
        } catch (const std::system_error&) {
            break;  // no more threads: the ones running will take the remaining jobs
        }
    }
    if (started == 0) {  // cannot create threads at all: query in this thread
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            run_job(jobs[i], s->results[i]);
            s->results[i].done = true;
        }
        return std::move(s->results);
    }
    std::unique_lock lk(s->mu);
    auto all_done = [&] { return s->finished == s->jobs.size(); };
    if (timeout.count() <= 0)
        s->cv.wait(lk, all_done);  // no deadline asked for
    else
        s->cv.wait_until(lk, std::chrono::steady_clock::now() + timeout, all_done);
    // Jobs not yet taken by a worker will never run now.
    s->next = s->jobs.size();
    return s->results;  // copy: stuck workers may still write their own slot later
}

}  // namespace procstat::fsusage
