// SPDX-License-Identifier: GPL-2.0-or-later
// Pure parsers for /proc/PID/{stat,status,statm,io,cgroup} text; no I/O.
#pragma once
#include <string_view>

#include "procstat/proc/process.hpp"

namespace procstat::proc {

// proc(5) /proc/pid/stat. comm is taken between the first '(' and the LAST ')', so a comm with
// spaces, ')' or newlines parses. Returns false when the text is malformed (P is then partial).
bool parse_stat(std::string_view text, Process& p);

// proc(5) /proc/pid/status: Uid, Gid, Groups, Sig*, Vm*, Rss*. Unknown lines are ignored; the
// Name line (which may hold an escaped comm) is not used. Returns false when no Uid line exists.
bool parse_status(std::string_view text, Process& p);

// proc(5) /proc/pid/statm: seven page counts.
bool parse_statm(std::string_view text, Process& p);

// proc(5) /proc/pid/io: "name: value" lines.
bool parse_io(std::string_view text, Process& p);

// smaps or smaps_rollup: the sums of the Pss and Private_* lines (KiB).
bool parse_smaps_rollup(std::string_view text, Process& p);

// /proc/PID/autogroup: "/autogroup-N nice M".
bool parse_autogroup(std::string_view text, Process& p);

// "type:[inode]" as read from an ns/* symlink; 0 when not of that shape.
std::uint64_t parse_ns_link(std::string_view link);

}  // namespace procstat::proc
