# SPDX-License-Identifier: GPL-2.0-or-later
"""ps cases for the width of the process-id columns: procps sizes pid ppid pgid sid tpgid lwp spid
tgid tid pgrp sess session by the text of /proc/sys/kernel/pid_max (a host with systemd's
pid_max 4194304 shows 7-wide PID columns). Each case runs both programs with pid_max bind-mounted
to a test value (pid_max_run.py, root only). Only values at least as long as the host's own
pid_max are used, so the test processes' PIDs always fit their column."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = [sys.executable, os.path.join(HERE, "pid_max_run.py")]

FORMATS = (["-f"], ["-l"], ["-ly"], ["-j"], ["-F"], ["-L"], ["-T"], ["-Lf"], ["j"], ["u"], ["v"], ["s"], ["X"],
           ["l"], ["-O", "tid"], ["-o", "%p,%P,%r,%c"],
           ["-o", "pid,ppid,pgid,sid,tpgid,lwp,spid,tgid,tid,pgrp,sess,session,comm"],
           ["-o", "pid=,ppid=PARENT,comm"], ["-o", "pid:3,ppid:9,tgid=T,comm"], ["--forest", "-o", "pid,ppid,comm"],
           ["m", "-o", "pid,tid,comm"], ["-o", "pid,comm", "--sort", "-pid"])


def host_width():
    try:
        with open("/proc/sys/kernel/pid_max", "rb") as f:
            return len(f.read().split(b"\n")[0])
    except OSError:
        return 5


def add_cases(case, sel):
    if os.geteuid() != 0:
        return  # bind mounts need root: these cases are left out (CI runs as root)
    hw = host_width()
    # (pid_max text, its width): systemd's value, a 6-digit one, trailing junk (the length counts,
    # not the number), a word, the 23-character cap, an empty file (the default, 5)
    values = (("4194304\\n", 7), ("100000\\n", 6), ("99999x\\n", 6), ("garbage\\n", 7), ("9" * 30 + "\\n", 23),
              ("32768\\n", 5), ("@EMPTY", 5), ("1048576", 7))
    for text, width in values:
        if width < hw:
            continue
        # every format for systemd's value, a few for the others (the width rule is one function)
        for fmt in FORMATS if text == "4194304\\n" else FORMATS[:3] + FORMATS[15:17]:
            case(fmt + ["-p", sel], wrapper=RUN + [text], name=f"pid_max={text} {' '.join(fmt)} -p @ALL")
