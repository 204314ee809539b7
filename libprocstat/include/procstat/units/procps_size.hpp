// SPDX-License-Identifier: GPL-2.0-or-later
// procps-ng free size formatting: the unit shifts (-b, -k, --mega, ...) and -h/--si scaling,
// exactly as procps-ng 4.0.2 free prints a value it received in KiB.
#pragma once
#include <cstdint>
#include <string>

namespace procstat::units {

// How free scales its numbers.
struct ProcpsScale {
    // 0: default (KiB, or kB with si); 1: bytes; 2: kilo/kibi; 3: mega/mebi; 4: giga/gibi;
    // 5: tera/tebi; 6: peta/pebi.
    int exponent = 0;
    bool si = false;     // powers of 1000 (--si, --kilo, --mega, ...)
    bool human = false;  // -h: pick the unit that keeps the text short
};

// Format KIB (KiB, as /proc/meminfo gives it) the way procps-ng 4.0.2 free does.
//
// compat: procps multiplies by 1024 in 64-bit arithmetic and reads the result as a signed
// value, so values above 2^53 KiB wrap and print negative (as procps prints them); unit shifts
// divide without losing precision and truncate toward zero; -h tries "NNNB", then for each unit
// K, M, G, T, P the one-decimal form (through a float, as procps does) and then the integer form,
// taking the first that fits in 4 (--si, suffix "K") or 5 (suffix "Ki") characters. When nothing
// fits, the last attempt ("NNNNPi") is printed.
std::string procps_size(std::uint64_t kib, const ProcpsScale& scale);

}  // namespace procstat::units
