// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk --help text and version string (util-linux 2.38.1 wording; the column list is generated).
#include "options.hpp"

namespace procstat::lsblk_tool {

const char* const usage_head =
    "\n"
    "Usage:\n"
    " lsblk [options] [<device> ...]\n"
    "\n"
    "List information about block devices.\n"
    "\n"
    "Options:\n"
    " -A, --noempty        don't print empty devices\n"
    " -D, --discard        print discard capabilities\n"
    " -E, --dedup <column> de-duplicate output by <column>\n"
    " -I, --include <list> show only devices with specified major numbers\n"
    " -J, --json           use JSON output format\n"
    " -M, --merge          group parents of sub-trees (usable for RAIDs, Multi-path)\n"
    " -O, --output-all     output all columns\n"
    " -P, --pairs          use key=\"value\" output format\n"
    " -S, --scsi           output info about SCSI devices\n"
    " -T, --tree[=<column>] use tree format output\n"
    " -a, --all            print all devices\n"
    " -b, --bytes          print SIZE in bytes rather than in human readable format\n"
    " -d, --nodeps         don't print slaves or holders\n"
    " -e, --exclude <list> exclude devices by major number (default: RAM disks)\n"
    " -f, --fs             output info about filesystems\n"
    " -i, --ascii          use ascii characters only\n"
    " -l, --list           use list format output\n"
    " -m, --perms          output info about permissions\n"
    " -n, --noheadings     don't print headings\n"
    " -o, --output <list>  output columns\n"
    " -p, --paths          print complete device path\n"
    " -r, --raw            use raw output format\n"
    " -s, --inverse        inverse dependencies\n"
    " -t, --topology       output info about topology\n"
    " -w, --width <num>    specifies output width as number of characters\n"
    " -x, --sort <column>  sort output by <column>\n"
    " -y, --shell          use column names to be usable as shell variable identifiers\n"
    " -z, --zoned          print zone related information\n"
    "     --sysroot <dir>  use specified directory as system root\n"
    "\n"
    " -h, --help           display this help\n"
    " -V, --version        display version\n"
    "\n"
    ;

const char* const usage_tail = "\nFor more details see lsblk(8).\n";

}  // namespace procstat::lsblk_tool
