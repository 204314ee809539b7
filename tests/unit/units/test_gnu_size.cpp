// SPDX-License-Identifier: GPL-2.0-or-later
// GNU size units: block-size parsing and human_readable, checked against coreutils 9.1 output.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "procstat/units/gnu_size.hpp"

using namespace procstat::units;

namespace {
struct DuCase {
    std::uint64_t bytes;
    const char* option;  // as passed to du --apparent-size
    const char* expected;
};

// Expected strings produced by: du --apparent-size OPTION FILE | cut -f1 (coreutils 9.1, LC_ALL=C),
// FILE made with truncate -s BYTES.
const DuCase du_cases[] = {
{0, "-h", "0"},
{0, "--si", "0"},
{0, "-BK", "0K"},
{0, "-BKB", "0kB"},
{0, "-BKiB", "0KiB"},
{0, "-BM", "0M"},
{0, "-B1M", "0"},
{0, "-BG", "0G"},
{0, "-B3K", "0"},
{0, "-k", "0"},
{0, "-b", "0"},
{1, "-h", "1"},
{1, "--si", "1"},
{1, "-BK", "1K"},
{1, "-BKB", "1kB"},
{1, "-BKiB", "1KiB"},
{1, "-BM", "1M"},
{1, "-B1M", "1"},
{1, "-BG", "1G"},
{1, "-B3K", "1"},
{1, "-k", "1"},
{1, "-b", "1"},
{999, "-h", "999"},
{999, "--si", "999"},
{999, "-BK", "1K"},
{999, "-BKB", "1kB"},
{999, "-BKiB", "1KiB"},
{999, "-BM", "1M"},
{999, "-B1M", "1"},
{999, "-BG", "1G"},
{999, "-B3K", "1"},
{999, "-k", "1"},
{999, "-b", "999"},
{1000, "-h", "1000"},
{1000, "--si", "1.0k"},
{1000, "-BK", "1K"},
{1000, "-BKB", "1kB"},
{1000, "-BKiB", "1KiB"},
{1000, "-BM", "1M"},
{1000, "-B1M", "1"},
{1000, "-BG", "1G"},
{1000, "-B3K", "1"},
{1000, "-k", "1"},
{1000, "-b", "1000"},
{1023, "-h", "1023"},
{1023, "--si", "1.1k"},
{1023, "-BK", "1K"},
{1023, "-BKB", "2kB"},
{1023, "-BKiB", "1KiB"},
{1023, "-BM", "1M"},
{1023, "-B1M", "1"},
{1023, "-BG", "1G"},
{1023, "-B3K", "1"},
{1023, "-k", "1"},
{1023, "-b", "1023"},
{1024, "-h", "1.0K"},
{1024, "--si", "1.1k"},
{1024, "-BK", "1K"},
{1024, "-BKB", "2kB"},
{1024, "-BKiB", "1KiB"},
{1024, "-BM", "1M"},
{1024, "-B1M", "1"},
{1024, "-BG", "1G"},
{1024, "-B3K", "1"},
{1024, "-k", "1"},
{1024, "-b", "1024"},
{1025, "-h", "1.1K"},
{1025, "--si", "1.1k"},
{1025, "-BK", "2K"},
{1025, "-BKB", "2kB"},
{1025, "-BKiB", "2KiB"},
{1025, "-BM", "1M"},
{1025, "-B1M", "1"},
{1025, "-BG", "1G"},
{1025, "-B3K", "1"},
{1025, "-k", "2"},
{1025, "-b", "1025"},
{1536, "-h", "1.5K"},
{1536, "--si", "1.6k"},
{1536, "-BK", "2K"},
{1536, "-BKB", "2kB"},
{1536, "-BKiB", "2KiB"},
{1536, "-BM", "1M"},
{1536, "-B1M", "1"},
{1536, "-BG", "1G"},
{1536, "-B3K", "1"},
{1536, "-k", "2"},
{1536, "-b", "1536"},
{1587, "-h", "1.6K"},
{1587, "--si", "1.6k"},
{1587, "-BK", "2K"},
{1587, "-BKB", "2kB"},
{1587, "-BKiB", "2KiB"},
{1587, "-BM", "1M"},
{1587, "-B1M", "1"},
{1587, "-BG", "1G"},
{1587, "-B3K", "1"},
{1587, "-k", "2"},
{1587, "-b", "1587"},
{10239, "-h", "10K"},
{10239, "--si", "11k"},
{10239, "-BK", "10K"},
{10239, "-BKB", "11kB"},
{10239, "-BKiB", "10KiB"},
{10239, "-BM", "1M"},
{10239, "-B1M", "1"},
{10239, "-BG", "1G"},
{10239, "-B3K", "4"},
{10239, "-k", "10"},
{10239, "-b", "10239"},
{10240, "-h", "10K"},
{10240, "--si", "11k"},
{10240, "-BK", "10K"},
{10240, "-BKB", "11kB"},
{10240, "-BKiB", "10KiB"},
{10240, "-BM", "1M"},
{10240, "-B1M", "1"},
{10240, "-BG", "1G"},
{10240, "-B3K", "4"},
{10240, "-k", "10"},
{10240, "-b", "10240"},
{10752, "-h", "11K"},
{10752, "--si", "11k"},
{10752, "-BK", "11K"},
{10752, "-BKB", "11kB"},
{10752, "-BKiB", "11KiB"},
{10752, "-BM", "1M"},
{10752, "-B1M", "1"},
{10752, "-BG", "1G"},
{10752, "-B3K", "4"},
{10752, "-k", "11"},
{10752, "-b", "10752"},
{1048063, "-h", "1.0M"},
{1048063, "--si", "1.1M"},
{1048063, "-BK", "1024K"},
{1048063, "-BKB", "1049kB"},
{1048063, "-BKiB", "1024KiB"},
{1048063, "-BM", "1M"},
{1048063, "-B1M", "1"},
{1048063, "-BG", "1G"},
{1048063, "-B3K", "342"},
{1048063, "-k", "1024"},
{1048063, "-b", "1048063"},
{1048575, "-h", "1.0M"},
{1048575, "--si", "1.1M"},
{1048575, "-BK", "1024K"},
{1048575, "-BKB", "1049kB"},
{1048575, "-BKiB", "1024KiB"},
{1048575, "-BM", "1M"},
{1048575, "-B1M", "1"},
{1048575, "-BG", "1G"},
{1048575, "-B3K", "342"},
{1048575, "-k", "1024"},
{1048575, "-b", "1048575"},
{1048576, "-h", "1.0M"},
{1048576, "--si", "1.1M"},
{1048576, "-BK", "1024K"},
{1048576, "-BKB", "1049kB"},
{1048576, "-BKiB", "1024KiB"},
{1048576, "-BM", "1M"},
{1048576, "-B1M", "1"},
{1048576, "-BG", "1G"},
{1048576, "-B3K", "342"},
{1048576, "-k", "1024"},
{1048576, "-b", "1048576"},
{1051000, "-h", "1.1M"},
{1051000, "--si", "1.1M"},
{1051000, "-BK", "1027K"},
{1051000, "-BKB", "1051kB"},
{1051000, "-BKiB", "1027KiB"},
{1051000, "-BM", "2M"},
{1051000, "-B1M", "2"},
{1051000, "-BG", "1G"},
{1051000, "-B3K", "343"},
{1051000, "-k", "1027"},
{1051000, "-b", "1051000"},
{5000000, "-h", "4.8M"},
{5000000, "--si", "5.0M"},
{5000000, "-BK", "4883K"},
{5000000, "-BKB", "5000kB"},
{5000000, "-BKiB", "4883KiB"},
{5000000, "-BM", "5M"},
{5000000, "-B1M", "5"},
{5000000, "-BG", "1G"},
{5000000, "-B3K", "1628"},
{5000000, "-k", "4883"},
{5000000, "-b", "5000000"},
{999999, "-h", "977K"},
{999999, "--si", "1.0M"},
{999999, "-BK", "977K"},
{999999, "-BKB", "1000kB"},
{999999, "-BKiB", "977KiB"},
{999999, "-BM", "1M"},
{999999, "-B1M", "1"},
{999999, "-BG", "1G"},
{999999, "-B3K", "326"},
{999999, "-k", "977"},
{999999, "-b", "999999"},
{999500, "-h", "977K"},
{999500, "--si", "1.0M"},
{999500, "-BK", "977K"},
{999500, "-BKB", "1000kB"},
{999500, "-BKiB", "977KiB"},
{999500, "-BM", "1M"},
{999500, "-B1M", "1"},
{999500, "-BG", "1G"},
{999500, "-B3K", "326"},
{999500, "-k", "977"},
{999500, "-b", "999500"},
{10485760, "-h", "10M"},
{10485760, "--si", "11M"},
{10485760, "-BK", "10240K"},
{10485760, "-BKB", "10486kB"},
{10485760, "-BKiB", "10240KiB"},
{10485760, "-BM", "10M"},
{10485760, "-B1M", "10"},
{10485760, "-BG", "1G"},
{10485760, "-B3K", "3414"},
{10485760, "-k", "10240"},
{10485760, "-b", "10485760"},
{10433332, "-h", "10M"},
{10433332, "--si", "11M"},
{10433332, "-BK", "10189K"},
{10433332, "-BKB", "10434kB"},
{10433332, "-BKiB", "10189KiB"},
{10433332, "-BM", "10M"},
{10433332, "-B1M", "10"},
{10433332, "-BG", "1G"},
{10433332, "-B3K", "3397"},
{10433332, "-k", "10189"},
{10433332, "-b", "10433332"},
{1073741823, "-h", "1.0G"},
{1073741823, "--si", "1.1G"},
{1073741823, "-BK", "1048576K"},
{1073741823, "-BKB", "1073742kB"},
{1073741823, "-BKiB", "1048576KiB"},
{1073741823, "-BM", "1024M"},
{1073741823, "-B1M", "1024"},
{1073741823, "-BG", "1G"},
{1073741823, "-B3K", "349526"},
{1073741823, "-k", "1048576"},
{1073741823, "-b", "1073741823"},
{1073741824, "-h", "1.0G"},
{1073741824, "--si", "1.1G"},
{1073741824, "-BK", "1048576K"},
{1073741824, "-BKB", "1073742kB"},
{1073741824, "-BKiB", "1048576KiB"},
{1073741824, "-BM", "1024M"},
{1073741824, "-B1M", "1024"},
{1073741824, "-BG", "1G"},
{1073741824, "-B3K", "349526"},
{1073741824, "-k", "1048576"},
{1073741824, "-b", "1073741824"},
{9999, "-h", "9.8K"},
{9999, "--si", "10k"},
{9999, "-BK", "10K"},
{9999, "-BKB", "10kB"},
{9999, "-BKiB", "10KiB"},
{9999, "-BM", "1M"},
{9999, "-B1M", "1"},
{9999, "-BG", "1G"},
{9999, "-B3K", "4"},
{9999, "-k", "10"},
{9999, "-b", "9999"},
{99999, "-h", "98K"},
{99999, "--si", "100k"},
{99999, "-BK", "98K"},
{99999, "-BKB", "100kB"},
{99999, "-BKiB", "98KiB"},
{99999, "-BM", "1M"},
{99999, "-B1M", "1"},
{99999, "-BG", "1G"},
{99999, "-B3K", "33"},
{99999, "-k", "98"},
{99999, "-b", "99999"},
{1099511627775, "-h", "1.0T"},
{1099511627775, "--si", "1.1T"},
{1099511627775, "-BK", "1073741824K"},
{1099511627775, "-BKB", "1099511628kB"},
{1099511627775, "-BKiB", "1073741824KiB"},
{1099511627775, "-BM", "1048576M"},
{1099511627775, "-B1M", "1048576"},
{1099511627775, "-BG", "1024G"},
{1099511627775, "-B3K", "357913942"},
{1099511627775, "-k", "1073741824"},
{1099511627775, "-b", "1099511627775"},
};

std::string spec_of(const std::string& opt) {
    if (opt == "-h") return "human-readable";
    if (opt == "--si") return "si";
    if (opt == "-k") return "1K";
    if (opt == "-b") return "1";
    return opt.substr(2);  // -BX
}
}  // namespace

