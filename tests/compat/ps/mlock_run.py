#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run a ps command next to a process that has locked memory (the L of STAT): the wrapper forks a
child that mlock()s 64 KiB and waits, replaces @LOCKED in the arguments with the child's PID and
@SELF with its own (no locked memory), runs the command with our standard output, then kills the
child. usage: mlock_run.py COMMAND [ARG...]; exits with the command's status."""
import ctypes
import mmap
import os
import signal
import subprocess
import sys

SIZE = 64 * 1024


def main():
    cmd = sys.argv[1:]
    rd, wr = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(rd)
        buf = mmap.mmap(-1, SIZE)
        addr = ctypes.addressof(ctypes.c_char.from_buffer(buf))
        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.mlock(ctypes.c_void_p(addr), ctypes.c_size_t(SIZE)) == 0
        os.write(wr, b"y" if ok else b"n")
        os.close(wr)
        while True:
            signal.pause()
    os.close(wr)
    ready = os.read(rd, 1)
    os.close(rd)
    try:
        if ready != b"y":
            sys.stderr.write("mlock_run.py: the child could not lock memory\n")
            return 2
        args = [a.replace("@LOCKED", str(child)).replace("@SELF", str(os.getpid())) for a in cmd]
        return subprocess.run(args).returncode
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


if __name__ == "__main__":
    sys.exit(main())
