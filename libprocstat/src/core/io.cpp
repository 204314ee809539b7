// SPDX-License-Identifier: GPL-2.0-or-later
// Whole-file, symlink and directory readers built on plain syscalls.
#include "procstat/core/io.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace procstat::io {

Fd& Fd::operator=(Fd&& o) noexcept {
    if (this != &o) reset(o.release());
    return *this;
}
Fd::~Fd() { reset(); }
void Fd::reset(int fd) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
}

static std::string rel_of(std::string_view rel) {
    while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
    return rel.empty() ? std::string(".") : std::string(rel);
}

Status read_file(int dirfd, const char* rel, std::string& out, std::size_t limit) {
    out.clear();
    // O_NONBLOCK: a FIFO (or a device that never has data) in a --sysroot tree must not make
    // the read wait forever; it has no effect on regular, /proc and /sys files.
    int fd = ::openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return Status::from_errno(errno);
    Fd guard(fd);
    std::size_t chunk = 4096;
    for (;;) {
        if (out.size() >= limit) break;
        std::size_t old = out.size();
        std::size_t want = std::min(chunk, limit - old);
        out.resize(old + want);
        ssize_t n = ::read(fd, out.data() + old, want);
        if (n < 0) {
            if (errno == EINTR) {
                out.resize(old);
                continue;
            }
            int e = errno;
            out.clear();
            return Status::from_errno(e);
        }
        out.resize(old + static_cast<std::size_t>(n));
        if (n == 0) break;
        // Grow only when the read filled the request: /proc files such as mountinfo return
        // about a page per read, and doubling anyway would zero-fill megabytes for nothing.
        if (static_cast<std::size_t>(n) == want && chunk < (std::size_t{1} << 20)) chunk *= 2;
    }
    return {};
}

Status read_file(const Root& root, std::string_view rel, std::string& out, std::size_t limit) {
    return read_file(root.fd(), rel_of(rel).c_str(), out, limit);
}

Status read_link(int dirfd, const char* rel, std::string& out) {
    out.resize(256);
    for (;;) {
        ssize_t n = ::readlinkat(dirfd, rel, out.data(), out.size());
        if (n < 0) {
            int e = errno;
            out.clear();
            return Status::from_errno(e);
        }
        if (static_cast<std::size_t>(n) < out.size()) {
            out.resize(static_cast<std::size_t>(n));
            return {};
        }
        out.resize(out.size() * 2);
    }
}

Status read_link(const Root& root, std::string_view rel, std::string& out) {
    return read_link(root.fd(), rel_of(rel).c_str(), out);
}

Status list_dir(int dirfd, const char* rel, std::vector<std::string>& out) {
    out.clear();
    int fd = ::openat(dirfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Status::from_errno(errno);
    DIR* d = ::fdopendir(fd);
    if (!d) {
        int e = errno;
        ::close(fd);
        return Status::from_errno(e);
    }
    errno = 0;
    while (dirent* de = ::readdir(d)) {
        const char* n = de->d_name;
        if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0))) continue;
        out.emplace_back(n);
    }
    int e = errno;
    ::closedir(d);
    if (e) return Status::from_errno(e);
    return {};
}

Status list_dir(const Root& root, std::string_view rel, std::vector<std::string>& out) {
    return list_dir(root.fd(), rel_of(rel).c_str(), out);
}

}  // namespace procstat::io
