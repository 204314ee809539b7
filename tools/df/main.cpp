// SPDX-License-Identifier: GPL-2.0-or-later
// df: report file system space usage like GNU coreutils 9.1 df, querying every file system with
// a deadline so that a dead server or a stuck FUSE daemon cannot hang it.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unistd.h>

#include "filter.hpp"
#include "options.hpp"
#include "procstat/core/root.hpp"
#include "procstat/fsusage/df_report.hpp"
#include "procstat/fsusage/df_select.hpp"
#include "procstat/fsusage/oracle.hpp"
#include "procstat/mnt/mount_table.hpp"
#include "toolcommon/locale.hpp"
#include "toolcommon/stdout_check.hpp"

using namespace procstat;

namespace {

void print_message(const fsusage::DfMessage& m) {
    const char* prog = df::program_name();
    switch (m.kind) {
    case fsusage::DfMessageKind::errno_error:
        std::fprintf(stderr, "%s: %s: %s\n", prog, fsusage::quote_shell(m.path).c_str(),
                     std::strerror(m.err));
        break;
    case fsusage::DfMessageKind::not_responding:
        std::fprintf(stderr, "%s: %s: not responding\n", prog, fsusage::quote_shell(m.path).c_str());
        break;
    case fsusage::DfMessageKind::overmounted:
        std::fprintf(stderr, "%s: cannot access '%s': over-mounted by another device\n", prog,
                     m.path.c_str());
        break;
    }
}

int run(df::Options& o) {
    const char* prog = df::program_name();
    df::RowTests tests;
    if (!df::compile_tests(o, tests)) return 1;  // compat: df's usage-error status
    std::optional<Root> sysroot;
    if (o.sysroot) {
        auto r = Root::open(*o.sysroot);
        if (!r) {
            std::fprintf(stderr, "%s: cannot open sysroot %s: %s\n", prog,
                         fsusage::quote_shell(*o.sysroot).c_str(), std::strerror(r.status().err));
            return 1;
        }
        sysroot.emplace(std::move(*r));
    }
    Root live;
    const Root& root = sysroot ? *sysroot : live;

    // Beyond a million seconds a deadline means nothing: wait without one (0), as --timeout=0 does.
    double secs = o.timeout_s > 1e6 ? 0 : o.timeout_s;
    auto ms = std::chrono::milliseconds(static_cast<long long>(std::llround(secs * 1000)));
    if (secs > 0 && ms.count() == 0) ms = std::chrono::milliseconds(1);
    fsusage::LiveOracle live_oracle(ms);
    std::optional<fsusage::SysrootOracle> root_oracle;
    if (!root.is_live()) root_oracle.emplace(root);  // "--sysroot /" is the running system
    fsusage::PathOracle* oracle_ptr = &live_oracle;
    if (root_oracle) oracle_ptr = &*root_oracle;
    fsusage::PathOracle& oracle = *oracle_ptr;

    fsusage::DfQuery q;
    q.show_all = o.show_all;
    q.show_local = o.show_local;
    q.total = o.total;
    q.include_types = o.include_types;
    q.exclude_types = o.exclude_types;

    int rc = 0;
    std::vector<fsusage::DfMount> mounts;
    // The parsed table is freed as soon as df's own list is made: with hundreds of mounts it
    // is a good part of the peak RSS otherwise.
    auto table = mnt::read_mountinfo(root);
    if (table) {
        mounts = fsusage::df_mounts(*table);
        *table = mnt::MountTable{};
        // Knowing which mounts may block lets the oracle ask all the others in-process.
        live_oracle.set_mounts(mounts);
    } else {
        // compat: without a mount table GNU fails unless it has file arguments and no
        // -a/-l/-t/-x; then it only warns.
        bool fatal = o.files.empty() || o.show_all || o.show_local || !o.include_types.empty() ||
                     !o.exclude_types.empty();
        std::fprintf(stderr, "%s: %scannot read table of mounted file systems: %s\n", prog,
                     fatal ? "" : "Warning: ", std::strerror(table.status().err ? table.status().err : EINVAL));
        if (fatal) return 1;
    }
    if (o.sync && root.is_live()) ::sync();

    fsusage::DfReport report = o.files.empty() ? fsusage::df_collect_all(mounts, q, oracle)
                                               : fsusage::df_collect_files(mounts, o.files, q, oracle);
    for (const auto& m : report.messages) print_message(m);
    if (report.failed) rc = 1;
    if (!report.processed) {
        // compat: "no file systems processed" only when nothing else was reported
        if (rc == 0) {
            std::fprintf(stderr, "%s: no file systems processed\n", prog);
            rc = 1;
        }
        return rc;
    }
    bool source_shown = std::find(o.fields.begin(), o.fields.end(), df::Field::source) != o.fields.end();
    if (tests.filter) df::filter_rows(report.rows, *tests.filter);
    fsusage::df_add_total(report, q, source_shown);
    fsusage::DfFormat fmt{o.mode, o.human_opts, o.block_size, o.fields};
    fsusage::df_sort_rows(report.rows, o.sort, fmt);
    std::string text = o.json ? fsusage::df_render_json(report.rows, fmt) : fsusage::df_render_text(report.rows, fmt);
    tool::write_stdout(text);
    if (tests.check) {
        std::vector<fsusage::DfRow> failing;
        if (!df::run_check(report.rows, tests, failing)) {
            // the failing rows, in the layout of stdout, on stderr
            std::fflush(stdout);
            std::string bad = o.json ? fsusage::df_render_json(failing, fmt) : fsusage::df_render_text(failing, fmt);
            std::fwrite(bad.data(), 1, bad.size(), stderr);
            rc = 3;
        }
    }
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    tool::init_locale();
    df::Options o;
    auto parsed = df::parse_options(argc, argv, o);
    int rc = parsed.exit_now ? parsed.status : run(o);
    return tool::close_stdout(df::program_name(), rc);
}
