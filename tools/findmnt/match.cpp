// SPDX-License-Identifier: GPL-2.0-or-later
// Path and tag helpers behind findmnt's source/target matching.
#include "match.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <unordered_map>

#include <blkid/blkid.h>

namespace procstat::findmnt {

std::optional<std::string> real_path_uncached(const std::string& p);

std::optional<std::string> real_path(const std::string& p) {
    if (p.empty()) return std::nullopt;
    // compat: libmount keeps canonical paths in its cache; -U compares every pair
    static std::unordered_map<std::string, std::optional<std::string>> cache;
    if (auto it = cache.find(p); it != cache.end()) return it->second;
    auto r = real_path_uncached(p);
    if (cache.size() < 100000) cache.emplace(p, r);
    return r;
}

std::optional<std::string> real_path_uncached(const std::string& p) {
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

std::string devices_with_tag(std::string_view spec) {
    auto eq = spec.find('=');
    if (eq == std::string_view::npos) return {};
    std::string tag(spec.substr(0, eq)), val(spec.substr(eq + 1));
    blkid_cache cache = nullptr;
    if (blkid_get_cache(&cache, nullptr) < 0) return {};
    blkid_probe_all(cache);
    std::string out;
    blkid_dev_iterate it = blkid_dev_iterate_begin(cache);
    blkid_dev_set_search(it, tag.c_str(), val.c_str());
    blkid_dev dev = nullptr;
    while (blkid_dev_next(it, &dev) == 0) {
        dev = blkid_verify(cache, dev);
        if (!dev) continue;
        if (!out.empty()) out += '\n';
        out += blkid_dev_devname(dev);
    }
    blkid_dev_iterate_end(it);
    blkid_put_cache(cache);
    return out;
}

std::string resolve_spec(const std::string& spec) {
    if (is_tag(spec)) return resolve_tag(spec).value_or("");
    return real_path(spec).value_or(spec);
}

// findmnt add_matching_lines() + get_next_fs(): the entries to show, in table order (or
// backward with -d backward).
std::vector<std::size_t> matching_entries(Matcher& m, Options& o, const std::vector<FsEntry>& es) {
    std::vector<std::size_t> found;
    std::vector<std::size_t> order(es.size());
    for (std::size_t i = 0; i < es.size(); ++i) order[i] = o.backward ? es.size() - 1 - i : i;
    const bool mount_compat = m.source && !o.match_fstype && !o.match_options && (o.flags & fl_first_only);
    if (mount_compat) {
        for (auto i : order)
            if (m.source_matches(es[i], *m.source)) return {i};
        if (!(o.flags & fl_noswapmatch))
            for (auto i : order)
                if (m.target_matches(es[i], *m.source)) return {i};
        return {};
    }
    // compat: findmnt is_listall_mode(): without match criteria (and without -D/--real/--pseudo
    // unless -A) every entry is listed and no other filter (-i, --shadowed) applies.
    const bool listall = (!((o.flags & fl_df) || o.real || o.pseudo) || o.all) && !m.source && !m.target &&
                         !o.match_fstype && !o.match_options && !o.majmin;
    if (listall) {
        if ((o.flags & fl_first_only) && order.size() > 1) order.resize(1);
        return order;
    }
    std::size_t pos = 0;
    for (;;) {
        std::optional<std::size_t> hit;
        for (; pos < order.size(); ++pos)
            if (m(order[pos])) {
                hit = order[pos++];
                break;
            }
        if (!hit && !(o.flags & fl_noswapmatch) && !m.target && m.source) {
            m.target = m.source;
            m.source.reset();
            pos = 0;
            continue;
        }
        if (!hit) break;
        found.push_back(*hit);
        if (o.flags & fl_first_only) break;
        o.flags |= fl_noswapmatch;
    }
    return found;
}

}  // namespace procstat::findmnt
