// SPDX-License-Identifier: GPL-2.0-or-later
// libsmartcols-compatible rendering of out::Table: width calculation, truncation, tree art and
// the raw, pairs and JSON formats of util-linux 2.38.1.
#include "procstat/out/smartcols.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <cwctype>
#include <langinfo.h>
#include <map>
#include <vector>

#include "procstat/core/parse_util.hpp"
#include "procstat/out/text.hpp"

namespace procstat::out {
namespace {

void hex_byte(std::string& out, unsigned char c) {
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\x";
    out += digits[c >> 4];
    out += digits[c & 15];
}

bool utf8_locale() {
    const char* cs = nl_langinfo(CODESET);
    return cs && (std::strcmp(cs, "UTF-8") == 0 || std::strcmp(cs, "utf8") == 0);
}

struct Symbols {
    const char* branch;
    const char* vert;
    const char* right;

    // libsmartcols group art (lsblk -M)
    const char* grp_vert;
    const char* grp_horz;
    const char* grp_first;         // first member
    const char* grp_middle;        // middle member
    const char* grp_last;          // last member
    const char* grp_child_middle;  // a child of the group, more follow
    const char* grp_child_last;    // the last child of the group
};

constexpr Symbols ascii_symbols{"|-", "| ", "`-", "|", "-", ",->", "|->", "'->", "|-", "`-"};
constexpr Symbols utf8_symbols{
    "\xe2\x94\x9c\xe2\x94\x80", "\xe2\x94\x82 ", "\xe2\x94\x94\xe2\x94\x80",
    "\xe2\x94\x86",                                   // dashed vertical
    "\xe2\x94\x88",                                   // dashed horizontal
    "\xe2\x94\x8c\xe2\x94\x88\xe2\x96\xb6",             // down-right, horizontal, arrow
    "\xe2\x94\x9c\xe2\x94\x88\xe2\x96\xb6",             // vertical-right, horizontal, arrow
    "\xe2\x94\x94\xe2\x94\xac\xe2\x96\xb6",             // up-right, down-horizontal, arrow
    "\xe2\x94\x9c\xe2\x94\x88",                         // vertical-right, horizontal
    "\xe2\x94\x94\xe2\x94\x88",                         // up-right, horizontal
};

// One output line of the table (a row), with its place in the tree.
struct Line {
    std::size_t row = 0;
    std::ptrdiff_t parent_line = -1;  // index into the Line vector
    std::size_t depth = 0;
    bool last_child = true;
    bool has_children = false;
    std::string art;       // tree art in front of the tree cell
    std::string cont_art;  // art for continuation lines of a multi-line cell of this row
    std::string pad_art;   // art when a cell overflowed and the row continues on a new line
    std::string grp_art;        // group art in front of the tree art (groups only)
    std::string grp_empty_art;  // group art on the row's continuation lines
};

// compat: libsmartcols group art (util-linux 2.38.1 lsblk -M). Every active group owns a
// 3-cell slot in front of the tree art, from its first member line to its last child line; there
// are as many slots as groups active at once, and a new group takes the free slot nearest to
// the tree. Member lines get ",->" (first), "|->" (middle) or
// "'->" (last), lines between members a vertical; child lines get " |-" or " `-" followed by
// horizontals up to the tree cell when no slot right of it is busy, lines between children a
// vertical in the middle of the slot. One blank cell separates the slots from the tree art.
enum class GState { none, first, middle, last, cont_members, child_middle, child_last, cont_children };

void group_art(const Table& t, const Symbols& sym, std::vector<Line>& lines) {
    struct Span {
        std::size_t first = 0, last_member = 0, end = 0;
        bool seen = false;
    };
    std::map<std::ptrdiff_t, Span> spans;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const Row& r = t.rows[lines[l].row];
        if (r.group >= 0) {
            auto& sp = spans[r.group];
            if (!sp.seen) sp.first = l;
            sp.seen = true;
            sp.last_member = sp.end = l;
        }
    }
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const Row& r = t.rows[lines[l].row];
        auto it = r.group_child >= 0 && lines[l].parent_line < 0 ? spans.find(r.group_child) : spans.end();
        if (it != spans.end() && l > it->second.last_member) it->second.end = l;
    }
    if (spans.empty()) return;
    // the number of slots: the most groups active on one line
    std::size_t nslots = 0;
    {
        std::vector<std::size_t> starts(lines.size()), ends(lines.size());
        for (const auto& [g, sp] : spans) {
            ++starts[sp.first];
            ++ends[sp.end];
        }
        std::size_t active = 0;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            active += starts[l];
            nslots = std::max(nslots, active);
            active -= ends[l];
        }
    }
    std::vector<std::vector<GState>> states(lines.size());
    std::vector<std::ptrdiff_t> slots(nslots, -1);  // group id per slot, -1 when free
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const Row& r = t.rows[lines[l].row];
        if (r.group >= 0 && spans[r.group].first == l) {
            // compat: a new group takes the free slot nearest to the tree
            for (std::size_t k = nslots; k-- > 0;)
                if (slots[k] < 0) {
                    slots[k] = r.group;
                    break;
                }
        }
        auto& st = states[l];
        st.assign(slots.size(), GState::none);
        for (std::size_t k = 0; k < slots.size(); ++k) {
            const auto g = slots[k];
            if (g < 0) continue;
            const Span& sp = spans[g];
            if (r.group == g)
                st[k] = l == sp.first ? GState::first : l == sp.last_member ? GState::last : GState::middle;
            else if (l < sp.last_member)
                st[k] = GState::cont_members;
            else if (r.group_child == g && lines[l].parent_line < 0)
                st[k] = l == sp.end ? GState::child_last : GState::child_middle;
            else
                st[k] = GState::cont_children;
        }
        for (auto& g : slots)
            if (g >= 0 && spans[g].end == l) g = -1;
    }
    for (std::size_t l = 0; l < lines.size(); ++l) {
        auto st = states[l];
        st.resize(nslots, GState::none);
        std::string art, empty;
        bool filled = false;
        for (std::size_t k = 0; k < nslots && !filled; ++k) {
            switch (st[k]) {
            case GState::none: art += "   "; empty += "   "; break;
            case GState::first: art += sym.grp_first; break;
            case GState::middle: art += sym.grp_middle; break;
            case GState::last: art += sym.grp_last; break;
            case GState::cont_members: art += sym.grp_vert; art += "  "; break;
            case GState::cont_children: art += ' '; art += sym.grp_vert; art += ' '; break;
            case GState::child_middle:
            case GState::child_last: {
                art += ' ';
                art += st[k] == GState::child_last ? sym.grp_child_last : sym.grp_child_middle;
                bool rest_free = std::all_of(st.begin() + static_cast<std::ptrdiff_t>(k) + 1, st.end(),
                                             [](GState s) { return s == GState::none; });
                if (rest_free) {
                    for (std::size_t i = 0; i < (nslots - k - 1) * 3 + 1; ++i) art += sym.grp_horz;
                    filled = true;
                }
                break;
            }
            }
            switch (st[k]) {
            case GState::first:
            case GState::middle:
            case GState::cont_members: empty += sym.grp_vert; empty += "  "; break;
            case GState::last:
            case GState::child_middle:
            case GState::cont_children: empty += ' '; empty += sym.grp_vert; empty += ' '; break;
            case GState::child_last: empty += "   "; break;
            case GState::none: break;
            }
        }
        if (!filled) art += ' ';
        const std::size_t ew = display_width(empty);
        if (ew < nslots * 3 + 1) empty.append(nslots * 3 + 1 - ew, ' ');
        lines[l].grp_art = std::move(art);
        lines[l].grp_empty_art = std::move(empty);
    }
}

