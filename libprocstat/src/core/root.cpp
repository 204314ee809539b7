// SPDX-License-Identifier: GPL-2.0-or-later
// Root: a directory fd that every system file is opened relative to.
#include "procstat/core/root.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace procstat {

Root::Root() {
    fd_ = ::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "open /");
    dir_ = "/";
    live_ = true;
}

Result<Root> Root::open(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Status::from_errno(errno);
    std::string d = dir;
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    bool live = (d == "/");
    return Root(fd, std::move(d), live);
}

Root::Root(Root&& o) noexcept : fd_(o.fd_), dir_(std::move(o.dir_)), live_(o.live_) { o.fd_ = -1; }

Root& Root::operator=(Root&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.fd_;
        dir_ = std::move(o.dir_);
        live_ = o.live_;
        o.fd_ = -1;
    }
    return *this;
}

Root::~Root() {
    if (fd_ >= 0) ::close(fd_);
}

static std::string_view strip_slashes(std::string_view rel) {
    while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
    return rel;
}

std::string Root::host_path(std::string_view rel) const {
    rel = strip_slashes(rel);
    std::string p = dir_;
    if (p.empty() || p.back() != '/') p += '/';
    p.append(rel);
    return p;
}

int Root::openat(std::string_view rel, int flags) const {
    rel = strip_slashes(rel);
    std::string r(rel.empty() ? std::string_view(".") : rel);
    return ::openat(fd_, r.c_str(), flags | O_CLOEXEC);
}

}  // namespace procstat
