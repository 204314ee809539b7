// SPDX-License-Identifier: GPL-2.0-or-later
// GNU du 9.1 accounting over the walker's visits (per-level sums, hard links, exclusions).
#include "procstat/walk/du.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "procstat/core/root.hpp"
#include "procstat/mnt/mount_table.hpp"

namespace procstat::walk {

void DuSize::add(const DuSize& o) {
    bytes += o.bytes;
    apparent += o.apparent;
    inodes += o.inodes;
    if (o.time.tv_sec > time.tv_sec || (o.time.tv_sec == time.tv_sec && o.time.tv_nsec > time.tv_nsec))
        time = o.time;
}

std::uint64_t shown_size(const DuSize& s, const DuOptions& o) {
    return o.inodes ? s.inodes : o.apparent ? s.apparent : s.bytes;
}

void sort_records(std::vector<DuRecord>& records, DuSort key, const DuOptions& o) {
    if (key == DuSort::size)
        std::stable_sort(records.begin(), records.end(), [&](const DuRecord& a, const DuRecord& b) {
            return shown_size(a.size, o) < shown_size(b.size, o);
        });
    else if (key == DuSort::name)
        std::stable_sort(records.begin(), records.end(),
                         [](const DuRecord& a, const DuRecord& b) { return a.path < b.path; });
}

bool exclude_matches(const std::string& pattern, const std::string& path) {
    if (::fnmatch(pattern.c_str(), path.c_str(), 0) == 0) return true;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '/' && i + 1 < path.size() && path[i + 1] != '/' &&
            ::fnmatch(pattern.c_str(), path.c_str() + i + 1, 0) == 0)
            return true;
    }
    return false;
}

namespace {

// compat: gnulib mountlist's ME_REMOTE / ME_DUMMY decide which mounts du remembers.
bool remote_mount(const mnt::MountEntry& m) {
    if (m.source.find(':') != std::string::npos) return true;
    if (m.source.size() >= 2 && m.source[0] == '/' && m.source[1] == '/' &&
        (m.fstype == "smbfs" || m.fstype == "smb3" || m.fstype == "cifs"))
        return true;
    return m.fstype == "afs" || m.fstype == "auristorfs";
}

bool dummy_mount(const mnt::MountEntry& m) {
    static constexpr std::array<std::string_view, 15> dummy = {
        "autofs", "proc",  "subfs",  "debugfs", "devpts", "fusectl", "fuse.portal", "mqueue",
        "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore", "none", "binfmt_misc"};
    return std::find(dummy.begin(), dummy.end(), m.fstype) != dummy.end();
}

}  // namespace

DevInoSet read_mount_points(const Root& root) {
    DevInoSet out;
    auto table = mnt::read_mountinfo(root);
    if (!table) return out;
    for (const auto& m : table->entries) {
        if (remote_mount(m) || dummy_mount(m)) continue;
        struct stat st;
        if (::stat(m.target.c_str(), &st) == 0) out.insert(DevIno{st.st_dev, st.st_ino});
    }
    return out;
}

namespace {
WalkOptions walk_options(const DuOptions& o) {
    WalkOptions w;
    w.follow = o.follow;
    switch (o.time) {
    case TimeKind::none: w.time = StatTime::none; break;
    case TimeKind::mtime: w.time = StatTime::mtime; break;
    case TimeKind::atime: w.time = StatTime::atime; break;
    case TimeKind::ctime: w.time = StatTime::ctime; break;
    }
    w.threads = o.threads;
    return w;
}
}  // namespace

DuCounter::DuCounter(DuOptions opts, DuSink& sink)
    : opts_(std::move(opts)), sink_(sink), walker_(walk_options(opts_)) {}

bool DuCounter::add_argument(const std::string& path) {
    ok_ = true;
    prev_level_ = 0;
    walker_.walk(path, [this](const Node& n) { return visit(n); });
    prev_level_ = 0;
    return ok_;
}

DuSize DuCounter::size_of(const Stat& st) const {
    DuSize s;
    s.apparent = st.size > 0 ? static_cast<std::uint64_t>(st.size) : 0;
    s.bytes = st.blocks > 0 ? static_cast<std::uint64_t>(st.blocks) * 512 : 0;
    s.inodes = 1;
    if (opts_.time != TimeKind::none) s.time = st.time;
    return s;
}

