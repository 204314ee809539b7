// SPDX-License-Identifier: GPL-2.0-or-later
// Formatting du lines: sizes through the GNU units module, --time stamps, NUL or newline ends.
#include "output.hpp"

#include <algorithm>
#include <cstdio>

#include "messages.hpp"
#include "procstat/walk/du_fields.hpp"
#include "procstat/units/gnu_size.hpp"
#include "time_format.hpp"
#include "toolcommon/stdout_check.hpp"

namespace procstat::du {

Printer::Printer(const Options& opts, const RowTests* tests, std::FILE* out)
    : opts_(opts), json_(buf_), out_(out), tests_(tests && tests->any() ? tests : nullptr) {
    if (opts_.json) {
        json_.begin_object();
        json_.begin_array("entries");
    }
    if (tests_ && tests_->check) {
        failing_ = std::make_unique<Printer>(opts_, nullptr, stderr);
        // With --check-any the failing rows are shown only when no row matched at all.
        failing_->hold_ = tests_->mode == expr::CheckMode::any;
    }
}

Printer::~Printer() = default;

void Printer::write_out() {
    if (out_ == stdout) {
        tool::write_stdout(buf_);
    } else {
        std::fflush(stdout);
        std::fwrite(buf_.data(), 1, buf_.size(), out_);
    }
    buf_.clear();
}

void Printer::flush_if_large() {
    if (buf_.size() >= 64 * 1024 && !hold_) write_out();
}

// -Q and --check on one row: false when the filter leaves it out. A row the check does not
// match goes to the failing rows.
bool Printer::tested(const walk::DuRow& row) {
    auto lookup = [&](std::string_view name) { return walk::du_field_value(row, opts_.walk, name); };
    if (tests_->filter && !tests_->filter->eval(lookup)) return false;
    if (tests_->check) {
        ++checked_;
        if (tests_->check->eval(lookup)) {
            ++matched_;
        } else if (failing_ && !(failing_->hold_ && matched_ > 0)) {
            failing_->row(row);
        }
        if (failing_ && failing_->hold_ && matched_ > 0) failing_.reset();  // --check-any passed
    }
    return true;
}

bool Printer::check_passed() const {
    return !tests_ || !tests_->check || expr::check_passes(tests_->mode, checked_, matched_);
}

void Printer::text_line(const walk::DuSize& size, const std::string& name) {
    std::uint64_t n = walk::shown_size(size, opts_.walk);
    buf_ += units::human_readable(n, opts_.human_opts, 1, opts_.block_size);
    buf_ += '\t';
    if (opts_.walk.time != walk::TimeKind::none) {
        buf_ += format_time(size.time, opts_.time_format);
        buf_ += '\t';
    }
    buf_ += name;
    buf_ += opts_.null_terminate ? '\0' : '\n';
    flush_if_large();
}

void Printer::json_record(const walk::DuSize& size, const std::string& name, std::size_t level,
                          bool is_dir) {
    json_.begin_object();
    json_.string("path", name);
    json_.boolean("directory", is_dir);
    json_.number("depth", static_cast<std::uint64_t>(level));
    json_.number("bytes", size.bytes);
    json_.number("apparent_bytes", size.apparent);
    json_.number("inodes", size.inodes);
    if (opts_.walk.time != walk::TimeKind::none) {
        json_.number("time", static_cast<std::int64_t>(size.time.tv_sec));
        json_.string("time_text", format_time(size.time, opts_.time_format));
    }
    json_.end_object();
    flush_if_large();
}

void Printer::emit(const walk::DuSize& size, const std::string& name, std::size_t level, bool is_dir) {
    if (opts_.json)
        json_record(size, name, level, is_dir);
    else
        text_line(size, name);
}

void Printer::row(const walk::DuRow& row) {
    if (tests_ && !tested(row)) return;
    if (opts_.sort != walk::DuSort::none) {
        held_.push_back(walk::DuRecord{*row.path, row.size, row.level, row.is_dir});
        return;
    }
    emit(row.size, *row.path, row.level, row.is_dir);
}

// --sort: the held rows in the chosen order.
void Printer::flush_sorted() {
    walk::sort_records(held_, opts_.sort, opts_.walk);
    for (const auto& h : held_) emit(h.size, h.path, h.level, h.is_dir);
    held_.clear();
}

void Printer::problem(walk::DuProblem what, const std::string& path, int err) {
    write_out();
    switch (what) {
    case walk::DuProblem::cannot_access:
        error(err, "cannot access " + quote_name(path));
        break;
    case walk::DuProblem::cannot_read_dir:
        error(err, "cannot read directory " + quote_name(path));
        break;
    case walk::DuProblem::cycle:
        error(0,
              "WARNING: Circular directory structure.\n"
              "This almost certainly means that you have a corrupted file system.\n"
              "NOTIFY YOUR SYSTEM MANAGER.\n"
              "The following directory is part of the cycle:\n  " +
                  quote_name_if_needed(path) + "\n");
        break;
    }
}

void Printer::total(const walk::DuSize& size) {
    flush_sorted();
    if (opts_.json) {
        json_.end_array();
        json_.begin_object("total");
        json_.number("bytes", size.bytes);
        json_.number("apparent_bytes", size.apparent);
        json_.number("inodes", size.inodes);
        json_.end_object();
        total_done_ = true;
        return;
    }
    text_line(size, "total");
}

void Printer::finish() {
    flush_sorted();
    if (opts_.json) {
        if (!total_done_) json_.end_array();
        json_.end_object();
        json_.finish();
    }
    hold_ = false;
    write_out();
    if (failing_ && !check_passed()) failing_->finish();
}

}  // namespace procstat::du
