#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run a ps command on more processes than a page holds: starts 60 idle sleepers, replaces
"@MANY" in the arguments with their PIDs (comma-separated), runs the command with our standard
output and kills the sleepers by PID. For --headers (a header before every page of rows) and
other per-row behaviour that needs many rows.
usage: many_run.py COMMAND [ARG...]; exits with the command's status."""
import subprocess
import sys

COUNT = 60


def main():
    kids = [subprocess.Popen(["sleep", "1000"]) for _ in range(COUNT)]
    try:
        pids = ",".join(str(k.pid) for k in kids)
        argv = [a.replace("@MANY", pids) for a in sys.argv[1:]]
        rc = subprocess.run(argv).returncode
    finally:
        for k in kids:
            k.kill()
            k.wait()
    sys.exit(rc)


if __name__ == "__main__":
    main()
