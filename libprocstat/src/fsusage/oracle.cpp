// SPDX-License-Identifier: GPL-2.0-or-later
// Path oracles: live (cached, deadline-bounded) and the --sysroot statvfs stand-in.
#include "procstat/fsusage/oracle.hpp"

#include <cerrno>

#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"

namespace procstat::fsusage {

void LiveOracle::merge(Entry& e, unsigned what, const ProbeResult& r) {
    if (!r.done) {
        e.timed_out = true;
        e.r.done = false;
        return;
    }
    e.r.done = true;
    if (what & probe_realpath) {
        e.r.realpath_err = r.realpath_err;
        e.r.realpath = r.realpath;
    }
    if (what & (probe_stat | probe_open_stat)) {
        e.r.stat_err = r.stat_err;
        e.r.dev = r.dev;
        e.r.mode = r.mode;
    }
    if (what & probe_statvfs) {
        e.r.statvfs_err = r.statvfs_err;
        e.r.usage = r.usage;
    }
    e.have |= what;
    // open+fstat answers a plain stat question too
    if (what & probe_open_stat) e.have |= probe_stat;
}

const ProbeResult& LiveOracle::probe(const std::string& path, unsigned what) {
    Entry& e = cache_[path];
    if (e.timed_out) return e.r;
    unsigned missing = what & ~e.have;
    if (missing) {
        auto res = probe_all({ProbeJob{path, missing}}, timeout_);
        merge(e, missing, res[0]);
    }
    return e.r;
}

void LiveOracle::prefetch(const std::vector<ProbeJob>& jobs) {
    std::vector<ProbeJob> todo;
    for (const auto& j : jobs) {
        auto it = cache_.find(j.path);
        unsigned missing = j.what;
        if (it != cache_.end()) {
            if (it->second.timed_out) continue;
            missing &= ~it->second.have;
        }
        bool dup = false;
        for (auto& t : todo)
            if (t.path == j.path) {
                t.what |= missing;
                dup = true;
            }
        if (missing && !dup) todo.push_back({j.path, missing});
    }
    auto res = probe_all(todo, timeout_);
    for (std::size_t i = 0; i < todo.size(); ++i) merge(cache_[todo[i].path], todo[i].what, res[i]);
}

std::map<std::string, ProbeResult> parse_statvfs_standin(std::string_view text) {
    std::map<std::string, ProbeResult> known;
    std::string_view rest(text), line;
    while (parse::next_line(rest, line)) {
        std::string_view target = parse::next_token(line);
        std::uint64_t v[6];
        bool ok = !target.empty();
        for (auto& x : v) {
            auto n = parse::to_u64(parse::next_token(line));
            if (!n) ok = false;
            x = n.value_or(0);
        }
        if (!ok) continue;  // malformed stand-in line: that mount is unknown
        ProbeResult r;
        r.done = true;
        r.stat_err = ENOENT;  // no st_dev: duplicates are judged by mountinfo's major:minor
        std::string_view dev_field = parse::next_token(line);
        if (auto dev = parse::to_u64(dev_field)) {
            r.stat_err = 0;
            r.dev = *dev;
            r.mode = 0040755;  // a mount point is a directory
        } else if (!dev_field.empty()) {
            continue;
        }
        r.realpath_err = ENOENT;
        r.statvfs_err = 0;
        r.usage.block_size = v[0];
        r.usage.blocks = v[1];
        r.usage.bfree = v[2];
        r.usage.bavail = v[3];
        r.usage.files = v[4];
        r.usage.ffree = v[5];
        known[parse::unescape_octal(target)] = r;
    }
    return known;
}

SysrootOracle::SysrootOracle(const Root& root) {
    missing_.done = true;
    missing_.stat_err = missing_.statvfs_err = missing_.realpath_err = ENOENT;
    std::string text;
    if (io::read_file(root, "host/statvfs", text)) known_ = parse_statvfs_standin(text);
}

const ProbeResult& SysrootOracle::probe(const std::string& path, unsigned what) {
    (void)what;
    auto it = known_.find(path);
    return it == known_.end() ? missing_ : it->second;
}

}  // namespace procstat::fsusage
