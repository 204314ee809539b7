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
    mem::CgroupFallback fb;
    std::string why;
    if (auto cg = mem::read_cgroup_memory(root)) {
        out = mem::cgroup_view(*host, *cg, fb);
        if (fb.memory && fb.swap) why = fmt::format("cgroup {} has no memory or swap limit", cg->path);
        else if (fb.memory) why = fmt::format("cgroup {} has no memory limit", cg->path);
        else if (fb.swap) why = fmt::format("cgroup {} has no swap limit", cg->path);
    } else {
        why = "cannot read the cgroup's memory files";
        fb.memory = fb.swap = true;
    }
    // With -v, say once that host figures are shown.
    if (first && opts.layout.committed && !why.empty())
        fmt::print(stderr, "{}: {}, showing the host's {}\n", opts.prog, why,
                   fb.memory && fb.swap ? "figures" : fb.memory ? "memory" : "swap");
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