TEST_CASE("human_readable matches du --apparent-size for every block-size style") {
    for (const auto& c : du_cases) {
        unsigned opts = 0;
        std::uint64_t bs = 0;
        std::string spec = spec_of(c.option);
        REQUIRE(human_options(spec.c_str(), opts, bs) == BlockSizeError::ok);
        INFO(c.bytes << " " << c.option);
        CHECK(human_readable(c.bytes, opts | human_ceiling, 1, bs) == c.expected);
    }
}

TEST_CASE("human_readable converts between block units") {
    // 1K blocks shown in 1K blocks, in bytes, and in 512-byte blocks
    CHECK(human_readable(4, 0, 1024, 1024) == "4");
    CHECK(human_readable(4, 0, 1024, 1) == "4096");
    CHECK(human_readable(3, 0, 1024, 512) == "6");
    // 4K blocks in 1K blocks (df on ext4) and the largest values
    CHECK(human_readable(UINT64_MAX, 0, 1, 1) == "18446744073709551615");
    CHECK(human_readable(UINT64_MAX, human_autoscale | human_SI | human_base_1024, 1, 1) == "16E");
    CHECK(human_readable(UINT64_MAX, human_autoscale | human_SI, 1, 1) == "19E");
    // non-dividing units go through the floating path
    CHECK(human_readable(10, 0, 4096, 3072) == "14");
}

