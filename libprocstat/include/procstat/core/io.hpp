// SPDX-License-Identifier: GPL-2.0-or-later
// Small readers relative to a directory fd or a Root: whole file, symlink target, directory listing.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "procstat/core/error.hpp"
#include "procstat/core/root.hpp"

namespace procstat::io {

// Upper bound for one pseudo-file: a file that never ends cannot exhaust memory.
inline constexpr std::size_t default_read_limit = std::size_t{64} << 20;

// Read the whole file REL (relative to DIRFD) into OUT, replacing its contents. Plain
// open/read/close, no iostreams. Reads at most LIMIT bytes (the rest is ignored).
Status read_file(int dirfd, const char* rel, std::string& out,
                 std::size_t limit = default_read_limit);
Status read_file(const Root& root, std::string_view rel, std::string& out,
                 std::size_t limit = default_read_limit);

// readlinkat() into OUT.
Status read_link(int dirfd, const char* rel, std::string& out);
Status read_link(const Root& root, std::string_view rel, std::string& out);

// Names in directory REL (without "." and ".."), in readdir order.
Status list_dir(const Root& root, std::string_view rel, std::vector<std::string>& out);
Status list_dir(int dirfd, const char* rel, std::vector<std::string>& out);

// RAII file descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) noexcept : fd_(fd) {}
    Fd(Fd&& o) noexcept : fd_(o.release()) {}
    Fd& operator=(Fd&& o) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();
    int get() const noexcept { return fd_; }
    int release() noexcept { int f = fd_; fd_ = -1; return f; }
    explicit operator bool() const noexcept { return fd_ >= 0; }
    void reset(int fd = -1) noexcept;

private:
    int fd_ = -1;
};

}  // namespace procstat::io
