// SPDX-License-Identifier: GPL-2.0-or-later
// Default column lists of ps: the UNIX and BSD personalities and their combinations.
#pragma once
#include <string>

#include "options.hpp"

namespace procstat::ps {

// The format list (same syntax as -o) for the options, when no -o was given; for -O the list
// that the user's columns are inserted into ("{}" marks the place).
std::string default_format(const Options& o);

// BSD L: every format key with its default header ("%-12s %-8s" lines), sorted by name.
std::string format_key_list();

}  // namespace procstat::ps
