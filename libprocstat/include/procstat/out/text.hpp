// SPDX-License-Identifier: GPL-2.0-or-later
// Text helpers for renderers: display width of UTF-8 text and JSON string escaping.
// (util-linux raw/pairs/JSON encodings live with the renderer in out/smartcols.hpp.)
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace procstat::out {

// Width of S in terminal cells: UTF-8 decoded and measured with wcwidth() in the current locale
// (invalid bytes and control characters count as one cell each, as they will be escaped or shown
// as '?'). In the C locale every byte is one cell.
std::size_t display_width(std::string_view s);

// Append N spaces.
inline void pad(std::string& out, std::size_t n) { out.append(n, ' '); }

// RFC 8259 string escaping (without the surrounding quotes). Control characters as \uXXXX or the
// short forms; bytes >= 0x80 are copied (invalid UTF-8 is passed through, as util-linux does).
std::string escape_json(std::string_view s, bool escape_del = true);

}  // namespace procstat::out
