// SPDX-License-Identifier: GPL-2.0-or-later
// errno -> Errc classification.
#include "procstat/core/error.hpp"

#include <cerrno>

namespace procstat {

Errc classify_errno(int err) noexcept {
    switch (err) {
    case 0: return Errc::ok;
    case ENOENT:
    case ESRCH:
    case ENOTDIR:  // a vanished /proc/PID replaced by something else
        return Errc::vanished;
    case EACCES:
    case EPERM: return Errc::denied;
    default: return Errc::other;
    }
}

}  // namespace procstat
