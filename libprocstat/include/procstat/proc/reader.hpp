// SPDX-License-Identifier: GPL-2.0-or-later
// ProcReader: lists /proc and fills Process records from one /proc/PID directory fd, reading
// only the files the Needs mask names. Also the few system-wide facts ps needs.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/core/error.hpp"
#include "procstat/core/root.hpp"
#include "procstat/proc/process.hpp"

namespace procstat::proc {

class ProcReader {
public:
    explicit ProcReader(const Root& root);
    ~ProcReader();
    ProcReader(const ProcReader&) = delete;
    ProcReader& operator=(const ProcReader&) = delete;

    // False when ROOT has no readable proc directory.
    bool ok() const noexcept { return proc_fd_ >= 0; }

    // Numeric entries of /proc, ascending.
    Status list_pids(std::vector<int>& out) const;
    // Numeric entries of /proc/PID/task, ascending.
    Status list_tasks(int pid, std::vector<int>& out) const;

    // Fill P from /proc/PID (TID < 0) or /proc/PID/task/TID. Errc::vanished when the process
    // is gone or its stat cannot be parsed. Optional files that cannot be read leave their
    // fields at their "unknown" defaults.
    Status read(int pid, int tid, std::uint32_t needs, Process& p);

private:
    // One read of a small pseudo-file REL into small_ (or big_ when it does not fit); TEXT
    // views the contents.
    Status read_small(int dirfd, const char* rel, std::string_view& text);

    int proc_fd_ = -1;
    bool live_proc_ = false;     // proc_fd_ is a procfs (not a copied --sysroot tree)
    std::uint64_t page_kb_ = 4;  // page size in KiB, for statm
    std::string buf_;  // reused buffer for the other files: no per-process allocation once warm
    std::string big_;  // small files that filled small_
    char small_[4096] = {};
};

// Reset P to defaults while keeping the capacity of its strings.
void reset(Process& p);

// Facts from /proc that are not per process.
struct SystemInfo {
    double uptime = 0;               // /proc/uptime first field, seconds
    std::uint64_t boot_time = 0;     // /proc/stat btime, seconds since the epoch
    std::uint64_t mem_total_kb = 0;  // /proc/meminfo MemTotal
    long hertz = 100;                // clock ticks per second (sysconf)
    long page_kb = 4;                // page size in KiB
    std::uint64_t now = 0;           // time(NULL) when read
};
SystemInfo read_system_info(const Root& root);

}  // namespace procstat::proc
