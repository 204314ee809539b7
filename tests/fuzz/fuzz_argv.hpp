// SPDX-License-Identifier: GPL-2.0-or-later
// Shared by the option-parser fuzz targets: fuzz bytes -> argv for a getopt_long parser.
#pragma once
#include <getopt.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace procstat::fuzz {

// argv: PROG then the NUL-separated parts of DATA (at most 32), with getopt fully reset.
class FuzzArgv {
public:
    FuzzArgv(const char* prog, const std::uint8_t* data, std::size_t size) : args_{prog} {
        std::string_view text(reinterpret_cast<const char*>(data), size);
        while (args_.size() < 33) {
            auto nul = text.find('\0');
            args_.emplace_back(text.substr(0, nul));
            if (nul == std::string_view::npos) break;
            text.remove_prefix(nul + 1);
        }
        for (auto& a : args_) argv_.push_back(a.data());
        argv_.push_back(nullptr);
        optind = 0;  // full getopt reset between runs
        opterr = 1;
    }
    int argc() const { return static_cast<int>(args_.size()); }
    char** argv() { return argv_.data(); }

private:
    std::vector<std::string> args_;
    std::vector<char*> argv_;
};

// --help and --version print to stdout; keep the fuzzer's output readable.
inline void silence_stdout() { (void)std::freopen("/dev/null", "w", stdout); }

}  // namespace procstat::fuzz