// Depth-first order of the rows. Children keep their row order; rows whose parent chain never
// reaches a root (bad index, cycle) are shown as roots so that nothing is lost or looped over.
std::vector<Line> tree_lines(const Table& t, const Symbols& sym, bool tree, bool groups = false) {
    std::vector<Line> lines;
    const std::size_t n = t.rows.size();
    if (!tree) {
        lines.resize(n);
        for (std::size_t i = 0; i < n; ++i) lines[i].row = i;
        return lines;
    }
    std::vector<std::vector<std::size_t>> kids(n);
    std::vector<std::size_t> roots;
    // groups: the last member row of each group and the top-level rows printed after it
    std::map<std::ptrdiff_t, std::size_t> last_member;
    std::map<std::ptrdiff_t, std::vector<std::size_t>> group_kids;
    if (groups)
        for (std::size_t i = 0; i < n; ++i)
            if (t.rows[i].group >= 0) last_member[t.rows[i].group] = i;
    for (std::size_t i = 0; i < n; ++i) {
        auto p = t.rows[i].parent;
        if (p >= 0 && static_cast<std::size_t>(p) < n && static_cast<std::size_t>(p) != i)
            kids[static_cast<std::size_t>(p)].push_back(i);
        else if (groups && t.rows[i].group_child >= 0 && last_member.count(t.rows[i].group_child))
            group_kids[t.rows[i].group_child].push_back(i);
        else
            roots.push_back(i);
    }
    std::vector<bool> seen(n, false);
    std::vector<std::ptrdiff_t> pending;  // groups whose last member was printed
    // prefix[line] = art that descendants of this line inherit
    std::vector<std::string> prefix;
    auto walk = [&](std::size_t root) {
        struct Frame {
            std::size_t row;
            std::ptrdiff_t parent_line;
            bool last;
        };
        std::vector<Frame> stack{{root, -1, true}};
        while (!stack.empty()) {
            Frame f = stack.back();
            stack.pop_back();
            if (seen[f.row]) continue;
            seen[f.row] = true;
            Line ln;
            ln.row = f.row;
            ln.parent_line = f.parent_line;
            ln.last_child = f.last;
            std::string inherit;
            if (f.parent_line >= 0) {
                const std::string& pp = prefix[static_cast<std::size_t>(f.parent_line)];
                ln.depth = lines[static_cast<std::size_t>(f.parent_line)].depth + 1;
                ln.art = pp + (f.last ? sym.right : sym.branch);
                inherit = pp + (f.last ? "  " : sym.vert);
            }
            std::size_t live = 0;
            for (auto k : kids[f.row])
                if (!seen[k]) ++live;
            ln.has_children = live > 0;
            ln.pad_art = f.parent_line >= 0 ? inherit : std::string{};
            ln.cont_art = ln.pad_art;
            if (ln.has_children) ln.cont_art += sym.vert;
            lines.push_back(std::move(ln));
            prefix.push_back(std::move(inherit));
            const auto me = static_cast<std::ptrdiff_t>(lines.size() - 1);
            std::vector<std::size_t> todo;
            for (auto k : kids[f.row])
                if (!seen[k]) todo.push_back(k);
            const auto g = t.rows[f.row].group;
            if (groups && g >= 0 && last_member[g] == f.row) pending.push_back(g);
            for (std::size_t j = todo.size(); j-- > 0;)
                stack.push_back({todo[j], me, j + 1 == todo.size()});
        }
    };
    // compat: the children of a group are printed as top-level lines once the top-level
    // subtree holding the group's last member is done, groups in the order they completed
    auto walk_top = [&](std::size_t r) {
        walk(r);
        for (std::size_t k = 0; k < pending.size(); ++k)
            for (auto c : group_kids[pending[k]]) walk(c);
        pending.clear();
    };
    for (auto r : roots) walk_top(r);
    for (std::size_t i = 0; i < n; ++i)
        if (!seen[i]) walk_top(i);
    if (groups) group_art(t, sym, lines);
    return lines;
}

