// SPDX-License-Identifier: GPL-2.0-or-later
// ps process selection: the default (same euid and tty), -e/-a/-d/a/x, the selection lists, -N,
// and the screen size the output is laid out for.
#pragma once
#include <cstdint>

#include "options.hpp"
#include "procstat/core/root.hpp"
#include "procstat/proc/process.hpp"

namespace procstat::ps {

// The ps process itself: its effective uid and controlling tty (for the default selection).
struct Self {
    std::uint32_t euid = 0;
    int tty = 0;
};
Self read_self(const Root& root);

// Whether P is selected by the options.
bool want(const Options& o, const Self& me, const proc::Process& p);

// The /proc files the selection itself needs (status for uids and gids).
std::uint32_t selection_needs(const Options& o);

// Screen width (COLUMNS, terminal, --cols, -w); -1 for unlimited.
int screen_columns(const Options& o);
// Rows per screen for --headers: --lines, LINES, terminal rows; 0 when unknown.
int screen_lines(const Options& o);

}  // namespace procstat::ps
