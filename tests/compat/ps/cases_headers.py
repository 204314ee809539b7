# SPDX-License-Identifier: GPL-2.0-or-later
"""ps cases with more rows than a page: --headers repeats the header before every page (24 lines
when no terminal and no LINES/--rows tells otherwise, as procps), and procps' test columns
(_left, _right, _unlimited and their 2 variants) cycle their texts by the row number, counted
differently with a header once, none (h, --no-headers) or one per page (--headers). Each program
gets its own 60 sleepers (many_run.py), so no format shows a PID."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MANY = [sys.executable, os.path.join(HERE, "many_run.py")]


def add_cases(case, sel):
    fmts = ("comm", "_left,_right,_left2,_right2,_unlimited,_unlimited2", "_left,_left,_right", "_unlimited2,comm",
            "comm,_right2")
    for mode in (["--headers"], ["--headers", "--rows", "7"], ["--headers", "--lines=30"], [], ["h"],
                 ["--no-headers"], ["--headers", "h"], ["--headers", "--no-headers"]):
        for f in fmts:
            case(mode + ["-o", f, "-p", "@MANY"], wrapper=MANY, name=f"60 rows {' '.join(mode)} -o {f}")
    for env in ({"LINES": "10"}, {"LINES": "2"}, {"LINES": "junk"}):
        case(["--headers", "-o", "comm,_left", "-p", "@MANY"], wrapper=MANY, env=env,
             name=f"60 rows --headers LINES={env['LINES']}")
    case(["--headers", "-o", "comm,_left", "--sort", "-pid", "-p", "@MANY"], wrapper=MANY,
         name="60 rows --headers --sort -pid")