std::vector<std::string> split_lines(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto nl = s.find('\n', start);
        if (nl == std::string_view::npos) {
            out.emplace_back(s.substr(start));
            break;
        }
        out.emplace_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

// Cut S (already encoded, printable) to at most W display cells.
std::string truncate_cells(const std::string& s, std::size_t w) {
    std::string out;
    std::size_t used = 0;
    std::mbstate_t st{};
    const char* p = s.data();
    std::size_t left = s.size();
    while (left > 0) {
        std::size_t n = 1, cw = 1;
        if (static_cast<unsigned char>(*p) >= 0x80) {
            wchar_t wc = 0;
            std::size_t r = std::mbrtowc(&wc, p, left, &st);
            if (r == static_cast<std::size_t>(-1) || r == static_cast<std::size_t>(-2) || r == 0) {
                st = std::mbstate_t{};
            } else {
                n = r;
                int x = ::wcwidth(wc);
                cw = x < 0 ? 1 : static_cast<std::size_t>(x);
            }
        }
        if (used + cw > w) break;
        out.append(p, n);
        used += cw;
        p += n;
        left -= n;
    }
    return out;
}

struct ColState {
    std::size_t idx = 0;  // index in Table::columns
    const ColumnSpec* spec = nullptr;
    std::size_t width = 0;
    std::size_t width_min = 0;
    std::size_t width_max = 0;  // widest cell
    bool trunc = false;
    bool tree = false;
    bool right = false;
    bool wrap = false;
    bool extreme = false;
    std::string header;  // encoded
    std::string header_indent;  // blanks in front of the header (group art width, tree column)
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view column_key(const ColumnSpec& c) {
    return c.json_name.empty() ? std::string_view(c.header) : std::string_view(c.json_name);
}

// ---------------------------------------------------------------- aligned

class AlignedPrinter {
public:
    AlignedPrinter(const Table& t, const ScolsOptions& o, const Symbols& sym)
        : t_(t), o_(o), sym_(sym) {}

    std::string run() {
        for (std::size_t i = 0; i < t_.columns.size(); ++i) {
            const auto& c = t_.columns[i];
            if (c.flags & col_hidden) continue;
            ColState s;
            s.idx = i;
            s.spec = &c;
            s.trunc = (c.flags & col_trunc) && !o_.notruncate;
            s.tree = o_.tree && (c.flags & col_tree);
            s.right = c.align == Align::right || (c.flags & col_right);
            s.wrap = c.flags & col_wrap;
            s.header = scols_safe_encode(c.header);
            cols_.push_back(std::move(s));
        }
        if (cols_.empty()) return {};
        bool groups = false;
        if (o_.tree)
            for (const auto& r : t_.rows)
                if (r.group >= 0) groups = true;
        lines_ = tree_lines(t_, sym_, o_.tree, groups);
        if (groups && !lines_.empty()) {
            // compat: the tree column's header is indented by the width of the group art (the
            // indent does not count in the column's minimum width)
            for (auto& c : cols_)
                if (c.tree) c.header_indent.assign(display_width(lines_[0].grp_empty_art), ' ');
        }
        // Encoded chunks per line and visible column.
        data_.resize(lines_.size());
        for (std::size_t l = 0; l < lines_.size(); ++l) {
            const Row& row = t_.rows[lines_[l].row];
            data_[l].resize(cols_.size());
            for (std::size_t c = 0; c < cols_.size(); ++c) {
                const std::string empty;
                const std::string& text =
                    cols_[c].idx < row.cells.size() ? row.cells[cols_[c].idx].text : empty;
                auto& chunks = data_[l][c];
                if (cols_[c].wrap) {
                    for (auto& piece : split_lines(text)) chunks.push_back(scols_safe_encode(piece));
                } else {
                    chunks.push_back(scols_safe_encode(text));
                }
                if (cols_[c].tree) chunks.front() = lines_[l].grp_art + lines_[l].art + chunks.front();
            }
        }
        calculate();
        // compat: libsmartcols print_pending_data(): of a multi-line cell, the first and middle
        // lines are printed whole, the last one is cut at the column width and continues on
        // the next lines.
        for (std::size_t c = 0; c < cols_.size(); ++c) {
            if (!cols_[c].wrap || !cols_[c].width) continue;
            for (auto& row : data_) {
                auto& chunks = row[c];
                if (chunks.size() < 2) continue;
                std::string rest = chunks.back();
                chunks.pop_back();
                while (display_width(rest) > cols_[c].width) {
                    std::string head = truncate_cells(rest, cols_[c].width);
                    if (head.empty()) break;
                    chunks.push_back(head);
                    rest.erase(0, head.size());
                }
                chunks.push_back(rest);
            }
        }
        std::string out;
        if (!o_.noheadings) print_header(out);
        for (std::size_t l = 0; l < lines_.size(); ++l) print_line(out, l);
        return out;
    }

private:
    std::size_t cell_width(std::size_t l, std::size_t c) const {
        std::size_t w = 0;
        for (auto& ch : data_[l][c]) w = std::max(w, display_width(ch));
        return w;
    }

    void count_width(ColState& s, std::size_t c, bool skip_extremes) {
        const auto& spec = *s.spec;
        if (!s.width_min) {
            if (spec.width_hint < 1 && o_.maxout && o_.term_width) {
                s.width_min = static_cast<std::size_t>(spec.width_hint * double(*o_.term_width));
                if (s.width_min && c + 1 != cols_.size()) --s.width_min;
            }
            // compat: the header counts even with --noheadings
            s.width_min = std::max(s.width_min, display_width(s.header));
            s.width_min = std::max(s.width_min, spec.min_width);
            if (!s.width_min) s.width_min = 1;
        }
        std::size_t maxw = 0, sum = 0, cnt = 0;
        std::vector<std::size_t> ws(lines_.size());
        for (std::size_t l = 0; l < lines_.size(); ++l) {
            ws[l] = cell_width(l, c);
            maxw = std::max(maxw, ws[l]);
            sum += ws[l];
            ++cnt;
        }
        std::size_t avg = cnt ? sum / cnt : 0;
        std::size_t w = 0;
        for (std::size_t l = 0; l < lines_.size(); ++l) {
            if (skip_extremes && avg && ws[l] > avg * 2) continue;
            w = std::max(w, ws[l]);
        }
        if ((spec.flags & col_noextremes) && avg && maxw > avg * 2) s.extreme = true;
        s.width_max = maxw;
        // compat: libsmartcols count_column_width(): data narrower than the header is widened
        // to the header; otherwise an absolute hint widens it (so "100K" under USED with hint
        // 5 is 5 wide while "2M" under SIZE stays 4).
        s.width = w;
        if (s.width < s.width_min && !(spec.flags & col_strict_width))
            s.width = s.width_min;
        else if (spec.width_hint >= 1 && s.width < static_cast<std::size_t>(spec.width_hint) &&
                 s.width_min < static_cast<std::size_t>(spec.width_hint))
            s.width = static_cast<std::size_t>(spec.width_hint);
    }

    // compat: libsmartcols __scols_calculate(): non-terminal output is never reduced; on a
    // terminal, extreme columns shrink first, then relative-hint columns (truncatable ones
    // before the others), one cell per round, never below their minimum.
    void calculate() {
        std::size_t width = 0;
        std::size_t extremes = 0;
        for (std::size_t c = 0; c < cols_.size(); ++c) {
            count_width(cols_[c], c, false);
            width += cols_[c].width + (c + 1 == cols_.size() ? 0 : 1);
            if (cols_[c].extreme) ++extremes;
        }
        if (!o_.term_width) return;
        const std::size_t term = *o_.term_width;
        if (width > term && extremes) {
            for (std::size_t c = 0; c < cols_.size(); ++c) {
                if (!cols_[c].extreme) continue;
                std::size_t org = cols_[c].width;
                count_width(cols_[c], c, true);
                if (org > cols_[c].width) width -= org - cols_[c].width;
            }
        }
        if (width < term && extremes) {
            // compat: give the room left back to the first extreme columns, up to their widest
            for (auto& s : cols_) {
                if (!s.extreme || width >= term) continue;
                std::size_t add = term - width;
                if (s.width_max <= s.width) continue;
                add = std::min(add, s.width_max - s.width);
                s.width += add;
                width += add;
            }
        }
        if (width < term) {
            if (o_.maxout) {
                while (width < term) {
                    for (auto& s : cols_) {
                        ++s.width;
                        ++width;
                        if (width == term) break;
                    }
                }
            } else if (!cols_.back().right) {
                cols_.back().width += term - width;
                width = term;
            }
        }
        // stage 1: truncatable columns with a relative hint, down to their share of the
        // terminal; stage 2: every column that has no absolute hint (or may be truncated),
        // one cell per column and round, down to its minimum.
        for (int stage = 1; stage <= 2 && width > term; ++stage) {
            for (;;) {
                const std::size_t org = width;
                for (auto& s : cols_) {
                    if (width <= term) break;
                    const double hint = s.spec->width_hint;
                    if (s.width <= s.width_min) continue;
                    if (hint >= 1 && !s.trunc) continue;  // never shrink absolute sizes
                    if (stage == 1 && !(s.trunc || s.wrap)) continue;
                    if (stage == 1 && (hint >= 1 || double(s.width) < hint * double(term))) continue;
                    --s.width;
                    --width;
                }
                if (org == width || width <= term) break;
            }
        }
    }

    // Print one cell; returns false when the data overflowed and the next column must start on a
    // new line (libsmartcols print_newline_padding()).
    void print_cell(std::string& out, std::size_t c, const std::string& data, std::ptrdiff_t line) {
        const ColState& s = cols_[c];
        const bool last = c + 1 == cols_.size();
        // compat: an empty last cell prints nothing, even when right-aligned
        if (last && data.empty() && !o_.maxout) return;
        std::size_t width = s.width;
        std::string text = data;
        std::size_t len = display_width(text);
        if (last && len < width && !o_.maxout && !s.right) width = len;
        if (len > width && s.trunc) {
            text = truncate_cells(text, width);
            len = display_width(text);
        }
        if (s.right) {
            if (len < width) pad(out, width - len);
            out += text;
        } else {
            out += text;
            if (len < width) pad(out, width - len);
        }
        if (last) return;
        if (len > width && !s.trunc) {
            out += '\n';
            for (std::size_t i = 0; i <= c; ++i) print_empty(out, i, line, false);
        } else {
            out += ' ';
        }
    }

    // compat: libsmartcols print_empty_cell(): the tree column shows the ancestors' lines, and
    // the row's own vertical line only while more lines of a multi-line cell follow.
    void print_empty(std::string& out, std::size_t c, std::ptrdiff_t line, bool pending) {
        const ColState& s = cols_[c];
        std::size_t len = 0;
        if (line >= 0 && s.tree) {
            const auto& ln = lines_[static_cast<std::size_t>(line)];
            const std::string& art = pending ? ln.cont_art : ln.pad_art;
            out += ln.grp_empty_art;
            out += art;
            len = display_width(ln.grp_empty_art) + display_width(art);
        }
        if (len < s.width) pad(out, s.width - len);
        if (c + 1 != cols_.size()) out += ' ';
    }

    void print_header(std::string& out) {
        for (std::size_t c = 0; c < cols_.size(); ++c)
            print_cell(out, c, cols_[c].header_indent + cols_[c].header, -1);
        out += '\n';
    }

    void print_line(std::string& out, std::size_t l) {
        std::size_t nlines = 1;
        for (auto& chunks : data_[l]) nlines = std::max(nlines, chunks.size());
        for (std::size_t k = 0; k < nlines; ++k) {
            for (std::size_t c = 0; c < cols_.size(); ++c) {
                const auto& chunks = data_[l][c];
                if (k < chunks.size()) {
                    std::string d = chunks[k];
                    if (k > 0 && cols_[c].tree) {
                        std::string art = lines_[l].grp_empty_art;
                        art += lines_[l].cont_art;
                        d.insert(0, art);
                    }
                    print_cell(out, c, d, static_cast<std::ptrdiff_t>(l));
                } else {
                    if (c + 1 == cols_.size()) {
                        // trailing empty last cell: nothing, except tree art
                        if (cols_[c].tree) out += lines_[l].grp_empty_art + lines_[l].cont_art;
                    } else {
                        print_empty(out, c, static_cast<std::ptrdiff_t>(l), true);
                    }
                }
            }
            out += '\n';
        }
    }

    const Table& t_;
    const ScolsOptions& o_;
    const Symbols& sym_;
    std::vector<ColState> cols_;
    std::vector<Line> lines_;
    std::vector<std::vector<std::vector<std::string>>> data_;
};

// ---------------------------------------------------------------- raw / pairs

std::string render_flat(const Table& t, const ScolsOptions& o) {
    std::vector<std::size_t> cols;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        if (!(t.columns[i].flags & col_hidden)) cols.push_back(i);
    std::string out;
    if (cols.empty()) return out;
    const bool pairs = o.mode == ScolsMode::pairs;
    if (!pairs && !o.noheadings) {
        for (std::size_t k = 0; k < cols.size(); ++k) {
            if (k) out += ' ';
            out += scols_raw_encode(t.columns[cols[k]].header);
        }
        out += '\n';
    }
    std::vector<std::string> names;
    for (auto i : cols)
        names.push_back(o.shell_names ? scols_shell_name(t.columns[i].header) : t.columns[i].header);
    for (const auto& ln : tree_lines(t, o.ascii ? ascii_symbols : utf8_symbols, o.tree)) {
        const Row& row = t.rows[ln.row];
        for (std::size_t k = 0; k < cols.size(); ++k) {
            if (k) out += ' ';
            std::string_view v =
                cols[k] < row.cells.size() ? std::string_view(row.cells[cols[k]].text) : std::string_view{};
            std::string with_art;
            if (o.tree && (t.columns[cols[k]].flags & col_tree) && !ln.art.empty()) {
                with_art = ln.art;
                with_art += v;
                v = with_art;
            }
            if (pairs) {
                out += names[k];
                out += "=\"";
                out += scols_pairs_encode(v);
                out += '"';
            } else {
                out += scols_raw_encode(v);
            }
        }
        out += '\n';
    }
    return out;
}

// ---------------------------------------------------------------- json

class JsonPrinter {
public:
    JsonPrinter(const Table& t, const ScolsOptions& o) : t_(t), o_(o) {}

    std::string run() {
        for (std::size_t i = 0; i < t_.columns.size(); ++i)
            if (!(t_.columns[i].flags & col_hidden)) cols_.push_back(i);
        const std::size_t n = t_.rows.size();
        kids_.resize(n);
        std::vector<std::size_t> roots;
        for (std::size_t i = 0; i < n; ++i) {
            auto p = t_.rows[i].parent;
            if (o_.tree && p >= 0 && static_cast<std::size_t>(p) < n && static_cast<std::size_t>(p) != i)
                kids_[static_cast<std::size_t>(p)].push_back(i);
            else
                roots.push_back(i);
        }
        if (o_.tree && std::any_of(t_.rows.begin(), t_.rows.end(), [](const Row& r) { return r.group >= 0; })) {
            // compat: group children come after the subtree holding the group's last member
            roots.clear();
            for (const auto& ln : tree_lines(t_, ascii_symbols, true, true))
                if (ln.parent_line < 0) roots.push_back(ln.row);
        }
        seen_.assign(n, false);
        out_ += "{\n   \"";
        out_ += scols_json_encode(t_.name);
        out_ += "\": [\n";
        bool first = true;
        auto emit_root = [&](std::size_t r) {
            if (seen_[r]) return;
            if (!first) out_ += ",";
            else indent(2);
            first = false;
            print_row(r, 2);
        };
        for (auto r : roots) emit_root(r);
        for (std::size_t i = 0; i < n; ++i) emit_root(i);  // rows caught in parent cycles
        out_ += '\n';  // compat: libsmartcols leaves an empty line in an empty array
        out_ += "   ]\n}\n";
        return out_;
    }

private:
    void indent(std::size_t level) { out_.append(level * 3, ' '); }

    void value(const ColumnSpec& spec, std::string_view text, std::size_t level) {
        switch (spec.json) {
        case JsonKind::number:
            if (text.empty())
                out_ += "null";
            else
                out_ += text;
            break;
        case JsonKind::boolean:
            out_ += (text.empty() || text == "0" || text[0] == 'N' || text[0] == 'n') ? "false" : "true";
            break;
        case JsonKind::array: {
            out_ += "[\n";
            auto items = split_lines(text);
            for (std::size_t k = 0; k < items.size(); ++k) {
                if (k) out_ += ",\n";
                indent(level);
                out_ += "    ";
                if (items[k].empty() && items.size() == 1) {
                    out_ += "null";
                } else {
                    out_ += '"';
                    out_ += scols_json_encode(items[k]);
                    out_ += '"';
                }
            }
            out_ += '\n';
            indent(level);
            out_ += ']';
            break;
        }
        case JsonKind::string:
            if (text.empty()) {
                out_ += "null";
            } else {
                out_ += '"';
                out_ += scols_json_encode(text);
                out_ += '"';
            }
            break;
        }
    }

    // Prints "{ ... }" for row R whose opening brace is at LEVEL (indentation already written).
    void print_row(std::size_t r, std::size_t level) {
        seen_[r] = true;
        const Row& row = t_.rows[r];
        out_ += "{\n";
        std::vector<std::size_t> live;
        for (auto k : kids_[r])
            if (!seen_[k]) live.push_back(k);
        for (std::size_t k = 0; k < cols_.size(); ++k) {
            const auto& spec = t_.columns[cols_[k]];
            indent(level + 1);
            out_ += '"';
            out_ += scols_json_encode(lower(column_key(spec)));
            out_ += "\": ";
            std::string_view text = cols_[k] < row.cells.size() ? std::string_view(row.cells[cols_[k]].text) : "";
            value(spec, text, level + 1);
            if (k + 1 != cols_.size() || !live.empty()) out_ += ',';
            out_ += '\n';
        }
        if (!live.empty()) {
            indent(level + 1);
            out_ += "\"children\": [\n";
            bool first = true;
            for (auto k : live) {
                if (seen_[k]) continue;
                if (!first) out_ += ",";
                else indent(level + 2);
                first = false;
                print_row(k, level + 2);
            }
            out_ += '\n';
            indent(level + 1);
            out_ += "]\n";
        }
        indent(level);
        out_ += '}';
    }

    const Table& t_;
    const ScolsOptions& o_;
    std::vector<std::size_t> cols_;
    std::vector<std::vector<std::size_t>> kids_;
    std::vector<bool> seen_;
    std::string out_;
};

}  // namespace

bool ascii_tree_by_locale() { return !utf8_locale(); }

std::optional<std::size_t> scols_terminal_width() {
    if (const char* c = std::getenv("COLUMNS")) {
        auto v = parse::to_u64(c);
        if (v && *v > 0 && *v < (std::size_t{1} << 20)) return static_cast<std::size_t>(*v);
    }
    struct winsize ws {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return std::nullopt;
}

std::string scols_shell_name(std::string_view header) {
    std::string out;
    if (!header.empty() && std::isdigit(static_cast<unsigned char>(header[0]))) out += '_';
    for (char ch : header) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == '%')
            out += "_PCT";
        else if (std::isalnum(c) || c == '_')
            out += ch;
        else
            out += '_';
    }
    return out;
}

