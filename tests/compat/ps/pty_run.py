#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run a command with its standard output on a new pseudo-terminal of COLS x ROWS and copy what
it writes to our standard output, byte for byte (output post-processing is switched off, so no
CR is added). usage: pty_run.py COLS ROWS COMMAND [ARG...]; exits with the command's status."""
import fcntl
import os
import pty
import struct
import sys
import termios


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    cmd = sys.argv[3:]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.dup2(slave, 1)
        os.close(slave)
        os.execvp(cmd[0], cmd)
    os.close(slave)
    out = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    os.close(master)
    sys.stdout.buffer.write(bytes(out))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
