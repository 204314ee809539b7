// SPDX-License-Identifier: GPL-2.0-or-later
// -Q/--filter, --check, --check-any for the util-linux tools: argv preparation, compilation of
// the expressions and row dropping in tree tables.
#include "ul_filter.hpp"

#include <cstdio>
#include <cstring>

namespace procstat::ul_filter {

namespace {

const option filter_options[] = {
    {"filter", required_argument, nullptr, opt_filter},
    {"check", required_argument, nullptr, opt_check},
    {"check-any", required_argument, nullptr, opt_check_any},
};

const option* find_exact(std::span<const option> table, std::string_view name) {
    for (const auto& o : table)
        if (o.name && name == o.name) return &o;
    return nullptr;
}

// glibc getopt_long's choice among the long options of TABLE for NAME when no option is
// spelled NAME: the only prefix match, or several that mean the same option. nullptr when
// none or ambiguous.
const option* find_abbreviation(std::span<const option> table, std::string_view name) {
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
int short_arg(const char* shortopts, char c) {
    if (c == ':') return 0;
    const char* p = std::strchr(shortopts, c);
    if (!p || p[1] != ':') return 0;
    return p[2] == ':' ? 2 : 1;
}

}  // namespace

std::span<const option> filter_long_options() { return filter_options; }

bool take_option(int c, const char* arg, FilterArgs& fa) {
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

PreparedArgs::PreparedArgs(int argc, char** argv, const char* shortopts, std::span<const option> reference,
                           std::span<const option> ours) {
    std::vector<const option*> spelled;
    for (int i = 0; i < argc; ++i) args_.emplace_back(argv[i] ? argv[i] : "");
    for (std::size_t i = 1; i < args_.size(); ++i) {
        std::string& a = args_[i];
        if (a == "--") break;
        if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
            auto eq = a.find('=');
            std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const option* opt = find_exact(reference, name);
            if (!opt) {
                if (const option* mine = find_exact(ours, name)) {
                    spelled.push_back(mine);
                    opt = mine;
                }
            }
            if (!opt) {
                opt = find_abbreviation(reference, name);
                if (opt) a = std::string("--") + opt->name + (eq == std::string::npos ? "" : a.substr(eq));
            }
            if (opt && opt->has_arg == required_argument && eq == std::string::npos) ++i;  // its argument
        } else if (a.size() > 1 && a[0] == '-') {
            for (std::size_t j = 1; j < a.size(); ++j) {
                int k = short_arg(shortopts, a[j]);
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
        if (!find_exact(std::span<const option>(table_.data(), table_.size()), o->name)) table_.push_back(*o);
    table_.push_back({nullptr, 0, nullptr, 0});
}

bool compile(const FilterArgs& fa, const std::function<bool(std::string_view)>& known, const char* prog,
             RowTests& tests) {
    struct Item {
        const std::optional<std::string>& text;
        std::optional<expr::Expr>& dest;
        const char* option;
    };
    for (const Item& it : {Item{fa.filter, tests.filter, "--filter"},
                           Item{fa.check, tests.check, fa.check_any ? "--check-any" : "--check"}}) {
        if (!it.text) continue;
        std::string msg;
        it.dest = expr::compile(*it.text, known, msg);
        if (!it.dest) {
            std::fprintf(stderr, "%s: invalid %s expression: %s\n", prog, it.option, msg.c_str());
            std::fprintf(stderr, "Try '%s --help' for more information.\n", prog);
            return false;
        }
    }
    tests.mode = fa.check_any ? expr::CheckMode::any : expr::CheckMode::all;
    return true;
}

void keep_rows(out::Table& t, const std::vector<char>& keep) {
    std::vector<std::ptrdiff_t> new_index(t.rows.size(), -1);
    std::vector<out::Row> rows;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (i >= keep.size() || !keep[i]) continue;
        out::Row r = std::move(t.rows[i]);
        // the nearest kept ancestor (parents come before their children)
        std::ptrdiff_t p = r.parent;
        while (p >= 0 && static_cast<std::size_t>(p) < i && new_index[static_cast<std::size_t>(p)] < 0)
            p = t.rows[static_cast<std::size_t>(p)].parent;
        r.parent = p >= 0 && static_cast<std::size_t>(p) < i ? new_index[static_cast<std::size_t>(p)] : -1;
        new_index[i] = static_cast<std::ptrdiff_t>(rows.size());
        rows.push_back(std::move(r));
    }
    t.rows = std::move(rows);
}

}  // namespace procstat::ul_filter
