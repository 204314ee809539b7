// SPDX-License-Identifier: GPL-2.0-or-later
// A small streaming JSON writer (pretty-printed, 3-space indent by default) used by --json everywhere.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace procstat::out {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out, int indent = 3) : out_(out), indent_(indent) {}

    void begin_object(std::string_view key = {});
    void end_object();
    void begin_array(std::string_view key = {});
    void end_array();

    void string(std::string_view key, std::string_view v);
    void number(std::string_view key, std::uint64_t v);
    void number(std::string_view key, std::int64_t v);
    void number(std::string_view key, double v, int decimals);
    void boolean(std::string_view key, bool v);
    void null(std::string_view key);
    // Members of an array have empty keys.

    // Done: appends the final newline.
    void finish();

private:
    void member(std::string_view key);
    void newline();
    std::string& out_;
    int indent_;
    std::vector<bool> first_;  // per open container: no member written yet
    std::vector<bool> is_array_;
};

}  // namespace procstat::out
