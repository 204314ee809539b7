// SPDX-License-Identifier: GPL-2.0-or-later
// uid/gid name cache over the reentrant NSS lookups.
#include "procstat/core/names.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace procstat {

namespace {
std::size_t initial_buf(int which) {
    long n = ::sysconf(which);
    return n > 0 ? static_cast<std::size_t>(n) : 1024;
}
}  // namespace

const std::optional<std::string>& NameCache::user(uid_t uid) {
    auto it = users_.find(uid);
    if (it != users_.end()) return it->second;
    std::optional<std::string> name;
    std::vector<char> buf(initial_buf(_SC_GETPW_R_SIZE_MAX));
    struct passwd pw{};
    struct passwd* res = nullptr;
    int rc;
    while ((rc = ::getpwuid_r(uid, &pw, buf.data(), buf.size(), &res)) == ERANGE && buf.size() < (1u << 20))
        buf.resize(buf.size() * 2);
    if (rc == 0 && res) name = res->pw_name;
    return users_.emplace(uid, std::move(name)).first->second;
}

const std::optional<std::string>& NameCache::group(gid_t gid) {
    auto it = groups_.find(gid);
    if (it != groups_.end()) return it->second;
    std::optional<std::string> name;
    std::vector<char> buf(initial_buf(_SC_GETGR_R_SIZE_MAX));
    struct group gr{};
    struct group* res = nullptr;
    int rc;
    while ((rc = ::getgrgid_r(gid, &gr, buf.data(), buf.size(), &res)) == ERANGE && buf.size() < (1u << 20))
        buf.resize(buf.size() * 2);
    if (rc == 0 && res) name = res->gr_name;
    return groups_.emplace(gid, std::move(name)).first->second;
}

std::optional<uid_t> NameCache::uid_of(const std::string& name) {
    std::vector<char> buf(initial_buf(_SC_GETPW_R_SIZE_MAX));
    struct passwd pw{};
    struct passwd* res = nullptr;
    int rc;
    while ((rc = ::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &res)) == ERANGE && buf.size() < (1u << 20))
        buf.resize(buf.size() * 2);
    if (rc == 0 && res) return res->pw_uid;
    return std::nullopt;
}

std::optional<gid_t> NameCache::gid_of(const std::string& name) {
    std::vector<char> buf(initial_buf(_SC_GETGR_R_SIZE_MAX));
    struct group gr{};
    struct group* res = nullptr;
    int rc;
    while ((rc = ::getgrnam_r(name.c_str(), &gr, buf.data(), buf.size(), &res)) == ERANGE && buf.size() < (1u << 20))
        buf.resize(buf.size() * 2);
    if (rc == 0 && res) return res->gr_gid;
    return std::nullopt;
}

}  // namespace procstat