TEST_CASE("human_readable rounding modes") {
    const unsigned h = human_autoscale | human_SI | human_base_1024;
    CHECK(human_readable(1536, h | human_ceiling, 1, 1) == "1.5K");
    CHECK(human_readable(1537, h | human_ceiling, 1, 1) == "1.6K");
    CHECK(human_readable(1537, h | human_floor, 1, 1) == "1.5K");
    CHECK(human_readable(1587, h | human_round_to_nearest, 1, 1) == "1.5K");
    CHECK(human_readable(1588, h | human_round_to_nearest, 1, 1) == "1.6K");
    CHECK(human_readable(1025, 0 | human_floor, 1, 1024) == "1");
    CHECK(human_readable(1536, human_round_to_nearest, 1, 1024) == "2");
    CHECK(human_readable(2560, human_round_to_nearest, 1, 1024) == "2");  // half to even
    CHECK(human_readable(1024, h | human_suppress_point_zero, 1, 1) == "1K");
    CHECK(human_readable(1024, h | human_space_before_unit | human_B, 1, 1) == "1.0 KiB");
}

TEST_CASE("human_options parses block-size specs like coreutils") {
    unsigned o = 0;
    std::uint64_t b = 0;
    CHECK(human_options("1k", o, b) == BlockSizeError::ok);
    CHECK(b == 1024);
    CHECK(o == 0);
    CHECK(human_options("KB", o, b) == BlockSizeError::ok);
    CHECK(b == 1000);
    CHECK(o == (human_SI | human_B));
    CHECK(human_options("KiB", o, b) == BlockSizeError::ok);
    CHECK(o == (human_SI | human_B | human_base_1024));
    CHECK(human_options("'1", o, b) == BlockSizeError::ok);
    CHECK(o == human_group_digits);
    CHECK(human_options("0x10", o, b) == BlockSizeError::ok);
    CHECK(b == 16);
    CHECK(human_options("010", o, b) == BlockSizeError::ok);
    CHECK(b == 8);
    CHECK(human_options("1KD", o, b) == BlockSizeError::ok);
    CHECK(b == 1000);
    CHECK(human_options("15E", o, b) == BlockSizeError::ok);
    CHECK(human_options("18446744073709551615", o, b) == BlockSizeError::ok);
    CHECK(b == UINT64_MAX);
    // errors, as du --block-size=X reports them
    CHECK(human_options("b", o, b) == BlockSizeError::invalid);
    CHECK(human_options("0K", o, b) == BlockSizeError::invalid);
    CHECK(human_options("-1K", o, b) == BlockSizeError::invalid);
    CHECK(human_options("a'b", o, b) == BlockSizeError::invalid);
    CHECK(human_options("1b", o, b) == BlockSizeError::invalid_suffix);
    CHECK(human_options("1Ki", o, b) == BlockSizeError::invalid_suffix);
    CHECK(human_options("1e", o, b) == BlockSizeError::invalid_suffix);
    CHECK(human_options("e", o, b) == BlockSizeError::invalid_suffix);
    CHECK(human_options("1kBB", o, b) == BlockSizeError::invalid_suffix);
    CHECK(human_options("1 K", o, b) == BlockSizeError::invalid_suffix);
    CHECK(human_options("16E", o, b) == BlockSizeError::overflow);
    CHECK(human_options("1Y", o, b) == BlockSizeError::overflow);
    CHECK(human_options("18446744073709551616", o, b) == BlockSizeError::overflow);
    CHECK(block_size_error_message(BlockSizeError::invalid_suffix, "-B", "1b") ==
          "invalid suffix in -B argument '1b'");
    CHECK(block_size_error_message(BlockSizeError::overflow, "--block-size", "1Y") ==
          "--block-size argument '1Y' too large");
    CHECK(block_size_error_message(BlockSizeError::invalid, "--block-size", "b") ==
          "invalid --block-size argument 'b'");
}

