// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt's view of a mount table: libmount-compatible parsing of mountinfo/mtab/fstab text,
// option-string helpers, filesystem classes, and the mount tree built from ids and parent ids.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace procstat::findmnt {

enum class TabFormat { guess, mountinfo, fstab };

// One filesystem entry. Strings are unescaped bytes.
struct FsEntry {
    bool kernel = false;          // came from a mountinfo line (has ids, devno, root)
    int id = 0;                   // mountinfo field 1
    int parent = 0;               // mountinfo field 2
    std::uint32_t major = 0;      // mountinfo field 3
    std::uint32_t minor = 0;
    std::string root;             // mountinfo field 4 (filesystem root of the mount)
    std::string target;           // mountinfo field 5 / fstab field 2
    std::string vfs_options;      // mountinfo field 6 / VFS part of the fstab options
    std::string opt_fields;       // mountinfo optional fields ("shared:1 master:2")
    std::string fstype;           // mountinfo after " - " / fstab field 3
    std::string source;           // mountinfo source / fstab field 1
    std::string fs_options;       // mountinfo super options / fs-specific part of fstab options
    std::string user_options;     // userspace part of fstab options (noauto, user, x-*, ...)
    std::optional<std::string> options;  // all options (merged for mountinfo, as written for fstab)
    bool deleted = false;         // mountinfo target ended in "\040(deleted)"
    int freq = 0;                 // fstab field 5
    int passno = 0;               // fstab field 6
    std::size_t line = 0;         // 1-based line in the file
    std::uint64_t devno() const { return (std::uint64_t{major} << 32) | minor; }
};

struct FsTable {
    std::vector<FsEntry> entries;
    std::vector<std::size_t> bad_lines;  // lines that did not parse ("parse error at line N")
    TabFormat format = TabFormat::guess;
};

// compat: libmount 2.38 mnt_table_parse_stream(): blank and '#' lines are skipped, the format
// is guessed once from the first data line (two numbers -> mountinfo, else fstab/mtab) and
// every later line is parsed in that format; lines that fail are reported and skipped.
FsTable parse_tab(std::string_view text, TabFormat fmt = TabFormat::guess);

// Decode \ooo escapes (exactly three octal digits), as libmount's unmangle does.
std::string unmangle(std::string_view s);

// --- option strings (comma separated, values after '=', double quotes protect commas) -------

// compat: libmount merge of per-mount and per-superblock options: one rw/ro in front, the
// others removed ("rw,relatime" + "rw,size=4k" -> "rw,relatime,size=4k").
std::string merge_options(std::string_view vfs, std::string_view fs);

// Split fstab options into the VFS part, the filesystem-specific part and the userspace part
// (noauto, user, _netdev, x-*, ...); "defaults" belongs to none of them.
void split_fstab_options(std::string_view optstr, std::string& vfs, std::string& fs,
                         std::string* user = nullptr);

// compat: mnt_match_fstype(): "ext4,xfs", "noext4,xfs" (a leading "no" negates the list),
// case-insensitive.
bool match_fstype(std::string_view type, std::string_view pattern);

// compat: mnt_match_options(): every pattern option must be present ("+opt" too), "noopt"
// must be absent, "opt=value" compares the value. Absent OPTSTR never matches.
bool match_options(const std::optional<std::string>& optstr, std::string_view pattern);

// Value of option NAME in OPTSTR (nullopt when absent, "" when it has no value).
std::optional<std::string> get_option(std::string_view optstr, std::string_view name);

// libmount's list of pseudo filesystems and of network filesystems.
bool is_pseudofs(std::string_view fstype);
bool is_netfs(std::string_view fstype);

// PROPAGATION column from mountinfo optional fields: "shared"/"private" plus ",slave" and
// ",unbindable".
std::string propagation(std::string_view opt_fields);

// Paths equal up to trailing slashes (libmount streq_paths()): "/a/" == "/a".
bool streq_paths(std::string_view a, std::string_view b);

// True for "LABEL=", "UUID=", "PARTLABEL=", "PARTUUID=" (and the id= forms libmount knows).
bool is_tag(std::string_view spec);

// --- tree ---------------------------------------------------------------------------------

struct TreeLine {
    std::size_t entry;              // index into the entry vector
    std::ptrdiff_t parent_line;     // index of the parent line, -1 for a top-level line
};

// compat: util-linux 2.38 findmnt create_treenode(): the root is found from the lowest parent
// id (walking up id -> parent links), children follow in ascending mount id, entries that match
// no filter are skipped but their children are kept under the nearest shown ancestor, and
// entries not reached from the root are added afterwards in table order as extra trees. Cycles
// (which make util-linux loop) are cut.
std::vector<TreeLine> build_tree(const std::vector<FsEntry>& entries,
                                 const std::function<bool(std::size_t)>& match);

// Subtrees of the given START entries (findmnt -R/--submounts): each start entry and all its
// descendants, the start entry shown even if it has already been shown.
std::vector<TreeLine> build_subtrees(const std::vector<FsEntry>& entries,
                                     const std::vector<std::size_t>& starts, bool as_tree);

// Last entry in the table that is kernel (mountinfo) and has a root: the table can be a tree.
bool table_is_tree(const std::vector<FsEntry>& entries);

// compat: mnt_table_uniq_fs(MNT_UNIQ_KEEPTREE) by target: for duplicate targets the later
// entry wins, children of dropped entries are moved to the kept one.
// SAME tells whether two entries have the same target (findmnt compares canonical paths).
void uniq_by_target(std::vector<FsEntry>& entries,
                    const std::function<bool(const FsEntry&, const FsEntry&)>& same);

// compat: mnt_table_over_fs(): index of the entry mounted on top of entry I (a child with the
// same target), if any.
std::optional<std::size_t> over_mount(const std::vector<FsEntry>& entries, std::size_t i);

}  // namespace procstat::findmnt
