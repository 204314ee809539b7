// SPDX-License-Identifier: GPL-2.0-or-later
// Path and tag helpers behind findmnt's source/target matching.
#include "match.hpp"

#include <sys/stat.h>

#include <cstdlib>

#include <blkid/blkid.h>

namespace procstat::findmnt {

bool streq_paths(std::string_view a, std::string_view b) {
    auto strip = [](std::string_view s) {
        while (s.size() > 1 && s.back() == '/') s.remove_suffix(1);
        return s;
    };
    return strip(a) == strip(b);
}

std::optional<std::string> real_path(const std::string& p) {
    if (p.empty()) return std::nullopt;
    char* r = ::realpath(p.c_str(), nullptr);
    if (!r) return std::nullopt;
    std::string s(r);
    std::free(r);
    return s;
}

std::optional<std::string> resolve_tag(std::string_view spec) {
    std::string s(spec);
    char* dev = blkid_evaluate_tag(s.c_str(), nullptr, nullptr);
    if (!dev) return std::nullopt;
    std::string r(dev);
    std::free(dev);
    return r;
}

std::optional<std::string> device_tag(const std::string& dev, std::string_view tag) {
    struct stat st {};
    if (::stat(dev.c_str(), &st) != 0 || !S_ISBLK(st.st_mode)) return std::nullopt;
    std::string t(tag);
    char* v = blkid_get_tag_value(nullptr, t.c_str(), dev.c_str());
    if (!v) return std::nullopt;
    std::string r(v);
    std::free(v);
    return r;
}

std::string resolve_spec(const std::string& spec) {
    if (is_tag(spec)) return resolve_tag(spec).value_or("");
    return real_path(spec).value_or(spec);
}

}  // namespace procstat::findmnt
