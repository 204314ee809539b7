// SPDX-License-Identifier: GPL-2.0-or-later
// Process: the typed record of one process or thread, filled from /proc/PID/* as the Needs mask asks.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace procstat::proc {

// Which /proc/PID files a reader opens. Columns OR their needs together.
enum Needs : std::uint32_t {
    need_stat = 1u << 0,     // stat (always read)
    need_status = 1u << 1,   // status: ids, signal masks, VmLck, groups
    need_statm = 1u << 2,    // statm: memory in pages
    need_cmdline = 1u << 3,  // cmdline: argv
    need_io = 1u << 4,       // io: byte and call counters
    need_wchan = 1u << 5,    // wchan: symbol of the wait channel
    need_cgroup = 1u << 6,   // cgroup
    need_environ = 1u << 7,  // environ
    need_ns = 1u << 8,       // ns/*: namespace inodes
    need_oom = 1u << 9,      // oom_score, oom_adj
    need_smaps = 1u << 10,   // smaps_rollup: pss, uss
    need_exe = 1u << 11,     // exe link
    need_attr = 1u << 12,    // attr/current: security label
    need_loginuid = 1u << 13,  // loginuid, sessionid
    need_autogroup = 1u << 14, // autogroup
    // The resident set (vm_rss) alone: VmRSS of status when status is read anyway, otherwise
    // statm's resident pages, which the kernel generates far more cheaply (the same counters).
    need_rss = 1u << 15,
    // The effective uid and gid alone: the owner of the PID directory, which the kernel sets to
    // the task's effective ids even for a task that is not dumpable (unlike the files inside),
    // when it is a live procfs; status otherwise, or when status is read anyway.
    need_euid = 1u << 16,
    // VmLck alone (the L of ps' STAT): status, except for a task without an address space on a
    // live procfs (a kernel thread, a zombie), whose status has no Vm lines at all, so its
    // locked memory is 0 without a read; the resident set of such a task is 0 too.
    need_vmlck = 1u << 17,
};

// stat field 9: the task is a kernel thread (include/linux/sched.h PF_KTHREAD). The kernel
// never gives such a task's address space to status or statm, even one it borrows.
inline constexpr std::uint64_t pf_kthread = 0x00200000;

enum class NsKind { ipc, mnt, net, pid, user, uts, cgroup, time, count_ };
inline constexpr int ns_count = static_cast<int>(NsKind::count_);

// One process (or one thread when read from task/TID). Field comments: source and unit.
struct Process {
    // --- /proc/PID/stat, see proc(5) "/proc/pid/stat" ---
    int tid = 0;               // field 1 (the id of this task; equals tgid for the main thread)
    int tgid = 0;              // thread group id (the directory PID when reading threads)
    std::string comm;          // field 2 without parentheses, raw bytes
    char state = '?';          // field 3
    int ppid = 0;              // field 4
    int pgrp = 0;              // field 5
    int session = 0;           // field 6
    int tty_nr = 0;            // field 7, encoded device number
    int tpgid = -1;            // field 8
    std::uint64_t flags = 0;   // field 9, PF_* bits
    std::uint64_t minflt = 0, cminflt = 0, majflt = 0, cmajflt = 0;  // fields 10-13
    std::uint64_t utime = 0, stime = 0;                              // fields 14-15, clock ticks
    std::int64_t cutime = 0, cstime = 0;                             // fields 16-17, clock ticks
    std::int64_t priority = 0;  // field 18 (kernel prio - 100)
    std::int64_t nice = 0;      // field 19
    std::int64_t num_threads = 0;  // field 20
    std::uint64_t starttime = 0;   // field 22, clock ticks since boot
    std::uint64_t vsize = 0;       // field 23, bytes
    std::int64_t rss = 0;          // field 24, pages
    std::uint64_t rsslim = 0;      // field 25, bytes
    std::uint64_t startcode = 0, endcode = 0, startstack = 0, kstkesp = 0, kstkeip = 0;  // 26-30
    std::uint64_t wchan_addr = 0;  // field 35
    int processor = 0;             // field 39
    std::uint64_t rt_priority = 0; // field 40
    std::int64_t policy = 0;       // field 41

    // --- /proc/PID/status ---
    bool have_status = false;
    std::uint32_t ruid = 0, euid = 0, suid = 0, fuid = 0;  // Uid:
    std::uint32_t rgid = 0, egid = 0, sgid = 0, fgid = 0;  // Gid:
    std::string groups;                                    // Groups: as listed (space separated)
    std::uint64_t sigpnd = 0, shdpnd = 0, sigblk = 0, sigign = 0, sigcgt = 0;  // Sig*: masks
    std::uint64_t vm_lck = 0;   // VmLck, KiB
    std::uint64_t vm_rss = 0;   // VmRSS, KiB (or statm resident x page size, see need_rss)
    std::uint64_t vm_size = 0;  // VmSize, KiB
    std::uint64_t vm_data = 0;  // VmData, KiB
    std::uint64_t vm_stk = 0;   // VmStk, KiB
    std::uint64_t vm_exe = 0;   // VmExe, KiB
    std::uint64_t vm_lib = 0;   // VmLib, KiB
    std::uint64_t vm_swap = 0;  // VmSwap, KiB
    std::uint64_t rss_anon = 0, rss_file = 0, rss_shmem = 0;  // KiB

    // --- /proc/PID/statm, pages ---
    std::uint64_t statm_size = 0, statm_resident = 0, statm_shared = 0, statm_text = 0,
                  statm_lib = 0, statm_data = 0;

    // --- /proc/PID/cmdline: NUL-separated argv, raw bytes (empty for kernel threads/zombies)
    std::string cmdline;
    bool have_cmdline = false;

    // --- /proc/PID/io ---
    std::optional<std::uint64_t> rchar, wchar, syscr, syscw, read_bytes, write_bytes, cancelled_write_bytes;

    std::string wchan;                 // /proc/PID/wchan ("0" or a symbol)
    std::optional<std::string> cgroup; // /proc/PID/cgroup, raw
    std::optional<std::string> environ;// /proc/PID/environ, raw
    std::optional<std::uint64_t> ns[ns_count];  // ns/* link inode numbers
    std::optional<std::int64_t> oom_score, oom_adj;
    std::optional<std::uint64_t> pss, uss;  // smaps_rollup, KiB (uss = Private_Clean + Private_Dirty)
    std::optional<std::string> exe;         // exe link target
    std::optional<std::string> label;       // attr/current
    std::optional<std::uint32_t> loginuid;  // loginuid (nullopt when unset, 4294967295)
    std::int64_t autogroup_id = -1;    // autogroup "/autogroup-N nice M": N (-1 unknown)
    std::int64_t autogroup_nice = 0;   // ... M
};

}  // namespace procstat::proc
