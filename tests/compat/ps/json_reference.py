#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Reference for the --json cases: run procps ps with the same selection and -o columns (without
a header) and print the JSON that man/ps.1 specifies for them. Only columns whose values are single
words are used by the cases, so splitting the rows on blanks is exact."""
import json
import subprocess
import sys

INTEGER = {"pid", "ppid", "pgid", "sid", "tpgid", "nlwp", "rss", "vsz", "sz", "ni", "pri", "psr", "uid",
           "gid", "ruid", "euid", "tid", "lwp", "maj_flt", "min_flt", "size", "trs", "drs"}
NUMBER = {"%cpu", "%mem", "pcpu", "pmem"}
CPU_TIME = {"time", "cputime"}


def seconds(t):
    days = 0
    if "-" in t:
        d, t = t.split("-", 1)
        days = int(d)
    parts = [int(x) for x in t.split(":")]
    s = 0
    for x in parts:
        s = s * 60 + x
    return days * 86400 + s


def main():
    args = [a for a in sys.argv[1:] if a != "--json"]
    cols = args[args.index("-o") + 1].split(",")
    p = subprocess.run(["ps", "--no-headers"] + args, stdout=subprocess.PIPE)
    rows = []
    for line in p.stdout.decode().splitlines():
        vals = line.split()
        obj = {}
        for c, v in zip(cols, vals):
            if c in CPU_TIME:
                obj[c] = seconds(v)
                obj[c + "_text"] = v
            elif v == "-":
                obj[c] = None
            elif c in INTEGER:
                obj[c] = int(v)
            elif c in NUMBER:
                obj[c] = float(v)
            else:
                obj[c] = v
        rows.append(obj)
    print(json.dumps({"processes": rows}, indent=3))
    return p.returncode


if __name__ == "__main__":
    sys.exit(main())
