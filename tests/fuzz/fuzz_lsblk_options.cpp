// fuzz-deps: block
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: lsblk's getopt_long command line (options, block sizes, column/field lists), compiled from the tool's own sources.
#include <getopt.h>
#include <unistd.h>

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
    // --help and --version print to stdout; keep the fuzzer's output readable.
    if (std::freopen("/dev/null", "w", stdout) == nullptr) return 0;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // argv: "lsblk" then the NUL-separated parts of the input (at most 32)
    std::vector<std::string> args{"lsblk"};
    while (args.size() < 33) {
        auto nul = text.find('\0');
        args.emplace_back(text.substr(0, nul));
        if (nul == std::string_view::npos) break;
        text.remove_prefix(nul + 1);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    optind = 0;  // full getopt reset between runs
    opterr = 1;
    procstat::lsblk_tool::Options o;
    (void)procstat::lsblk_tool::parse_options(static_cast<int>(args.size()), argv.data(), o);
    return 0;
}
