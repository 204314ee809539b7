// SPDX-License-Identifier: GPL-2.0-or-later
// du's diagnostics: GNU-style quoting of file names and "du: ..." messages on stderr.
#pragma once
#include <string>
#include <string_view>

namespace procstat::du {

// Shell-escape quoting as coreutils' quotef/quoteaf print names in the C locale:
// 'name', "it's", 'new'$'\n''line'.
std::string quote_name(std::string_view s);

// The same style, but only when the name needs it (coreutils' quotef): w/d/b, 'a b'.
std::string quote_name_if_needed(std::string_view s);

// gnulib quote(): 'arg' in the C locale, ‘arg’ in a UTF-8 locale.
std::string quote(std::string_view s);

// The name messages start with: argv[0] as given, like GNU's error().
void set_program_name(const char* argv0);
const char* program_name();

// "du: MESSAGE[: strerror(ERR)]\n" on stderr, after flushing stdout.
void error(int err, std::string_view message);

// "Try 'du --help' for more information." and return status 1.
int usage_failure();

}  // namespace procstat::du
