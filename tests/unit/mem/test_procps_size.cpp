// SPDX-License-Identifier: GPL-2.0-or-later
// Table tests of procps free number formatting: unit shifts, -h and --si.
#include <catch2/catch.hpp>

#include <cstdint>

#include "procstat/units/procps_size.hpp"

using procstat::units::procps_size;
using procstat::units::ProcpsScale;

namespace {
ProcpsScale sc(int exponent, bool si = false, bool human = false) { return {exponent, si, human}; }
constexpr std::uint64_t u64max = ~std::uint64_t{0};
}  // namespace

TEST_CASE("default and unit shifts", "[procps_size]") {
    CHECK(procps_size(0, sc(0)) == "0");
    CHECK(procps_size(1023, sc(0)) == "1023");
    CHECK(procps_size(24683656, sc(0)) == "24683656");
    CHECK(procps_size(24683656, sc(0, true)) == "25276063");  // --si alone: kB
    CHECK(procps_size(1, sc(1)) == "1024");                    // -b
    CHECK(procps_size(1, sc(1, true)) == "1024");              // -b --si: still bytes
    CHECK(procps_size(1023, sc(2)) == "1023");                 // -k
    CHECK(procps_size(1023, sc(3)) == "0");                    // -m truncates
    CHECK(procps_size(1024, sc(3)) == "1");
    CHECK(procps_size(24683656, sc(3)) == "24105");
    CHECK(procps_size(24683656, sc(3, true)) == "25276");      // --mega
    CHECK(procps_size(24683656, sc(4)) == "23");
    CHECK(procps_size(24683656, sc(4, true)) == "25");
    CHECK(procps_size(24683656, sc(5)) == "0");
    CHECK(procps_size(6442450944, sc(5)) == "6");              // 6 TiB in --tebi
    CHECK(procps_size(6442450944, sc(6)) == "0");
}

TEST_CASE("wrapping like procps for values above 2^53 KiB", "[procps_size][hostile]") {
    CHECK(procps_size(u64max, sc(0)) == "-1");
    CHECK(procps_size(u64max, sc(1)) == "-1024");
    CHECK(procps_size(u64max, sc(3)) == "0");
    CHECK(procps_size(std::uint64_t{1} << 63, sc(0)) == "0");
    CHECK(procps_size(9007199254740993, sc(1)) == "-9223372036854774784");
    CHECK(procps_size(9007199254740993, sc(3)) == "-8796093022207");  // exact, not via double
    CHECK(procps_size(92233720368547758, sc(4)) == "2061584302");
}

TEST_CASE("human: first form that fits 5 (Ki) or 4 (K) characters", "[procps_size][human]") {
    const auto h = sc(0, false, true);
    const auto hs = sc(0, true, true);
    CHECK(procps_size(0, h) == "0B");
    CHECK(procps_size(1, h) == "1.0Ki");
    CHECK(procps_size(1023, h) == "1.0Mi");  // "1023Ki" is 6 characters: next unit
    CHECK(procps_size(1024, h) == "1.0Mi");
    CHECK(procps_size(10239, h) == "9Mi");   // "10.0Mi" too long, integer part truncates
    CHECK(procps_size(9216, h) == "9.0Mi");
    CHECK(procps_size(24683656, h) == "23Gi");
    CHECK(procps_size(8952, h) == "8.7Mi");
    CHECK(procps_size(1127428916, h) == "1.0Ti");  // float narrowing: 1.0500000007 -> 1.0499999
    CHECK(procps_size(u64max, h) == "-1Ki");
    CHECK(procps_size(9007199254740993, h) == "-8191Pi");  // nothing fits: last attempt
    CHECK(procps_size(922337203685477580, h) == "3276Pi");
    CHECK(procps_size(0, hs) == "0B");
    CHECK(procps_size(24683656, hs) == "25G");
    CHECK(procps_size(8952, hs) == "9.2M");
    CHECK(procps_size(976, hs) == "999K");
    CHECK(procps_size(977, hs) == "1.0M");
    CHECK(procps_size(976562500008789, hs) == "1000P");
}
