// SPDX-License-Identifier: GPL-2.0-or-later
// ProcReader: per-process reads relative to a /proc/PID directory fd, driven by a Needs mask.
#include "procstat/proc/reader.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>

#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"
#include "procstat/proc/parse.hpp"

namespace procstat::proc {

namespace {

// Like io::list_dir, but parses the numeric names in place: no string per entry on the hot path.
Status list_numeric(int dirfd, const char* rel, std::vector<int>& out) {
    out.clear();
    int fd = ::openat(dirfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Status::from_errno(errno);
    DIR* d = ::fdopendir(fd);
    if (!d) {
        int e = errno;
        ::close(fd);
        return Status::from_errno(e);
    }
    while (dirent* de = ::readdir(d)) {
        const char* n = de->d_name;
        if (n[0] < '1' || n[0] > '9') continue;
        int v = 0;
        auto len = std::strlen(n);
        auto [ptr, ec] = std::from_chars(n, n + len, v);
        if (ec == std::errc() && ptr == n + len && v > 0) out.push_back(v);
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return {};
}

const char* const ns_names[ns_count] = {"ns/ipc", "ns/mnt", "ns/net", "ns/pid",
                                        "ns/user", "ns/uts", "ns/cgroup", "ns/time"};

}  // namespace

ProcReader::ProcReader(const Root& root) {
    proc_fd_ = root.openat(Root::proc, O_RDONLY | O_DIRECTORY);
    buf_.reserve(4096);
    long pg = ::sysconf(_SC_PAGESIZE);
    if (pg >= 1024) page_kb_ = static_cast<std::uint64_t>(pg) / 1024;
    struct statfs sf;
    live_proc_ = proc_fd_ >= 0 && ::fstatfs(proc_fd_, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}

// /proc/PID/{stat,statm,status,cmdline} are generated whole on the first read, so a read that
// does not fill the buffer has everything: one open, one read, one close, no copy. A file
// that fills it is read again whole with io::read_file.
Status ProcReader::read_small(int dirfd, const char* rel, std::string_view& text) {
    // O_NONBLOCK: a FIFO in a --sysroot tree must not block ps (no effect on /proc files).
    int fd = ::openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return Status::from_errno(errno);
    ssize_t n;
    do {
        n = ::read(fd, small_, sizeof small_);
    } while (n < 0 && errno == EINTR);
    int e = errno;
    ::close(fd);
    if (n < 0) return Status::from_errno(e);
    if (static_cast<std::size_t>(n) < sizeof small_) {
        text = std::string_view(small_, static_cast<std::size_t>(n));
        return {};
    }
    Status st = io::read_file(dirfd, rel, big_, std::size_t{1} << 22);
    if (!st) return st;
    text = big_;
    return {};
}

ProcReader::~ProcReader() {
    if (proc_fd_ >= 0) ::close(proc_fd_);
}

Status ProcReader::list_pids(std::vector<int>& out) const {
    if (proc_fd_ < 0) return Status{Errc::other, ENOENT};
    return list_numeric(proc_fd_, ".", out);
}

Status ProcReader::list_tasks(int pid, std::vector<int>& out) const {
    char rel[48];
    auto r = std::to_chars(rel, rel + 32, pid);
    std::memcpy(r.ptr, "/task", 6);
    return list_numeric(proc_fd_, rel, out);
}

void reset(Process& p) {
    std::string comm = std::move(p.comm), cmdline = std::move(p.cmdline), groups = std::move(p.groups),
                wchan = std::move(p.wchan);
    p = Process{};
    comm.clear();
    cmdline.clear();
    groups.clear();
    wchan.clear();
    p.comm = std::move(comm);
    p.cmdline = std::move(cmdline);
    p.groups = std::move(groups);
    p.wchan = std::move(wchan);
}

Status ProcReader::read(int pid, int tid, std::uint32_t needs, Process& p) {
    reset(p);
    char rel[64];
    char* e = std::to_chars(rel, rel + 24, pid).ptr;
    if (tid >= 0) {
        std::memcpy(e, "/task/", 6);
        e = std::to_chars(e + 6, rel + 60, tid).ptr;
    }
    *e = 0;
    std::string_view text;
    if ((needs & ~std::uint32_t{need_stat}) == 0) {
        // Hot path (ps -e -o pid,comm): one open of PID/stat, no directory handle.
        std::memcpy(e, "/stat", 6);
        Status st = read_small(proc_fd_, rel, text);
        if (!st) return st.code == Errc::denied ? st : Status{Errc::vanished, st.err};
        if (!parse_stat(text, p)) return Status{Errc::vanished, 0};
        p.tgid = pid;
        return {};
    }
    // Every file of the row is opened relative to one handle on the PID directory, so a PID
    // reused while we read cannot mix two processes. O_PATH: the handle is only a lookup base.
    io::Fd dir(::openat(proc_fd_, rel, O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir) return Status::from_errno(errno);
    int dfd = dir.get();

    Status st = read_small(dfd, "stat", text);
    if (!st) return st.code == Errc::denied ? st : Status{Errc::vanished, st.err};
    if (!parse_stat(text, p)) return Status{Errc::vanished, 0};
    p.tgid = pid;

    // A kernel thread or a zombie has no address space: status shows no Vm lines (VmLck 0 for
    // procps), statm only zeros and cmdline nothing (get_task_mm() gives no mm to a kernel
    // thread, even one that borrows a user mm, and a zombie has dropped its own). Only decided
    // on a live procfs; a --sysroot tree is read.
    const bool no_mm = live_proc_ && ((p.flags & pf_kthread) || p.state == 'Z' || p.state == 'X');
    const bool full_status = (needs & need_status) || ((needs & need_vmlck) && !no_mm);
    bool status_read = false;
    if (full_status) {
        if (read_small(dfd, "status", text)) parse_status(text, p);
        status_read = true;
    } else if (needs & need_euid) {
        struct stat sb;
        if (live_proc_ && ::fstat(dfd, &sb) == 0) {
            p.euid = static_cast<std::uint32_t>(sb.st_uid);
            p.egid = static_cast<std::uint32_t>(sb.st_gid);
        } else if (read_small(dfd, "status", text)) {
            parse_status(text, p);
            status_read = true;
        }
    }
    bool rss_from_statm = (needs & need_rss) && !full_status;
    if (no_mm) {
        // statm of a task without an address space is seven zeros: the fields and vm_rss keep
        // their 0 defaults without a read
    } else if ((needs & need_statm) || rss_from_statm) {
        bool ok = read_small(dfd, "statm", text) && parse_statm(text, p);
        if (rss_from_statm) {
            if (ok) p.vm_rss = p.statm_resident * page_kb_;
            // a hand-made --sysroot tree without statm: VmRSS of status instead
            else if (!status_read && read_small(dfd, "status", text)) parse_status(text, p);
        }
    }
    if ((needs & need_cmdline) && no_mm) {
        p.have_cmdline = true;  // the kernel returns an empty cmdline when there is no mm
    } else if (needs & need_cmdline) {
        // cmdline reads return everything up to the buffer size, so one read usually suffices
        if (read_small(dfd, "cmdline", text)) {
            p.cmdline.assign(text);
            p.have_cmdline = true;
        }
    }
    if (needs & need_io) {
        if (io::read_file(dfd, "io", buf_, 4096)) parse_io(buf_, p);
    }
    if (needs & need_wchan) {
        io::read_file(dfd, "wchan", p.wchan, 512);
    }
    if (needs & need_cgroup) {
        std::string s;
        if (io::read_file(dfd, "cgroup", s, 1 << 16)) p.cgroup = std::move(s);
    }
    if (needs & need_environ) {
        std::string s;
        if (io::read_file(dfd, "environ", s, std::size_t{1} << 22)) p.environ = std::move(s);
    }
    if (needs & need_ns) {
        for (int i = 0; i < ns_count; ++i) {
            if (io::read_link(dfd, ns_names[i], buf_)) {
                auto v = parse_ns_link(buf_);
                if (v) p.ns[i] = v;
            }
        }
    }
    if (needs & need_oom) {
        if (io::read_file(dfd, "oom_score", buf_, 64)) {
            if (auto v = parse::to_i64(parse::trim(buf_))) p.oom_score = *v;
        }
        if (io::read_file(dfd, "oom_adj", buf_, 64)) {
            if (auto v = parse::to_i64(parse::trim(buf_))) p.oom_adj = *v;
        }
    }
    if (needs & need_smaps) {
        if (io::read_file(dfd, "smaps_rollup", buf_, 1 << 16)) parse_smaps_rollup(buf_, p);
    }
    if (needs & need_exe) {
        std::string s;
        if (io::read_link(dfd, "exe", s)) p.exe = std::move(s);
    }
    if (needs & need_attr) {
        std::string s;
        if (io::read_file(dfd, "attr/current", s, 4096)) {
            while (!s.empty() && (s.back() == '\n' || s.back() == '\0')) s.pop_back();
            p.label = std::move(s);
        }
    }
    if (needs & need_autogroup) {
        if (io::read_file(dfd, "autogroup", buf_, 256)) parse_autogroup(buf_, p);
    }
    if (needs & need_loginuid) {
        if (io::read_file(dfd, "loginuid", buf_, 64)) {
            if (auto v = parse::to_u64(parse::trim(buf_)); v && *v != 4294967295ULL)
                p.loginuid = static_cast<std::uint32_t>(*v);
        }
    }
    return {};
}

SystemInfo read_system_info(const Root& root) {
    SystemInfo si;
    std::string buf;
    if (io::read_file(root, "proc/uptime", buf, 4096)) {
        std::string_view v = buf;
        auto tok = parse::next_token(v);
        std::string t(tok);
        si.uptime = std::strtod(t.c_str(), nullptr);
        // A garbage, negative, infinite or NaN uptime (a damaged --sysroot tree) becomes 0, and a
        // huge one is capped at 2^53 s, so elapsed-time arithmetic can convert it to integers.
        if (!(si.uptime >= 0)) si.uptime = 0;
        if (si.uptime > 9007199254740992.0) si.uptime = 9007199254740992.0;
    }
    if (io::read_file(root, "proc/stat", buf, 1 << 20)) {
        auto pos = buf.find("\nbtime ");
        if (pos != std::string::npos) {
            std::string_view v = std::string_view(buf).substr(pos + 7);
            if (auto b = parse::to_u64(parse::next_token(v))) si.boot_time = *b;
        }
    }
    if (io::read_file(root, "proc/meminfo", buf, 1 << 16)) {
        std::string_view v = buf, line;
        while (parse::next_line(v, line)) {
            if (line.substr(0, 9) == "MemTotal:") {
                std::string_view rest = line.substr(9);
                if (auto m = parse::to_u64(parse::next_token(rest))) si.mem_total_kb = *m;
                break;
            }
        }
    }
    long hz = ::sysconf(_SC_CLK_TCK);
    if (hz > 0) si.hertz = hz;
    long pg = ::sysconf(_SC_PAGESIZE);
    if (pg > 0) si.page_kb = pg / 1024;
    si.now = static_cast<std::uint64_t>(::time(nullptr));
    return si;
}

}  // namespace procstat::proc
