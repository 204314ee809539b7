// SPDX-License-Identifier: GPL-2.0-or-later
// Root: the directory every /proc, /sys, /run and /etc read is made relative to ("/" normally,
// a fixture tree with --sysroot). The only place that knows where the system files live.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/core/error.hpp"

namespace procstat {

class Root {
public:
    // Opens DIR (O_PATH|O_DIRECTORY). Throws std::system_error only if "/" itself cannot be
    // opened; use open() for user-supplied directories.
    Root();
    static Result<Root> open(const std::string& dir);

    Root(Root&&) noexcept;
    Root& operator=(Root&&) noexcept;
    Root(const Root&) = delete;
    Root& operator=(const Root&) = delete;
    ~Root();

    // True when this is the live system ("/").
    bool is_live() const noexcept { return live_; }
    // The directory as given ("/" for the live system).
    const std::string& dir() const noexcept { return dir_; }
    int fd() const noexcept { return fd_; }

    // Path of REL (given relative to the root, with or without a leading '/') as seen by the
    // process, e.g. "proc/meminfo" -> "/proc/meminfo" or "FIXTURE/proc/meminfo".
    std::string host_path(std::string_view rel) const;

    // openat() relative to the root. Returns the fd or -1 with errno set.
    int openat(std::string_view rel, int flags) const;

    // Well-known locations, relative to the root. The only spelling of these paths.
    static constexpr std::string_view proc = "proc";
    static constexpr std::string_view sys = "sys";
    static constexpr std::string_view run_udev = "run/udev/data";
    static constexpr std::string_view etc = "etc";

private:
    explicit Root(int fd, std::string dir, bool live) : fd_(fd), dir_(std::move(dir)), live_(live) {}
    int fd_ = -1;
    std::string dir_;
    bool live_ = true;
};

}  // namespace procstat
