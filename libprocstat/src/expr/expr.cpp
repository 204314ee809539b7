// SPDX-License-Identifier: GPL-2.0-or-later
// Tokenizer, recursive-descent parser and evaluator of the filter/check expression language.
#include "procstat/expr/expr.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <charconv>
#include <fmt/format.h>
#include <regex.h>

namespace procstat::expr {

// ------------------------------------------------------------------ literals

std::optional<double> parse_number(std::string_view t) {
    if (t.empty()) return std::nullopt;
    std::size_t i = 0;
    bool dot = false, digits = false;
    while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || (t[i] == '.' && !dot))) {
        if (t[i] == '.') dot = true;
        else digits = true;
        ++i;
    }
    if (!digits) return std::nullopt;
    double v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + i, v);
    if (ec != std::errc() || p != t.data() + i) return std::nullopt;
    std::string_view unit = t.substr(i);
    if (unit.empty()) return v;
    if (unit == "%") return v;
    static constexpr std::string_view letters = "KMGTPE";
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(unit[0])));
    std::size_t power = letters.find(u);
    if (unit[0] == 'B' && unit.size() == 1) return v;
    if (power == std::string_view::npos) return std::nullopt;
    std::string_view rest = unit.substr(1);
    double base = 1024;
    if (rest == "B") base = 1000;
    else if (rest.empty() || rest == "iB") base = 1024;
    else return std::nullopt;
    return v * std::pow(base, static_cast<double>(power + 1));
}

// ------------------------------------------------------------------ AST

enum class Op { eq, ne, lt, le, gt, ge, match, nomatch };

struct Operand {
    enum class Kind { ident, number, string } kind = Kind::number;
    std::string text;  // identifier name or string literal
    double number = 0;
};

struct Node {
    enum class Kind { and_, or_, not_, compare, truth } kind = Kind::truth;
    std::unique_ptr<Node> a;                   // operand of not_
    std::vector<std::unique_ptr<Node>> terms;  // operands of and_/or_: a chain is one flat node,
                                               // so evaluating or freeing it never recurses deeply
    Operand lhs, rhs;
    Op op = Op::eq;
    std::shared_ptr<regex_t> re;  // for match/nomatch with a literal pattern
};

// ------------------------------------------------------------------ tokenizer

namespace {

// Upper bound on the number of nodes glibc's regcomp builds for an ERE. regcomp expands
// repetitions by copying the repeated tree: x+ becomes x x*, x{n,m} becomes m copies, and nested
// repetitions multiply, so "v++++...+" (70 '+') or "((a{99}){99}){99}" asks for more memory than
// the machine has. The estimate follows that expansion; atoms count 1, brackets and escapes are
// one atom. Saturates at limit + 1.
std::size_t regex_cost(std::string_view p, std::size_t limit) {
    struct Group {
        std::size_t total = 0;  // nodes in this group so far
        std::size_t last = 0;   // nodes of the last atom (what a repetition applies to)
    };
    const std::size_t cap = limit + 1;
    auto add = [cap](std::size_t a, std::size_t b) { return std::min(cap, a + b); };
    auto mul = [cap](std::size_t a, std::size_t b) { return b != 0 && a > cap / b ? cap : std::min(cap, a * b); };
    std::vector<Group> stack(1);
    auto atom = [&](std::size_t n) {
        stack.back().total = add(stack.back().total, n);
        stack.back().last = n;
    };
    auto repeat = [&](std::size_t factor) {  // last atom now stands factor times (at least once)
        Group& g = stack.back();
        if (g.last == 0) return atom(1);  // a leading '*' or '+' is an ordinary character
        std::size_t grown = mul(g.last, std::max<std::size_t>(factor, 1));
        g.total = add(g.total, grown - std::min(grown, g.last) + 1);
        g.last = add(grown, 1);
    };
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (stack.back().total >= cap) return cap;
        switch (c) {
        case '\\':
            ++i;
            atom(1);
            break;
        case '[': {
            std::size_t j = i + 1;
            if (j < p.size() && p[j] == '^') ++j;
            if (j < p.size() && p[j] == ']') ++j;
            while (j < p.size() && p[j] != ']') {
                if (p[j] == '[' && j + 1 < p.size() && (p[j + 1] == ':' || p[j + 1] == '.' || p[j + 1] == '=')) {
                    auto close = p.find(std::string{p[j + 1], ']'}, j + 2);
                    j = close == std::string_view::npos ? p.size() : close + 2;
                } else {
                    ++j;
                }
            }
            i = j;
            atom(1);
            break;
        }
        case '(': stack.emplace_back(); break;
        case ')':
            if (stack.size() > 1) {
                std::size_t n = add(stack.back().total, 1);
                stack.pop_back();
                atom(n);
            } else {
                atom(1);
            }
            break;
        case '|': stack.back().total = add(stack.back().total, 1), stack.back().last = 0; break;
        case '*':
        case '?': repeat(1); break;
        case '+': repeat(2); break;
        case '{': {
            std::size_t j = i + 1, lo = 0, hi = 0;
            bool digits = false, comma = false, hi_digits = false;
            while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j])))
                lo = std::min<std::size_t>(lo * 10 + static_cast<std::size_t>(p[j++] - '0'), 1u << 20), digits = true;
            if (j < p.size() && p[j] == ',') {
                comma = true;
                ++j;
                while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j])))
                    hi = std::min<std::size_t>(hi * 10 + static_cast<std::size_t>(p[j++] - '0'), 1u << 20), hi_digits = true;
            }
            if (digits && j < p.size() && p[j] == '}') {
                i = j;
                repeat(comma && !hi_digits ? lo + 1 : std::max(lo, hi));
            } else {
                atom(1);  // not an interval: regcomp takes '{' literally or rejects the pattern
            }
            break;
        }
        default: atom(1);
        }
    }
    std::size_t total = 0;
    for (const Group& g : stack) total = add(total, g.total);
    return total;
}

