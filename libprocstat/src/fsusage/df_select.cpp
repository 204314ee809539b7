// SPDX-License-Identifier: GPL-2.0-or-later
// GNU coreutils 9.1 df's mount selection: dummy/remote classification, duplicate-device
// filtering, file-argument resolution and the grand total, written from df(1), the coreutils
// manual and observed behaviour.
#include "procstat/fsusage/df_select.hpp"

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unordered_map>
#include <unordered_set>

namespace procstat::fsusage {

bool is_dummy_fstype(std::string_view t) {
    static constexpr std::string_view dummy[] = {
        "autofs", "proc",   "subfs",  "debugfs", "devpts", "fusectl", "fuse.portal",
        "mqueue", "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore", "none"};
    return std::find(std::begin(dummy), std::end(dummy), t) != std::end(dummy);
}

bool is_remote(std::string_view source, std::string_view t) {
    if (source.find(':') != std::string_view::npos) return true;
    if (source.size() >= 2 && source[0] == '/' && source[1] == '/' &&
        (t == "smbfs" || t == "smb3" || t == "cifs"))
        return true;
    static constexpr std::string_view remote[] = {"acfs", "afs",   "coda",  "auristorfs", "fhgfs",
                                                  "gpfs", "ibrix", "ocfs2", "vxfs"};
    if (std::find(std::begin(remote), std::end(remote), t) != std::end(remote)) return true;
    return source == "-hosts";
}

bool fstype_may_block(std::string_view t) {
    if (t == "fuse" || t == "fuseblk" || t.starts_with("fuse.") || t.starts_with("fuseblk."))
        return true;
    // Network, cluster and virtual-machine-host file systems (whose server may be gone), the
    // automounter (a lookup waits for the daemon), and stacking file systems (their layers may
    // live on any of those).
    static constexpr std::string_view blocking[] = {
        "9p",        "acfs",     "afs",       "aufs",     "auristorfs", "autofs",   "beegfs",
        "ceph",      "cifs",     "coda",      "davfs",    "fhgfs",      "glusterfs", "gpfs",
        "ibrix",     "kafs",     "lustre",    "ncp",      "ncpfs",      "nfs",      "nfs4",
        "ocfs2",     "orangefs", "overlay",   "panfs",    "pvfs2",      "shiftfs",  "smb3",
        "smbfs",     "sshfs",    "unionfs",   "vboxsf",   "virtiofs",   "vxfs",     "gfs2",
        "gfs",       "afpfs",    "cvfs",      "mfs",      "snfs",       "prl_fs",   "vmhgfs"};
    return std::find(std::begin(blocking), std::end(blocking), t) != std::end(blocking);
}

bool mount_may_block(std::string_view source, std::string_view fstype) {
    return fstype_may_block(fstype) || is_remote(source, fstype);
}

std::vector<DfMount> df_mounts(const mnt::MountTable& table) {
    std::vector<DfMount> out;
    out.reserve(table.entries.size());
    for (const auto& e : table.entries) {
        DfMount m;
        m.source = e.source;
        m.target = e.target;
        m.root = e.root;
        m.fstype = e.fstype;
        m.dev = makedev(e.major, e.minor);
        m.dummy = is_dummy_fstype(m.fstype);
        m.remote = is_remote(m.source, m.fstype);
        m.may_block = m.remote || fstype_may_block(m.fstype);
        out.push_back(std::move(m));
    }
    // Over-mounted: a later entry has the same target (one pass from the end, not pairwise:
    // tables of thousands of mounts exist).
    std::unordered_set<std::string_view> later;
    later.reserve(out.size());
    for (std::size_t i = out.size(); i-- > 0;)
        out[i].has_overmount = !later.insert(out[i].target).second;
    return out;
}

bool DfQuery::selected(std::string_view t) const {
    if (include_types.empty()) return true;
    return std::find(include_types.begin(), include_types.end(), t) != include_types.end();
}

bool DfQuery::excluded(std::string_view t) const {
    return std::find(exclude_types.begin(), exclude_types.end(), t) != exclude_types.end();
}

namespace {

FsUsage placeholder_usage() {
    FsUsage u;
    u.block_size = u.blocks = u.bfree = u.bavail = u.files = u.ffree = unknown;
    u.bavail_negative = false;
    return u;
}

// Never statfs an autofs mount point that has nothing mounted on it: that would trigger the
// automount (a scan must not cause a mount storm).
bool must_not_touch(const DfMount& m) { return m.fstype == "autofs" && !m.has_overmount; }

class Collector {
public:
    Collector(const std::vector<DfMount>& mounts, const DfQuery& q, PathOracle& o, bool listed)
        : mounts_(mounts), q_(q), oracle_(o), listed_(listed) {}

