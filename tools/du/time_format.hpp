// SPDX-License-Identifier: GPL-2.0-or-later
// --time stamps: strftime in the local time zone with GNU's %N (nanoseconds) extension.
#pragma once
#include <ctime>
#include <string>

namespace procstat::du {

// Format TS with FORMAT (a --time-style format without the leading '+'). When the time
// cannot be broken down, the number of seconds is printed, as GNU du does.
std::string format_time(const struct timespec& ts, const std::string& format);

}  // namespace procstat::du