TEST_CASE("human_options reads the environment as du does") {
    unsigned o = 0;
    std::uint64_t b = 0;
    ::unsetenv("POSIXLY_CORRECT");
    ::unsetenv("BLOCK_SIZE");
    ::unsetenv("BLOCKSIZE");
    ::unsetenv("DU_BLOCK_SIZE");
    CHECK(human_options(nullptr, o, b, "DU_BLOCK_SIZE") == BlockSizeError::ok);
    CHECK(b == 1024);
    ::setenv("BLOCKSIZE", "1M", 1);
    CHECK(human_options(nullptr, o, b, "DU_BLOCK_SIZE") == BlockSizeError::ok);
    CHECK(b == 1048576);
    ::setenv("BLOCK_SIZE", "si", 1);
    CHECK(human_options(nullptr, o, b, "DU_BLOCK_SIZE") == BlockSizeError::ok);
    CHECK(o == (human_autoscale | human_SI));
    // the first variable that is set wins, even when invalid (then the default applies)
    ::setenv("DU_BLOCK_SIZE", "junk", 1);
    CHECK(human_options(nullptr, o, b, "DU_BLOCK_SIZE") == BlockSizeError::ok);
    CHECK(b == 1024);
    CHECK(o == 0);
    ::setenv("POSIXLY_CORRECT", "1", 1);
    ::unsetenv("DU_BLOCK_SIZE");
    ::unsetenv("BLOCK_SIZE");
    ::unsetenv("BLOCKSIZE");
    CHECK(human_options(nullptr, o, b, "DU_BLOCK_SIZE") == BlockSizeError::ok);
    CHECK(b == 512);
    ::unsetenv("POSIXLY_CORRECT");
}

TEST_CASE("human_readable beyond 2^64 (found by fuzzing)") {
    // 2^64-1 units of 1024 bytes in bytes: the exact product (bc) needs 74 bits
    CHECK(human_readable(UINT64_MAX, 0, 1024, 1) == "18889465931478580853760");
    CHECK(human_readable(UINT64_MAX, human_autoscale | human_SI | human_base_1024, 1024, 1) == "16Z");
}
