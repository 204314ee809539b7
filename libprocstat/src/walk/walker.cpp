// SPDX-License-Identifier: GPL-2.0-or-later
// The fts-order directory walker: getdents64 into a large buffer, fstatat relative to the
// parent directory, an explicit stack of open directories instead of recursion.
#include "procstat/walk/walker.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <climits>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <unordered_map>

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

constexpr std::size_t getdents_buffer = 256 * 1024;

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// stat NAME relative to DIRFD; FOLLOW stats the link target. Returns 0 or the errno; a
// dangling link that should have been followed gives ENOENT with *dangling set.
int stat_entry(int dirfd, const char* name, bool follow, struct stat& st, bool& dangling) {
    dangling = false;
    if (fstatat(dirfd, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0) return 0;
    int e = errno;
    if (follow && e == ENOENT) {
        struct stat lst;
        if (fstatat(dirfd, name, &lst, AT_SYMLINK_NOFOLLOW) == 0) dangling = true;
    }
    return e;
}

}  // namespace

void join_path(std::string& dir, std::string_view name) {
    if (dir.empty() || dir.back() != '/') dir.push_back('/');
    dir.append(name);
}

Walker::~Walker() { clear(); }

void Walker::clear() {
    for (auto& f : frames_)
        if (f.fd >= 0) ::close(f.fd);
    frames_.clear();
}

const struct stat& Walker::ancestor(std::size_t level) const { return frames_[level].st; }

// Open the directory NAME (relative to DIRFD) into F and read all of its entries.
bool Walker::open_frame(Frame& f, int dirfd, const char* name, bool follow) {
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);
    int fd = ::openat(dirfd, name, flags);
    if (fd < 0) {
        f.read_err = errno;
        return false;
    }
    f.fd = fd;
    f.entries.clear();
    f.next = 0;
    std::unique_ptr<char[]> buf(new char[getdents_buffer]);
    for (;;) {
        long n = ::syscall(SYS_getdents64, fd, buf.get(), getdents_buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            f.read_err = errno;
            if (f.entries.empty()) {
                ::close(fd);
                f.fd = -1;
                return false;
            }
            break;
        }
        if (n == 0) break;
        for (long off = 0; off < n;) {
            auto* d = reinterpret_cast<linux_dirent64*>(buf.get() + off);
            off += d->d_reclen;
            const char* nm = d->d_name;
            if (nm[0] == '.' && (nm[1] == 0 || (nm[1] == '.' && nm[2] == 0))) continue;
            f.entries.push_back(Entry{std::string(nm), d->d_ino});
        }
    }
    f.read_err = 0;
    if (f.entries.size() > sort_threshold) {
        struct statfs sfs;
        bool sortable = true;
        if (::fstatfs(fd, &sfs) == 0) {
            long t = static_cast<long>(sfs.f_type);
            sortable = t != tmpfs_magic && t != nfs_magic && t != cifs_magic;
        }
        if (sortable) {
            // compat: gnulib fts reads at most batch_entries names at a time and sorts each
            // batch that has more than sort_threshold names by inode number.
            for (std::size_t b = 0; b < f.entries.size(); b += batch_entries) {
                std::size_t e = std::min(f.entries.size(), b + batch_entries);
                if (e - b <= sort_threshold) break;
                std::stable_sort(f.entries.begin() + static_cast<std::ptrdiff_t>(b),
                                 f.entries.begin() + static_cast<std::ptrdiff_t>(e),
                                 [](const Entry& x, const Entry& y) { return x.ino < y.ino; });
            }
        }
    }
    return true;
}

