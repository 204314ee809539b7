// SPDX-License-Identifier: GPL-2.0-or-later
// GNU-style block sizes and human-readable sizes (coreutils df/du behaviour, written from its
// documented and observed behaviour).
#include "procstat/units/gnu_size.hpp"

#include <cerrno>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>

namespace procstat::units {

namespace {

// Remainder classes of a division, as a two-bit code: 0 exact, 1 below half, 2 exactly half,
// 3 above half.
unsigned classify(std::uint64_t rem, std::uint64_t div) {
    if (rem == 0) return 0;
    // compare 2*rem with div without overflow
    if (rem < div - rem) return 1;
    if (rem == div - rem) return 2;
    return 3;
}

// Should a value whose dropped part is described by (digit, rest) be rounded up?
// DIGIT is the first dropped decimal digit (0..9) or -1 when the dropped part is only REST
// (a remainder class as classify() returns). ODD tells whether the kept part is odd.
bool round_up(unsigned mode, int digit, unsigned rest, bool odd) {
    bool inexact = digit > 0 || rest != 0;
    switch (mode) {
    case human_floor: return false;
    case human_round_to_nearest: {
        if (digit < 0) return rest == 3 || (rest == 2 && odd);
        if (digit > 5) return true;
        if (digit < 5) return false;
        return rest != 0 || odd;
    }
    default: return inexact;  // ceiling
    }
}

const char power_letter[] = {0, 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y', 'R', 'Q'};

std::string group_digits(std::string digits) {
    const std::lconv* lc = std::localeconv();
    const char* sep = lc ? lc->thousands_sep : "";
    const char* grouping = lc ? lc->grouping : "";
    if (!sep || !*sep || !grouping || !*grouping) return digits;
    std::string out;
    std::size_t i = digits.size();
    std::string rev;
    const char* g = grouping;
    unsigned group = static_cast<unsigned char>(*g);
    unsigned in_group = 0;
    std::string seprev(sep);
    std::string sep_reversed(seprev.rbegin(), seprev.rend());
    while (i > 0) {
        if (group > 0 && group < 127 && in_group == group) {
            rev += sep_reversed;
            in_group = 0;
            if (g[1]) group = static_cast<unsigned char>(*++g);
        }
        rev.push_back(digits[--i]);
        ++in_group;
    }
    return std::string(rev.rbegin(), rev.rend());
}

}  // namespace

std::string human_readable(std::uint64_t n, unsigned opts, std::uint64_t from, std::uint64_t to) {
    const unsigned mode = opts & human_round_mask;
    const std::uint64_t base = (opts & human_base_1024) ? 1024 : 1000;
    const bool autoscale = (opts & human_autoscale) != 0;
    if (from == 0) from = 1;
    if (to == 0) to = 1;

    // Value = amt + (tenths/10) + rest-class, where rest describes what is below a tenth.
    // Exact integer arithmetic where possible; otherwise long double.
    std::uint64_t amt = 0;
    int tenths = 0;
    unsigned rest = 0;
    bool have_int = false;
    long double dval = 0;

    if (autoscale) to = 1;
    if (to <= from && from % to == 0) {
        std::uint64_t mult = from / to;
        if (n == 0 || mult <= UINT64_MAX / n) {
            amt = n * mult;
            have_int = true;
        }
    } else if (from < to && to % from == 0) {
        std::uint64_t div = to / from;
        amt = n / div;
        std::uint64_t r = n % div;
        // first decimal digit of r/div and the class of what is left
        unsigned __int128 r10 = static_cast<unsigned __int128>(r) * 10;
        tenths = static_cast<int>(r10 / div);
        rest = classify(static_cast<std::uint64_t>(r10 % div), div);
        have_int = true;
    }
    if (!have_int) dval = static_cast<long double>(n) * from / to;

    int exponent = 0;
    const int max_exponent = 10;
    std::string out;

    if (!have_int) {
        // long double path: scale, then print with one decimal when < 10
        if (autoscale) {
            while (dval >= base && exponent < max_exponent) {
                dval /= base;
                ++exponent;
            }
        }
        long double scaled = dval;
        bool decimals = autoscale && exponent > 0 && scaled < 10;
        long double unit = decimals ? 10.0L : 1.0L;
        long double v = scaled * unit;
        // values above 2^64 (n * from overflowing) are rounded and printed as long doubles
        long double fl = floorl(v);
        long double frac = v - fl;
        bool up = false;
        if (mode == human_ceiling) up = frac > 0;
        else if (mode == human_round_to_nearest) up = frac > 0.5L || (frac == 0.5L && fmodl(fl, 2.0L) != 0);
        if (up) fl += 1;
        if (decimals) {
            auto whole = static_cast<std::uint64_t>(fl);  // < 100 here
            if (whole >= 100) {  // rounded up to 10.0: print as integer
                out = fmt::format("{}", whole / 10);
            } else {
                out = fmt::format("{}.{}", whole / 10, whole % 10);
                if ((opts & human_suppress_point_zero) && whole % 10 == 0) out = fmt::format("{}", whole / 10);
            }
        } else {
            if (autoscale && fl >= base && exponent < max_exponent) {
                ++exponent;
                out = (opts & human_suppress_point_zero) ? "1" : "1.0";
            } else {
                out = fmt::format("{:.0f}", fl);
                if (opts & human_group_digits) out = group_digits(out);
            }
        }
    } else {
        if (autoscale && amt >= base) {
            do {
                std::uint64_t r = amt % base;
                // new tenths digit and rest from (r + tenths/10 + rest) / base
                unsigned __int128 r10 = static_cast<unsigned __int128>(r) * 10 + static_cast<unsigned>(tenths);
                // class of what is left below the new tenth: (m + f) / base with f the old
                // rest (0, (0,1/2), 1/2, (1/2,1) of a tenth, scaled by 2 below)
                std::uint64_t m = static_cast<std::uint64_t>(r10 % base);
                std::uint64_t two_m = 2 * m;
                unsigned newrest = 0;
                switch (rest) {
                case 0: newrest = m == 0 ? 0 : two_m < base ? 1 : two_m == base ? 2 : 3; break;
                case 1: newrest = two_m < base ? 1 : 3; break;
                case 2: newrest = two_m + 1 < base ? 1 : two_m + 1 == base ? 2 : 3; break;
                default: newrest = two_m + 1 < base ? 1 : 3; break;
                }
                amt /= base;
                tenths = static_cast<int>(r10 / base);
                rest = newrest;
                ++exponent;
            } while (amt >= base && exponent < max_exponent);
        }
        bool printed = false;
        if (autoscale && exponent > 0 && amt < 10) {
            // one decimal place
            if (round_up(mode, -1, rest, tenths & 1)) {
                ++tenths;
                rest = 0;
                if (tenths == 10) {
                    ++amt;
                    tenths = 0;
                }
            }
            if (amt < 10) {
                if (tenths || !(opts & human_suppress_point_zero))
                    out = fmt::format("{}.{}", amt, tenths);
                else
                    out = fmt::format("{}", amt);
                printed = true;
            } else {
                // 9.95 -> 10: fall through to integer rounding with the rounding already done
                tenths = 0;
                rest = 0;
            }
        }
        if (!printed) {
            if (round_up(mode, tenths, rest, amt & 1)) ++amt;
            if (autoscale && amt == base && exponent < max_exponent) {
                ++exponent;
                out = (opts & human_suppress_point_zero) ? "1" : "1.0";
            } else {
                out = fmt::format("{}", amt);
                if (opts & human_group_digits) out = group_digits(out);
            }
        }
    }

    // Suffix: with autoscale the chosen power; with human_SI alone the power of TO.
    if (!autoscale && (opts & human_SI)) {
        std::uint64_t t = to;
        exponent = 0;
        while (t % base == 0 && t > 1 && exponent < max_exponent) {
            t /= base;
            ++exponent;
        }
        if (t != 1) exponent = 0;
    }
    bool any_suffix = (opts & (human_SI | human_B)) && (exponent > 0 || (opts & human_B));
    if (any_suffix && (opts & human_space_before_unit)) out += ' ';
    if (exponent > 0 && (opts & human_SI)) {
        out += (!(opts & human_base_1024) && exponent == 1) ? 'k' : power_letter[exponent];
        if ((opts & human_B) && (opts & human_base_1024)) out += 'i';
    }
    if (opts & human_B) out += 'B';
    return out;
}

namespace {

// Multiply V by BASE^POWER, saturating; returns false on overflow.
bool scale(std::uint64_t& v, std::uint64_t base, int power) {
    for (int i = 0; i < power; ++i) {
        if (v > UINT64_MAX / base) {
            v = UINT64_MAX;
            return false;
        }
        v *= base;
    }
    return true;
}

int suffix_power(char c) {
    switch (c) {
    case 'k': case 'K': return 1;
    case 'm': case 'M': return 2;
    case 'g': case 'G': return 3;
    case 't': case 'T': return 4;
    case 'P': return 5;
    case 'E': return 6;
    case 'Z': return 7;
    case 'Y': return 8;
    default: return -1;
    }
}

// Letters accepted as the start of a suffix (others make the whole argument invalid when no
// digits precede them, or are an "invalid suffix" after digits).
bool suffix_start(char c) { return c && std::strchr("eEgGkKmMpPtTYZ", c) != nullptr; }

BlockSizeError parse_spec(const char* spec, unsigned& opts, std::uint64_t& bs) {
    opts = 0;
    if (*spec == '\'') {
        opts |= human_group_digits;
        ++spec;
    }
    if (std::strcmp(spec, "human-readable") == 0) {
        opts |= human_autoscale | human_SI | human_base_1024;
        bs = 1;
        return BlockSizeError::ok;
    }
    if (std::strcmp(spec, "si") == 0) {
        opts |= human_autoscale | human_SI;
        bs = 1;
        return BlockSizeError::ok;
    }
    // C strtoumax syntax for the number part
    const char* p = spec;
    while (*p == ' ' || (*p >= '\t' && *p <= '\r')) ++p;
    if (*p == '-') return BlockSizeError::invalid;
    std::uint64_t value = 1;
    bool overflow = false;
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(spec, &end, 0);
    bool have_digits = end != spec;
    if (have_digits) {
        if (errno == ERANGE) overflow = true;
        value = v;
    } else {
        if (!suffix_start(*spec)) return BlockSizeError::invalid;
        end = const_cast<char*>(spec);
    }
    const char* s = end;
    if (*s) {
        if (!suffix_start(*s)) return BlockSizeError::invalid_suffix;
        std::uint64_t base = 1024;
        std::size_t len = 1;
        if (s[1] == 'i' && s[2] == 'B') {
            len = 3;
        } else if (s[1] == 'B' || s[1] == 'D') {
            base = 1000;
            len = 2;
        }
        int power = suffix_power(*s);
        if (power < 0) return BlockSizeError::invalid_suffix;
        if (!scale(value, base, power)) overflow = true;
        if (s[len]) return BlockSizeError::invalid_suffix;
        if (!have_digits) {
            opts |= human_SI;
            if (s[len - 1] == 'B') {
                opts |= human_B;
                if (len == 3) opts |= human_base_1024;
            } else {
                opts |= human_base_1024;
            }
        }
    }
    if (overflow) return BlockSizeError::overflow;
    if (value == 0) return BlockSizeError::invalid;
    bs = value;
    return BlockSizeError::ok;
}

}  // namespace

BlockSizeError human_options(const char* spec, unsigned& opts, std::uint64_t& block_size,
                             const char* tool_env_var) {
    const std::uint64_t dflt = std::getenv("POSIXLY_CORRECT") ? 512 : 1024;
    bool from_env = false;
    if (!spec) {
        if (tool_env_var) spec = std::getenv(tool_env_var);
        if (!spec) spec = std::getenv("BLOCK_SIZE");
        if (!spec) spec = std::getenv("BLOCKSIZE");
        from_env = true;
    }
    if (!spec) {
        opts = 0;
        block_size = dflt;
        return BlockSizeError::ok;
    }
    BlockSizeError e = parse_spec(spec, opts, block_size);
    if (e != BlockSizeError::ok) {
        opts = 0;
        block_size = dflt;
        if (from_env) return BlockSizeError::ok;
    }
    return e;
}

std::string block_size_error_message(BlockSizeError err, std::string_view option, std::string_view arg) {
    switch (err) {
    case BlockSizeError::invalid_suffix: return fmt::format("invalid suffix in {} argument '{}'", option, arg);
    case BlockSizeError::overflow: return fmt::format("{} argument '{}' too large", option, arg);
    case BlockSizeError::invalid: return fmt::format("invalid {} argument '{}'", option, arg);
    case BlockSizeError::ok: break;
    }
    return {};
}

}  // namespace procstat::units