    DfReport report;

    // Probe PATH; when it did not answer, report it once and return null.
    const ProbeResult* probe(const std::string& path, unsigned what) {
        const ProbeResult& r = oracle_.probe(path, what);
        if (!r.done) {
            if (std::find(reported_.begin(), reported_.end(), path) == reported_.end()) {
                reported_.push_back(path);
                report.messages.push_back({DfMessageKind::not_responding, path, 0});
                report.failed = true;
            }
            return nullptr;
        }
        return &r;
    }

    bool filtered_out(const DfMount& m) const {
        return (m.remote && q_.show_local) || (m.dummy && !q_.show_all && !listed_) ||
               !q_.selected(m.fstype) || q_.excluded(m.fstype);
    }

    // GNU get_dev(): one row (or nothing) for a mount. STAT_FILE is what gets statfs'd.
    // WINNER (for -a over-mount detection) maps st_dev to the entry that won filtering.
    void get_dev(const DfMount* m, const std::string& mount_point, const std::string& file,
                 const std::string& stat_file, bool process_all,
                 const std::unordered_map<std::uint64_t, std::size_t>* winner = nullptr) {
        std::string source = m ? m->source : "-";
        std::string fstype = m ? m->fstype : "-";
        if (m && filtered_out(*m)) return;
        // compat: GNU ignores relative mount points (seen in /proc/mounts of other namespaces)
        if (mount_point.empty() || mount_point[0] != '/') return;
        FsUsage u;
        int err = 0;
        const ProbeResult* r = nullptr;
        if (m && process_all && must_not_touch(*m)) {
            err = ENOENT;
        } else {
            r = probe(stat_file, probe_stat | probe_statvfs);
            if (!r) return;
            err = r->statvfs_err;
            u = r->usage;
        }
        if (err != 0) {
            if (process_all && (err == EACCES || err == ENOENT)) {
                if (!q_.show_all) return;
                fstype = "-";
                u = placeholder_usage();
            } else {
                report.messages.push_back({DfMessageKind::errno_error, stat_file, err});
                report.failed = true;
                return;
            }
        } else if (process_all && q_.show_all && winner && r && r->stat_err == 0) {
            // compat: GNU df -a shows "-" for a mount point over-mounted by another device.
            auto it = winner->find(r->dev);
            if (it != winner->end()) {
                const DfMount& dm = mounts_[it->second];
                if (dm.source != source && (!dm.remote || !(m && m->remote))) {
                    fstype = "-";
                    u = placeholder_usage();
                }
            }
        }
        if (u.blocks == 0 && !q_.show_all && !listed_) return;
        report.processed = true;
        DfRow row;
        row.source = source;
        row.fstype = fstype;
        row.target = mount_point;
        row.file = file;
        row.usage = u;
        report.rows.push_back(std::move(row));
    }