// Reopen the closed directory frames_[IDX] from its open child frames_[IDX+1] via "..",
// falling back to the names from the nearest open ancestor.
bool Walker::reopen(std::size_t idx) {
    Frame& f = frames_[idx];
    struct stat st;
    int fd = ::openat(frames_[idx + 1].fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && ::fstat(fd, &st) == 0 && same_file(st, f.st)) {
        f.fd = fd;
        return true;
    }
    if (fd >= 0) ::close(fd);
    std::size_t j = idx;
    while (j > 0 && frames_[j - 1].fd < 0) --j;
    // frames_[j] is the first closed one; rebuild from frames_[j-1] (or the argument path).
    int cur;
    std::size_t start;
    if (j == 0) {
        std::string root = path_.substr(0, frames_[0].path_len);
        cur = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        start = 1;
    } else {
        cur = ::dup(frames_[j - 1].fd);
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
    if (::fstat(cur, &st) != 0 || !same_file(st, f.st)) {
        ::close(cur);
        return false;
    }
    f.fd = cur;
    return true;
}

void Walker::walk(const std::string& arg, const Visit& visit) {
    clear();
    path_ = arg;
    Node node;
    node.path = &path_;
    bool follow_root = opts_.follow != Follow::physical;
    bool follow = opts_.follow == Follow::logical;

    bool dangling = false;
    int e = stat_entry(AT_FDCWD, arg.c_str(), follow_root, cur_, dangling);
    if (e != 0) {
        node.info = Info::no_stat;
        node.err = dangling ? 0 : e;
        visit(node);
        return;
    }
    node.st = &cur_;
    if (!S_ISDIR(cur_.st_mode)) {
        node.info = Info::file;
        visit(node);
        return;
    }

    // Active directories on the current path, for cycle detection.
    struct DevIno {
        dev_t dev;
        ino_t ino;
        bool operator==(const DevIno&) const = default;
    };
    struct DevInoHash {
        std::size_t operator()(const DevIno& d) const noexcept {
            return std::hash<std::uint64_t>()(static_cast<std::uint64_t>(d.ino) * 0x9e3779b97f4a7c15ULL ^
                                              static_cast<std::uint64_t>(d.dev));
        }
    };
    std::unordered_map<DevIno, std::size_t, DevInoHash> active;

    // Push a directory frame for the just-stat'ed directory in cur_ and visit it (pre-order).
    // Returns true when its contents are to be walked.
    auto enter = [&](int dirfd, const char* name, bool follow_this, std::size_t level) -> bool {
        frames_.emplace_back();
        Frame& f = frames_.back();
        f.st = cur_;
        f.path_len = path_.size();
        node.info = Info::dir_pre;
        node.level = level;
        node.st = &frames_.back().st;
        if (visit(node) == Action::skip) {
            frames_.pop_back();
            return false;
        }
        Frame& g = frames_.back();
        if (!open_frame(g, dirfd, name, follow_this)) {
            node.info = Info::dir_unreadable;
            node.err = g.read_err;
            node.st = &g.st;
            visit(node);
            node.err = 0;
            frames_.pop_back();
            return false;
        }
        active.emplace(DevIno{g.st.st_dev, g.st.st_ino}, level);
        std::size_t k = frames_.size() - 1;
        if (k >= max_open_dirs && frames_[k - max_open_dirs].fd >= 0) {
            ::close(frames_[k - max_open_dirs].fd);
            frames_[k - max_open_dirs].fd = -1;
        }
        return true;
    };

    if (!enter(AT_FDCWD, arg.c_str(), follow_root, 0)) return;

    while (!frames_.empty()) {
        std::size_t level = frames_.size();  // level of the entries of the top frame
        Frame& top = frames_.back();
        if (top.next >= top.entries.size()) {
            // Post-order visit, then back to the parent.
            path_.resize(top.path_len);
            node.info = top.read_err ? Info::dir_unreadable : Info::dir_post;
            node.err = top.read_err;
            node.level = level - 1;
            node.st = &top.st;
            visit(node);
            node.err = 0;
            active.erase(DevIno{top.st.st_dev, top.st.st_ino});
            if (frames_.size() >= 2 && frames_[frames_.size() - 2].fd < 0) {
                if (!reopen(frames_.size() - 2)) {
                    Frame& p = frames_[frames_.size() - 2];
                    p.next = p.entries.size();
                    p.read_err = errno ? errno : EIO;
                }
            }
            if (top.fd >= 0) ::close(top.fd);
            frames_.pop_back();
            continue;
        }
        const Entry& ent = top.entries[top.next++];
        path_.resize(top.path_len);
        join_path(path_, ent.name);
        node.level = level;
        int err;
        if (follow && path_.size() >= PATH_MAX) {
            // compat: with -L, gnulib fts works on full path names (FTS_NOCHDIR), so GNU du
            // cannot stat anything whose path is PATH_MAX bytes or longer.
            err = ENAMETOOLONG;
            dangling = false;
        } else {
            err = stat_entry(top.fd, ent.name.c_str(), follow, cur_, dangling);
        }
        if (err != 0) {
            node.info = Info::no_stat;
            node.err = dangling ? 0 : err;
            node.st = nullptr;
            visit(node);
            node.err = 0;
            continue;
        }
        node.st = &cur_;
        if (!S_ISDIR(cur_.st_mode)) {
            node.info = Info::file;
            visit(node);
            continue;
        }
        auto it = active.find(DevIno{cur_.st_dev, cur_.st_ino});
        if (it != active.end()) {
            node.info = Info::dir_cycle;
            node.cycle_level = it->second;
            visit(node);
            continue;
        }
        std::string name = ent.name;  // enter() may reallocate frames_
        enter(top.fd, name.c_str(), follow, level);
    }
}

}  // namespace procstat::walk
