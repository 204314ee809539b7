// SPDX-License-Identifier: GPL-2.0-or-later
// Pure text helpers shared by the parsers: number parsing with std::from_chars, splitting, octal unescape.
#pragma once
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace procstat::parse {

// Parse an unsigned decimal integer that spans the whole of S. No sign, no spaces.
std::optional<std::uint64_t> to_u64(std::string_view s) noexcept;
// Parse a signed decimal integer that spans the whole of S.
std::optional<std::int64_t> to_i64(std::string_view s) noexcept;

// Trim ASCII blanks (space, tab, newline, CR) at both ends.
std::string_view trim(std::string_view s) noexcept;

// Take the next blank-separated token from S (advancing S past it). Empty when none is left.
std::string_view next_token(std::string_view& s) noexcept;

// Take the next line (without its '\n') from S. Returns false when S is empty.
bool next_line(std::string_view& s, std::string_view& line) noexcept;

// Decode the kernel's octal escapes (\040 space, \011 tab, \012 newline, \134 backslash, any
// \ooo) as used in mountinfo, mounts and fstab. A backslash not followed by three octal digits
// is kept as is.
std::string unescape_octal(std::string_view s);

}  // namespace procstat::parse
