// SPDX-License-Identifier: GPL-2.0-or-later
// Locale set-up at start: only the categories a tool reads, with setlocale(LC_ALL, "")'s outcome.
#pragma once

namespace procstat::tool {

// The effect of setlocale(LC_ALL, "") on what the tool reads (LC_CTYPE for character widths and
// validity, LC_NUMERIC for the decimal point and digit grouping, LC_MESSAGES for strerror), at a
// fraction of the cost: each category loaded is a file lookup, an open and a mapping, and the
// other nine categories are never used. When the environment names a locale per category
// (LC_TIME=... and so on) the full setlocale(LC_ALL, "") runs, since then one bad name can make
// the whole call fail and leave every category at "C", and that outcome must be the same.
void init_locale();

}  // namespace procstat::tool