// What repetitions may add to a pattern, in nodes, beyond one node per character of the pattern.
// Far more than any filter needs; regcomp's time grows faster than quadratically with the copies
// when the repeated part can match the empty string ("((((a?)+)+)+)+": 2,500 nodes cost 0.2 s,
// 9,000 nodes 3 s), and without a bound "v" and 70 '+' asks for gigabytes.
constexpr std::size_t regex_expansion_limit = 2000;

bool regex_too_complex(std::string_view pattern) {
    std::size_t limit = regex_expansion_limit + pattern.size();
    return regex_cost(pattern, limit) > limit;
}

// POSIX extended regular expressions (as grep -E and awk): no recursion on the stack, unlike
// std::regex, so long subjects cannot overflow it.
std::shared_ptr<regex_t> compile_regex(const std::string& pattern) {
    if (regex_too_complex(pattern)) return nullptr;
    auto* re = new regex_t;
    if (::regcomp(re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0) {
        delete re;
        return nullptr;
    }
    return std::shared_ptr<regex_t>(re, [](regex_t* r) {
        ::regfree(r);
        delete r;
    });
}

bool regex_search(const std::string& subject, const regex_t& re) {
    return ::regexec(&re, subject.c_str(), 0, nullptr, 0) == 0;
}

enum class Tok { end, lparen, rparen, and_, or_, not_, op, ident, number, string };

struct Token {
    Tok kind = Tok::end;
    Op op = Op::eq;
    std::string text;
    double number = 0;
    std::size_t col = 1;  // 1-based
};

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '%' || c == ':' || c == '-' || c == '.' ||
           c == '/';  // "buff/cache" (free); the language has no division
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

class Lexer {
public:
    Lexer(std::string_view s, ParseError& err) : s_(s), err_(err) {}

    bool next(Token& t) {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
        t = Token{};
        t.col = pos_ + 1;
        if (pos_ >= s_.size()) return true;
        char c = s_[pos_];
        auto two = [&](std::string_view w) { return s_.substr(pos_, 2) == w; };
        if (c == '(') { t.kind = Tok::lparen; ++pos_; return true; }
        if (c == ')') { t.kind = Tok::rparen; ++pos_; return true; }
        if (two("&&")) { t.kind = Tok::and_; pos_ += 2; return true; }
        if (two("||")) { t.kind = Tok::or_; pos_ += 2; return true; }
        if (two("==")) return op(t, Op::eq, 2);
        if (two("!=")) return op(t, Op::ne, 2);
        if (two("<=")) return op(t, Op::le, 2);
        if (two(">=")) return op(t, Op::ge, 2);
        if (two("=~")) return op(t, Op::match, 2);
        if (two("!~")) return op(t, Op::nomatch, 2);
        if (c == '<') return op(t, Op::lt, 1);
        if (c == '>') return op(t, Op::gt, 1);
        if (c == '=') return op(t, Op::eq, 1);
        if (c == '!') { t.kind = Tok::not_; ++pos_; return true; }
        if (c == '"' || c == '\'') return string(t, c);
        if (std::isdigit(static_cast<unsigned char>(c)) ||
            (c == '.' && pos_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1]))))
            return number(t);
        // ps' "%cpu" and "%mem" begin with '%' (a percent literal is a number followed by '%')
        if (ident_start(c) || (c == '%' && pos_ + 1 < s_.size() && ident_start(s_[pos_ + 1]))) {
            std::size_t b = pos_;
            while (pos_ < s_.size() && ident_char(s_[pos_])) ++pos_;
            t.text = std::string(s_.substr(b, pos_ - b));
            if (iequals(t.text, "and")) t.kind = Tok::and_;
            else if (iequals(t.text, "or")) t.kind = Tok::or_;
            else if (iequals(t.text, "not")) t.kind = Tok::not_;
            else t.kind = Tok::ident;
            return true;
        }
        err_ = {pos_ + 1, fmt::format("unexpected character '{}'", c)};
        return false;
    }

