// SPDX-License-Identifier: GPL-2.0-or-later
// du's output: GNU text lines (size, optional time, name) or our --json records.
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "filter.hpp"

#include "options.hpp"
#include "procstat/out/json.hpp"
#include "procstat/walk/du.hpp"

namespace procstat::du {

class Printer : public walk::DuSink {
public:
    // Lines go to OUT (stdout, or stderr for the failing rows of --check). TESTS, when given,
    // filters the rows (-Q) and checks them (--check), sending failing rows to a second
    // Printer on stderr.
    explicit Printer(const Options& opts, const RowTests* tests = nullptr, std::FILE* out = stdout);
    ~Printer() override;
    Printer(const Printer&) = delete;
    Printer& operator=(const Printer&) = delete;
    void row(const walk::DuRow& row) override;
    void problem(walk::DuProblem what, const std::string& path, int err) override;
    // The -c line ("total").
    void total(const walk::DuSize& size);
    // Flush buffered output (and close the JSON document); then, when the check failed,
    // the failing rows on stderr.
    void finish();
    // The verdict of --check/--check-any over the rows seen (true without a check).
    bool check_passed() const;

private:
    void text_line(const walk::DuSize& size, const std::string& name);
    void json_record(const walk::DuSize& size, const std::string& name, std::size_t level, bool is_dir);
    void flush_if_large();
    void emit(const walk::DuSize& size, const std::string& name, std::size_t level, bool is_dir);
    void flush_sorted();
    void write_out();
    bool tested(const walk::DuRow& row);

    std::vector<walk::DuRecord> held_;  // rows kept for --sort

    const Options& opts_;
    std::string buf_;
    out::JsonWriter json_;
    bool total_done_ = false;
    std::FILE* out_;
    const RowTests* tests_;
    std::unique_ptr<Printer> failing_;  // --check: the rows that did not match, for stderr
    bool hold_ = false;                 // keep everything until finish() (failing rows of --check-any)
    std::size_t checked_ = 0, matched_ = 0;
};

}  // namespace procstat::du
