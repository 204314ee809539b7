// SPDX-License-Identifier: GPL-2.0-or-later
// GNU coreutils size units (df, du): --block-size parsing and human-readable sizes, with the
// semantics of gnulib's human_options()/human_readable() as coreutils 9.1 prints them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace procstat::units {

enum HumanOpt : unsigned {
    human_ceiling = 0,           // round inexact values up (df, du)
    human_round_to_nearest = 1,  // round half to even
    human_floor = 2,             // round inexact values down
    human_group_digits = 4,      // thousands separators of the locale (leading ' in a spec)
    human_suppress_point_zero = 8,  // "1" instead of "1.0"
    human_autoscale = 16,        // pick the largest power that keeps the value >= 1 (-h, --si)
    human_base_1024 = 32,        // powers of 1024 (otherwise 1000)
    human_space_before_unit = 64,
    human_SI = 128,              // append the power letter (K, M, ...; "k" for 1000^1)
    human_B = 256,               // append "B" ("iB" with base 1024)
};

// Round mode part of OPTS.
inline constexpr unsigned human_round_mask = 3;

// Format N units of FROM bytes in units of TO bytes (TO is ignored with human_autoscale, where
// the power is chosen automatically). FROM and TO must be non-zero.
std::string human_readable(std::uint64_t n, unsigned opts, std::uint64_t from, std::uint64_t to);

enum class BlockSizeError { ok, invalid, invalid_suffix, overflow };

// Parse a block-size SPEC as --block-size/-B take it: optional leading "'" (group digits),
// "human-readable", "si", or a number (C strtoumax syntax: decimal, 0x hex, 0 octal) with an
// optional suffix K/k M/m G/g T/t P E Z Y, optionally followed by "B"/"D" (powers of 1000) or
// "iB" (1024). A spec without digits ("K", "MB") also makes the sizes carry the suffix.
// When SPEC is null, the environment decides: TOOL_ENV_VAR (e.g. "DU_BLOCK_SIZE", may be null),
// then BLOCK_SIZE, then BLOCKSIZE (the first that is set is used, invalid values fall back to the
// default); with none set the default is 1024, or 512 when POSIXLY_CORRECT is set.
// On error OPTS/BLOCK_SIZE are set to the default (0 / 1024).
BlockSizeError human_options(const char* spec, unsigned& opts, std::uint64_t& block_size,
                             const char* tool_env_var = nullptr);

// The message coreutils prints for a bad block-size argument given with OPTION ("-B" or
// "--block-size"): "invalid suffix in --block-size argument '1b'" (without the program name).
std::string block_size_error_message(BlockSizeError err, std::string_view option, std::string_view arg);

}  // namespace procstat::units
