// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk columns: the registry and the per-device cell data (sysfs, udev/blkid, mounts, statvfs).
#include "procstat/block/columns.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <strings.h>

#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"
#include "procstat/fsusage/fs_usage.hpp"
#include "procstat/fsusage/oracle.hpp"
#include "procstat/units/ul_size.hpp"

namespace procstat::block {

namespace {

using T = ColType;
constexpr unsigned R = fl_right, TR = fl_trunc, NX = fl_noextremes, WR = fl_wrap;

// compat: names, width hints, flags, help texts and types of util-linux 2.38.1 lsblk.
constexpr std::array<ColInfo, 64> kColumns{{
    {Col::alignment, "ALIGNMENT", 6, R, "alignment offset", T::num},
    {Col::disc_aln, "DISC-ALN", 6, R, "discard alignment offset", T::num},
    {Col::dax, "DAX", 1, R, "dax-capable device", T::boolean},
    {Col::disc_gran, "DISC-GRAN", 6, R, "discard granularity", T::size},
    {Col::disc_max, "DISC-MAX", 6, R, "discard max bytes", T::size},
    {Col::disc_zero, "DISC-ZERO", 1, R, "discard zeroes data", T::boolean},
    {Col::fsavail, "FSAVAIL", 5, R, "filesystem size available", T::size},
    {Col::fsroots, "FSROOTS", 0.1, WR, "mounted filesystem roots", T::str},
    {Col::fssize, "FSSIZE", 5, R, "filesystem size", T::size},
    {Col::fstype, "FSTYPE", 0.1, TR, "filesystem type", T::str},
    {Col::fsused, "FSUSED", 5, R, "filesystem size used", T::size},
    {Col::fsuse_pct, "FSUSE%", 3, R, "filesystem use percentage", T::str},
    {Col::fsver, "FSVER", 0.1, TR, "filesystem version", T::str},
    {Col::group, "GROUP", 0.1, TR, "group name", T::str},
    {Col::hctl, "HCTL", 10, 0, "Host:Channel:Target:Lun for SCSI", T::str},
    {Col::hotplug, "HOTPLUG", 1, R, "removable or hotplug device (usb, pcmcia, ...)", T::boolean},
    {Col::kname, "KNAME", 0.3, 0, "internal kernel device name", T::str},
    {Col::label, "LABEL", 0.1, 0, "filesystem LABEL", T::str},
    {Col::log_sec, "LOG-SEC", 7, R, "logical sector size", T::num},
    {Col::maj_min, "MAJ:MIN", 6, 0, "major:minor device number", T::sortnum},
    {Col::min_io, "MIN-IO", 6, R, "minimum I/O size", T::num},
    {Col::mode, "MODE", 10, 0, "device node permissions", T::str},
    {Col::model, "MODEL", 0.1, TR, "device identifier", T::str},
    {Col::name, "NAME", 0.25, NX, "device name", T::str},
    {Col::opt_io, "OPT-IO", 6, R, "optimal I/O size", T::num},
    {Col::owner, "OWNER", 0.1, TR, "user name", T::str},
    {Col::partflags, "PARTFLAGS", 36, 0, "partition flags", T::str},
    {Col::partlabel, "PARTLABEL", 0.1, 0, "partition LABEL", T::str},
    {Col::parttype, "PARTTYPE", 36, 0, "partition type code or UUID", T::str},
    {Col::parttypename, "PARTTYPENAME", 0.1, 0, "partition type name", T::str},
    {Col::partuuid, "PARTUUID", 36, 0, "partition UUID", T::str},
    {Col::path, "PATH", 0.3, 0, "path to the device node", T::str},
    {Col::phy_sec, "PHY-SEC", 7, R, "physical sector size", T::num},
    {Col::pkname, "PKNAME", 0.3, 0, "internal parent kernel device name", T::str},
    {Col::pttype, "PTTYPE", 0.1, 0, "partition table type", T::str},
    {Col::ptuuid, "PTUUID", 36, 0, "partition table identifier (usually UUID)", T::str},
    {Col::ra, "RA", 3, R, "read-ahead of the device", T::num},
    {Col::rand, "RAND", 1, R, "adds randomness", T::boolean},
    {Col::rev, "REV", 4, R, "device revision", T::str},
    {Col::rm, "RM", 1, R, "removable device", T::boolean},
    {Col::ro, "RO", 1, R, "read-only device", T::boolean},
    {Col::rota, "ROTA", 1, R, "rotational device", T::boolean},
    {Col::rq_size, "RQ-SIZE", 5, R, "request queue size", T::num},
    {Col::sched, "SCHED", 0.1, 0, "I/O scheduler name", T::str},
    {Col::serial, "SERIAL", 0.1, TR, "disk serial number", T::str},
    {Col::size, "SIZE", 5, R, "size of the device", T::size},
    {Col::start, "START", 5, R, "partition start offset", T::num},
    {Col::state, "STATE", 7, TR, "state of the device", T::str},
    {Col::subsystems, "SUBSYSTEMS", 0.1, NX, "de-duplicated chain of subsystems", T::str},
    {Col::mountpoint, "MOUNTPOINT", 0.10, TR | NX, "where the device is mounted", T::str},
    {Col::mountpoints, "MOUNTPOINTS", 0.10, WR | NX, "all locations where device is mounted", T::str},
    {Col::tran, "TRAN", 6, 0, "device transport type", T::str},
    {Col::type, "TYPE", 4, 0, "device type", T::str},
    {Col::uuid, "UUID", 36, 0, "filesystem UUID", T::str},
    {Col::vendor, "VENDOR", 0.1, TR, "device vendor", T::str},
    {Col::wsame, "WSAME", 6, R, "write same max bytes", T::size},
    {Col::wwn, "WWN", 18, 0, "unique storage identifier", T::str},
    {Col::zoned, "ZONED", 0.3, 0, "zone model", T::str},
    {Col::zone_sz, "ZONE-SZ", 9, R, "zone size", T::size},
    {Col::zone_wgran, "ZONE-WGRAN", 10, R, "zone write granularity", T::size},
    {Col::zone_app, "ZONE-APP", 11, R, "zone append max bytes", T::size},
    {Col::zone_nr, "ZONE-NR", 8, R, "number of zones", T::num},
    {Col::zone_omax, "ZONE-OMAX", 10, R, "maximum number of open zones", T::num},
    {Col::zone_amax, "ZONE-AMAX", 10, R, "maximum number of active zones", T::num},
}};

// Mode string as ls -l shows it ("brw-rw----").
std::string mode_string(mode_t m) {
    std::string s(10, '-');
    if (S_ISDIR(m)) s[0] = 'd';
    else if (S_ISLNK(m)) s[0] = 'l';
    else if (S_ISCHR(m)) s[0] = 'c';
    else if (S_ISBLK(m)) s[0] = 'b';
    else if (S_ISSOCK(m)) s[0] = 's';
    else if (S_ISFIFO(m)) s[0] = 'p';
    const char* rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        if (m & (1u << (8 - i))) s[static_cast<std::size_t>(i) + 1] = rwx[i];
    if (m & S_ISUID) s[3] = (m & S_IXUSR) ? 's' : 'S';
    if (m & S_ISGID) s[6] = (m & S_IXGRP) ? 's' : 'S';
    if (m & S_ISVTX) s[9] = (m & S_IXOTH) ? 't' : 'T';
    return s;
}

const char* scsi_type_name(long t) {
    switch (t) {
    case 0x00: return "disk";
    case 0x01: return "tape";
    case 0x02: return "printer";
    case 0x03: return "processor";
    case 0x04: return "worm";
    case 0x05: return "rom";
    case 0x06: return "scanner";
    case 0x07: return "mo-disk";
    case 0x08: return "changer";
    case 0x09: return "comm";
    case 0x0c: return "raid";
    case 0x0d: return "enclosure";
    case 0x0e: return "rbc";
    case 0x11: return "osd";
    case 0x7f: return "no-lun";
    default: return nullptr;
    }
}

}  // namespace

std::span<const ColInfo> all_columns() { return kColumns; }

const ColInfo& column_info(Col id) { return kColumns[static_cast<std::size_t>(id)]; }

std::string shellvar_name(std::string_view header) {
    std::string out;
    for (char c : header) {
        if (c == '%') out += "_PCT";
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            out += c;
        else out += '_';
    }
    if (!out.empty() && out[0] >= '0' && out[0] <= '9') out.insert(0, "_");
    return out;
}

const ColInfo* find_column(std::string_view name) {
    for (const auto& c : kColumns)
        if (c.name.size() == name.size() &&
            ::strncasecmp(c.name.data(), name.data(), name.size()) == 0)
            return &c;
    return nullptr;
}

std::string human_size(std::uint64_t bytes) { return units::ul_size_to_human(bytes); }

DeviceData::DeviceData(const Walker& walker, DataOptions opts) : w_(walker), o_(opts) {}

const DevProps* DeviceData::props(const Device& dev, unsigned chains) {
    auto it = props_.find(dev.name);
    if (it == props_.end()) {
        PropsEntry e;
        const Root& root = w_.root();
        if (o_.sysroot) {
            // compat: with --sysroot, lsblk reads KEY=value text files kept at the device node's
            // path inside SYSROOT (dev/sda1; dev/mapper/NAME for device-mapper devices)
            std::string_view node = dev.filename;
            while (!node.empty() && node.front() == '/') node.remove_prefix(1);
            std::string rel(node);
            struct stat st {};
            if (::fstatat(root.fd(), rel.c_str(), &st, 0) == 0 && S_ISREG(st.st_mode)) {
                std::string text;
                if (io::read_file(root, rel, text)) e.p = props_from_udev(parse_udev_pairs(text));
            }
        } else {
            std::string rel = std::string(Root::run_udev) + "/b" + std::to_string(dev.maj) + ":" +
                              std::to_string(dev.min);
            std::string text;
            if (io::read_file(root, rel, text)) {
                e.p = props_from_udev(parse_udev_pairs(text));
            } else if (o_.probe && dev.size && ::geteuid() == 0) {
                // beyond util-linux: no udev record, ask libblkid (needs read access to the node)
                e.probing = true;
            }
        }
        it = props_.emplace(dev.name, std::move(e)).first;
    }
    PropsEntry& e = it->second;
    if (e.probing && (chains & ~e.probed)) {
        // Probe only what the columns shown so far need (lsblk -f: superblocks alone). A later
        // column that needs the partition table probes again, with every chain asked so far.
        unsigned want = e.probed | chains | probe_superblocks;
        e.p = probe_blkid(dev.filename, want);
        e.probed = want;
    }
    return e.p ? &*e.p : nullptr;
}

const std::vector<DeviceData::MountRef>& DeviceData::filesystems(const Device& dev) {
    if (!mounts_loaded_) {
        mounts_loaded_ = true;
        const Root& root = w_.root();
        std::string text;
        std::string rel = std::string(Root::proc) + "/self/mountinfo";
        if (io::read_file(root, rel, text)) {
            // compat: libmount guesses the format from the first line; a table that does not
            // start like mountinfo is parsed as mtab (and then mountinfo lines are errors)
            if (mnt::detect_format(text) == mnt::TableFormat::mountinfo)
                mtab_ = mnt::parse_mountinfo(text);
            else
                mtab_ = mnt::parse_fstab(text, mnt::TableFormat::mtab);
            for (auto n : mtab_.bad_lines)
                warnings_.push_back(root.host_path(rel) + ": parse error at line " +
                                    std::to_string(n) + " -- ignored");
        }
        rel = std::string(Root::proc) + "/swaps";
        if (io::read_file(root, rel, text)) {
            std::string_view sv = text, line;
            std::size_t n = 0;
            while (parse::next_line(sv, line)) {
                n++;
                if (n == 1 && line.substr(0, 8) == "Filename") continue;  // header
                std::string_view l = line;
                std::string_view src = parse::next_token(l), type = parse::next_token(l),
                                 size = parse::next_token(l);
                if (parse::trim(line).empty()) continue;
                if (src.empty() || type.empty() || !parse::to_u64(size)) {
                    warnings_.push_back(root.host_path(rel) + ": parse error at line " +
                                        std::to_string(n) + " -- ignored");
                    continue;
                }
                swaps_.push_back(parse::unescape_octal(src));
            }
        }
    }
    auto it = fss_.find(dev.name);
    if (it != fss_.end()) return it->second;
    std::vector<MountRef> out;
    for (auto e = mtab_.entries.rbegin(); e != mtab_.entries.rend(); ++e) {
        bool devno = e->has_devno && e->major == dev.maj && e->minor == dev.min;
        if (!devno && e->source != dev.filename) continue;
        out.push_back({e->target, e->root, false});
    }
    if (out.empty()) {
        for (auto s = swaps_.rbegin(); s != swaps_.rend(); ++s)
            if (*s == dev.filename) {
                out.push_back({"[SWAP]", "", true});
                break;
            }
    }
    return fss_.emplace(dev.name, std::move(out)).first->second;
}

std::optional<std::string> DeviceData::mountpoint(const Device& dev) {
    const auto& f = filesystems(dev);
    if (f.empty()) return std::nullopt;
    if (f.size() == 1) return f[0].target;
    for (const auto& m : f) {
        if (m.swap) return m.target;
        if (m.root.empty() || m.root == "/") return m.target;
    }
    return f[0].target;
}

const fsusage::FsUsage* DeviceData::fsstat(const Device& dev) {
    if (!vfs_loaded_) {
        // beyond util-linux: the mount points of all devices are asked at once, each in its own
        // thread, and a file system that does not answer within the deadline (dead NFS server,
        // stuck FUSE daemon) leaves its cells empty instead of hanging lsblk
        vfs_loaded_ = true;
        std::vector<std::string> paths;
        for (const auto& [name, idx] : w_.tree_view().by_name) {
            const Device& d = w_.device(idx);
            const auto& f = filesystems(d);
            auto mp = mountpoint(d);
            if (mp && !(f.size() && f[0].swap) &&
                std::find(paths.begin(), paths.end(), *mp) == paths.end())
                paths.push_back(*mp);
        }
        std::vector<fsusage::ProbeJob> jobs;
        for (const auto& p : paths) jobs.push_back({p, fsusage::probe_statvfs});
        // compat: util-linux calls statvfs() on the mount point as written, also with --sysroot
        if (o_.sysroot) {
            // the table describes another system: every live path may block
            auto res = fsusage::probe_all(jobs, statvfs_deadline);
            for (std::size_t i = 0; i < paths.size() && i < res.size(); i++)
                if (res[i].done && res[i].statvfs_err == 0) vfs_.emplace(paths[i], res[i].usage);
        } else {
            // The live mount table tells which mount points may block (network, FUSE, ...):
            // only those are asked in the isolated helper process (as df does), the others
            // in-process, which spares the fork in the usual case of local file systems.
            fsusage::LiveOracle oracle(statvfs_deadline);
            oracle.set_mounts(fsusage::df_mounts(mtab_));
            oracle.prefetch(jobs);
            for (const auto& p : paths) {
                const fsusage::ProbeResult& r = oracle.probe(p, fsusage::probe_statvfs);
                if (r.done && r.statvfs_err == 0) vfs_.emplace(p, r.usage);
            }
        }
    }
    const auto& f = filesystems(dev);
    auto mp = mountpoint(dev);
    if (!mp || (f.size() && f[0].swap)) return nullptr;
    auto it = vfs_.find(*mp);
    return it == vfs_.end() ? nullptr : &it->second;
}

bool DeviceData::hctl(const Device& dev, unsigned v[4]) {
    auto l = w_.link(dev, "device");
    if (!l) return false;
    auto slash = l->rfind('/');
    std::string last = slash == std::string::npos ? *l : l->substr(slash + 1);
    return std::sscanf(last.c_str(), "%u:%u:%u:%u", &v[0], &v[1], &v[2], &v[3]) == 4;
}

// The subsystem of every directory on the device's sysfs path, innermost first: the
// "subsystem" link of the device directory, then of each parent directory (as util-linux walks
// the chain, one component at a time).
std::vector<std::string> DeviceData::subsystem_chain(const Device& dev) {
    std::vector<std::string> out;
    auto l = w_.link(dev, "");
    if (!l) return out;
    std::string chain = std::string(Root::sys) + "/dev/block/" + *l;
    for (;;) {
        std::string target;
        bool found = io::read_link(w_.root(), chain + "/subsystem", target) && !target.empty();
        auto p = chain.rfind('/');
        if (p != std::string::npos) chain.resize(p);
        if (found) {
            auto slash = target.rfind('/');
            out.push_back(slash == std::string::npos ? target : target.substr(slash + 1));
        }
        if (p == std::string::npos) break;
    }
    return out;
}

std::optional<std::string> DeviceData::subsystems(const Device& dev) {
    auto chain = subsystem_chain(dev);
    if (chain.empty()) return std::nullopt;
    std::string res;
    for (std::size_t i = 0; i < chain.size(); i++) {
        if (i && chain[i] == chain[i - 1]) continue;  // "block:scsi", never "block:scsi:scsi"
        if (!res.empty()) res += ':';
        res += chain[i];
    }
    return res;
}

bool DeviceData::hotplug(const Device& dev) {
    if (auto r = w_.attr(dev, "removable"); r && parse::trim(*r) == "1") return true;
    for (const auto& sub : subsystem_chain(dev))
        if (sub == "usb" || sub == "ieee1394" || sub == "pcmcia" || sub == "mmc" || sub == "ccw")
            return true;
    return false;
}

bool DeviceData::removable(const Device& dev, const Device* parent) {
    // compat: any non-zero "removable" counts here (HOTPLUG wants exactly 1)
    auto is_rm = [&](const Device& d) {
        auto r = w_.attr(d, "removable");
        if (!r) return false;
        auto v = parse::to_i64(parse::trim(*r));
        return v && *v != 0;
    };
    if (is_rm(dev)) return true;
    // a partition inherits it from its whole disk
    if (parent && dev.wholedisk >= 0) return is_rm(w_.device(dev.wholedisk));
    return false;
}

std::optional<std::string> DeviceData::transport(const Device& dev) {
    unsigned h[4];
    const Root& root = w_.root();
    auto exists_dir = [&](const std::string& rel) {
        struct stat st {};
        return ::fstatat(root.fd(), rel.c_str(), &st, 0) == 0 && S_ISDIR(st.st_mode);
    };
    auto host_attr = [&](const char* type, const char* attr) -> std::optional<std::string> {
        std::string rel = std::string(Root::sys) + "/class/" + type + "_host/host" +
                          std::to_string(h[0]) + "/" + attr;
        std::string buf;
        if (!io::read_file(root, rel, buf)) return std::nullopt;
        auto nl = buf.find('\n');
        if (nl != std::string::npos) buf.resize(nl);
        if (buf.empty()) return std::nullopt;
        return buf;
    };
    auto host_is = [&](const char* type) {
        return exists_dir(std::string(Root::sys) + "/class/" + type + "_host/host" +
                          std::to_string(h[0]));
    };
    auto scsi_dev = [&]() {
        return std::string(Root::sys) + "/bus/scsi/devices/" + std::to_string(h[0]) + ":" +
               std::to_string(h[1]) + ":" + std::to_string(h[2]) + ":" + std::to_string(h[3]);
    };
    auto scsi_has = [&](const char* attr) {
        struct stat st {};
        return ::fstatat(root.fd(), (scsi_dev() + "/" + attr).c_str(), &st, 0) == 0;
    };
    if (hctl(dev, h)) {
        if (host_is("spi")) return "spi";
        if (host_is("fc")) {
            auto a = host_attr("fc", "symbolic_name");
            if (!a) return std::nullopt;
            return a->find(" over ") != std::string::npos ? "fcoe" : "fc";
        }
        if (host_is("sas") || scsi_has("sas_device")) return "sas";
        if (scsi_has("ieee1394_id")) return "sbp";
        if (host_is("iscsi")) return "iscsi";
        {
            std::string target;
            struct stat st {};
            if (::fstatat(root.fd(), scsi_dev().c_str(), &st, 0) == 0 &&
                io::read_link(root, scsi_dev(), target) &&
                target.find("usb") != std::string::npos)
                return "usb";
        }
        if (host_is("scsi")) {
            auto a = host_attr("scsi", "proc_name");
            if (!a) return std::nullopt;
            if (a->rfind("ahci", 0) == 0 || a->rfind("sata", 0) == 0) return "sata";
            if (a->find("ata") != std::string::npos) return "ata";
            return std::nullopt;
        }
    }
    if (dev.name.rfind("nvme", 0) == 0) return "nvme";
    // compat: 2.38.1 knows no name-based transport other than nvme
    return std::nullopt;
}

std::optional<std::string> DeviceData::type(const Device& dev) {
    std::string res;
    if (dev.is_partition()) return "part";
    if (dev.name.rfind("dm-", 0) == 0) {
        auto uuid = w_.attr(dev, "dm/uuid");
        if (uuid && !uuid->empty()) {
            std::string prefix = uuid->substr(0, uuid->find('-'));
            if (::strncasecmp(prefix.c_str(), "part", 4) == 0) prefix.resize(4);
            res = prefix;
        }
        if (res.empty()) res = "dm";
    } else if (dev.name.rfind("loop", 0) == 0) {
        res = "loop";
    } else if (dev.name.rfind("md", 0) == 0) {
        auto lvl = w_.attr(dev, "md/level");
        res = lvl && !lvl->empty() ? *lvl : "md";
    } else {
        const char* t = nullptr;
        if (auto s = w_.attr(dev, "device/type")) {
            auto v = parse::to_i64(parse::trim(*s));
            if (v) t = scsi_type_name(static_cast<long>(*v));
        }
        res = t ? t : "disk";
    }
    for (auto& c : res) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return res;
}

CellData DeviceData::size_cell(std::optional<std::uint64_t> v, std::optional<std::string> rawstr) {
    CellData c;
    if (o_.bytes) {
        c.text = rawstr;
        if (rawstr) c.raw = parse::to_u64(*rawstr);
    } else if (v) {
        c.text = human_size(*v);
        c.raw = v;
    }
    return c;
}

CellData DeviceData::get(const Device& dev, const Device* parent, Col id) {
    CellData c;
    auto mk_name = [&](const std::string& n) {
        return o_.paths ? "/dev/" + sys_to_dev_name(n) : sys_to_dev_name(n);
    };
    auto str_attr = [&](std::string_view a) {
        c.text = w_.attr(dev, a);
        if (c.text) c.raw = parse::to_u64(*c.text);
    };
    auto prop = [&](std::optional<std::string> DevProps::*m, unsigned chains) {
        if (const DevProps* p = props(dev, chains); p && p->*m) c.text = p->*m;
    };
    bool ident = !dev.is_partition() && dev.nslaves == 0;
    switch (id) {
    case Col::name:
        c.text = dev.dm_name ? (o_.paths ? "/dev/mapper/" + *dev.dm_name : *dev.dm_name)
                             : mk_name(dev.name);
        break;
    case Col::kname: c.text = mk_name(dev.name); break;
    case Col::pkname:
        if (parent) c.text = mk_name(parent->name);
        break;
    case Col::path: c.text = dev.filename; break;
    case Col::owner:
    case Col::group:
    case Col::mode: {
        const DevProps* p = o_.sysroot ? props(dev, 0) : nullptr;
        auto field = id == Col::owner ? &DevProps::owner
                     : id == Col::group ? &DevProps::group : &DevProps::mode;
        if (p && p->*field) {
            c.text = p->*field;
            break;
        }
        struct stat st {};
        if (::stat(dev.filename.c_str(), &st) != 0) break;
        if (id == Col::owner) {
            if (auto* pw = ::getpwuid(st.st_uid)) c.text = pw->pw_name;
        } else if (id == Col::group) {
            if (auto* gr = ::getgrgid(st.st_gid)) c.text = gr->gr_name;
        } else {
            c.text = mode_string(st.st_mode);
        }
        break;
    }
    case Col::maj_min: {
        char buf[32];
        if (o_.parsable) std::snprintf(buf, sizeof buf, "%u:%u", dev.maj, dev.min);
        else std::snprintf(buf, sizeof buf, "%3u:%-3u", dev.maj, dev.min);
        c.text = buf;
        c.raw = (std::uint64_t{dev.maj} << 32) | dev.min;
        break;
    }
    case Col::fstype: prop(&DevProps::fstype, probe_superblocks); break;
    case Col::fsver: prop(&DevProps::fsversion, probe_superblocks); break;
    case Col::label: prop(&DevProps::label, probe_superblocks); break;
    case Col::uuid: prop(&DevProps::uuid, probe_superblocks); break;
    case Col::ptuuid: prop(&DevProps::ptuuid, probe_partitions); break;
    case Col::pttype: prop(&DevProps::pttype, probe_partitions); break;
    case Col::parttype: prop(&DevProps::parttype, probe_partitions); break;
    case Col::partlabel: prop(&DevProps::partlabel, probe_partitions); break;
    case Col::partuuid: prop(&DevProps::partuuid, probe_partitions); break;
    case Col::partflags: prop(&DevProps::partflags, probe_partitions); break;
    case Col::wwn: prop(&DevProps::wwn, 0); break;  // udev only: libblkid has no WWN
    case Col::parttypename:
        if (const DevProps* p = props(dev, probe_partitions); p && p->parttype && p->pttype)
            if (auto n = parttype_name(*p->pttype, *p->parttype)) c.text = std::string(*n);
        break;
    case Col::fssize:
    case Col::fsavail:
    case Col::fsused:
    case Col::fsuse_pct: {
        const fsusage::FsUsage* s = fsstat(dev);
        if (!s) break;
        std::uint64_t v = 0;
        if (id == Col::fsuse_pct) {
            if (s->blocks == 0) {
                c.text = "-";
                break;
            }
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.0f%%",
                          static_cast<double>(s->blocks - s->bfree) /
                              static_cast<double>(s->blocks) * 100);
            c.text = buf;
            break;
        }
        // compat: u64 products as util-linux computes them (f_frsize * count)
        if (id == Col::fssize) v = s->block_size * s->blocks;
        else if (id == Col::fsavail) v = s->block_size * s->bavail;
        else v = s->block_size * (s->blocks - s->bfree);
        c.raw = v;
        if (!v) c.text = "0";
        else if (o_.bytes) c.text = std::to_string(v);
        else c.text = human_size(v);
        break;
    }
    case Col::mountpoint: c.text = mountpoint(dev); break;
    case Col::mountpoints:
    case Col::fsroots: {
        c.multi = true;
        for (const auto& m : filesystems(dev)) {
            if (id == Col::mountpoints) c.lines.push_back(m.swap ? "[SWAP]" : m.target);
            else if (!m.swap) c.lines.push_back(m.root.empty() ? "/" : m.root);
        }
        if (!c.lines.empty()) {
            std::string t;
            for (std::size_t i = 0; i < c.lines.size(); i++) {
                if (i) t += '\n';
                t += c.lines[i];
            }
            c.text = t;
        }
        break;
    }
    case Col::ra: str_attr("queue/read_ahead_kb"); break;
    case Col::ro: {
        // compat: util-linux reads "ro" as a scanf("%d") number: no leading number counts as 0
        // ("x" -> 0), any other nonzero value as 1 ("2", "-1", "7abc" -> 1).
        auto r = w_.attr(dev, "ro");
        std::string_view v = r ? parse::trim(*r) : std::string_view();
        if (!v.empty() && (v.front() == '-' || v.front() == '+')) v.remove_prefix(1);
        bool nonzero = false;
        for (char ch : v) {
            if (ch < '0' || ch > '9') break;
            if (ch != '0') nonzero = true;
        }
        c.text = nonzero ? "1" : "0";
        break;
    }
    case Col::rm: c.text = removable(dev, parent) ? "1" : "0"; break;
    case Col::hotplug: c.text = hotplug(dev) ? "1" : "0"; break;
    case Col::rota: c.text = w_.attr(dev, "queue/rotational"); break;
    case Col::rand: c.text = w_.attr(dev, "queue/add_random"); break;
    case Col::model:
        if (ident) {
            if (const DevProps* p = props(dev, 0); p && p->model) c.text = p->model;
            else c.text = w_.attr(dev, "device/model");
        }
        break;
    case Col::serial:
        if (ident) {
            if (const DevProps* p = props(dev, 0); p && p->serial) c.text = p->serial;
            else c.text = w_.attr(dev, "device/serial");
        }
        break;
    case Col::rev:
        if (ident) c.text = w_.attr(dev, "device/rev");
        break;
    case Col::vendor:
        if (ident) c.text = w_.attr(dev, "device/vendor");
        break;
    case Col::size:
        if (o_.bytes) c.text = std::to_string(dev.size);
        else c.text = human_size(dev.size);
        c.raw = dev.size;
        break;
    case Col::start: str_attr("start"); break;
    case Col::state:
        if (!dev.is_partition() && !dev.dm_name) {
            c.text = w_.attr(dev, "device/state");
        } else if (dev.dm_name) {
            if (auto s = w_.attr(dev, "dm/suspended"))
                if (auto v = parse::to_i64(parse::trim(*s))) c.text = *v ? "suspended" : "running";
        }
        break;
    case Col::alignment: str_attr("alignment_offset"); break;
    case Col::min_io: str_attr("queue/minimum_io_size"); break;
    case Col::opt_io: str_attr("queue/optimal_io_size"); break;
    case Col::phy_sec: str_attr("queue/physical_block_size"); break;
    case Col::log_sec: str_attr("queue/logical_block_size"); break;
    case Col::sched: {
        auto s = w_.attr(dev, "queue/scheduler");
        if (!s) break;
        auto b = s->find('[');
        if (b == std::string::npos) break;
        auto e = s->find(']', b);
        if (e == std::string::npos) break;
        c.text = s->substr(b + 1, e - b - 1);
        break;
    }
    case Col::rq_size: str_attr("queue/nr_requests"); break;
    case Col::type: c.text = type(dev); break;
    case Col::hctl: {
        unsigned h[4];
        if (hctl(dev, h)) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%d:%d:%d:%d", static_cast<int>(h[0]),
                          static_cast<int>(h[1]), static_cast<int>(h[2]), static_cast<int>(h[3]));
            c.text = buf;
        }
        break;
    }
    case Col::tran: c.text = transport(dev); break;
    case Col::subsystems: c.text = subsystems(dev); break;
    case Col::disc_aln:
    case Col::disc_zero: {
        auto g = w_.attr_u64(dev, "queue/discard_granularity");
        if (g && *g > 0)
            c.text = w_.attr(dev, id == Col::disc_aln ? "discard_alignment" : "queue/discard_zeroes_data");
        if (!c.text) c.text = "0";
        c.raw = parse::to_u64(*c.text);
        break;
    }
    case Col::disc_gran: {
        if (o_.bytes) {
            str_attr("queue/discard_granularity");
        } else {
            auto g = w_.attr_u64(dev, "queue/discard_granularity");
            c.text = human_size(g ? *g : 0);
            c.raw = g ? *g : 0;
        }
        break;
    }
    case Col::disc_max:
        c = size_cell(w_.attr_u64(dev, "queue/discard_max_bytes"), w_.attr(dev, "queue/discard_max_bytes"));
        break;
    case Col::wsame:
        c = size_cell(w_.attr_u64(dev, "queue/write_same_max_bytes"),
                      w_.attr(dev, "queue/write_same_max_bytes"));
        if (!c.text) c.text = "0";
        break;
    case Col::zoned: c.text = w_.attr(dev, "queue/zoned"); break;
    case Col::zone_sz: {
        if (auto v = w_.attr_u64(dev, "queue/chunk_sectors")) {
            std::uint64_t x = *v << 9;
            c.text = o_.bytes ? std::to_string(x) : human_size(x);
            c.raw = x;
        }
        break;
    }
    case Col::zone_wgran:
        c = size_cell(w_.attr_u64(dev, "queue/zone_write_granularity"),
                      w_.attr(dev, "queue/zone_write_granularity"));
        break;
    case Col::zone_app:
        c = size_cell(w_.attr_u64(dev, "queue/zone_append_max_bytes"),
                      w_.attr(dev, "queue/zone_append_max_bytes"));
        break;
    case Col::zone_nr: str_attr("queue/nr_zones"); break;
    case Col::zone_omax:
    case Col::zone_amax:
        str_attr(id == Col::zone_omax ? "queue/max_open_zones" : "queue/max_active_zones");
        if (!c.text) {
            c.text = "0";
            c.raw = 0;
        }
        break;
    case Col::dax: c.text = w_.attr(dev, "queue/dax"); break;
    }
    return c;
}

}  // namespace procstat::block
