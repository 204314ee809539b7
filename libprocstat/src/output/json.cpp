// SPDX-License-Identifier: GPL-2.0-or-later
// Streaming JSON writer.
#include "procstat/out/json.hpp"

#include <fmt/format.h>

#include "procstat/out/text.hpp"

namespace procstat::out {

void JsonWriter::newline() {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent_) * first_.size(), ' ');
}

void JsonWriter::member(std::string_view key) {
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    newline();
    if (!is_array_.back()) {
        out_ += '"';
        out_ += escape_json(key);
        out_ += "\": ";
    }
}

void JsonWriter::begin_object(std::string_view key) {
    member(key);
    out_ += '{';
    first_.push_back(true);
    is_array_.push_back(false);
}

void JsonWriter::end_object() {
    bool empty = first_.back();
    first_.pop_back();
    is_array_.pop_back();
    if (!empty) newline();
    out_ += '}';
}

void JsonWriter::begin_array(std::string_view key) {
    member(key);
    out_ += '[';
    first_.push_back(true);
    is_array_.push_back(true);
}

void JsonWriter::end_array() {
    bool empty = first_.back();
    first_.pop_back();
    is_array_.pop_back();
    if (!empty) newline();
    out_ += ']';
}

void JsonWriter::string(std::string_view key, std::string_view v) {
    member(key);
    out_ += '"';
    out_ += escape_json(v);
    out_ += '"';
}

void JsonWriter::number(std::string_view key, std::uint64_t v) {
    member(key);
    fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::number(std::string_view key, std::int64_t v) {
    member(key);
    fmt::format_to(std::back_inserter(out_), "{}", v);
}

void JsonWriter::number(std::string_view key, double v, int decimals) {
    member(key);
    fmt::format_to(std::back_inserter(out_), "{:.{}f}", v, decimals);
}

void JsonWriter::boolean(std::string_view key, bool v) {
    member(key);
    out_ += v ? "true" : "false";
}

void JsonWriter::null(std::string_view key) {
    member(key);
    out_ += "null";
}

void JsonWriter::finish() { out_ += '\n'; }

}  // namespace procstat::out
