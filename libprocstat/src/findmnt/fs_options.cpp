// SPDX-License-Identifier: GPL-2.0-or-later
// Mount option strings as libmount handles them: iteration, lookup, merging, matching, and the
// filesystem classes (pseudo, network) findmnt filters on.
#include <algorithm>
#include <array>
#include <cctype>
#include <strings.h>

#include "procstat/findmnt/fs_table.hpp"

namespace procstat::findmnt {
namespace {

struct Opt {
    std::string_view name;   // without value
    std::string_view value;  // after '='
    bool has_value = false;
    std::size_t begin = 0, end = 0;  // item bounds in the string
};

// compat: libmount mnt_optstr_parse_next(): leading commas skipped, double quotes protect
// commas and '=', the first '=' after the first byte separates the value.
bool next_opt(std::string_view s, std::size_t& pos, Opt& o) {
    while (pos < s.size() && s[pos] == ',') ++pos;
    if (pos >= s.size()) return false;
    std::size_t start = pos, sep = std::string_view::npos;
    bool quote = false;
    std::size_t p = pos;
    for (; p < s.size(); ++p) {
        if (s[p] == '"') quote = !quote;
        if (quote) continue;
        if (sep == std::string_view::npos && p > start && s[p] == '=') sep = p;
        if (s[p] == ',') break;
    }
    if (quote && p >= s.size()) {
        // an unterminated quote swallows the rest: libmount then reports the end
        pos = s.size();
        return false;
    }
    o.begin = start;
    o.end = p;
    o.has_value = sep != std::string_view::npos;
    o.name = s.substr(start, (o.has_value ? sep : p) - start);
    o.value = o.has_value ? s.substr(sep + 1, p - sep - 1) : std::string_view{};
    pos = p < s.size() ? p + 1 : p;
    return true;
}

// Remove the first option called NAME from S (with one separating comma).
bool remove_opt(std::string& s, std::string_view name) {
    std::size_t pos = 0;
    Opt o;
    while (next_opt(s, pos, o)) {
        if (o.name != name) continue;
        std::size_t b = o.begin, e = o.end;
        if (e < s.size())
            ++e;  // the comma after it
        else if (b > 0)
            --b;  // last item: the comma before it
        s.erase(b, e - b);
        return true;
    }
    return false;
}

// libmount's Linux VFS option names (mount(2) flags), both polarities.
constexpr std::array<std::string_view, 37> vfs_names{
    "rw", "ro", "exec", "noexec", "suid", "nosuid", "dev", "nodev", "sync", "async",
    "dirsync", "remount", "bind", "rbind", "mand", "nomand", "atime", "noatime",
    "iversion", "noiversion", "diratime", "nodiratime", "relatime", "norelatime",
    "strictatime", "nostrictatime", "lazytime", "nolazytime", "nosymfollow", "symfollow",
    "loud", "silent", "private", "shared", "slave", "unbindable", "runbindable"};

// libmount's userspace option names (kept out of both the VFS and the fs-specific lists).
bool is_user_option(std::string_view name) {
    static constexpr std::array<std::string_view, 21> names{
        "auto", "noauto", "user", "nouser", "users", "nousers", "owner",
        "noowner", "group", "nogroup", "_netdev", "comment", "loop", "offset", "sizelimit",
        "encryption", "nofail", "uhelper", "helper", "x-", "X-"};
    if (name.substr(0, 2) == "x-" || name.substr(0, 2) == "X-") return true;
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_vfs_option(std::string_view name) {
    if (std::find(vfs_names.begin(), vfs_names.end(), name) != vfs_names.end()) return true;
    return name == "rprivate" || name == "rshared" || name == "rslave";
}

void append_opt(std::string& out, std::string_view s, const Opt& o) {
    if (!out.empty()) out += ',';
    out.append(s.substr(o.begin, o.end - o.begin));
}

}  // namespace

std::optional<std::string> get_option(std::string_view optstr, std::string_view name) {
    std::size_t pos = 0;
    Opt o;
    while (next_opt(optstr, pos, o))
        if (o.name == name) return std::string(o.value);
    return std::nullopt;
}

std::string merge_options(std::string_view vfs, std::string_view fs) {
    if (vfs.empty() && fs.empty()) return {};
    if (vfs == fs) return std::string(vfs);
    std::string p;
    p.append(vfs).append(",").append(fs);
    int rw = 0, ro = 0;
    rw += remove_opt(p, "rw");
    rw += remove_opt(p, "rw");
    if (rw != 2) {
        ro += remove_opt(p, "ro");
        if (ro + rw < 2) ro += remove_opt(p, "ro");
    }
    std::string res = ro ? "ro" : "rw";
    if (!p.empty()) {
        res += ',';
        res += p;
    }
    return res;
}

void split_fstab_options(std::string_view optstr, std::string& vfs, std::string& fs, std::string* user) {
    vfs.clear();
    fs.clear();
    if (user) user->clear();
    std::size_t pos = 0;
    Opt o;
    while (next_opt(optstr, pos, o)) {
        if (o.name == "defaults") continue;
        if (is_user_option(o.name)) {
            if (user) append_opt(*user, optstr, o);
            continue;
        }
        if (is_vfs_option(o.name) && !o.has_value)
            append_opt(vfs, optstr, o);
        else
            append_opt(fs, optstr, o);
    }
}

bool match_fstype(std::string_view type, std::string_view pattern) {
    bool no = false;
    if (pattern.substr(0, 2) == "no") {
        no = true;
        pattern.remove_prefix(2);
    }
    auto ieq = [](std::string_view a, std::string_view b) {
        // (an empty view may have a null data(), which strncasecmp must not get)
        return a.size() == b.size() && (a.empty() || ::strncasecmp(a.data(), b.data(), a.size()) == 0);
    };
    std::size_t pos = 0;
    for (;;) {
        auto c = pattern.find(',', pos);
        std::string_view item = pattern.substr(pos, c == std::string_view::npos ? pattern.npos : c - pos);
        if (item.substr(0, 2) == "no" && ieq(item.substr(2), type)) return false;
        if (ieq(item, type)) return !no;
        if (c == std::string_view::npos) break;
        pos = c + 1;
    }
    return no;
}

bool match_options(const std::optional<std::string>& optstr, std::string_view pattern) {
    if (pattern.empty()) return !optstr;
    std::size_t pos = 0;
    Opt o;
    bool match = true;
    while (match && next_opt(pattern, pos, o)) {
        std::string_view name = o.name;
        bool no = false;
        if (!name.empty() && name.front() == '+')
            name.remove_prefix(1);
        else if (name.substr(0, 2) == "no") {
            no = true;
            name.remove_prefix(2);
        }
        if (!optstr) return false;  // libmount: parse error -> no match
        auto v = get_option(*optstr, name);
        bool found = v.has_value();
        if (found && o.has_value && !o.value.empty() && *v != o.value) found = false;
        match = found ? !no : no;
    }
    return match;
}

bool is_pseudofs(std::string_view t) {
    static constexpr std::string_view names[] = {
        "anon_inodefs", "apparmorfs", "autofs", "bdev", "binder", "binfmt_misc", "bpf",
        "cgroup", "cgroup2", "configfs", "cpuset", "debugfs", "devfs", "devpts", "devtmpfs",
        "dlmfs", "dmabuf", "drm", "efivarfs", "fuse", "fuse.archivemount", "fuse.avfsd",
        "fuse.dumpfs", "fuse.encfs", "fuse.gvfs-fuse-daemon", "fuse.gvfsd-fuse", "fuse.lxcfs",
        "fuse.rofiles-fuse", "fuse.vmware-vmblock", "fuse.xwmfs", "fusectl", "hugetlbfs",
        "ipathfs", "mqueue", "nfsd", "none", "nsfs", "overlay", "pipefs", "proc", "pstore",
        "ramfs", "resctrl", "rootfs", "rpc_pipefs", "securityfs", "selinuxfs", "smackfs",
        "sockfs", "spufs", "sysfs", "tmpfs", "tracefs", "vboxsf", "virtiofs"};
    return std::find(std::begin(names), std::end(names), t) != std::end(names);
}

bool is_netfs(std::string_view t) {
    static constexpr std::array<std::string_view, 19> names{
        "9p", "afs", "ceph", "cifs", "coda", "davfs", "fuse.curlftpfs", "fuse.sshfs", "gfs",
        "gfs2", "glusterfs", "lustre", "ncp", "ncpfs", "nfs", "nfs4", "pvfs2", "smb3", "smbfs"};
    return std::find(names.begin(), names.end(), t) != names.end();
}

std::string propagation(std::string_view f) {
    bool shared = false, slave = false, unbindable = false;
    std::size_t pos = 0;
    for (;;) {
        while (pos < f.size() && f[pos] == ' ') ++pos;
        if (pos >= f.size()) break;
        auto e = f.find(' ', pos);
        std::string_view tok = f.substr(pos, e == std::string_view::npos ? f.npos : e - pos);
        if (tok.substr(0, 7) == "shared:") shared = true;
        if (tok.substr(0, 7) == "master:") slave = true;
        if (tok == "unbindable") unbindable = true;
        if (e == std::string_view::npos) break;
        pos = e + 1;
    }
    std::string out = shared ? "shared" : "private";
    if (slave) out += ",slave";
    if (unbindable) out += ",unbindable";
    return out;
}

bool is_tag(std::string_view s) {
    for (std::string_view p : {"LABEL=", "UUID=", "PARTLABEL=", "PARTUUID=", "ID="})
        if (s.substr(0, p.size()) == p) return true;
    return false;
}

}  // namespace procstat::findmnt
