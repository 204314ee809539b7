// SPDX-License-Identifier: GPL-2.0-or-later
// The fts-order directory walker: getdents64 into a large buffer, fstatat relative to the
// directory fd, an explicit stack instead of recursion, and worker threads that scan the
// directories the visitor will enter next (the visitor itself stays single-threaded).
#include "procstat/walk/walker.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"
#include "procstat/core/root.hpp"

namespace procstat::walk {

namespace {

// Magic numbers of file systems where gnulib fts skips the inode sort (statfs(2)).
constexpr long tmpfs_magic = 0x01021994;
constexpr long nfs_magic = 0x6969;
constexpr long cifs_magic = static_cast<long>(0xFF534D42);

struct linux_dirent64 {
    std::uint64_t d_ino;
    std::int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

constexpr std::size_t getdents_buffer = 128 * 1024;

// Results read ahead and not yet taken by the visitor (each holds an open directory fd).
constexpr std::size_t max_prefetched_dirs = 256;

// Descriptors the walk may use: the soft RLIMIT_NOFILE minus a reserve for everything else.
std::size_t fd_budget() {
    struct rlimit rl;
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return 4096;
    std::size_t lim = static_cast<std::size_t>(rl.rlim_cur);
    return lim > 64 ? lim - 32 : lim / 2;
}

// A directory descriptor shared by the frame that owns it and the scans of its subdirectories.
struct DirFd {
    int fd = -1;
    explicit DirFd(int f) : fd(f) {}
    ~DirFd() {
        if (fd >= 0) ::close(fd);
    }
    DirFd(const DirFd&) = delete;
    DirFd& operator=(const DirFd&) = delete;
};
using DirFdPtr = std::shared_ptr<DirFd>;

// stat NAME relative to DIRFD; FOLLOW stats the link target. Returns 0 or the errno; a
// dangling link that should have been followed gives ENOENT with DANGLING set.
// statx with only the fields du uses; AT_NO_AUTOMOUNT as fstatat implies. Returns 0, the
// errno, or ENOSYS when statx is unavailable (the caller falls back to fstatat).
int statx_entry(int dirfd, const char* name, bool follow, StatTime tm, Stat& out) {
    unsigned mask = STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_INO | STATX_SIZE | STATX_BLOCKS;
    switch (tm) {
    case StatTime::mtime: mask |= STATX_MTIME; break;
    case StatTime::atime: mask |= STATX_ATIME; break;
    case StatTime::ctime: mask |= STATX_CTIME; break;
    case StatTime::none: break;
    }
    struct statx sx;
    int flags = AT_NO_AUTOMOUNT | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (::statx(dirfd, name, flags, mask, &sx) != 0) return errno;
    out.dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
    out.ino = static_cast<ino_t>(sx.stx_ino);
    out.size = static_cast<off_t>(sx.stx_size);
    out.blocks = static_cast<blkcnt_t>(sx.stx_blocks);
    out.mode = sx.stx_mode;
    out.nlink = sx.stx_nlink;
    const struct statx_timestamp* t = nullptr;
    switch (tm) {
    case StatTime::mtime: t = &sx.stx_mtime; break;
    case StatTime::atime: t = &sx.stx_atime; break;
    case StatTime::ctime: t = &sx.stx_ctime; break;
    case StatTime::none: break;
    }
    out.time = t ? timespec{static_cast<time_t>(t->tv_sec), static_cast<long>(t->tv_nsec)} : timespec{0, 0};
    return 0;
}

// Set once statx turned out to be missing (old kernel, seccomp filter).
std::atomic<bool> no_statx{false};

int stat_entry(int dirfd, const char* name, bool follow, StatTime tm, Stat& out, bool& dangling) {
    dangling = false;
    struct stat st;
    int e = ENOSYS;
    if (!no_statx.load(std::memory_order_relaxed)) {
        e = statx_entry(dirfd, name, follow, tm, out);
        if (e == 0) return 0;
        if (e == ENOSYS || e == EPERM) {
            // EPERM: some container runtimes deny statx; retry with fstatat for good.
            if (::fstatat(dirfd, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0) {
                no_statx.store(true, std::memory_order_relaxed);
                to_stat(st, tm, out);
                return 0;
            }
            e = errno;
        }
    } else if (::fstatat(dirfd, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0) {
        to_stat(st, tm, out);
        return 0;
    } else {
        e = errno;
    }
    if (follow && e == ENOENT) {
        if (::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) dangling = true;
    }
    return e;
}

}  // namespace

bool Stat::is_dir() const noexcept { return S_ISDIR(mode); }

void to_stat(const struct stat& st, StatTime time, Stat& out) {
    out.dev = st.st_dev;
    out.ino = st.st_ino;
    out.size = st.st_size;
    out.blocks = st.st_blocks;
    out.mode = st.st_mode;
    out.nlink = st.st_nlink;
    switch (time) {
    case StatTime::mtime: out.time = st.st_mtim; break;
    case StatTime::atime: out.time = st.st_atim; break;
    case StatTime::ctime: out.time = st.st_ctim; break;
    case StatTime::none: out.time = {0, 0}; break;
    }
}

void join_path(std::string& dir, std::string_view name) {
    if (dir.empty() || dir.back() != '/') dir.push_back('/');
    dir.append(name);
}

struct Task;

struct ScanEntry {
    std::string name;
    std::uint64_t ino = 0;     // d_ino, for the inode sort
    Stat st;
    int err = 0;               // stat errno
    bool dangling = false;
    std::shared_ptr<Task> task;  // directories: the scan of their contents
};

struct Walker::Scan {
    DirFdPtr fd;
    std::vector<ScanEntry> entries;
    int err = 0;  // open error (fd is null) or read error
};

// The scan of one subdirectory, done by a worker or by the visitor itself.
struct Task {
    enum class State { pending, running, done, taken, cancelled };
    DirFdPtr parent;
    std::string name;
    State state = State::pending;
    std::unique_ptr<Walker::Scan> result;
};

namespace {

// Read directory NAME (relative to PARENT_FD) and stat its entries. MAKE_TASKS creates a
// pending Task for every subdirectory found.
void scan_dir(int parent_fd, const char* name, bool follow_open, const WalkOptions& opts,
              bool make_tasks, Walker::Scan& out) {
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK | (follow_open ? 0 : O_NOFOLLOW);
    int fd = ::openat(parent_fd, name, flags);
    if (fd < 0) {
        out.err = errno;
        return;
    }
    out.fd = std::make_shared<DirFd>(fd);
    // One buffer per thread, reused for every directory it reads.
    thread_local std::unique_ptr<char[]> buf;
    if (!buf) buf.reset(new char[getdents_buffer]);
    for (;;) {
        long n = ::syscall(SYS_getdents64, fd, buf.get(), getdents_buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (out.entries.empty()) {
                out.err = errno;
                out.fd.reset();
                return;
            }
            break;
        }
        if (n == 0) break;
        for (long off = 0; off < n;) {
            auto* d = reinterpret_cast<linux_dirent64*>(buf.get() + off);
            off += d->d_reclen;
            const char* nm = d->d_name;
            if (nm[0] == '.' && (nm[1] == 0 || (nm[1] == '.' && nm[2] == 0))) continue;
            ScanEntry e;
            e.name = nm;
            e.ino = d->d_ino;
            out.entries.push_back(std::move(e));
        }
    }
    if (out.entries.size() > Walker::sort_threshold) {
        struct statfs sfs;
        bool sortable = true;
        if (::fstatfs(fd, &sfs) == 0) {
            long t = static_cast<long>(sfs.f_type);
            sortable = t != tmpfs_magic && t != nfs_magic && t != cifs_magic;
        }
        if (sortable) {
            // compat: gnulib fts reads at most batch_entries names at a time and sorts each
            // batch that has more than sort_threshold names by inode number.
            auto& v = out.entries;
            for (std::size_t b = 0; b < v.size(); b += Walker::batch_entries) {
                std::size_t e = std::min(v.size(), b + Walker::batch_entries);
                if (e - b <= Walker::sort_threshold) break;
                std::stable_sort(v.begin() + static_cast<std::ptrdiff_t>(b),
                                 v.begin() + static_cast<std::ptrdiff_t>(e),
                                 [](const ScanEntry& x, const ScanEntry& y) { return x.ino < y.ino; });
            }
        }
    }
    bool follow = opts.follow == Follow::logical;
    for (auto& e : out.entries) {
        e.err = stat_entry(fd, e.name.c_str(), follow, opts.time, e.st, e.dangling);
        if (make_tasks && e.err == 0 && e.st.is_dir()) {
            e.task = std::make_shared<Task>();
            e.task->parent = out.fd;
            e.task->name = e.name;
        }
    }
}

}  // namespace

// Worker threads scanning pending subdirectories, most recently discovered first (the order
// a depth-first visitor needs them), within a bound on what is held in memory.
class Prefetcher {
public:
    Prefetcher(unsigned n, const WalkOptions& opts, std::size_t max_dirs)
        : opts_(opts), max_dirs_(max_dirs) {
        for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { run(); });
    }
    ~Prefetcher() {
        {
            std::lock_guard<std::mutex> lk(m_);
            stop_ = true;
        }
        work_.notify_all();
        for (auto& t : threads_) t.join();
    }

    // Offer the subdirectories of S to the workers (first subdirectory scanned first).
    void push_children(Walker::Scan& s) {
        std::lock_guard<std::mutex> lk(m_);
        push_locked(s);
        work_.notify_all();
    }

    // Take the scan of T: the finished result, or null when nobody started it (the caller
    // scans it then). Waits while a worker is scanning it.
    std::unique_ptr<Walker::Scan> claim(Task& t) {
        std::unique_lock<std::mutex> lk(m_);
        if (t.state == Task::State::pending) {
            t.state = Task::State::taken;
            t.parent.reset();
            return nullptr;
        }
        done_.wait(lk, [&] { return t.state != Task::State::running; });
        if (t.state != Task::State::done) return nullptr;
        t.state = Task::State::taken;
        release_locked(*t.result);
        work_.notify_all();
        return std::move(t.result);
    }

    // The visitor will not enter T: drop it and everything read below it.
    void cancel(const std::shared_ptr<Task>& t) {
        std::lock_guard<std::mutex> lk(m_);
        std::vector<std::shared_ptr<Task>> todo{t};
        while (!todo.empty()) {
            auto cur = std::move(todo.back());
            todo.pop_back();
            if (cur->state == Task::State::done) {
                release_locked(*cur->result);
                for (auto& e : cur->result->entries)
                    if (e.task) todo.push_back(e.task);
                cur->result.reset();
            }
            if (cur->state != Task::State::taken) cur->state = Task::State::cancelled;
            cur->parent.reset();
        }
        work_.notify_all();
    }

private:
    void push_locked(Walker::Scan& s) {
        for (auto it = s.entries.rbegin(); it != s.entries.rend(); ++it)
            if (it->task) stack_.push_front(it->task);
    }
    void release_locked(const Walker::Scan& s) {
        held_entries_ -= std::min(held_entries_, s.entries.size());
        if (held_dirs_) --held_dirs_;
    }

    void run() {
        std::unique_lock<std::mutex> lk(m_);
        for (;;) {
            work_.wait(lk, [&] {
                return stop_ || (!stack_.empty() && held_dirs_ < max_dirs_ &&
                                 held_entries_ < opts_.prefetch_entries);
            });
            if (stop_) return;
            auto t = std::move(stack_.front());
            stack_.pop_front();
            if (t->state != Task::State::pending) continue;
            t->state = Task::State::running;
            DirFdPtr parent = std::move(t->parent);
            std::string name = t->name;
            lk.unlock();
            auto s = std::make_unique<Walker::Scan>();
            scan_dir(parent->fd, name.c_str(), opts_.follow == Follow::logical, opts_, true, *s);
            parent.reset();
            lk.lock();
            if (t->state == Task::State::cancelled) {
                done_.notify_all();
                continue;
            }
            held_entries_ += s->entries.size();
            ++held_dirs_;
            t->result = std::move(s);
            t->state = Task::State::done;
            push_locked(*t->result);
            done_.notify_all();
        }
    }

    WalkOptions opts_;
    std::size_t max_dirs_;
    std::mutex m_;
    std::condition_variable work_, done_;
    std::deque<std::shared_ptr<Task>> stack_;
    std::size_t held_entries_ = 0;
    std::size_t held_dirs_ = 0;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

struct Walker::Frame {
    DirFdPtr fd;
    Stat st;
    std::size_t path_len = 0;    // length of the directory's own path
    std::unique_ptr<Scan> scan;  // its entries
    std::size_t next = 0;        // next entry to visit
    int read_err = 0;
};

Walker::Walker(WalkOptions opts) : opts_(opts) {
    // Half of the descriptor budget for the current path, a quarter for read-ahead.
    std::size_t budget = fd_budget();
    open_dirs_ = std::clamp<std::size_t>(budget / 2, 4, max_open_dirs);
    std::size_t ahead = std::min(budget / 4, max_prefetched_dirs);
    if (opts_.threads > 0 && ahead >= 4) pool_ = std::make_unique<Prefetcher>(opts_.threads, opts_, ahead);
}

// Close the descriptors of every directory on the path except the innermost KEEP (they are
// reopened on the way back), after running out of descriptors.
void Walker::drop_ancestor_fds(std::size_t keep) {
    for (std::size_t i = 0; i + keep < frames_.size(); ++i) {
        if (!frames_[i].fd) continue;
        frames_[i].fd.reset();
        if (frames_[i].scan) frames_[i].scan->fd.reset();
    }
}

Walker::~Walker() {
    frames_.clear();
    pool_.reset();
}

const Stat& Walker::ancestor(std::size_t level) const { return frames_[level].st; }

// Reopen the dropped directory fd of frames_[IDX] from its open child frames_[IDX+1] via "..",
// falling back to the names from the nearest open ancestor.
bool Walker::reopen(std::size_t idx) {
    Frame& f = frames_[idx];
    struct stat st;
    auto same = [&](const struct stat& s) { return s.st_dev == f.st.dev && s.st_ino == f.st.ino; };
    int fd = ::openat(frames_[idx + 1].fd->fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && ::fstat(fd, &st) == 0 && same(st)) {
        f.fd = std::make_shared<DirFd>(fd);
        return true;
    }
    if (fd >= 0) ::close(fd);
    std::size_t j = idx;
    while (j > 0 && !frames_[j - 1].fd) --j;
    int cur;
    std::size_t start;
    if (j == 0) {
        std::string root = path_.substr(0, frames_[0].path_len);
        cur = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        start = 1;
    } else {
        cur = ::dup(frames_[j - 1].fd->fd);
        start = j;
    }
    for (std::size_t i = start; cur >= 0 && i <= idx; ++i) {
        // The name of frames_[i] is the path component after its parent's path.
        std::size_t from = frames_[i - 1].path_len;
        std::string name = path_.substr(from, frames_[i].path_len - from);
        if (!name.empty() && name.front() == '/') name.erase(0, 1);
        int nfd = ::openat(cur, name.c_str(),
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC |
                               (opts_.follow == Follow::logical ? 0 : O_NOFOLLOW));
        ::close(cur);
        cur = nfd;
    }
    if (cur < 0) return false;
    if (::fstat(cur, &st) != 0 || !same(st)) {
        ::close(cur);
        return false;
    }
    f.fd = std::make_shared<DirFd>(cur);
    return true;
}

void Walker::walk(const std::string& arg, const Visit& visit) {
    frames_.clear();
    path_ = arg;
    Node node;
    node.path = &path_;
    bool follow_root = opts_.follow != Follow::physical;
    bool follow = opts_.follow == Follow::logical;

    bool dangling = false;
    int e = stat_entry(AT_FDCWD, arg.c_str(), follow_root, opts_.time, cur_, dangling);
    if (e != 0) {
        node.info = Info::no_stat;
        node.err = dangling ? 0 : e;
        visit(node);
        return;
    }
    node.st = &cur_;
    if (!cur_.is_dir()) {
        node.info = Info::file;
        visit(node);
        return;
    }

    // Active directories on the current path, for cycle detection.
    std::unordered_map<DevIno, std::size_t, DevInoHash> active;
    auto cancel = [&](ScanEntry& ent) {
        if (ent.task && pool_) pool_->cancel(ent.task);
        ent.task.reset();
    };

    // Visit the directory in cur_ (pre-order), then open and scan it (or take the scan a
    // worker made) and push its frame. TASK is its prefetch task, if any.
    auto enter = [&](int dirfd, const char* name, bool follow_this, std::size_t level,
                     const std::shared_ptr<Task>& task) {
        Frame fr;
        fr.st = cur_;
        fr.path_len = path_.size();
        frames_.push_back(std::move(fr));
        node.info = Info::dir_pre;
        node.level = level;
        node.st = &frames_.back().st;
        if (visit(node) == Action::skip) {
            if (task && pool_) pool_->cancel(task);
            frames_.pop_back();
            return;
        }
        std::unique_ptr<Scan> scan;
        if (task && pool_) scan = pool_->claim(*task);
        bool self_scanned = !scan;
        if (!scan) {
            scan = std::make_unique<Scan>();
            scan_dir(dirfd, name, follow_this, opts_, pool_ != nullptr, *scan);
            if (!scan->fd && (scan->err == EMFILE || scan->err == ENFILE) && frames_.size() > 2) {
                // Out of descriptors (a low limit, or read-ahead holding many): keep only the
                // parent open and try once more.
                drop_ancestor_fds(2);
                scan = std::make_unique<Scan>();
                scan_dir(dirfd, name, follow_this, opts_, pool_ != nullptr, *scan);
            }
        }
        Frame& g = frames_.back();
        if (!scan->fd) {
            node.info = Info::dir_unreadable;
            node.err = scan->err;
            node.st = &g.st;
            visit(node);
            node.err = 0;
            frames_.pop_back();
            return;
        }
        if (pool_ && self_scanned) pool_->push_children(*scan);
        g.fd = scan->fd;
        g.scan = std::move(scan);
        active.emplace(DevIno{g.st.dev, g.st.ino}, level);
        std::size_t k = frames_.size() - 1;
        if (k >= open_dirs_ && frames_[k - open_dirs_].fd) {
            frames_[k - open_dirs_].fd.reset();
            frames_[k - open_dirs_].scan->fd.reset();
        }
    };

    enter(AT_FDCWD, arg.c_str(), follow_root, 0, nullptr);

    while (!frames_.empty()) {
        std::size_t level = frames_.size();  // level of the entries of the top frame
        Frame& top = frames_.back();
        if (top.next >= top.scan->entries.size()) {
            // Post-order visit, then back to the parent.
            path_.resize(top.path_len);
            node.info = top.read_err ? Info::dir_unreadable : Info::dir_post;
            node.err = top.read_err;
            node.level = level - 1;
            node.st = &top.st;
            visit(node);
            node.err = 0;
            active.erase(DevIno{top.st.dev, top.st.ino});
            if (frames_.size() >= 2 && !frames_[frames_.size() - 2].fd) {
                if (!reopen(frames_.size() - 2)) {
                    // The rest of the parent cannot be reached any more.
                    Frame& p = frames_[frames_.size() - 2];
                    for (std::size_t i = p.next; i < p.scan->entries.size(); ++i)
                        cancel(p.scan->entries[i]);
                    p.next = p.scan->entries.size();
                    p.read_err = errno ? errno : EIO;
                }
            }
            frames_.pop_back();
            continue;
        }
        ScanEntry& ent = top.scan->entries[top.next++];
        path_.resize(top.path_len);
        join_path(path_, ent.name);
        node.level = level;
        int err = ent.err;
        if (follow && path_.size() >= PATH_MAX) {
            // compat: with -L, gnulib fts works on full path names (FTS_NOCHDIR), so GNU du
            // cannot stat anything whose path is PATH_MAX bytes or longer.
            err = ENAMETOOLONG;
            ent.dangling = false;
        }
        if (err != 0) {
            cancel(ent);
            node.info = Info::no_stat;
            node.err = ent.dangling ? 0 : err;
            node.st = nullptr;
            visit(node);
            node.err = 0;
            continue;
        }
        cur_ = ent.st;
        node.st = &cur_;
        if (!cur_.is_dir()) {
            node.info = Info::file;
            visit(node);
            continue;
        }
        auto it = active.find(DevIno{cur_.dev, cur_.ino});
        if (it != active.end()) {
            cancel(ent);
            node.info = Info::dir_cycle;
            node.cycle_level = it->second;
            visit(node);
            continue;
        }
        std::string name = ent.name;  // enter() may reallocate frames_
        std::shared_ptr<Task> task = std::move(ent.task);
        int fd = top.fd->fd;
        enter(fd, name.c_str(), follow, level, task);
    }
}

unsigned default_threads(dev_t dev) {
    if (const char* env = std::getenv("PROCSTAT_DU_THREADS")) {
        auto v = parse::to_u64(std::string_view(env));
        if (v && *v <= 256) return static_cast<unsigned>(*v);
    }
    cpu_set_t set;
    unsigned cpus = 0;
    if (::sched_getaffinity(0, sizeof set, &set) == 0)
        cpus = static_cast<unsigned>(CPU_COUNT(&set));
    if (cpus == 0) cpus = std::thread::hardware_concurrency();
    if (cpus <= 1) return 0;
    // Parallel seeks make rotational disks slower: walk those with one thread.
    Root root;
    std::string base = std::string(Root::sys) + "/dev/block/" + std::to_string(major(dev)) + ":" +
                       std::to_string(minor(dev));
    std::string text;
    if (io::read_file(root, base + "/queue/rotational", text) ||
        io::read_file(root, base + "/../queue/rotational", text)) {
        if (parse::trim(text) == "1") return 0;
    }
    return cpus;
}

}  // namespace procstat::walk
