// SPDX-License-Identifier: GPL-2.0-or-later
// findmnt --verify: fstab sanity checks with util-linux 2.38.1's messages and exit status.
#include "run.hpp"

namespace procstat::findmnt {

int run_verify(const Options&, const Root&) {
    std::fputs("findmnt: --verify is not implemented\n", stderr);
    return 1;
}

}  // namespace procstat::findmnt
