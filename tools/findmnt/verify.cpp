// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt --verify: fstab sanity checks (targets, sources, tags, filesystem types, options,
// order, swap areas) with util-linux 2.38.1's messages, summary and exit status.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include <blkid/blkid.h>
#include <fmt/format.h>

#include "match.hpp"
#include "procstat/core/io.hpp"
#include "procstat/core/parse_util.hpp"
#include "run.hpp"
#include "toolcommon/stdout_check.hpp"

namespace procstat::findmnt {
namespace {

class Verifier {
public:
    Verifier(const Options& o, const std::vector<FsEntry>& es, const Root& root)
        : o_(o), es_(es), root_(root) {}

    void check(std::size_t i, bool check_order) {
        fs_ = &es_[i];
        target_printed_ = false;
        no_fsck_ = false;
        if (check_order) verify_order(i);
        if (fs_->fstype == "swap") {
            verify_swaparea();
        } else {
            verify_target();
            verify_options();
        }
        verify_source();
        verify_fstype();
        verify_passno();
    }

    int errors = 0, warnings = 0;
    std::string out;

private:
    void mesg(char type, const std::string& text) {
        if (!target_printed_) {
            out += fs_->target;
            out += '\n';
            target_printed_ = true;
        }
        out += fmt::format("   [{}] {}\n", type, text);
    }
    void warn(const std::string& t) {
        ++warnings;
        mesg('W', t);
    }
    void err(const std::string& t) {
        ++errors;
        mesg('E', t);
    }
    void ok(const std::string& t) {
        if (o_.flags & fl_verbose) mesg(' ', t);
    }

    bool has_option(std::string_view name) const {
        return fs_->options && get_option(*fs_->options, name).has_value();
    }

    // mnt_resolve_target(): canonical path, the path itself when that fails
    std::string resolve(const std::string& p) const {
        if (o_.flags & fl_nocache) return p;
        return real_path(p).value_or(p);
    }

    void verify_order(std::size_t i) {
        if (fs_->target.empty()) return;
        const std::string tgt = resolve(fs_->target);
        for (std::size_t j = i + 1; j < es_.size(); ++j) {
            if (es_[j].target.empty()) continue;
            const std::string n = resolve(es_[j].target);
            if (tgt.compare(0, n.size(), n) != 0) continue;
            if (tgt.size() == n.size())
                warn("target specified more than once");
            else if (tgt[n.size()] == '/')
                err(fmt::format("wrong order: {} specified before {}", tgt, n));
        }
    }

    void verify_target() {
        std::string tgt = fs_->target;
        if (tgt.empty()) {
            err("undefined target (fs_file)");
            return;
        }
        if (!(o_.flags & fl_nocache)) {
            std::string cn = resolve(tgt);
            if (cn != tgt) warn(fmt::format("non-canonical target path (real: {})", cn));
            tgt = cn;
        }
        struct stat sb {};
        if (::stat(tgt.c_str(), &sb) != 0) {
            std::string e = std::strerror(errno);
            if (!has_option("noauto"))
                err("unreachable on boot required target: " + e);
            else
                warn("unreachable target: " + e);
        } else if (!S_ISDIR(sb.st_mode) && !has_option("bind")) {
            err("target is not a directory");
        } else {
            ok("target exists");
        }
    }

    void verify_options() {
        if (!fs_->vfs_options.empty()) ok("VFS options: " + fs_->vfs_options);
        if (!fs_->fs_options.empty()) ok("FS options: " + fs_->fs_options);
        if (!fs_->user_options.empty()) ok("userspace options: " + fs_->user_options);
    }

    void verify_swaparea() {
        if (!fs_->options) return;
        if (auto d = get_option(*fs_->options, "discard"); d && !d->empty() &&
                                                          std::string_view("once").substr(0, d->size()) != *d &&
                                                          std::string_view("pages").substr(0, d->size()) != *d)
            err("unsupported swaparea discard policy: " + *d);
        if (auto p = get_option(*fs_->options, "pri"); p && !p->empty()) {
            std::string_view v = *p;
            if (v.front() == '-') v.remove_prefix(1);
            if (std::any_of(v.begin(), v.end(), [](char c) { return !std::isdigit(static_cast<unsigned char>(c)); }))
                err("failed to parse swaparea priority option");
        }
    }