private:
    bool op(Token& t, Op o, std::size_t len) {
        t.kind = Tok::op;
        t.op = o;
        t.text = std::string(s_.substr(pos_, len));
        pos_ += len;
        return true;
    }

    bool string(Token& t, char quote) {
        std::size_t start = pos_++;
        std::string out;
        while (pos_ < s_.size() && s_[pos_] != quote) {
            char c = s_[pos_++];
            if (c == '\\' && pos_ < s_.size()) {
                char e = s_[pos_++];
                switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                default: out += e;  // \" \\ \' and anything else: the character itself
                }
            } else {
                out += c;
            }
        }
        if (pos_ >= s_.size()) {
            err_ = {start + 1, "unterminated string"};
            return false;
        }
        ++pos_;
        t.kind = Tok::string;
        t.text = std::move(out);
        return true;
    }

    bool number(Token& t) {
        std::size_t b = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' || s_[pos_] == '%'))
            ++pos_;
        std::string_view lit = s_.substr(b, pos_ - b);
        auto v = parse_number(lit);
        if (!v) {
            err_ = {b + 1, fmt::format("invalid number '{}'", lit)};
            return false;
        }
        t.kind = Tok::number;
        t.number = *v;
        t.text = std::string(lit);
        return true;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
    ParseError& err_;
};

// ------------------------------------------------------------------ parser

class Parser {
public:
    Parser(std::string_view s, ParseError& err, std::vector<std::string>& idents,
           std::vector<std::size_t>& ident_cols)
        : lex_(s, err), err_(err), idents_(idents), ident_cols_(ident_cols), len_(s.size()) {}

    std::unique_ptr<Node> parse() {
        if (!advance()) return nullptr;
        if (tok_.kind == Tok::end) return fail(tok_.col, "empty expression");
        auto n = parse_or();
        if (!n) return nullptr;
        if (tok_.kind != Tok::end) return fail(tok_.col, fmt::format("unexpected '{}'", describe()));
        return n;
    }

private:
    bool advance() { return lex_.next(tok_); }

    std::unique_ptr<Node> fail(std::size_t col, std::string msg) {
        err_ = {col, std::move(msg)};
        return nullptr;
    }

    std::string describe() const {
        switch (tok_.kind) {
        case Tok::end: return "end of expression";
        case Tok::lparen: return "(";
        case Tok::rparen: return ")";
        case Tok::and_: return "and";
        case Tok::or_: return "or";
        case Tok::not_: return "not";
        default: return tok_.text;
        }
    }

    std::unique_ptr<Node> parse_or() {
        auto l = parse_and();
        if (!l || tok_.kind != Tok::or_) return l;
        auto n = std::make_unique<Node>();
        n->kind = Node::Kind::or_;
        n->terms.push_back(std::move(l));
        while (tok_.kind == Tok::or_) {
            if (!advance()) return nullptr;
            auto r = parse_and();
            if (!r) return nullptr;
            n->terms.push_back(std::move(r));
        }
        return n;
    }

    std::unique_ptr<Node> parse_and() {
        auto l = parse_unary();
        if (!l || tok_.kind != Tok::and_) return l;
        auto n = std::make_unique<Node>();
        n->kind = Node::Kind::and_;
        n->terms.push_back(std::move(l));
        while (tok_.kind == Tok::and_) {
            if (!advance()) return nullptr;
            auto r = parse_unary();
            if (!r) return nullptr;
            n->terms.push_back(std::move(r));
        }
        return n;
    }

    // Parentheses and 'not' recurse: bound their nesting so that a hostile expression cannot
    // exhaust the stack (the parser's, the evaluator's or the destructor's).
    static constexpr int max_depth = 256;
    struct Nest {
        int& depth;
        explicit Nest(int& d) : depth(++d) {}
        ~Nest() { --depth; }
    };

