// SPDX-License-Identifier: GPL-2.0-or-later
// Which file systems df reports and how: GNU coreutils 9.1 df's rules for dummy/remote mounts,
// duplicate devices, bind mounts and over-mounts, file-argument resolution and the grand total.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/fsusage/fs_usage.hpp"
#include "procstat/mnt/mount_table.hpp"

namespace procstat::fsusage {

// One mount as df sees it (from mountinfo, strings unescaped).
struct DfMount {
    std::string source;  // mountinfo source ("tmpfs", "/dev/sda1", "server:/export")
    std::string target;  // mount point
    std::string root;    // root of the mount within its file system (bind mounts: not "/")
    std::string fstype;  // file system type
    std::uint64_t dev = 0;  // st_dev from mountinfo major:minor (glibc makedev encoding)
    bool dummy = false;     // pseudo file system (is_dummy_fstype)
    bool remote = false;    // network file system (is_remote)
    bool may_block = false; // its queries need isolation (mount_may_block)
    bool has_overmount = false;  // a later mount has the same target (autofs: mounted)
};

// compat: gnulib mountlist ME_DUMMY: these types (and "none") are pseudo file systems that df
// hides unless -a (proc, sysfs, devpts, autofs, ...). Others with zero blocks (cgroup, tracefs)
// are hidden by the zero-size rule instead.
bool is_dummy_fstype(std::string_view fstype);
// compat: gnulib mountlist ME_REMOTE: a source with ':' or "-hosts", "//" with smbfs/smb3/cifs,
// or a cluster/network type (afs, coda, ocfs2, ...).
bool is_remote(std::string_view source, std::string_view fstype);

// Whether a stat/statfs on this mount can block for an unbounded time on a party outside the
// kernel: a FUSE daemon (fuse, fuseblk, fuse.*, fuseblk.*; virtiofs), a network or cluster
// server (nfs, cifs, 9p, ceph, afs, ... and every mount is_remote() calls remote), an automounter
// (autofs), or a stacking file system that forwards to others (overlay, aufs, ...). Local disk,
// memory and kernel pseudo file systems answer from the kernel alone (a stuck disk aside, where
// GNU df blocks too); their queries need no isolation.
bool fstype_may_block(std::string_view fstype);
bool mount_may_block(std::string_view source, std::string_view fstype);

// Build df's view of a parsed mount table (in table order).
std::vector<DfMount> df_mounts(const mnt::MountTable& table);

// Answers questions about paths (stat, statvfs, realpath). The real one queries the system with
// a deadline and caches; tests use a fake. A result with done == false did not answer in time.
class PathOracle {
public:
    virtual ~PathOracle() = default;
    virtual const ProbeResult& probe(const std::string& path, unsigned what) = 0;
    // Hint: these will be asked for next; query them all at once (one deadline).
    virtual void prefetch(const std::vector<ProbeJob>& jobs) { (void)jobs; }
};

struct DfQuery {
    bool show_all = false;    // -a
    bool show_local = false;  // -l
    bool total = false;       // --total
    std::vector<std::string> include_types;  // -t
    std::vector<std::string> exclude_types;  // -x
    bool selected(std::string_view fstype) const;
    bool excluded(std::string_view fstype) const;
};

// One output line before formatting. Unknown numbers are fsusage::unknown.
struct DfRow {
    std::string source;  // "-" when unknown
    std::string fstype;  // "-" when unknown or placeholder
    std::string target;
    std::string file;    // the argument for file rows, "-" otherwise
    FsUsage usage;
    bool is_total = false;
};

enum class DfMessageKind {
    errno_error,      // "PATH: strerror(err)"
    not_responding,   // "PATH: not responding" (our deadline)
    overmounted,      // "cannot access PATH: over-mounted by another device"
};

struct DfMessage {
    DfMessageKind kind = DfMessageKind::errno_error;
    std::string path;
    int err = 0;
};

struct DfReport {
    std::vector<DfRow> rows;          // in GNU's order, the total row last
    std::vector<DfMessage> messages;  // in the order they arose
    bool failed = false;              // exit status 1
    bool processed = false;           // at least one file system row (GNU's "no file systems processed")
    bool listed = false;              // rows come from file arguments (zero-size ones are shown)
};

// The whole listing (no file arguments): duplicate filtering, then one row per mount.
DfReport df_collect_all(const std::vector<DfMount>& mounts, const DfQuery& q, PathOracle& oracle);

// File arguments: FILES (in order) resolved to their mounts. ARG_PROBES[i] holds the probe of
// FILES[i] (probe_open_stat); failed ones produce an error message and no row.
DfReport df_collect_files(const std::vector<DfMount>& mounts, const std::vector<std::string>& files,
                          const DfQuery& q, PathOracle& oracle);

// Append the grand-total row (GNU "total") when --total asked for it and something was listed.
void df_add_total(DfReport& report, const DfQuery& q, bool source_shown);

// Values shown for one group of columns (blocks or inodes), as GNU df derives them.
struct FieldValues {
    std::uint64_t input_units = 1;   // bytes per counted unit
    std::uint64_t output_units = 1;  // bytes per displayed unit
    std::uint64_t total = unknown;
    std::uint64_t available = unknown;
    bool negate_available = false;
    std::uint64_t available_to_root = unknown;
    std::uint64_t used = unknown;
    bool negate_used = false;
};

// "known" in GNU's sense: below UINTMAX_MAX - 1.
inline bool known_value(std::uint64_t v) { return v < UINT64_MAX - 1; }

FieldValues block_values(const FsUsage& u, std::uint64_t output_block_size);
FieldValues inode_values(const FsUsage& u);

// Use% as GNU computes it (rounded up), or -1 for "-".
double used_percent(const FieldValues& v);

// GNU df's cell for a count: "-" when unknown, otherwise human_readable with a leading '-' when
// NEGATIVE.
std::string df_readable(bool negative, std::uint64_t n, unsigned human_opts,
                        std::uint64_t input_units, std::uint64_t output_units);

// gnulib quotef(): shell-escape quoting, only when needed (used in df's error messages).
std::string quote_shell(std::string_view s);
// gnulib quote(): 'text' in the C locale, with quotes of the locale otherwise.
std::string quote_locale(std::string_view s);

}  // namespace procstat::fsusage
