// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt column registry and cell values (util-linux 2.38.1 findmnt(8) COLUMNS).
#include "procstat/findmnt/columns.hpp"

#include <strings.h>

#include <fmt/format.h>

#include "procstat/units/ul_size.hpp"

namespace procstat::findmnt {

using namespace procstat::out;

const std::vector<ColumnInfo>& all_columns() {
    static const std::vector<ColumnInfo> cols{
        {Col::action, "ACTION", 10, col_strict_width, "action detected by --poll"},
        {Col::avail, "AVAIL", 5, col_right, "filesystem size available"},
        {Col::freq, "FREQ", 1, col_right, "dump(8) period in days [fstab only]"},
        {Col::fsroot, "FSROOT", 0.25, col_noextremes, "filesystem root"},
        {Col::fstype, "FSTYPE", 0.10, col_trunc, "filesystem type"},
        {Col::fs_options, "FS-OPTIONS", 0.10, col_trunc, "FS specific mount options"},
        {Col::id, "ID", 2, col_right, "mount ID"},
        {Col::label, "LABEL", 0.10, 0, "filesystem label"},
        {Col::majmin, "MAJ:MIN", 6, 0, "major:minor device number"},
        {Col::old_options, "OLD-OPTIONS", 0.10, col_trunc, "old mount options saved by --poll"},
        {Col::old_target, "OLD-TARGET", 0.30, 0, "old mountpoint saved by --poll"},
        {Col::options, "OPTIONS", 0.10, col_trunc, "all mount options"},
        {Col::opt_fields, "OPT-FIELDS", 0.10, col_trunc, "optional mount fields"},
        {Col::parent, "PARENT", 2, col_right, "mount parent ID"},
        {Col::partlabel, "PARTLABEL", 0.10, 0, "partition label"},
        {Col::partuuid, "PARTUUID", 36, 0, "partition UUID"},
        {Col::passno, "PASSNO", 1, col_right, "pass number on parallel fsck(8) [fstab only]"},
        {Col::propagation, "PROPAGATION", 0.10, 0, "VFS propagation flags"},
        {Col::size, "SIZE", 5, col_right, "filesystem size"},
        {Col::source, "SOURCE", 0.25, col_noextremes, "source device"},
        {Col::sources, "SOURCES", 0.25, col_wrap, "all possible source devices"},
        {Col::target, "TARGET", 0.30, col_tree | col_noextremes, "mountpoint"},
        {Col::tid, "TID", 4, col_right, "task ID"},
        {Col::used, "USED", 5, col_right, "filesystem size used"},
        {Col::useperc, "USE%", 3, col_right, "filesystem use percentage"},
        {Col::uuid, "UUID", 36, 0, "filesystem UUID"},
        {Col::vfs_options, "VFS-OPTIONS", 0.20, col_trunc, "VFS specific mount options"},
    };
    return cols;
}

const ColumnInfo& column_info(Col c) {
    for (const auto& i : all_columns())
        if (i.id == c) return i;
    return all_columns().front();
}

std::optional<Col> column_by_name(std::string_view name) {
    for (const auto& i : all_columns())
        if (i.name.size() == name.size() && ::strncasecmp(i.name.data(), name.data(), name.size()) == 0)
            return i.id;
    return std::nullopt;
}

ColumnSpec column_spec(Col c, bool tree, bool json_bytes) {
    const ColumnInfo& i = column_info(c);
    ColumnSpec s;
    s.header = std::string(i.name);
    s.flags = i.flags;
    if (!tree) s.flags &= ~static_cast<unsigned>(col_tree);
    s.align = (i.flags & col_right) ? Align::right : Align::left;
    s.width_hint = i.width_hint;
    switch (c) {
    case Col::size:
    case Col::avail:
    case Col::used:
        s.json = json_bytes ? JsonKind::number : JsonKind::string;
        break;
    case Col::id:
    case Col::parent:
    case Col::freq:
    case Col::passno:
    case Col::tid:
        s.json = JsonKind::number;
        break;
    case Col::sources:
        s.json = JsonKind::array;
        break;
    default:
        s.json = JsonKind::string;
    }
    return s;
}

namespace {

std::optional<std::string> tag_of(const std::string& spec, std::string_view name) {
    if (spec.size() > name.size() && spec.compare(0, name.size(), name) == 0 && spec[name.size()] == '=')
        return spec.substr(name.size() + 1);
    return std::nullopt;
}

std::string size_text(std::uint64_t v, bool bytes) {
    if (v == 0) return "0";
    if (bytes) return fmt::format("{}", v);
    return units::ul_size_to_human(v);
}

std::string usage_text(Col c, const FsEntry& fs, const CellContext& ctx) {
    if (!ctx.usage) return {};
    auto u = ctx.usage(fs.target);
    if (!u) return {};
    switch (c) {
    case Col::size: return size_text(u->frsize * u->blocks, ctx.bytes);
    case Col::avail: return size_text(u->frsize * u->bavail, ctx.bytes);
    case Col::used: return size_text(u->frsize * (u->blocks - u->bfree), ctx.bytes);
    default:
        if (u->blocks == 0) return "-";
        return fmt::format("{:.0f}%", double(u->blocks - u->bfree) / double(u->blocks) * 100);
    }
}

std::string tag_column(std::string_view tag, const FsEntry& fs, const CellContext& ctx) {
    if (auto v = tag_of(fs.source, tag)) return *v;
    std::string dev = fs.source;
    if (is_tag(dev)) {
        if (!ctx.resolve_tag) return {};
        auto d = ctx.resolve_tag(dev);
        if (!d) return {};
        dev = *d;
    }
    if (dev.empty() || !ctx.device_tag) return {};
    return ctx.device_tag(dev, tag).value_or("");
}

}  // namespace

std::string vfs_options_all(std::string_view vfs) {
    struct Flag {
        std::string_view off, on;  // name when the flag is clear / set
    };
    static constexpr Flag flags[] = {
        {"rw", "ro"},         {"exec", "noexec"},           {"suid", "nosuid"},
        {"dev", "nodev"},     {"async", "sync"},            {"loud", "silent"},
        {"nomand", "mand"},   {"atime", "noatime"},         {"noiversion", "iversion"},
        {"diratime", "nodiratime"}, {"norelatime", "relatime"}, {"nostrictatime", "strictatime"},
        {"nolazytime", "lazytime"}, {"symfollow", "nosymfollow"},
    };
    bool set[std::size(flags)] = {};
    std::size_t pos = 0;
    while (pos <= vfs.size()) {
        auto comma = vfs.find(',', pos);
        std::string_view o = vfs.substr(pos, comma == std::string_view::npos ? vfs.npos : comma - pos);
        for (std::size_t i = 0; i < std::size(flags); ++i) {
            if (o == flags[i].on) set[i] = true;
            if (o == flags[i].off) set[i] = false;
        }
        // compat: mount(8)'s user/users imply noexec,nosuid,nodev; owner/group nosuid,nodev
        if (o == "user" || o == "users") set[1] = true;
        if (o == "user" || o == "users" || o == "owner" || o == "group") set[2] = set[3] = true;
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    std::string out;
    for (std::size_t i = 0; i < std::size(flags); ++i) {
        if (!out.empty()) out += ',';
        out += set[i] ? flags[i].on : flags[i].off;
    }
    return out;
}

std::string cell_text(Col c, const FsEntry& fs, const CellContext& ctx) {
    switch (c) {
    case Col::sources:
        // compat: with -e, SOURCES lists every device that has the source's tag
        if (ctx.evaluate && is_tag(fs.source))
            return ctx.devices_with_tag ? ctx.devices_with_tag(fs.source) : std::string{};
        [[fallthrough]];
    case Col::source: {
        std::string spec = fs.source;
        if (!is_tag(spec) && ctx.canonicalize && ctx.canonical_path) {
            if (auto c = ctx.canonical_path(spec)) spec = *c;
        }
        if (is_tag(spec) && ctx.evaluate) {
            auto d = ctx.resolve_tag ? ctx.resolve_tag(spec) : std::nullopt;
            spec = d.value_or("");  // compat: an unresolvable tag shows as nothing
        }
        if (fs.kernel && !ctx.nofsroot && !fs.root.empty() && fs.root != "/")
            return spec + "[" + fs.root + "]";
        return spec;
    }
    case Col::target: return fs.target;
    case Col::fstype: return fs.fstype;
    case Col::options: return fs.options.value_or("");
    case Col::vfs_options:
        if (!ctx.vfs_all) return fs.vfs_options;
        return fs.options ? vfs_options_all(*fs.options) : std::string{};
    case Col::fs_options: return fs.fs_options;
    case Col::label: return tag_column("LABEL", fs, ctx);
    case Col::uuid: return tag_column("UUID", fs, ctx);
    case Col::partlabel: return tag_column("PARTLABEL", fs, ctx);
    case Col::partuuid: return tag_column("PARTUUID", fs, ctx);
    case Col::majmin:
        if (!fs.kernel || (fs.major == 0 && fs.minor == 0)) return {};
        if (ctx.plain_majmin) return fmt::format("{}:{}", fs.major, fs.minor);
        return fmt::format("{:>3}:{:<3}", fs.major, fs.minor);
    case Col::action: return std::string(ctx.action);
    case Col::old_options:
        return ctx.old && ctx.old->options ? *ctx.old->options : std::string{};
    case Col::old_target: return ctx.old ? ctx.old->target : std::string{};
    case Col::size:
    case Col::avail:
    case Col::used:
    case Col::useperc: return usage_text(c, fs, ctx);
    case Col::fsroot: return fs.kernel ? fs.root : std::string{};
    case Col::tid: return ctx.tid > 0 ? fmt::format("{}", ctx.tid) : std::string{};
    // compat: findmnt prints nothing for a zero id
    case Col::id: return fs.kernel && fs.id ? fmt::format("{}", fs.id) : std::string{};
    case Col::parent: return fs.kernel && fs.parent ? fmt::format("{}", fs.parent) : std::string{};
    case Col::opt_fields: return fs.opt_fields;
    case Col::propagation: return fs.kernel ? propagation(fs.opt_fields) : std::string{};
    case Col::freq: return fs.kernel ? std::string{} : fmt::format("{}", fs.freq);
    case Col::passno: return fs.kernel ? std::string{} : fmt::format("{}", fs.passno);
    }
    return {};
}

}  // namespace procstat::findmnt
