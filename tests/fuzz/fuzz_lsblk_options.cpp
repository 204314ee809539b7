// fuzz-deps: block
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: lsblk's getopt_long command line (options, block sizes, column/field lists), compiled from the tool's own sources.
#include <getopt.h>
#include <unistd.h>

#include "fuzz_argv.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

// The lsblk option grammar lives in the tool, not in the library: compile its parser into this target.
#include "../../tools/lsblk/help.cpp"
#include "../../tools/lsblk/options.cpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    procstat::fuzz::silence_stdout();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    procstat::fuzz::FuzzArgv a("lsblk", data, size);
    procstat::lsblk_tool::Options o;
    (void)procstat::lsblk_tool::parse_options(a.argc(), a.argv(), o);
    return 0;
}
