// SPDX-License-Identifier: GPL-2.0-or-later
// The filter/check expression language shared by every tool (-Q EXPR, --check EXPR):
// column names as identifiers, number/size/percent/string literals, comparisons, regex
// matching (POSIX extended regular expressions), and/or/not with parentheses.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace procstat::expr {

// A value seen by the evaluator. Numbers are doubles (exact for integers up to 2^53, which
// covers byte counts up to 8 PiB exactly; larger ones compare approximately). monostate = absent.
using Value = std::variant<std::monostate, double, std::string, bool>;

// Supplies the value of identifier NAME for the row being tested. The tool maps names to its
// column registry (same names as -o); it is called only for identifiers the expression uses.
using Lookup = std::function<Value(std::string_view name)>;

struct Node;

struct ParseError {
    std::size_t column = 0;  // 1-based column in the expression text
    std::string message;     // e.g. "expected a value after '>='"
    std::string format(std::string_view text) const;  // "column 7: ...\n  expr\n        ^"
};

class Expr {
public:
    Expr();
    ~Expr();
    Expr(Expr&&) noexcept;
    Expr& operator=(Expr&&) noexcept;

    // Parse TEXT; on failure returns nullopt and fills ERR.
    static std::optional<Expr> parse(std::string_view text, ParseError& err);

    // The identifiers used, in order of first appearance (for needs masks and validation).
    const std::vector<std::string>& identifiers() const { return idents_; }
    // 1-based column of the first appearance of each identifier (parallel to identifiers()).
    const std::vector<std::size_t>& identifier_columns() const { return ident_cols_; }

    // Evaluate against one row. Comparisons with an absent value are false.
    bool eval(const Lookup& lookup) const;

private:
    std::unique_ptr<Node> root_;
    std::vector<std::string> idents_;
    std::vector<std::size_t> ident_cols_;
};

// Parse TEXT for a tool whose identifiers are the names KNOWN accepts. On failure returns nullopt
// and MESSAGE holds one line without program name or newline, e.g. "column 7: expected a value
// after '<', found 'end of expression'" or "column 1: unknown column 'sise'".
std::optional<Expr> compile(std::string_view text, const std::function<bool(std::string_view)>& known,
                            std::string& message);

// How many rows a check needs: every row (--check) or at least one (--check-any).
enum class CheckMode { all, any };

// The outcome of a check over rows whose match results are MATCHED: true when it passes.
// An empty set passes "all" and fails "any".
bool check_passes(CheckMode mode, std::size_t rows, std::size_t matched);

// The compiled -Q/--filter and --check/--check-any expressions of one run of a tool.
struct RowTests {
    std::optional<Expr> filter;  // -Q / --filter
    std::optional<Expr> check;   // --check / --check-any
    CheckMode mode = CheckMode::all;
    bool any() const { return filter.has_value() || check.has_value(); }
};

// Compile the expressions a tool was given (FILTER, CHECK: absent when not given; CHECK_ANY:
// the check was --check-any) with the identifiers KNOWN accepts. On failure returns false and
// MESSAGE holds one line for the tool to print after its name, e.g. "invalid --check
// expression: column 1: unknown column 'sise'". FILTER_OPTION names the filter option in that
// message as the user spelled it (ps says "-Q" or "--filter").
bool compile_row_tests(const std::optional<std::string>& filter, const std::optional<std::string>& check,
                       bool check_any, const std::function<bool(std::string_view)>& known, RowTests& tests,
                       std::string& message, const char* filter_option = "--filter");

// Parse a size/number literal as the language does ("10G" = 10*1024^3, "1.5M", "10GB" = 10e9,
// "4KiB", "90%" = 90, plain numbers). nullopt when TEXT is not one.
std::optional<double> parse_number(std::string_view text);

}  // namespace procstat::expr
