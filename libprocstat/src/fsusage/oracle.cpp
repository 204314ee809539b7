// SPDX-License-Identifier: GPL-2.0-or-later
// Path oracles: live (cached, deadline-bounded) and the --sysroot statvfs stand-in.
#include "procstat/fsusage/oracle.hpp"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"

namespace procstat::fsusage {

void LiveOracle::merge(Entry& e, unsigned what, const ProbeResult& r) {
    if (!r.done) {
        e.timed_out = true;
        e.r.done = false;
        return;
    }
    e.r.done = true;
    if (what & probe_realpath) {
        e.r.realpath_err = r.realpath_err;
        e.r.realpath = r.realpath;
    }
    if (what & (probe_stat | probe_open_stat)) {
        e.r.stat_err = r.stat_err;
        e.r.dev = r.dev;
        e.r.mode = r.mode;
    }
    if (what & probe_statvfs) {
        e.r.statvfs_err = r.statvfs_err;
        e.r.usage = r.usage;
    }
    e.have |= what;
    // open+fstat answers a plain stat question too
    if (what & probe_open_stat) e.have |= probe_stat;
}

namespace {

// TARGET is PREFIX or lies below it (both mount points: absolute, canonical).
bool under(const std::string& target, const std::string& prefix) {
    if (prefix == "/") return true;
    return target.size() >= prefix.size() && target.compare(0, prefix.size(), prefix) == 0 &&
           (target.size() == prefix.size() || target[prefix.size()] == '/');
}

// Look PATH up without following magic links (/proc/PID/root, /proc/PID/cwd, /proc/PID/fd/N),
// the only way a lookup leaves this mount namespace's tree. False when it would cross one (or
// the kernel lacks openat2).
bool stays_in_namespace(const std::string& path) {
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_NO_MAGICLINKS;
    long fd = ::syscall(SYS_openat2, AT_FDCWD, path.c_str(), &how, sizeof how);
    if (fd >= 0) {
        ::close(static_cast<int>(fd));
        return true;
    }
    // ELOOP: a magic link (or a symlink loop: the isolated query then reports it);
    // ENOSYS/E2BIG: no openat2; EPERM: a seccomp filter refused it; EAGAIN: the lookup raced
    // with a rename or mount. Any other error (ENOENT, EACCES, ...) ends the lookup inside the
    // namespace, and the in-process query meets the same error.
    return errno != ELOOP && errno != ENOSYS && errno != E2BIG && errno != EPERM && errno != EAGAIN;
}

}  // namespace

void LiveOracle::set_mounts(const std::vector<DfMount>& mounts) {
    mounts_known_ = true;
    std::vector<const std::string*> blocking;
    for (const auto& m : mounts)
        if (m.may_block) blocking.push_back(&m.target);
    any_blocking_ = !blocking.empty();
    targets_.clear();
    targets_.reserve(mounts.size());
    for (const auto& m : mounts) {
        bool b = false;
        for (const std::string* t : blocking)
            if (under(m.target, *t)) {
                b = true;
                break;
            }
        targets_.emplace(m.target, b);
    }
}

// A mount point (mountinfo lists canonical paths, free of symlinks) may block exactly when its
// lookup walks through a mount that may block: one mounted on it or on an ancestor (stacked
// mounts included: conservative). Any other path (a file argument, its parents) can lead
// anywhere through symlinks, so it is asked in-process only when no mount of this namespace may
// block and its lookup cannot leave the namespace (through a magic link, or from a working
// directory outside the tree such as a lazily unmounted file system).
bool LiveOracle::may_block(const std::string& path) {
    if (!mounts_known_) return true;
    if (auto it = targets_.find(path); it != targets_.end()) return it->second;
    if (any_blocking_ || path.empty()) return true;
    if (path[0] != '/') {
        if (cwd_reachable_ < 0) {
            // getcwd fails (ENOENT) when the working directory is not reachable from our root
            char buf[PATH_MAX];
            cwd_reachable_ = ::getcwd(buf, sizeof buf) != nullptr && buf[0] == '/';
        }
        if (!cwd_reachable_) return true;
    }
    return !stays_in_namespace(path);
}

const ProbeResult& LiveOracle::probe(const std::string& path, unsigned what) {
    Entry& e = cache_[path];
    if (e.timed_out) return e.r;
    unsigned missing = what & ~e.have;
    if (missing) {
        if (may_block(path))
            merge(e, missing, probe_all({ProbeJob{path, missing}}, timeout_)[0]);
        else
            merge(e, missing, probe_inline(ProbeJob{path, missing}));
    }
    return e.r;
}

void LiveOracle::prefetch(const std::vector<ProbeJob>& jobs) {
    std::vector<ProbeJob> todo;
    std::unordered_map<std::string_view, std::size_t> index;  // path -> its job in todo
    todo.reserve(jobs.size());
    index.reserve(jobs.size());
    for (const auto& j : jobs) {
        auto it = cache_.find(j.path);
        unsigned missing = j.what;
        if (it != cache_.end()) {
            if (it->second.timed_out) continue;
            missing &= ~it->second.have;
        }
        if (!missing) continue;
        auto [at, fresh] = index.emplace(j.path, todo.size());
        if (fresh)
            todo.push_back({j.path, missing});
        else
            todo[at->second].what |= missing;
    }
    // The ones that may block go to the isolated helper together (one fork, one deadline);
    // the rest are answered here and now.
    std::vector<ProbeJob> isolated;
    cache_.reserve(cache_.size() + todo.size());
    for (auto& t : todo) {
        if (may_block(t.path))
            isolated.push_back(std::move(t));
        else
            merge(cache_[t.path], t.what, probe_inline(t));
    }
    if (isolated.empty()) return;
    auto res = probe_all(isolated, timeout_);
    for (std::size_t i = 0; i < isolated.size(); ++i)
        merge(cache_[isolated[i].path], isolated[i].what, res[i]);
}

std::map<std::string, ProbeResult> parse_statvfs_standin(std::string_view text) {
    std::map<std::string, ProbeResult> known;
    std::string_view rest(text), line;
    while (parse::next_line(rest, line)) {
        std::string_view target = parse::next_token(line);
        std::uint64_t v[6];
        bool ok = !target.empty();
        for (auto& x : v) {
            auto n = parse::to_u64(parse::next_token(line));
            if (!n) ok = false;
            x = n.value_or(0);
        }
        if (!ok) continue;  // malformed stand-in line: that mount is unknown
        ProbeResult r;
        r.done = true;
        r.stat_err = ENOENT;  // no st_dev: duplicates are judged by mountinfo's major:minor
        std::string_view dev_field = parse::next_token(line);
        if (auto dev = parse::to_u64(dev_field)) {
            r.stat_err = 0;
            r.dev = *dev;
            r.mode = 0040755;  // a mount point is a directory
        } else if (!dev_field.empty()) {
            continue;
        }
        r.realpath_err = ENOENT;
        r.statvfs_err = 0;
        r.usage.block_size = v[0];
        r.usage.blocks = v[1];
        r.usage.bfree = v[2];
        r.usage.bavail = v[3];
        r.usage.files = v[4];
        r.usage.ffree = v[5];
        known[parse::unescape_octal(target)] = r;
    }
    return known;
}

SysrootOracle::SysrootOracle(const Root& root) {
    missing_.done = true;
    missing_.stat_err = missing_.statvfs_err = missing_.realpath_err = ENOENT;
    std::string text;
    if (io::read_file(root, "host/statvfs", text)) known_ = parse_statvfs_standin(text);
}

const ProbeResult& SysrootOracle::probe(const std::string& path, unsigned what) {
    (void)what;
    auto it = known_.find(path);
    return it == known_.end() ? missing_ : it->second;
}

}  // namespace procstat::fsusage