    const std::vector<DfMount>& mounts_;
    const DfQuery& q_;
    PathOracle& oracle_;
    bool listed_;
    std::vector<std::string> reported_;
};

}  // namespace

DfReport df_collect_all(const std::vector<DfMount>& mounts, const DfQuery& q, PathOracle& oracle) {
    Collector c(mounts, q, oracle, false);
    auto wants_stat = [&](const DfMount& m) {
        return !c.filtered_out(m) && !m.target.empty() && m.target[0] == '/' && !must_not_touch(m);
    };
    // Ask every file system at once; the deadline bounds the whole batch.
    {
        std::vector<ProbeJob> jobs;
        for (const auto& m : mounts)
            if (wants_stat(m)) jobs.push_back({m.target, probe_stat | probe_statvfs});
        oracle.prefetch(jobs);
    }  // the paths are not needed any more (peak RSS with many mounts)
    std::vector<bool> gone(mounts.size(), false);
    for (std::size_t i = 0; i < mounts.size(); ++i)
        if (wants_stat(mounts[i]) && !c.probe(mounts[i].target, probe_stat | probe_statvfs))
            gone[i] = true;

    // compat: GNU filter_mount_list(): one entry per device (st_dev of the mount point). A
    // source with a '/' beats one without; then the mount point nearer the root (unless it is a
    // bind mount of a deeper directory); a different device mounted on the same mount point
    // (over-mount) replaces the earlier one. Remote entries with different sources are all
    // kept unless --total. With -a nothing is dropped, only the device table is built.
    struct Node {
        std::size_t me;
        std::uint64_t dev;
    };
    std::vector<Node> list;
    std::unordered_map<std::uint64_t, std::size_t> hash;  // dev -> index in list (first wins)
    for (std::size_t i = 0; i < mounts.size(); ++i) {
        if (gone[i]) continue;
        const DfMount& m = mounts[i];
        std::uint64_t dev = m.dev;
        bool statted = false;
        if (wants_stat(m)) {
            const ProbeResult* r = c.probe(m.target, probe_stat | probe_statvfs);
            if (r && r->stat_err == 0) {
                dev = r->dev;
                statted = true;
            }
        }
        if (statted) {
            auto it = hash.find(dev);
            if (it != hash.end()) {
                Node& seen_node = list[it->second];
                const DfMount& seen = mounts[seen_node.me];
                bool target_nearer_root = seen.target.size() > m.target.size();
                bool source_below_root = seen.root.size() < m.root.size();
                if (!q.total && m.remote && seen.remote && seen.source != m.source) {
                    // keep both (explicitly mounted remote locations)
                } else if ((m.source.find('/') != std::string::npos &&
                            seen.source.find('/') == std::string::npos) ||
                           (target_nearer_root && !source_below_root) ||
                           (seen.source != m.source && m.target == seen.target)) {
                    seen_node.me = i;  // the new entry takes the earlier one's place
                    continue;
                } else {
                    continue;  // discard this one
                }
            }
        }
        list.push_back({i, dev});
        hash.emplace(dev, list.size() - 1);
    }
    std::unordered_map<std::uint64_t, std::size_t> winner;
    for (const auto& [dev, idx] : hash) winner.emplace(dev, list[idx].me);

    if (q.show_all) {
        for (std::size_t i = 0; i < mounts.size(); ++i)
            if (!gone[i]) c.get_dev(&mounts[i], mounts[i].target, "-", mounts[i].target, true, &winner);
    } else {
        for (const auto& n : list)
            c.get_dev(&mounts[n.me], mounts[n.me].target, "-", mounts[n.me].target, true, &winner);
    }
    return std::move(c.report);
}

namespace {

std::string canonical_or(PathOracle& o, const std::string& p) {
    const ProbeResult& r = o.probe(p, probe_realpath);
    if (r.done && r.realpath_err == 0 && !r.realpath.empty() && r.realpath[0] == '/') return r.realpath;
    return p;
}

// GNU get_disk(): a device argument names the mount of that device. Returns false when no
// mount has it (the argument is then treated as a file).
bool get_disk(Collector& c, const std::vector<DfMount>& mounts, const std::string& disk_arg) {
    PathOracle& o = c.oracle_;
    std::string disk = canonical_or(o, disk_arg);
    std::ptrdiff_t best = -1;
    bool best_accessible = false;
    bool eclipsed = false;
    std::size_t best_len = SIZE_MAX;
    for (std::size_t i = 0; i < mounts.size(); ++i) {
        const DfMount& m = mounts[i];
        std::string devname = canonical_or(o, m.source);
        if (disk != devname) continue;
        // the last mount on the same mount point decides whether this one is eclipsed
        const DfMount* last = nullptr;
        for (const auto& x : mounts)
            if (x.target == m.target) last = &x;
        eclipsed = last && canonical_or(o, last->source) != devname;
        std::size_t len = m.target.size();
        if (!eclipsed && (!best_accessible || len < best_len)) {
            const ProbeResult* r = c.probe(m.target, probe_stat | probe_statvfs);
            bool accessible = r && r->stat_err == 0;
            if (accessible) best_accessible = true;
            if (accessible || (!best_accessible && len < best_len)) {
                best = static_cast<std::ptrdiff_t>(i);
                if (len == 1) break;
                best_len = len;
            }
        }
    }
    if (best >= 0) {
        const DfMount& m = mounts[best];
        c.get_dev(&m, m.target, disk_arg, m.target, false);
        return true;
    }
    if (eclipsed) {
        c.report.messages.push_back({DfMessageKind::overmounted, disk_arg, 0});
        c.report.failed = true;
        return true;
    }
    return false;
}

// gnulib find_mount_point(): walk up from FILE (its directory) while st_dev stays the same.
std::optional<std::string> find_mount_point(PathOracle& o, const std::string& file, bool is_dir,
                                            std::uint64_t dev) {
    std::string dir = file;
    if (!is_dir) {
        auto slash = dir.rfind('/');
        dir = slash == std::string::npos ? "." : slash == 0 ? "/" : dir.substr(0, slash);
    }
    std::string cur = canonical_or(o, dir);
    if (cur.empty() || cur[0] != '/') return std::nullopt;
    for (;;) {
        if (cur == "/") return cur;
        auto slash = cur.rfind('/');
        std::string parent = slash == 0 ? "/" : cur.substr(0, slash);
        const ProbeResult& r = o.probe(parent, probe_stat);
        if (!r.done || r.stat_err != 0 || r.dev != dev) return cur;
        cur = parent;
    }
}

// GNU get_point(): the mount whose mount point is the longest prefix of the argument's real
// path (the last one of equal length: over-mounts), checked against the argument's st_dev,
// else any mount with that st_dev.
void get_point(Collector& c, const std::vector<DfMount>& mounts, std::vector<std::uint64_t>& devs,
               const std::string& point, const ProbeResult& arg) {
    PathOracle& o = c.oracle_;
    std::ptrdiff_t best = -1;
    if (arg.realpath_err == 0 && !arg.realpath.empty() && arg.realpath[0] == '/') {
        const std::string& resolved = arg.realpath;
        std::size_t best_len = 0;
        for (std::size_t i = 0; i < mounts.size(); ++i) {
            const DfMount& m = mounts[i];
            if (m.fstype == "lofs" || !(best < 0 || mounts[best].dummy || !m.dummy)) continue;
            std::size_t len = m.target.size();
            if (best_len <= len && len <= resolved.size() &&
                (len == 1 || ((len == resolved.size() || resolved[len] == '/') &&
                              resolved.compare(0, len, m.target) == 0))) {
                best = static_cast<std::ptrdiff_t>(i);
                best_len = len;
            }
        }
    }
    if (best >= 0) {
        const ProbeResult* r = c.probe(mounts[best].target, probe_stat | probe_statvfs);
        if (!r || r->stat_err != 0 || r->dev != arg.dev) best = -1;
    }
    if (best < 0) {
        for (std::size_t i = 0; i < mounts.size(); ++i) {
            const DfMount& m = mounts[i];
            if (arg.dev == devs[i] && m.fstype != "lofs" &&
                (best < 0 || mounts[best].dummy || !m.dummy)) {
                const ProbeResult* r = c.probe(m.target, probe_stat | probe_statvfs);
                if (!r || r->stat_err != 0 || r->dev != devs[i])
                    devs[i] = static_cast<std::uint64_t>(-2);  // bogus entry: never again
                else
                    best = static_cast<std::ptrdiff_t>(i);
            }
        }
    }
    if (best >= 0) {
        const DfMount& m = mounts[best];
        c.get_dev(&m, m.target, point, point, false);
        return;
    }
    if (auto mp = find_mount_point(o, point, S_ISDIR(arg.mode), arg.dev))
        c.get_dev(nullptr, *mp, point, *mp, false);
}

}  // namespace

DfReport df_collect_files(const std::vector<DfMount>& mounts, const std::vector<std::string>& files,
                          const DfQuery& q, PathOracle& oracle) {
    Collector c(mounts, q, oracle, true);
    c.report.listed = true;
    std::vector<ProbeJob> jobs;
    for (const auto& f : files) jobs.push_back({f, probe_open_stat | probe_statvfs | probe_realpath});
    oracle.prefetch(jobs);
    std::vector<std::uint64_t> devs;
    devs.reserve(mounts.size());
    for (const auto& m : mounts) devs.push_back(m.dev);
    for (const auto& f : files) {
        const ProbeResult* r = c.probe(f, probe_open_stat | probe_statvfs | probe_realpath);
        if (!r) continue;
        if (r->stat_err != 0) {
            c.report.messages.push_back({DfMessageKind::errno_error, f, r->stat_err});
            c.report.failed = true;
            continue;
        }
        ProbeResult arg = *r;
        if ((S_ISBLK(arg.mode) || S_ISCHR(arg.mode)) && get_disk(c, mounts, f)) continue;
        get_point(c, mounts, devs, f, arg);
    }
    return std::move(c.report);
}

namespace {

// Add SRC (negative when SRC_NEG, two's complement) to *DEST with its own sign flag.
void add_with_neg_flag(std::uint64_t& dest, bool& dest_neg, std::uint64_t src, bool src_neg) {
    if (dest_neg == src_neg) {
        dest += src;
        return;
    }
    if (dest_neg) dest = -dest;
    if (src_neg) src = -src;
    if (src < dest) {
        dest -= src;
    } else {
        dest = src - dest;
        dest_neg = src_neg;
    }
    if (dest_neg) dest = -dest;
}

}  // namespace

void df_add_total(DfReport& report, const DfQuery& q, bool source_shown) {
    if (!q.total || !report.processed) return;
    FsUsage g;
    g.block_size = 1;
    for (const auto& row : report.rows) {
        if (row.is_total) continue;
        FieldValues bv = block_values(row.usage, 1);
        FieldValues iv = inode_values(row.usage);
        if (known_value(iv.total)) g.files += iv.total;
        if (known_value(iv.available)) g.ffree += iv.available;
        if (known_value(bv.total)) g.blocks += bv.input_units * bv.total;
        if (known_value(bv.available_to_root)) g.bfree += bv.input_units * bv.available_to_root;
        if (known_value(bv.available))
            add_with_neg_flag(g.bavail, g.bavail_negative, bv.input_units * bv.available,
                              bv.negate_available);
    }
    // compat: GNU hides a zero-size total like any zero-size row (unless -a or file arguments).
    if (g.blocks == 0 && !q.show_all && !report.listed) return;
    DfRow row;
    row.source = "total";
    row.fstype = "-";
    row.target = source_shown ? "-" : "total";
    row.file = "-";
    row.usage = g;
    row.is_total = true;
    report.rows.push_back(std::move(row));
}

}  // namespace procstat::fsusage
