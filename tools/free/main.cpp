// SPDX-License-Identifier: GPL-2.0-or-later
// free: display the amount of free and used memory (procps-ng 4.0.2 compatible).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "filter.hpp"
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

// Flush and close stdout. compat: procps-ng's close_stdout (util-linux close_stream): after an
// earlier failed write the message has no reason unless that failure was EPIPE; EPIPE (SIGPIPE
// ignored) is silent and keeps RC; any other failure prints "write error[: reason]", exit 1.
// WRITE_ERR is the errno of an earlier failed flush, 0 if none.
int finish(std::string_view prog, int rc, int write_err) {
    const bool prev_fail = write_err != 0 || std::ferror(stdout) != 0;
    errno = 0;
    const bool close_fail = std::fclose(stdout) != 0;
    int err = close_fail ? errno : write_err;
    if (!prev_fail && !close_fail) return rc;
    if (!close_fail && err != EPIPE) err = 0;
    if (err == EPIPE) return rc;
    if (err)
        fmt::print(stderr, "{}: write error: {}\n", prog, std::strerror(err));
    else
        fmt::print(stderr, "{}: write error\n", prog);
    return EXIT_FAILURE;
}

// Write TEXT and flush; on failure remember the first errno in WRITE_ERR.
void emit(std::string_view text, int& write_err) {
    errno = 0;
    const bool ok = tool::write_stdout(text) && std::fflush(stdout) == 0;
    if (!ok && write_err == 0) write_err = errno ? errno : EIO;
}

}  // namespace

int main(int argc, char** argv) {
    freetool::Options opts;
    if (auto rc = freetool::parse_options(argc, argv, opts)) return finish(opts.prog, *rc, 0);

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

    // -Q and --check expressions: one-line message and the usage-error status when malformed.
    std::optional<expr::Expr> filter, check;
    for (auto [text, dest, opt] : {std::tuple{&opts.filter, &filter, "--filter"},
                                   std::tuple{&opts.check, &check, opts.check_any ? "--check-any" : "--check"}}) {
        if (!*text) continue;
        std::string msg;
        *dest = expr::compile(**text, freetool::known_field, msg);
        if (!*dest) {
            fmt::print(stderr, "{}: invalid {} expression: {}\n", opts.prog, opt, msg);
            return finish(opts.prog, EXIT_FAILURE, 0);
        }
    }

    int write_err = 0;
    std::size_t samples = 0, matched = 0;  // for --check
    for (bool first = true;; first = false) {
        mem::MemInfo m;
        if (!sample(root, opts, m, first)) {
            // compat: procps-ng's only message when /proc/meminfo cannot be read.
            std::fflush(stdout);
            fmt::print(stderr, "{}: Unable to create meminfo structure\n", opts.prog);
            return finish(opts.prog, EXIT_FAILURE, write_err);
        }
        auto lookup = [&m](std::string_view name) { return freetool::field_value(m, name); };
        const bool shown = !filter || filter->eval(lookup);
        std::string text;
        if (shown) text = opts.json ? mem::free_json(m, opts.layout) : mem::free_text(m, opts.layout);
        if (shown) {
            emit(text, write_err);
            if (check) {
                ++samples;
                if (check->eval(lookup)) {
                    ++matched;
                } else {
                    // the failing sample, in the normal layout, on stderr
                    std::fflush(stdout);
                    std::fwrite(text.data(), 1, text.size(), stderr);
                }
            }
        }
        if (opts.count && --*opts.count < 1) break;
        if (!opts.repeat) break;
        if (shown) emit("\n", write_err);
        ::usleep(opts.repeat_usec);
    }
    int rc = EXIT_SUCCESS;
    if (check && !expr::check_passes(opts.check_any ? expr::CheckMode::any : expr::CheckMode::all, samples, matched))
        rc = 3;
    return finish(opts.prog, rc, write_err);
}