    std::unique_ptr<Node> parse_unary() {
        if (tok_.kind == Tok::not_) {
            Nest nest(depth_);
            if (depth_ > max_depth) return fail(tok_.col, fmt::format("expression nested too deeply (more than {} levels)", max_depth));
            if (!advance()) return nullptr;
            auto inner = parse_unary();
            if (!inner) return nullptr;
            auto n = std::make_unique<Node>();
            n->kind = Node::Kind::not_;
            n->a = std::move(inner);
            return n;
        }
        return parse_primary();
    }

    bool operand(Operand& o, std::string_view after) {
        switch (tok_.kind) {
        case Tok::ident:
            o.kind = Operand::Kind::ident;
            o.text = tok_.text;
            if (std::find(idents_.begin(), idents_.end(), o.text) == idents_.end()) {
                idents_.push_back(o.text);
                ident_cols_.push_back(tok_.col);
            }
            break;
        case Tok::number:
            o.kind = Operand::Kind::number;
            o.number = tok_.number;
            o.text = tok_.text;
            break;
        case Tok::string:
            o.kind = Operand::Kind::string;
            o.text = tok_.text;
            break;
        default:
            if (after.empty())
                fail(tok_.col, fmt::format("expected a column name or a value, found '{}'", describe()));
            else
                fail(tok_.col, fmt::format("expected a value after '{}', found '{}'", after, describe()));
            return false;
        }
        return advance();
    }

    std::unique_ptr<Node> parse_primary() {
        if (tok_.kind == Tok::lparen) {
            Nest nest(depth_);
            if (depth_ > max_depth) return fail(tok_.col, fmt::format("expression nested too deeply (more than {} levels)", max_depth));
            std::size_t col = tok_.col;
            if (!advance()) return nullptr;
            auto n = parse_or();
            if (!n) return nullptr;
            if (tok_.kind != Tok::rparen)
                return fail(tok_.kind == Tok::end ? col : tok_.col,
                            tok_.kind == Tok::end ? "missing ')' for this '('" : fmt::format("expected ')', found '{}'", describe()));
            if (!advance()) return nullptr;
            return n;
        }
        auto n = std::make_unique<Node>();
        if (!operand(n->lhs, {})) return nullptr;
        if (tok_.kind != Tok::op) {
            n->kind = Node::Kind::truth;
            return n;
        }
        n->kind = Node::Kind::compare;
        n->op = tok_.op;
        std::string optext = tok_.text;
        if (!advance()) return nullptr;
        std::size_t rcol = tok_.col;
        if (!operand(n->rhs, optext)) return nullptr;
        if ((n->op == Op::match || n->op == Op::nomatch) && n->rhs.kind != Operand::Kind::ident) {
            if (regex_too_complex(n->rhs.text))
                return fail(rcol, fmt::format("regular expression too complex (its repetitions expand to more than {} "
                                              "extra nodes)",
                                              regex_expansion_limit));
            n->re = compile_regex(n->rhs.text);
            if (!n->re) return fail(rcol, fmt::format("invalid regular expression \"{}\"", n->rhs.text));
        }
        return n;
    }

    Lexer lex_;
    Token tok_;
    ParseError& err_;
    std::vector<std::string>& idents_;
    std::vector<std::size_t>& ident_cols_;
    std::size_t len_;
    int depth_ = 0;
};

// ------------------------------------------------------------------ evaluation

Value resolve(const Operand& o, const Lookup& lookup) {
    switch (o.kind) {
    case Operand::Kind::ident: return lookup(o.text);
    case Operand::Kind::number: return o.number;
    case Operand::Kind::string: return o.text;
    }
    return {};
}

