// SPDX-License-Identifier: GPL-2.0-or-later
// The --help and --version texts of du.
#pragma once

namespace procstat::du {

// Everything after "Usage: PROG [OPTION]... [FILE]...\n  or:  PROG [OPTION]... --files0-from=F\n".
extern const char* const help_text;
extern const char* const version_text;

}  // namespace procstat::du
