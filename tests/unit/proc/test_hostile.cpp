// SPDX-License-Identifier: GPL-2.0-or-later
// Hostile-input sweep: random and truncated /proc texts through every parser and random bytes
// through the escaper; checks the invariants that must hold for any input.
#include <catch2/catch.hpp>

#include <clocale>
#include <random>
#include <string>

#include "procstat/proc/parse.hpp"
#include "procstat/pscols/columns.hpp"

using namespace procstat;

TEST_CASE("parsers survive random and truncated input", "[hostile]") {
    std::mt19937 rng(12345);
    const std::string good =
        "4242 (we)ird (na)me) S 1 4242 4242 34816 4242 4194560 1 2 3 4 5 6 7 8 20 0 1 0 100 4096 10 "
        "18446744073709551615 1 2 3 4 5 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    // every prefix of a valid line: either rejected or parsed with the comm intact
    for (std::size_t n = 0; n <= good.size(); ++n) {
        proc::Process p;
        if (proc::parse_stat(std::string_view(good).substr(0, n), p)) {
            CHECK(p.comm == "we)ird (na)me");
            CHECK(p.tid == 4242);
        }
    }
    const char alphabet[] = "0123456789 ()-\n\t:abcdefxyzSRZ\xff";
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        std::size_t len = rng() % 300;
        for (std::size_t i = 0; i < len; ++i) s.push_back(alphabet[rng() % (sizeof alphabet - 1)]);
        proc::Process p;
        bool ok = proc::parse_stat(s, p);
        if (ok) {
            CHECK(s.find('(') != std::string::npos);
            CHECK(s.rfind(')') != std::string::npos);
        }
        proc::parse_status(s, p);
        proc::parse_statm(s, p);
        proc::parse_io(s, p);
        proc::parse_smaps_rollup(s, p);
        proc::parse_autogroup(s, p);
        proc::parse_ns_link(s);
    }
}

TEST_CASE("escape_text never exceeds its width and never emits control bytes", "[hostile]") {
    std::mt19937 rng(777);
    bool have_utf8 = std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr;
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        std::size_t len = rng() % 64;
        for (std::size_t i = 0; i < len; ++i) s.push_back(static_cast<char>(rng() % 256));
        int maxw = static_cast<int>(rng() % 40);
        for (bool utf8 : {false, true}) {
            if (utf8 && !have_utf8) continue;
            std::string out;
            int used = pscols::escape_text(s, utf8, maxw, out);
            CHECK(used <= maxw);
            CHECK(used >= 0);
            for (unsigned char c : out) {
                CHECK(c >= 0x20);
                CHECK(c != 0x7f);
                if (!utf8) CHECK(c < 0x80);
            }
        }
    }
    std::setlocale(LC_CTYPE, "C");
}
