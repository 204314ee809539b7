// SPDX-License-Identifier: GPL-2.0-or-later
// Device discovery: /sys/block, /sys/dev/block, partitions, holders and slaves into a DevTree.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "procstat/block/device.hpp"
#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"

namespace procstat::block {

std::string sys_to_dev_name(std::string_view name) {
    std::string s(name);
    std::replace(s.begin(), s.end(), '!', '/');
    return s;
}

namespace {

std::string join(std::string_view a, std::string_view b) {
    std::string s(a);
    s += '/';
    s.append(b);
    return s;
}

// A sysfs attribute (or any small file) under ROOT, up to 1 MiB. Nearly every attribute fits in
// one read into a stack buffer; io::read_file zero-fills a fresh 4 KiB chunk before each read,
// which took more of lsblk's time than the reads themselves. Longer files go to io::read_file.
Status read_attr_file(const Root& root, std::string_view rel, std::string& out) {
    constexpr std::size_t limit = 1 << 20;
    std::string_view r = rel;
    while (!r.empty() && r.front() == '/') r.remove_prefix(1);
    std::string path(r.empty() ? std::string_view(".") : r);
    // O_NONBLOCK: a FIFO in a --sysroot tree must not hang the read (as io::read_file).
    int fd = ::openat(root.fd(), path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return Status::from_errno(errno);
    io::Fd guard(fd);
    char buf[4096];
    ssize_t n;
    do n = ::read(fd, buf, sizeof buf);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        out.clear();
        return Status::from_errno(errno);
    }
    if (static_cast<std::size_t>(n) < sizeof buf) {
        // A short first read is the whole attribute: sysfs and /proc hand out a file in one
        // read; regular files in a --sysroot copy also come whole when they are this small.
        char more;
        ssize_t m;
        do m = ::read(fd, &more, 1);
        while (m < 0 && errno == EINTR);
        if (m == 0) {
            out.assign(buf, static_cast<std::size_t>(n));
            return {};
        }
    }
    guard.reset();
    return io::read_file(root, rel, out, limit);  // a longer file: read it again, whole
}

std::optional<std::string> read_trimmed(const Root& root, const std::string& rel) {
    std::string buf;
    if (!read_attr_file(root, rel, buf)) return std::nullopt;
    while (!buf.empty() && (buf.back() == '\n' || buf.back() == '\r')) buf.pop_back();
    return buf;
}

bool parse_majmin(std::string_view s, std::uint32_t& maj, std::uint32_t& min) {
    s = parse::trim(s);
    auto colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    auto a = parse::to_u64(s.substr(0, colon));
    auto b = parse::to_u64(s.substr(colon + 1));
    if (!a || !b || *a > 0xfffff || *b > 0xfffff) return false;
    maj = static_cast<std::uint32_t>(*a);
    min = static_cast<std::uint32_t>(*b);
    return true;
}

bool is_dm(std::string_view name) { return name.substr(0, 3) == "dm-"; }

// d_type of an entry, DT_UNKNOWN when it cannot be told.
unsigned char entry_type(const Root& root, const std::string& dir, const std::string& entry) {
    struct stat st {};
    std::string rel = join(dir, entry);
    while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    if (::fstatat(root.fd(), rel.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return DT_UNKNOWN;
    if (S_ISDIR(st.st_mode)) return DT_DIR;
    if (S_ISLNK(st.st_mode)) return DT_LNK;
    return DT_REG;
}

}  // namespace

std::optional<std::string> Walker::attr(const Device& dev, std::string_view name) const {
    std::string buf;
    Status st = read_attr_file(root_, join(dev.sysdir, name), buf);
    if (!st && st.err == ENOENT && dev.wholedisk >= 0 && name.substr(0, 6) == "queue/") {
        // compat: util-linux redirects missing queue/ attributes of partitions to the disk
        st = read_attr_file(root_, join(tree_.devices[dev.wholedisk].sysdir, name), buf);
    }
    if (!st) return std::nullopt;
    while (!buf.empty() && (buf.back() == '\n' || buf.back() == '\r')) buf.pop_back();
    return buf;
}

std::optional<std::uint64_t> Walker::attr_u64(const Device& dev, std::string_view name) const {
    auto s = attr(dev, name);
    if (!s) return std::nullopt;
    return parse::to_u64(parse::trim(*s));
}

std::optional<std::string> Walker::link(const Device& dev, std::string_view name) const {
    std::string out;
    if (!io::read_link(root_, name.empty() ? dev.sysdir : join(dev.sysdir, name), out))
        return std::nullopt;
    return out;
}

int Walker::count_dirents(const std::string& rel) const {
    std::vector<std::string> names;
    if (!io::list_dir(root_, rel, names)) return 0;
    return static_cast<int>(names.size());
}

bool Walker::is_partition_dirent(const std::string& dir, const std::string& entry,
                                 std::string_view parent) const {
    // The name test first: it spares a stat of every other entry (size, queue, uevent, ...).
    if (!parent.empty()) {
        if (entry.size() <= parent.size() || entry.compare(0, parent.size(), parent) != 0)
            return false;
        unsigned char c = static_cast<unsigned char>(entry[parent.size()]);
        bool numbered = std::isdigit(c) ||
                        (c == 'p' && entry.size() > parent.size() + 1 &&
                         std::isdigit(static_cast<unsigned char>(entry[parent.size() + 1])));
        if (!numbered) return false;
    }
    unsigned char t = entry_type(root_, dir, entry);
    if (t != DT_DIR && t != DT_LNK && t != DT_UNKNOWN) return false;
    if (!parent.empty()) return true;
    std::string rel = join(join(dir, entry), "start");
    while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    return ::faccessat(root_.fd(), rel.c_str(), R_OK, 0) == 0;
}

bool Walker::is_hidden(const std::string& name) const {
    auto v = read_trimmed(root_, join(join(std::string(Root::sys), "block"), name) + "/hidden");
    return v && parse::trim(*v) == "1";
}

bool Walker::major_filtered(std::uint32_t maj) const {
    if (!opts_.exclude.empty() &&
        std::find(opts_.exclude.begin(), opts_.exclude.end(), maj) != opts_.exclude.end())
        return true;
    if (!opts_.include.empty() &&
        std::find(opts_.include.begin(), opts_.include.end(), maj) == opts_.include.end())
        return true;
    return false;
}

// compat: lsblk asks the *live* system whether an empty loop device has a backing file, also
// with --sysroot (through the device node and /sys/dev/block).
static bool loop_has_backing_file(const std::string& filename) {
    struct stat st {};
    if (::stat(filename.c_str(), &st) != 0 || !S_ISBLK(st.st_mode)) return false;
    char path[96];
    std::snprintf(path, sizeof path, "/sys/dev/block/%u:%u/loop/backing_file",
                  ::major(st.st_rdev), ::minor(st.st_rdev));
    std::string buf;
    if (!io::read_file(AT_FDCWD, path, buf, 4096)) return false;
    return !parse::trim(buf).empty();
}

bool Walker::ignore_empty(const Device& dev) const {
    if (dev.size) return false;
    if (opts_.noempty) return true;
    if (dev.maj == loop_major && !loop_has_backing_file(dev.filename)) return true;
    return false;
}

bool Walker::initialize(Device& dev, int wholedisk, const std::string& name) {
    if (is_hidden(name)) return false;
    dev.name = name;
    dev.wholedisk = wholedisk;
    std::string sysblock = join(std::string(Root::sys), "block");
    if (is_dm(name)) {
        auto dmname = read_trimmed(root_, join(join(sysblock, name), "dm/name"));
        if (!dmname || dmname->empty()) return false;
        dev.filename = "/dev/mapper/" + *dmname;
    } else {
        dev.filename = "/dev/" + sys_to_dev_name(name);
    }
    // devno: /sys/block/NAME/dev, for partitions /sys/block/DISK/NAME/dev
    std::optional<std::string> devstr;
    if (wholedisk >= 0)
        devstr = read_trimmed(root_, join(join(sysblock, tree_.devices[wholedisk].name), name) + "/dev");
    if (!devstr) devstr = read_trimmed(root_, join(join(sysblock, name), "dev"));
    if (!devstr || !parse_majmin(*devstr, dev.maj, dev.min)) return false;
    dev.sysdir = std::string(Root::sys) + "/dev/block/" + std::to_string(dev.maj) + ":" +
                 std::to_string(dev.min);
    {
        int fd = root_.openat(dev.sysdir, O_PATH | O_DIRECTORY);
        if (fd < 0) return false;
        ::close(fd);
    }
    dev.size = 0;
    if (auto sz = attr_u64(dev, "size")) dev.size = *sz << 9;
    if (!opts_.all && ignore_empty(dev)) return false;
    if (is_dm(name)) {
        auto dmname = attr(dev, "dm/name");
        if (!dmname) return false;
        dev.dm_name = *dmname;
    }
    // partitions: entries of the device directory named after the device
    {
        std::vector<std::string> names;
        dev.npartitions = 0;
        if (io::list_dir(root_, dev.sysdir, names))
            for (auto& n : names)
                if (is_partition_dirent(dev.sysdir, n, name)) dev.npartitions++;
    }
    dev.nholders = count_dirents(join(dev.sysdir, "holders"));
    dev.nslaves = count_dirents(join(dev.sysdir, "slaves"));
    if (opts_.scsi_only) {
        auto l = link(dev, "device");
        unsigned h, c, t, u;
        if (!l) return false;
        auto slash = l->rfind('/');
        std::string last = slash == std::string::npos ? *l : l->substr(slash + 1);
        if (std::sscanf(last.c_str(), "%u:%u:%u:%u", &h, &c, &t, &u) != 4) return false;
    }
    return true;
}

int Walker::get_or_new(int wholedisk, const std::string& name) {
    if (auto it = tree_.by_name.find(name); it != tree_.by_name.end()) return it->second;
    if (failed_.count(name)) return -1;
    Device dev;
    if (!initialize(dev, wholedisk, name)) {
        failed_.emplace(name, 1);
        return -1;
    }
    tree_.devices.push_back(std::move(dev));
    int idx = static_cast<int>(tree_.devices.size()) - 1;
    tree_.by_name.emplace(name, idx);
    return idx;
}

void Walker::add_dependence(int parent, int child, bool& added) {
    auto& ch = tree_.devices[parent].children;
    added = false;
    if (std::find(ch.begin(), ch.end(), child) != ch.end()) return;
    ch.push_back(child);
    tree_.devices[child].parents.push_back(parent);
    added = true;
}

void Walker::remove_device(int idx) {
    tree_.by_name.erase(tree_.devices[idx].name);
    tree_.roots.erase(std::remove(tree_.roots.begin(), tree_.roots.end(), idx), tree_.roots.end());
    for (auto& d : tree_.devices) {
        d.children.erase(std::remove(d.children.begin(), d.children.end(), idx), d.children.end());
        d.parents.erase(std::remove(d.parents.begin(), d.parents.end(), idx), d.parents.end());
    }
}

void Walker::add_root(int dev) {
    if (std::find(tree_.roots.begin(), tree_.roots.end(), dev) == tree_.roots.end())
        tree_.roots.push_back(dev);
}

void Walker::process_partitions(int disk) {
    if (!tree_.devices[disk].npartitions || tree_.devices[disk].is_partition()) return;
    std::vector<std::string> names;
    std::string dir = tree_.devices[disk].sysdir;
    std::string dname = tree_.devices[disk].name;
    if (!io::list_dir(root_, dir, names)) return;
    for (auto& n : names) {
        if (!is_partition_dirent(dir, n, dname)) continue;
        int part = get_or_new(disk, n);
        if (part < 0) continue;
        bool added;
        add_dependence(disk, part, added);
        if (added) process_dependencies(part, false);
    }
}

void Walker::process_dependencies(int idx, bool do_partitions) {
    if (opts_.nodeps) return;
    if (do_partitions && tree_.devices[idx].npartitions) process_partitions(idx);
    const Device& dev = tree_.devices[idx];
    if (!(opts_.inverse ? dev.nslaves : dev.nholders)) return;
    std::string depdir = join(dev.sysdir, opts_.inverse ? "slaves" : "holders");
    std::vector<std::string> names;
    if (!io::list_dir(root_, depdir, names)) return;
    for (auto& n : names) {
        if (is_partition_dirent(depdir, n, {})) {
            // the dependency is a partition: its whole disk is the parent directory of its link
            std::string target;
            if (!io::read_link(root_, join(depdir, n), target)) continue;
            auto p = target.rfind('/');
            if (p == std::string::npos) continue;
            target.resize(p);
            p = target.rfind('/');
            if (p == std::string::npos) continue;
            std::string diskname = target.substr(p + 1);
            int disk = get_or_new(-1, diskname);
            if (disk < 0) continue;
            int dep = get_or_new(disk, n);
            if (dep < 0) continue;
            bool added;
            add_dependence(idx, dep, added);
            if (added) process_dependencies(dep, true);
            if (opts_.inverse) {
                add_dependence(dep, disk, added);
                if (added) process_dependencies(disk, false);
            }
        } else {
            int dep = get_or_new(-1, n);
            if (dep < 0) continue;
            bool added;
            add_dependence(idx, dep, added);
            if (added) process_dependencies(dep, !opts_.inverse);
        }
    }
}

void Walker::walk_all() {
    if (opts_.inverse) {
        std::string dir = std::string(Root::sys) + "/dev/block";
        std::vector<std::string> names;
        if (!io::list_dir(root_, dir, names)) return;
        for (auto& n : names) {
            std::uint32_t maj, min;
            if (std::sscanf(n.c_str(), "%u:%u", &maj, &min) != 2) continue;
            if (major_filtered(maj)) continue;
            if (count_dirents(join(join(dir, n), "holders")) != 0) continue;
            // compat: util-linux counts partitions and maps the number to a name through the
            // live /sys here, even with --sysroot
            Root live;
            std::string livedir = "sys/dev/block/" + n;
            std::string lname;
            if (!io::read_link(live, livedir, lname)) continue;
            {
                auto p = lname.rfind('/');
                lname = p == std::string::npos ? lname : lname.substr(p + 1);
                std::vector<std::string> entries;
                int parts = 0;
                if (io::list_dir(live, livedir, entries))
                    for (auto& e : entries) {
                        std::string rel = livedir;
                        rel.append("/").append(e).append("/start");
                        if (e.size() > lname.size() && e.compare(0, lname.size(), lname) == 0 &&
                            ::faccessat(live.fd(), rel.c_str(), R_OK, 0) == 0)
                            parts++;
                    }
                if (parts) continue;
            }
            std::string msg;
            process_devno(maj, min, msg, false);
        }
        return;
    }
    std::string dir = std::string(Root::sys) + "/block";
    std::vector<std::string> names;
    if (!io::list_dir(root_, dir, names)) return;
    for (auto& n : names) {
        int idx = get_or_new(-1, n);
        if (idx < 0) continue;
        if (major_filtered(tree_.devices[idx].maj)) {
            // compat: lsblk removes the device from the whole tree (also from the holders of
            // devices walked before it); a later walk may create it again
            remove_device(idx);
            continue;
        }
        if (tree_.devices[idx].nslaves) continue;
        add_root(idx);
        process_dependencies(idx, true);
    }
}

// Name and whole disk of a device number, looked up in the live /sys (as libblkid does).
int Walker::process_devno(std::uint32_t maj, std::uint32_t min, std::string& msg, bool named) {
    Root live;
    std::string livedir = "sys/dev/block/" + std::to_string(maj) + ":" + std::to_string(min);
    std::string target;
    if (!io::read_link(live, livedir, target)) {
        if (named) msg = "failed to get sysfs name";
        return -1;
    }
    auto p = target.rfind('/');
    std::string name = sys_to_dev_name(p == std::string::npos ? target : target.substr(p + 1));
    bool real_part = false;
    std::string diskname;
    if (!is_dm(name)) {
        int fd = live.openat(livedir + "/partition", O_PATH);
        if (fd >= 0) {
            ::close(fd);
            std::string t = target;
            auto q = t.rfind('/');
            if (q != std::string::npos) {
                t.resize(q);
                q = t.rfind('/');
                diskname = sys_to_dev_name(q == std::string::npos ? t : t.substr(q + 1));
                real_part = true;
            }
        }
    }
    if (!real_part) {
        int dev = get_or_new(-1, name);
        if (dev < 0) return -1;
        add_root(dev);
        process_dependencies(dev, !opts_.inverse);
    } else {
        int disk = get_or_new(-1, diskname);
        if (disk < 0) return -1;
        int dev = get_or_new(disk, name);
        if (dev < 0) return -1;
        add_root(dev);
        process_dependencies(dev, true);
        bool added;
        if (opts_.inverse) {
            add_dependence(dev, disk, added);
            if (added) process_dependencies(disk, false);
        }
    }
    return 0;
}

ArgResult Walker::walk_one(const std::string& path, std::string& msg) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISBLK(st.st_mode)) {
        msg = path + ": not a block device";
        return ArgResult::not_block;
    }
    std::string m;
    if (process_devno(::major(st.st_rdev), ::minor(st.st_rdev), m, true) != 0) {
        if (!m.empty()) {
            msg = path + ": " + m;
            return ArgResult::no_sysfs;
        }
        return ArgResult::ignored;
    }
    return ArgResult::ok;
}

}  // namespace procstat::block
