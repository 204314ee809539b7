// fuzz-deps: pscols expr
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: ps's UNIX/BSD/GNU option parser under each PS_PERSONALITY, format specs (normal and AIX), sort keys
// and -Q/--check expressions, compiled from the tool's own sources.
#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The ps grammar lives in the tool, not in the library: compile its parser into this target.
#include "../../tools/ps/filter.cpp"
#include "../../tools/ps/formats.cpp"
#include "../../tools/ps/options.cpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat::ps;
    // the first byte picks the personality (PS_PERSONALITY, else CMD_ENV, else none)
    static const char* const personalities[] = {"linux", "old", "bsd", "aix", "gnu", "debian", "390",
                                                "posix", "bogus", "", "LINUX", "Old"};
    constexpr std::size_t n_pers = sizeof personalities / sizeof personalities[0];
    ::unsetenv("PS_PERSONALITY");
    ::unsetenv("CMD_ENV");
    if (!text.empty()) {
        auto pick = static_cast<unsigned char>(text[0]);
        if (pick % 3 == 1) ::setenv("PS_PERSONALITY", personalities[(pick / 3) % n_pers], 1);
        if (pick % 3 == 2) ::setenv("CMD_ENV", personalities[(pick / 3) % n_pers], 1);
        text.remove_prefix(1);
    }
    // argv: "ps" then the NUL-separated parts of the input (at most 64)
    std::vector<std::string> args{"ps"};
    while (args.size() < 65) {
        auto nul = text.find('\0');
        args.emplace_back(text.substr(0, nul));
        if (nul == std::string_view::npos) break;
        text.remove_prefix(nul + 1);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    Options o;
    std::string err;
    bool ok = parse_options(static_cast<int>(args.size()), argv.data(), o, err);
    if (!ok && err.empty()) __builtin_trap();           // every failure has a message
    if (ok) {
        for (const auto& f : o.format) (void)procstat::pscols::find_column(f.key);
        // every default format of every personality parses (around the -O insertion mark)
        std::string def = default_format(o);
        std::vector<FormatItem> items;
        std::string derr;
        for (std::size_t start = 0;;) {
            auto mark = def.find("{}", start);
            std::string part = def.substr(start, mark == std::string::npos ? std::string::npos : mark - start);
            if (!part.empty() && part != "," && !parse_format(part, items, derr)) __builtin_trap();
            if (mark == std::string::npos) break;
            start = mark + 2;
        }
        // -Q / --check expressions: compiled or refused with a message
        RowTests tests;
        std::string msg;
        if (!compile_tests(o, tests, msg) && msg.empty()) __builtin_trap();
    }
    std::vector<FormatItem> items;
    std::string ferr;
    std::string whole(reinterpret_cast<const char*>(data), size);
    if (!parse_format(whole, items, ferr) && ferr.empty()) __builtin_trap();
    return 0;
}
