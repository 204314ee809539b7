// SPDX-License-Identifier: GPL-2.0-or-later
// Shared helpers of the pscols unit tests: format one key of a hand-built record, and a column
// context with fixed system figures (100 Hz, 4 KiB pages, uptime 1000 s).
#pragma once
#include <catch2/catch.hpp>

#include <climits>
#include <string>

#include "procstat/pscols/columns.hpp"

namespace pscols_test {

inline std::string fmt(const char* key, const procstat::proc::Process& p, procstat::pscols::Ctx& c,
                       int maxw = INT_MAX / 2) {
    const procstat::pscols::ColumnDef* d = procstat::pscols::find_column(key);
    REQUIRE(d);
    std::string out;
    d->fmt(p, c, out, maxw);
    return out;
}

inline procstat::pscols::Ctx ctx() {
    procstat::pscols::Ctx c;
    c.si.hertz = 100;
    c.si.page_kb = 4;
    c.si.uptime = 1000.0;
    c.si.mem_total_kb = 1000000;
    c.si.boot_time = 1700000000;
    c.si.now = 1700001000;
    return c;
}

}  // namespace pscols_test
