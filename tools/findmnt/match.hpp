// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt's matching of entries against -t/-O/-S/-T and the class filters (match_func), with
// the path canonicalization and tag lookups (libblkid) it needs.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"
#include "procstat/findmnt/fs_table.hpp"

namespace procstat::findmnt {

// realpath(3), nullopt when it fails.
std::optional<std::string> real_path(const std::string& p);
// LABEL=... -> device path through libblkid.
std::optional<std::string> resolve_tag(std::string_view spec);
// LABEL/UUID/PARTLABEL/PARTUUID of a block device through libblkid.
std::optional<std::string> device_tag(const std::string& dev, std::string_view tag);
// Every device with the tag SPEC ("LABEL=x"), one per line, as libblkid lists them.
std::string devices_with_tag(std::string_view spec);
// A tag resolved to its device, a path canonicalized (itself when that fails).
std::string resolve_spec(const std::string& spec);

class Matcher {
public:
    Matcher(const Options& o, const std::vector<FsEntry>& es) : o_(o), es_(es) {}

    bool cache() const { return !(o_.flags & fl_nocache); }

    bool target_matches(const FsEntry& fs, const std::string& target) const {
        if (fs.target.empty() && !fs.kernel) return false;
        if (streq_paths(fs.target, target)) return true;
        if (!cache()) return false;
        auto cn = real_path(target);
        if (!cn) return false;
        if (streq_paths(fs.target, *cn)) return true;
        if (!fs.kernel) {
            auto tcn = real_path(fs.target);
            if (tcn && *tcn == *cn) return true;
        }
        return false;
    }

    bool source_matches(const FsEntry& fs, const std::string& source) const {
        if (source.empty() && fs.source.empty()) return true;
        if (source.empty() || fs.source.empty()) return false;
        if (streq_paths(source, fs.source)) return true;
        if (!cache()) return false;
        if (is_pseudofs(fs.fstype) || is_netfs(fs.fstype)) return false;
        const bool fs_tag = is_tag(fs.source);
        std::string cn = resolve_spec(source);
        if (!fs_tag && !cn.empty() && streq_paths(cn, fs.source)) return true;
        if (!fs_tag) {
            auto r = real_path(fs.source);
            return r && !cn.empty() && *r == cn;
        }
        if (cn.empty()) return false;
        auto eq = fs.source.find('=');
        auto v = device_tag(cn, std::string_view(fs.source).substr(0, eq));
        return v && *v == fs.source.substr(eq + 1);
    }

    // findmnt match_func() for entry I of the table the matcher was made for
    bool operator()(std::size_t i) const { return match(es_, i); }

    // findmnt match_func() for entry I of table ES
    bool match(const std::vector<FsEntry>& es, std::size_t i) const {
        const FsEntry& fs = es[i];
        const bool rc = o_.flags & fl_invert;
        if (o_.match_fstype && !match_fstype(fs.fstype, *o_.match_fstype)) return rc;
        if (o_.match_options && !match_options(fs.options, *o_.match_options)) return rc;
        if (o_.majmin &&
            !(fs.kernel && fs.major == o_.majmin->first && fs.minor == o_.majmin->second))
            return rc;
        if (target && !target_matches(fs, *target)) return rc;
        if (source && !source_matches(fs, *source)) return rc;
        if ((o_.flags & fl_df) && !o_.all) {
            if (fs.fstype.find("tmpfs") != std::string::npos) return !rc;
            if (is_pseudofs(fs.fstype)) return rc;
        }
        if (o_.real && is_pseudofs(fs.fstype)) return rc;
        if (o_.pseudo && !is_pseudofs(fs.fstype)) return rc;
        if (o_.shadowed && !over_mount(es, i)) return rc;
        return !rc;
    }

    std::optional<std::string> source, target;

private:
    const Options& o_;
    const std::vector<FsEntry>& es_;
};


// findmnt add_matching_lines() + get_next_fs(): the entries to show, in table order (or
// backward with -d backward); swaps source and target once when the source finds nothing.
std::vector<std::size_t> matching_entries(Matcher& m, Options& o, const std::vector<FsEntry>& es);

}  // namespace procstat::findmnt
