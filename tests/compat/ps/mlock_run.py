#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run a ps command next to processes whose memory the reader treats specially: @LOCKED, a child
that mlock()s 64 KiB (the L of STAT); @ZLEADER, a child whose main thread has exited while another
thread lives on (a zombie leader: no mm for status, statm and cmdline, but a live thread); @PLAIN,
an idle child without locked memory. The placeholders in the arguments become their PIDs; the
command runs with our standard output; the children are killed afterwards.
usage: mlock_run.py COMMAND [ARG...]; exits with the command's status."""
import ctypes
import mmap
import os
import signal
import subprocess
import sys
import time

SIZE = 64 * 1024


def settle(pid):
    """Wait until every thread of PID sleeps (S) or is a zombie (Z): a child that has just written
    to its pipe may still be running on its way to pause(), and STAT would show R."""
    for _ in range(500):
        states = []
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                    states.append(f.read().rsplit(b")", 1)[1].split()[0])
            except OSError:
                pass
        if states and all(st in (b"S", b"Z") for st in states):
            return
        time.sleep(0.01)


def zombie_leader():
    """Fork a child whose main thread exits (pthread_exit) while a second thread sleeps; return
    its PID once its stat shows the leader as a zombie."""
    child = os.fork()
    if child == 0:
        import threading
        threading.Thread(target=time.sleep, args=(1e6,)).start()
        ctypes.CDLL(None).pthread_exit(None)
        os._exit(1)
    for _ in range(200):
        with open(f"/proc/{child}/stat", "rb") as f:
            if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                break
        time.sleep(0.01)
    return child


def plain():
    """Fork an idle child (no locked memory); return its PID."""
    child = os.fork()
    if child == 0:
        while True:
            signal.pause()
    return child


def main():
    cmd = sys.argv[1:]
    zl = zombie_leader()
    pl = plain()
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
        for pid in (child, zl, pl):
            settle(pid)
        args = [a.replace("@LOCKED", str(child)).replace("@ZLEADER", str(zl)).replace("@PLAIN", str(pl))
                for a in cmd]
        return subprocess.run(args).returncode
    finally:
        for pid in (child, zl, pl):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


if __name__ == "__main__":
    sys.exit(main())