std::string scols_safe_encode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const bool mb = utf8_locale() || MB_CUR_MAX > 1;
    std::mbstate_t st{};
    // S is a view the caller keeps alive for the call; cppcheck 2.10 mistakes a range-for
    // temporary at one call site for a dangling pointer here.
    // cppcheck-suppress [danglingTemporaryLifetime, invalidLifetime]
    const char* p = s.data();
    std::size_t left = s.size();
    while (left > 0) {
        unsigned char c = static_cast<unsigned char>(*p);
        if (c < 0x80) {
            // compat: a backslash that starts "\x" is escaped too, so output stays unambiguous
            if (c < 0x20 || c == 0x7f || (c == '\\' && left > 1 && p[1] == 'x'))
                hex_byte(out, c);
            else
                out += static_cast<char>(c);
            ++p;
            --left;
            continue;
        }
        if (mb) {
            wchar_t wc = 0;
            std::size_t n = std::mbrtowc(&wc, p, left, &st);
            if (n != static_cast<std::size_t>(-1) && n != static_cast<std::size_t>(-2) && n != 0 &&
                std::iswprint(static_cast<wint_t>(wc))) {
                out.append(p, n);
                p += n;
                left -= n;
                continue;
            }
            st = std::mbstate_t{};
        }
        hex_byte(out, c);
        ++p;
        --left;
    }
    return out;
}

