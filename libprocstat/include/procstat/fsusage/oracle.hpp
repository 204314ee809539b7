// SPDX-License-Identifier: GPL-2.0-or-later
// Path oracles: the live system (deadline-bounded, cached) and a --sysroot stand-in file.
#pragma once
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "procstat/core/root.hpp"
#include "procstat/fsusage/df_select.hpp"

namespace procstat::fsusage {

// Queries the running system; every path is asked at most once per kind of question, and a
// path that did not answer is never asked again.
//
// Isolation costs a fork (and the scheduling of a helper process), which is most of the time
// df spends, so it is paid only where a query can block: a path that may_block() is asked
// through probe_all (forked helper, deadline); every other path is asked in-process. Until
// set_mounts() is called every path may block.
class LiveOracle : public PathOracle {
public:
    explicit LiveOracle(std::chrono::milliseconds timeout) : timeout_(timeout) {}
    const ProbeResult& probe(const std::string& path, unsigned what) override;
    void prefetch(const std::vector<ProbeJob>& jobs) override;

    // The mount table of this mount namespace (from mountinfo).
    void set_mounts(const std::vector<DfMount>& mounts);
    // Whether a query of PATH may block: see oracle.cpp.
    bool may_block(const std::string& path);

private:
    struct Entry {
        unsigned have = 0;
        bool timed_out = false;
        ProbeResult r;
    };
    void merge(Entry& e, unsigned what, const ProbeResult& r);
    std::chrono::milliseconds timeout_;
    // path -> what is known of it (node-based: references returned by probe() stay valid)
    std::unordered_map<std::string, Entry> cache_;
    bool mounts_known_ = false;
    bool any_blocking_ = true;  // some mount may block (or the table is unknown)
    // mount point -> whether its lookup crosses a mount that may block (itself or an ancestor)
    std::unordered_map<std::string, bool> targets_;
    int cwd_reachable_ = -1;  // -1: not checked yet
};

// --sysroot: file systems are not asked at all. Usage numbers come from the stand-in file
// ROOT/host/statvfs, one line per mount point:
//   TARGET FRSIZE BLOCKS BFREE BAVAIL FILES FFREE [DEV]
// (TARGET with the octal escapes of mountinfo; DEV the decimal st_dev that stat() of the mount
// point returned, which tells over-mounted entries apart; without it, stat() fails and
// duplicates are judged by mountinfo's major:minor). Paths not listed do not exist (ENOENT).
// Parse the stand-in text (malformed lines are skipped): mount point -> answer.
std::map<std::string, ProbeResult> parse_statvfs_standin(std::string_view text);

class SysrootOracle : public PathOracle {
public:
    explicit SysrootOracle(const Root& root);
    const ProbeResult& probe(const std::string& path, unsigned what) override;

private:
    std::map<std::string, ProbeResult> known_;
    ProbeResult missing_;
};

}  // namespace procstat::fsusage
