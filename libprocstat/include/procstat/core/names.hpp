// SPDX-License-Identifier: GPL-2.0-or-later
// uid/gid -> name lookups with a per-run cache (one getpwuid_r/getgrgid_r per id).
#pragma once
#include <optional>
#include <string>
#include <sys/types.h>
#include <unordered_map>

namespace procstat {

class NameCache {
public:
    // User name of UID, or nullopt when the id has no passwd entry.
    const std::optional<std::string>& user(uid_t uid);
    // Group name of GID, or nullopt when the id has no group entry.
    const std::optional<std::string>& group(gid_t gid);

    // Preset an entry (names read from a fixture's passwd/group, or tests).
    void put_user(uid_t uid, std::optional<std::string> name) { users_[uid] = std::move(name); }
    void put_group(gid_t gid, std::optional<std::string> name) { groups_[gid] = std::move(name); }

    // Reverse lookups for option arguments (ps -u NAME, ...): nullopt when unknown.
    static std::optional<uid_t> uid_of(const std::string& name);
    static std::optional<gid_t> gid_of(const std::string& name);

private:
    std::unordered_map<uid_t, std::optional<std::string>> users_;
    std::unordered_map<gid_t, std::optional<std::string>> groups_;
};

}  // namespace procstat