std::string scols_raw_encode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f || c == '\\')
            hex_byte(out, c);
        else
            out += ch;
    }
    return out;
}

std::string scols_pairs_encode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '`' || c == '$')
            hex_byte(out, c);
        else
            out += ch;
    }
    return out;
}

// compat: util-linux leaves DEL (0x7f) unescaped in JSON strings.
std::string scols_json_encode(std::string_view s) { return escape_json(s, /*escape_del=*/false); }

std::string render_scols(const Table& table, const ScolsOptions& opts) {
    // compat: libsmartcols prints nothing at all (not even headers) for a table without lines,
    // except the empty JSON skeleton.
    if (table.rows.empty() && opts.mode != ScolsMode::json) return {};
    if (opts.shell_names) {
        // compat: libsmartcols "shellvar" renames the columns in every output mode
        Table renamed = table;
        for (auto& c : renamed.columns) {
            c.header = scols_shell_name(c.header);
            if (!c.json_name.empty()) c.json_name = scols_shell_name(c.json_name);
        }
        ScolsOptions o = opts;
        o.shell_names = false;
        return render_scols(renamed, o);
    }
    switch (opts.mode) {
    case ScolsMode::raw:
    case ScolsMode::pairs:
        return render_flat(table, opts);
    case ScolsMode::json:
        return JsonPrinter(table, opts).run();
    case ScolsMode::aligned:
        break;
    }
    return AlignedPrinter(table, opts, opts.ascii ? ascii_symbols : utf8_symbols).run();
}

}  // namespace procstat::out