std::optional<double> as_number(const Value& v) {
    if (auto d = std::get_if<double>(&v)) return *d;
    if (auto b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
    if (auto s = std::get_if<std::string>(&v)) return parse_number(*s);
    return std::nullopt;
}

std::string as_string(const Value& v) {
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    if (auto d = std::get_if<double>(&v)) {
        if (std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 1e18)
            return fmt::format("{}", static_cast<long long>(*d));
        return fmt::format("{}", *d);
    }
    return {};
}

template <typename T>
bool ordered(Op op, const T& a, const T& b) {
    switch (op) {
    case Op::eq: return a == b;
    case Op::ne: return a != b;
    case Op::lt: return a < b;
    case Op::le: return a <= b;
    case Op::gt: return a > b;
    case Op::ge: return a >= b;
    default: return false;
    }
}

bool compare(const Node& n, const Lookup& lookup) {
    Value l = resolve(n.lhs, lookup);
    if (std::holds_alternative<std::monostate>(l)) return false;
    if (n.op == Op::match || n.op == Op::nomatch) {
        std::string subject = as_string(l);
        bool m;
        if (n.re) {
            m = regex_search(subject, *n.re);
        } else {
            Value r = resolve(n.rhs, lookup);
            if (std::holds_alternative<std::monostate>(r)) return false;
            auto re = compile_regex(as_string(r));
            if (!re) return false;
            m = regex_search(subject, *re);
        }
        return n.op == Op::match ? m : !m;
    }
    Value r = resolve(n.rhs, lookup);
    if (std::holds_alternative<std::monostate>(r)) return false;
    bool lstr = std::holds_alternative<std::string>(l), rstr = std::holds_alternative<std::string>(r);
    if (lstr && rstr) return ordered(n.op, std::get<std::string>(l), std::get<std::string>(r));
    auto a = as_number(l), b = as_number(r);
    if (a && b) return ordered(n.op, *a, *b);
    // a string that is not a number against a number: only != holds
    return n.op == Op::ne;
}

bool truth(const Value& v) {
    if (auto b = std::get_if<bool>(&v)) return *b;
    if (auto d = std::get_if<double>(&v)) return *d != 0;
    if (auto s = std::get_if<std::string>(&v)) return !s->empty();
    return false;
}

bool eval_node(const Node& n, const Lookup& lookup) {
    switch (n.kind) {
    case Node::Kind::and_:
        for (const auto& t : n.terms)
            if (!eval_node(*t, lookup)) return false;
        return true;
    case Node::Kind::or_:
        for (const auto& t : n.terms)
            if (eval_node(*t, lookup)) return true;
        return false;
    case Node::Kind::not_: return !eval_node(*n.a, lookup);
    case Node::Kind::compare: return compare(n, lookup);
    case Node::Kind::truth: return truth(resolve(n.lhs, lookup));
    }
    return false;
}

}  // namespace

// ------------------------------------------------------------------ public

std::string ParseError::format(std::string_view text) const {
    std::string caret(column > 0 ? column - 1 : 0, ' ');
    return fmt::format("column {}: {}\n  {}\n  {}^", column, message, text, caret);
}

Expr::Expr() = default;
Expr::~Expr() = default;
Expr::Expr(Expr&&) noexcept = default;
Expr& Expr::operator=(Expr&&) noexcept = default;

std::optional<Expr> Expr::parse(std::string_view text, ParseError& err) {
    Expr e;
    Parser p(text, err, e.idents_, e.ident_cols_);
    e.root_ = p.parse();
    if (!e.root_) return std::nullopt;
    return e;
}

bool Expr::eval(const Lookup& lookup) const { return root_ && eval_node(*root_, lookup); }

std::optional<Expr> compile(std::string_view text, const std::function<bool(std::string_view)>& known,
                            std::string& message) {
    ParseError err;
    auto e = Expr::parse(text, err);
    if (!e) {
        // one line whatever the text held: control bytes of string literals become \xNN
        message = fmt::format("column {}: ", err.column);
        for (unsigned char c : err.message) {
            if (c < 0x20 || c == 0x7f) message += fmt::format("\\x{:02x}", c);
            else message += static_cast<char>(c);
        }
        return std::nullopt;
    }
    const auto& names = e->identifiers();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (known(names[i])) continue;
        message = fmt::format("column {}: unknown column '{}'", e->identifier_columns()[i], names[i]);
        return std::nullopt;
    }
    return e;
}

bool check_passes(CheckMode mode, std::size_t rows, std::size_t matched) {
    return mode == CheckMode::all ? matched == rows : matched > 0;
}

bool compile_row_tests(const std::optional<std::string>& filter, const std::optional<std::string>& check,
                       bool check_any, const std::function<bool(std::string_view)>& known, RowTests& tests,
                       std::string& message, const char* filter_option) {
    struct Item {
        const std::optional<std::string>& text;
        std::optional<Expr>& dest;
        const char* option;
    };
    for (const Item& it : {Item{filter, tests.filter, filter_option},
                           Item{check, tests.check, check_any ? "--check-any" : "--check"}}) {
        if (!it.text) continue;
        std::string msg;
        it.dest = compile(*it.text, known, msg);
        if (!it.dest) {
            message = std::string("invalid ") + it.option + " expression: " + msg;
            return false;
        }
    }
    tests.mode = check_any ? CheckMode::any : CheckMode::all;
    return true;
}

}  // namespace procstat::expr
