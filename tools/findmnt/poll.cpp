// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt --poll: watch mountinfo and print mount, umount, remount and move actions.
#include "run.hpp"

namespace procstat::findmnt {

int run_poll(const Options&, const Root&) {
    std::fputs("findmnt: --poll is not implemented\n", stderr);
    return 1;
}

}  // namespace procstat::findmnt
