// SPDX-License-Identifier: GPL-2.0-or-later
// The -Q/--filter, --check and --check-any options of findmnt and lsblk on the command line:
// argv preparation that keeps util-linux 2.38.1's own options and abbreviations intact.
// Header-only, so the option parsers compile alone (tests/fuzz/fuzz_lsblk_options.cpp).
#pragma once
#include <getopt.h>

#include <climits>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace procstat::ul_filter {

// getopt_long values of our long options (above every util-linux value).
enum : int { opt_filter = CHAR_MAX + 100, opt_check, opt_check_any };

// The expression options as given on the command line.
struct FilterArgs {
    std::optional<std::string> filter;  // -Q / --filter
    std::optional<std::string> check;   // --check / --check-any
    bool check_any = false;
};

// Handle getopt_long result C when it is one of ours ('Q', opt_filter, opt_check,
// opt_check_any); false when C is none of them.
inline bool take_option(int c, const char* arg, FilterArgs& fa) {
    switch (c) {
    case 'Q':
    case opt_filter: fa.filter = arg; return true;
    case opt_check:
    case opt_check_any:
        fa.check = arg;
        fa.check_any = c == opt_check_any;
        return true;
    default: return false;
    }
}

namespace detail {

inline const option* find_exact(std::span<const option> table, std::string_view name) {
    for (const auto& o : table)
        if (o.name && name == o.name) return &o;
    return nullptr;
}

// glibc getopt_long's choice among the long options of TABLE for NAME when no option is
// spelled NAME: the only prefix match, or several that mean the same option. nullptr when
// none or ambiguous.
inline const option* find_abbreviation(std::span<const option> table, std::string_view name) {
    const option* found = nullptr;
    for (const auto& o : table) {
        if (!o.name || std::string_view(o.name).substr(0, name.size()) != name) continue;
        if (!found) {
            found = &o;
        } else if (found->has_arg != o.has_arg || found->flag != o.flag || found->val != o.val) {
            return nullptr;
        }
    }
    return found;
}

// How a short option letter C takes an argument in SHORTOPTS: 0 none, 1 required, 2 optional.
inline int short_arg(const char* shortopts, char c) {
    if (c == ':') return 0;
    const char* p = std::strchr(shortopts, c);
    if (!p || p[1] != ':') return 0;
    return p[2] == ':' ? 2 : 1;
}

}  // namespace detail

// argv rewritten for getopt_long plus the option table to use with it.
//
// compat: the reference knows none of our long options, so adding them must not change what
// any spelling means to it: an abbreviation of a reference option ("--c" for findmnt's
// --canonicalize, "--f" for lsblk's --fs) is written out in full before getopt_long sees it,
// and our options (OURS, e.g. --filter, --sort) are in the table only when spelled out in full,
// so "--che" stays the unrecognized option it is for the reference.
class PreparedArgs {
public:
    PreparedArgs(int argc, char** argv, const char* shortopts, std::span<const option> reference,
                 std::span<const option> ours) {
        std::vector<const option*> spelled;
        for (int i = 0; i < argc; ++i) args_.emplace_back(argv[i] ? argv[i] : "");
        for (std::size_t i = 1; i < args_.size(); ++i) {
            std::string& a = args_[i];
            if (a == "--") break;
            if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
                auto eq = a.find('=');
                std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
                const option* opt = detail::find_exact(reference, name);
                if (!opt) {
                    if (const option* mine = detail::find_exact(ours, name)) {
                        spelled.push_back(mine);
                        opt = mine;
                    }
                }
                if (!opt) {
                    opt = detail::find_abbreviation(reference, name);
                    if (opt) a = std::string("--") + opt->name + (eq == std::string::npos ? "" : a.substr(eq));
                }
                if (opt && opt->has_arg == required_argument && eq == std::string::npos) ++i;  // its argument
            } else if (a.size() > 1 && a[0] == '-') {
                for (std::size_t j = 1; j < a.size(); ++j) {
                    int k = detail::short_arg(shortopts, a[j]);
                    if (k == 0) continue;
                    if (k == 1 && j + 1 == a.size()) ++i;  // the next word is the argument
                    break;
                }
            }
        }
        for (auto& s : args_) ptrs_.push_back(s.data());
        ptrs_.push_back(nullptr);
        table_.assign(reference.begin(), reference.end());
        for (const option* o : spelled)
            if (!detail::find_exact(std::span<const option>(table_.data(), table_.size()), o->name))
                table_.push_back(*o);
        table_.push_back({nullptr, 0, nullptr, 0});
    }
    int argc() const { return static_cast<int>(args_.size()); }
    char** argv() { return ptrs_.data(); }
    const option* longopts() const { return table_.data(); }

private:
    std::vector<std::string> args_;
    std::vector<char*> ptrs_;
    std::vector<option> table_;
};

}  // namespace procstat::ul_filter
