// fuzz-deps: pscols
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: ps's UNIX/BSD/GNU option parser, format specs (normal and AIX) and sort keys, compiled from the tool's own sources.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The ps grammar lives in the tool, not in the library: compile its parser into this target.
#include "../../tools/ps/formats.cpp"
#include "../../tools/ps/options.cpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat::ps;
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
        (void)default_format(o);
    }
    std::vector<FormatItem> items;
    std::string ferr;
    std::string whole(reinterpret_cast<const char*>(data), size);
    if (!parse_format(whole, items, ferr) && ferr.empty()) __builtin_trap();
    return 0;
}
