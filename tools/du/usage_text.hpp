// SPDX-License-Identifier: GPL-2.0-or-later
// The --help and --version texts of du.
#pragma once

namespace procstat::du {

extern const char* const help_text;
extern const char* const version_text;

}  // namespace procstat::du
