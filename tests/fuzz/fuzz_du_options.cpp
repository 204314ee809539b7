// fuzz-deps: units walk expr
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: du's getopt_long command line (options, block sizes, -Q/--check expressions), compiled from the tool's own sources.
#include <getopt.h>
#include <unistd.h>

#include "fuzz_argv.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

// The du option grammar lives in the tool, not in the library: compile its parser into this target.
#include "../../tools/du/filter.cpp"
#include "../../tools/du/messages.cpp"
#include "../../tools/du/options.cpp"
#include "../../tools/du/usage_text.cpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    procstat::fuzz::silence_stdout();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    procstat::fuzz::FuzzArgv a("du", data, size);
    int rc = 0;
    auto opts = procstat::du::parse_options(a.argc(), a.argv(), rc);
    if (opts) {
        procstat::du::RowTests tests;
        (void)procstat::du::compile_tests(*opts, tests);
    }
    return 0;
}