    void verify_source() {
        std::string src = fs_->source;
        if (is_tag(src)) {
            auto eq = src.find('=');
            std::string name = src.substr(0, eq), value = src.substr(eq + 1);
            std::optional<std::string> dev;
            if (!(o_.flags & fl_nocache)) dev = resolve_tag(src);
            if (!dev) {
                if (!has_option("noauto"))
                    err(fmt::format("unreachable on boot required source: {}={}", name, value));
                else
                    warn(fmt::format("unreachable: {}={}", name, value));
                return;
            }
            ok(fmt::format("{}={} translated to {}", name, value, *dev));
            src = *dev;
        } else if (auto eq = src.find('='); eq != std::string::npos && eq > 0) {
            struct stat sb {};
            if (::stat(src.c_str(), &sb) != 0) {
                err("unsupported source tag: " + src);
                return;
            }
        }
        const bool isbind = has_option("bind");
        struct stat sb {};
        if (is_pseudofs(fs_->fstype) || is_netfs(fs_->fstype))
            ok(fmt::format("do not check {} source (pseudo/net)", src));
        else if (::stat(src.c_str(), &sb) != 0)
            warn(fmt::format("unreachable source: {}: {}", src, std::strerror(errno)));
        else if ((S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode)) && !isbind)
            warn(fmt::format("non-bind mount source {} is a directory or regular file", src));
        else if (!S_ISBLK(sb.st_mode) && !isbind)
            warn(fmt::format("source {} is not a block device", src));
        else
            ok(fmt::format("source {} exists", src));
    }

    // Filesystems the kernel knows: /proc/filesystems and the modules in modules.dep.
    bool supported(const std::string& type) {
        if (!fs_read_) {
            fs_read_ = true;
            std::string text;
            if (io::read_file(root_, fmt::format("{}/filesystems", Root::proc), text)) {
                std::string_view t = text, line;
                while (parse::next_line(t, line)) {
                    std::string_view l = line;
                    if (!l.empty() && !std::isspace(static_cast<unsigned char>(l.front())))
                        while (!l.empty() && !std::isspace(static_cast<unsigned char>(l.front()))) l.remove_prefix(1);
                    while (!l.empty() && std::isspace(static_cast<unsigned char>(l.front()))) l.remove_prefix(1);
                    auto e = l.find_first_of(" \t");
                    known_.emplace_back(l.substr(0, e));
                }
            }
            struct utsname u {};
            if (::uname(&u) == 0) {
                std::string dep;
                if (io::read_file(AT_FDCWD, fmt::format("/lib/modules/{}/modules.dep", u.release).c_str(), dep)) {
                    std::string_view t = dep, line;
                    while (parse::next_line(t, line)) {
                        if (line.substr(0, 10) != "kernel/fs/" || line.substr(0, 14) == "kernel/fs/nls/") continue;
                        auto colon = line.find(':');
                        if (colon == std::string_view::npos) continue;
                        std::string_view path = line.substr(0, colon);
                        auto slash = path.rfind('/');
                        std::string_view name = path.substr(slash + 1);
                        auto ko = name.find(".ko");
                        if (ko == std::string_view::npos) continue;
                        known_.emplace_back(name.substr(0, ko));
                    }
                }
            }
        }
        return std::any_of(known_.begin(), known_.end(),
                           [&](const std::string& k) { return match_fstype(k, type); });
    }

