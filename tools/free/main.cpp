// SPDX-License-Identifier: GPL-2.0-or-later
// free: display the amount of free and used memory (procps-ng 4.0.2 compatible).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "options.hpp"
#include "procstat/core/root.hpp"
#include "procstat/mem/cgroup_memory.hpp"
#include "procstat/mem/free_report.hpp"
#include "procstat/mem/meminfo.hpp"
#include "toolcommon/stdout_check.hpp"

using namespace procstat;

namespace {

// One sample: host meminfo, or the cgroup's view of it with --cgroup. False when
// /proc/meminfo cannot be read.
bool sample(const Root& root, const freetool::Options& opts, mem::MemInfo& out, bool first) {
    auto host = mem::read_meminfo(root);
    if (!host) return false;
    out = *host;
    if (!opts.cgroup) return true;
    std::string note;
    if (auto cg = mem::read_cgroup_memory(root)) {
        mem::CgroupFallback fb;
        out = mem::cgroup_view(*host, *cg, fb);
        note = mem::fallback_note(cg->path, fb);
    } else {
        note = "cannot read the cgroup's memory files, showing the host's figures";
    }
    // With -v, say once that host figures are shown.
    if (first && opts.layout.committed && !note.empty())
        fmt::print(stderr, "{}: {}\n", opts.prog, note);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    freetool::Options opts;
    if (auto rc = freetool::parse_options(argc, argv, opts))
        return tool::close_stdout(opts.prog, *rc);

    Root root;
    if (opts.sysroot) {
        auto r = Root::open(*opts.sysroot);
        if (!r) {
            fmt::print(stderr, "{}: cannot open sysroot {}: {}\n", opts.prog, *opts.sysroot,
                       std::strerror(r.status().err));
            return EXIT_FAILURE;
        }
        root = std::move(*r);
    }

    for (bool first = true;; first = false) {
        mem::MemInfo m;
        if (!sample(root, opts, m, first)) {
            // compat: procps-ng's only message when /proc/meminfo cannot be read.
            std::fflush(stdout);
            fmt::print(stderr, "{}: Unable to create meminfo structure\n", opts.prog);
            return tool::close_stdout(opts.prog, EXIT_FAILURE);
        }
        const std::string text = opts.json ? mem::free_json(m, opts.layout)
                                           : mem::free_text(m, opts.layout);
        tool::write_stdout(text);
        std::fflush(stdout);
        if (opts.count && --*opts.count < 1) break;
        if (!opts.repeat) break;
        tool::write_stdout("\n");
        std::fflush(stdout);
        ::usleep(opts.repeat_usec);
    }
    return tool::close_stdout(opts.prog, EXIT_SUCCESS);
}
