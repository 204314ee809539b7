// SPDX-License-Identifier: GPL-2.0-or-later
// Locale set-up at start: only the categories a tool reads, with setlocale(LC_ALL, "")'s outcome.
#include "toolcommon/locale.hpp"

#include <clocale>
#include <cstdlib>

namespace procstat::tool {

namespace {

bool set_in_env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
}

}  // namespace

void init_locale() {
    // Per-category variables other than LC_ALL and LANG decide categories one by one: then the
    // categories may name different (and invalid) locales, so only the full call is exact.
    static constexpr const char* per_category[] = {
        "LC_CTYPE",   "LC_NUMERIC",   "LC_TIME",       "LC_COLLATE",       "LC_MONETARY",
        "LC_MESSAGES", "LC_PAPER",    "LC_NAME",       "LC_ADDRESS",       "LC_TELEPHONE",
        "LC_MEASUREMENT", "LC_IDENTIFICATION"};
    if (!set_in_env("LC_ALL")) {
        for (const char* v : per_category) {
            if (set_in_env(v)) {
                std::setlocale(LC_ALL, "");
                return;
            }
        }
    }
    // LC_ALL or LANG (or nothing) names one locale for every category: setting the three the
    // tools read gives what LC_ALL would. If the name is bad, the first call fails and changes
    // nothing, as the full call would.
    if (!std::setlocale(LC_CTYPE, "")) return;
    std::setlocale(LC_NUMERIC, "");
    std::setlocale(LC_MESSAGES, "");
}

}  // namespace procstat::tool
