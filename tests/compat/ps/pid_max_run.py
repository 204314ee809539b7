#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run a command while /proc/sys/kernel/pid_max reads as TEXT: a bind mount over it in a private
mount namespace (root only), so ps's PID column widths can be compared with procps for any
pid_max without touching the host's setting.
usage: pid_max_run.py TEXT COMMAND [ARG...]   (TEXT may hold \\n escapes; "@EMPTY" is an empty
file); exits with the command's status, 99 when the bind mount did not take effect."""
import os
import subprocess
import sys
import tempfile


def main():
    text = sys.argv[1]
    data = b"" if text == "@EMPTY" else text.encode().decode("unicode_escape").encode("latin-1")
    with tempfile.NamedTemporaryFile(prefix="pid_max.") as f:
        f.write(data)
        f.flush()
        # the command runs only when the file it will read is really ours
        script = ('mount --bind "$0" /proc/sys/kernel/pid_max && cmp -s "$0" /proc/sys/kernel/pid_max '
                  '|| { echo "pid_max_run: bind mount failed" >&2; exit 99; }; exec "$@"')
        p = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, f.name] + sys.argv[2:])
    sys.exit(p.returncode)


if __name__ == "__main__":
    main()
