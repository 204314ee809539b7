// SPDX-License-Identifier: GPL-2.0-or-later
// du's output: GNU text lines (size, optional time, name) or our --json records.
#pragma once
#include <string>
#include <vector>

#include "options.hpp"
#include "procstat/out/json.hpp"
#include "procstat/walk/du.hpp"

namespace procstat::du {

class Printer : public walk::DuSink {
public:
    explicit Printer(const Options& opts);
    void row(const walk::DuRow& row) override;
    void problem(walk::DuProblem what, const std::string& path, int err) override;
    // The -c line ("total").
    void total(const walk::DuSize& size);
    // Flush buffered output (and close the JSON document).
    void finish();

private:
    void text_line(const walk::DuSize& size, const std::string& name);
    void json_record(const walk::DuSize& size, const std::string& name, std::size_t level, bool is_dir);
    void flush_if_large();
    void emit(const walk::DuSize& size, const std::string& name, std::size_t level, bool is_dir);
    void flush_sorted();

    std::vector<walk::DuRecord> held_;  // rows kept for --sort

    const Options& opts_;
    std::string buf_;
    out::JsonWriter json_;
    bool total_done_ = false;
};

}  // namespace procstat::du