bool DuCounter::excluded(const Node& n) const {
    // -x leaves out everything on another file system than the argument.
    if (opts_.one_file_system && n.level > 0 && n.st->dev != root_dev_) return true;
    for (const auto& p : opts_.excludes)
        if (exclude_matches(p, *n.path)) return true;
    return false;
}

// compat: GNU du stays silent about a cycle when a directory on the cycle is a mount point
// (a bind mount), and warns about a corrupted file system otherwise.
bool DuCounter::mount_point_in_cycle(const Node& n) {
    if (!mounts_read_) {
        if (opts_.sysroot == "/") {
            mounts_ = read_mount_points(Root());
        } else if (auto r = Root::open(opts_.sysroot)) {
            mounts_ = read_mount_points(*r);
        }
        mounts_read_ = true;
    }
    if (mounts_.count(DevIno{n.st->dev, n.st->ino})) return true;
    for (std::size_t l = n.level; l-- > n.cycle_level + 1;) {
        const Stat& a = walker_.ancestor(l);
        if (mounts_.count(DevIno{a.dev, a.ino})) return true;
    }
    return false;
}

Action DuCounter::visit(const Node& n) {
    switch (n.info) {
    case Info::no_stat:
        sink_.problem(DuProblem::cannot_access, *n.path, n.err);
        ok_ = false;
        return Action::proceed;
    case Info::dir_post:
        account(n, true);
        return Action::proceed;
    case Info::dir_unreadable:
        sink_.problem(DuProblem::cannot_read_dir, *n.path, n.err);
        ok_ = false;
        account(n, true);
        return Action::proceed;
    case Info::file:
    case Info::dir_pre:
    case Info::dir_cycle:
        break;
    }
    if (n.level == 0) root_dev_ = n.st->dev;
    bool is_dir = n.st->is_dir();
    if (excluded(n)) return Action::skip;
    if (!opts_.count_links && (opts_.hash_all || (!is_dir && n.st->nlink > 1)) &&
        !seen_.insert(DevIno{n.st->dev, n.st->ino}).second)
        return Action::skip;
    if (n.info == Info::dir_pre) return Action::proceed;
    if (n.info == Info::dir_cycle) {
        bool warn = opts_.follow == Follow::physical ||
                    (opts_.follow == Follow::command_line && n.level != 0);
        if (warn && !mount_point_in_cycle(n)) {
            sink_.problem(DuProblem::cycle, *n.path, 0);
            ok_ = false;
        }
        return Action::proceed;
    }
    account(n, false);
    return Action::proceed;
}

// The per-level bookkeeping of GNU du: every directory's line is its own size plus the
// sums of the level below, collected when the walk comes back up.
void DuCounter::account(const Node& n, bool is_dir) {
    std::size_t level = n.level;
    DuSize own = size_of(*n.st);
    DuSize shown = own;
    if (levels_.size() <= level + 1) levels_.resize(level + 2);
    if (level > prev_level_) {
        for (std::size_t l = prev_level_ + 1; l <= level; ++l) levels_[l] = Level{};
    } else if (level < prev_level_) {
        const Level& below = levels_[prev_level_];
        shown.add(below.ent);
        if (!opts_.separate_dirs) shown.add(below.subdir);
        Level& here = levels_[level];
        here.subdir.add(below.ent);
        here.subdir.add(below.subdir);
    }
    prev_level_ = level;
    if (!(opts_.separate_dirs && is_dir)) levels_[level].ent.add(own);
    total_.add(own);

    if (!((is_dir && level <= opts_.max_depth) || (opts_.all && level <= opts_.max_depth) ||
          level == 0))
        return;
    std::uint64_t v = shown_size(shown, opts_);
    if (opts_.threshold >= 0 && v < static_cast<std::uint64_t>(opts_.threshold)) return;
    if (opts_.threshold < 0 && v > static_cast<std::uint64_t>(-(opts_.threshold + 1)) + 1) return;
    DuRow row;
    row.path = n.path;
    row.size = shown;
    row.level = level;
    row.is_dir = is_dir;
    sink_.row(row);
}

}  // namespace procstat::walk