    void verify_fstype() {
        std::string src;
        if (is_tag(fs_->source)) {
            auto d = resolve_tag(fs_->source);
            if (!d) return;
            src = *d;
        } else if (fs_->source.empty()) {
            src = "/";  // compat: libmount canonicalizes an empty source to "/"
        } else {
            src = real_path(fs_->source).value_or(fs_->source);
        }
        if (is_pseudofs(fs_->fstype) || is_netfs(fs_->fstype)) {
            ok(fmt::format("do not check {} FS type (pseudo/net)", src));
            return;
        }
        const std::string& type = fs_->fstype;
        bool isauto = false;
        if (!type.empty()) {
            bool none = type == "none";
            if (none && !has_option("bind") && !has_option("move")) {
                warn("\"none\" FS type is recommended for bind or move oprations only");
                return;
            }
            bool isswap = false;
            if (type == "auto")
                isauto = true;
            else if (type == "swap")
                isswap = true;
            else if (type == "xfs" || type == "btrfs")
                no_fsck_ = true;
            if (!isswap && !isauto && !none && !supported(type))
                warn(fmt::format("{} seems unsupported by the current kernel", type));
        }
        errno = 0;
        bool ambi = false;
        std::optional<std::string> real = probe_type(src, ambi);
        if (!real) {
            std::string reason = errno ? std::strerror(errno) : "reason unknown";
            if (isauto)
                err(fmt::format("cannot detect on-disk filesystem type ({})", reason));
            else
                warn(fmt::format("cannot detect on-disk filesystem type ({})", reason));
            return;
        }
        no_fsck_ = *real == "xfs" || *real == "btrfs";
        if (!type.empty() && !isauto && type != *real) {
            warn(fmt::format("{} does not match with on-disk {}", type, *real));
            return;
        }
        if (ambi) {
            err(fmt::format("on-disk {} seems unsupported by the current kernel", *real));
            return;
        }
        ok(fmt::format("FS type is {}", *real));
    }

    static std::optional<std::string> probe_type(const std::string& dev, bool& ambi) {
        blkid_probe pr = blkid_new_probe_from_filename(dev.c_str());
        if (!pr) return std::nullopt;
        blkid_probe_enable_superblocks(pr, 1);
        blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
        int rc = blkid_do_safeprobe(pr);
        std::optional<std::string> out;
        const char* type = nullptr;
        if (rc == 0 && blkid_probe_lookup_value(pr, "TYPE", &type, nullptr) == 0 && type) out = type;
        if (rc == -2) ambi = true;
        blkid_free_probe(pr);
        if (!out) errno = 0;
        return out;
    }

    void verify_passno() {
        if (fs_->target == "/" && fs_->passno != 1 && !no_fsck_)
            warn(fmt::format("recommended root FS passno is 1 (current is {})", fs_->passno));
    }

    const Options& o_;
    const std::vector<FsEntry>& es_;
    const Root& root_;
    const FsEntry* fs_ = nullptr;
    bool target_printed_ = false;
    bool no_fsck_ = false;
    bool fs_read_ = false;
    std::vector<std::string> known_;
};

}  // namespace

int run_verify(const Options& opts, const std::vector<FsEntry>& es, const Root& root) {
    Options o = opts;
    o.backward = false;  // compat: verify_table() always iterates forward
    Matcher m(o, es);
    m.source = o.match_source;
    m.target = o.match_target;
    // compat: findmnt is_listall_mode() (also off with -D/--real/--pseudo unless -A)
    const bool listall = (!((o.flags & fl_df) || o.real || o.pseudo) || o.all) && !m.source && !m.target &&
                         !o.match_fstype && !o.match_options && !o.majmin;
    std::vector<std::size_t> todo = matching_entries(m, o, es);
    Verifier v(o, es, root);
    for (auto i : todo) v.check(i, listall);
    tool::write_stdout(v.out);
    const std::size_t perr = parse_error_count;
    if (v.errors || perr || v.warnings) {
        std::fflush(stdout);
        std::fprintf(stderr, "\n%zu parse error%s, %d error%s, %d warning%s\n", perr, perr == 1 ? "" : "s",
                     v.errors, v.errors == 1 ? "" : "s", v.warnings, v.warnings == 1 ? "" : "s");
    } else {
        tool::write_stdout("Success, no errors or warnings detected\n");
    }
    return tool::close_stdout("findmnt", (v.errors || perr) ? 1 : 0);
}

}  // namespace procstat::findmnt
