// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk: list block devices (drop-in for util-linux 2.38.1 lsblk).
#include <sys/stat.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstring>

#include "filter.hpp"
#include "lines.hpp"
#include "options.hpp"
#include "procstat/block/device.hpp"
#include "toolcommon/locale.hpp"
#include "toolcommon/stdout_check.hpp"

using namespace procstat;
using namespace procstat::lsblk_tool;

namespace {
constexpr int exit_someok = 64;
constexpr int exit_allfailed = 32;
}  // namespace

int main(int argc, char** argv) {
    tool::init_locale();  // the categories it reads, as setlocale(LC_ALL, "") sets them
    Options o;
    if (auto rc = parse_options(argc, argv, o)) return tool::close_stdout("lsblk", *rc);
    // beyond util-linux: machine output (JSON, raw, pairs) uses C numerics ("1.5G") whatever
    // LC_ALL/LC_NUMERIC say
    if (o.json || o.raw || o.pairs) std::setlocale(LC_NUMERIC, "C");
    ul_filter::RowTests tests;
    if (!ul_filter::compile(o.tests, known_field, "lsblk", tests)) return 1;

    // compat: lsblk checks the live /sys/dev/block even with --sysroot
    if (::access("/sys/dev/block", R_OK) != 0) {
        std::fprintf(stderr, "lsblk: failed to access sysfs directory: /sys/dev/block: %s\n",
                     std::strerror(errno));
        return 1;
    }
    std::optional<Root> root;
    if (o.sysroot.empty()) {
        root.emplace();
    } else if (auto r = Root::open(o.sysroot)) {
        root.emplace(std::move(*r));
    }

    block::WalkOptions wo;
    wo.inverse = o.inverse;
    wo.nodeps = o.nodeps;
    wo.all = o.all;
    wo.noempty = o.noempty;
    wo.scsi_only = o.scsi;
    wo.include = o.include;
    wo.exclude = o.exclude;
    if (!o.all && wo.include.empty() && wo.exclude.empty())
        wo.exclude.push_back(block::ramdisk_major);  // default: no RAM disks

    int status = 0;
    // An unusable --sysroot directory lists nothing, as util-linux does.
    Root live;
    block::Walker walker(root ? *root : live, wo);
    if (root) {
        if (o.devices.empty()) {
            walker.walk_all();
        } else {
            int cnt = 0, err = 0;
            for (const auto& d : o.devices) {
                std::string msg;
                auto r = walker.walk_one(d, msg);
                if (r != block::ArgResult::ok) {
                    err++;
                    if (!msg.empty()) std::fprintf(stderr, "lsblk: %s\n", msg.c_str());
                }
                cnt++;
            }
            status = cnt == err ? exit_allfailed : err ? exit_someok : 0;
        }
    } else if (!o.devices.empty()) {
        // the devices cannot be found in a missing sysfs tree; only non-devices get a message
        for (const auto& d : o.devices) {
            struct stat st {};
            if (::stat(d.c_str(), &st) != 0 || !S_ISBLK(st.st_mode))
                std::fprintf(stderr, "lsblk: %s: not a block device\n", d.c_str());
        }
        status = exit_allfailed;
    }

    Rendered r = render_devices(walker, o, tests);
    tool::write_stdout(r.out);
    if (r.failing) {
        // the failing rows, in the layout of stdout, on stderr
        std::fflush(stdout);
        std::fwrite(r.failing->data(), 1, r.failing->size(), stderr);
        status = 3;
    }
    return tool::close_stdout("lsblk", status);
}
