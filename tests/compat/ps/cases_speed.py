# SPDX-License-Identifier: GPL-2.0-or-later
"""ps cases for the reader's shortcuts: the L of STAT (VmLck) is read from status only for tasks
that have an address space, so a process with locked memory, a kernel thread and a zombie are
compared with procps in the formats that show STAT (ps aux reads VmLck for nothing else); the
kernel thread and the zombie also in the formats that show the command line and statm sizes."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MLOCK_RUN = [sys.executable, os.path.join(HERE, "mlock_run.py")]


def column(name):
    """A transform keeping one whitespace-separated column (found by its header NAME) of every
    line: for formats whose other columns (PIDs, sizes of a forked Python child) differ between
    the two runs. Only columns before the command may be chosen."""
    def keep(out: bytes, ctx: dict) -> bytes:
        lines = out.split(b"\n")
        head = lines[0].split() if lines else []
        i = head.index(name.encode())
        return b"\n".join(l.split()[i] if len(l.split()) > i else l for l in lines)
    return keep


def up_to_wrapper(out: bytes, ctx: dict) -> bytes:
    """Each line up to the wrapper's name: what follows it is the command under test."""
    return b"\n".join(line.split(b"mlock_run.py")[0] for line in out.split(b"\n"))


def add_cases(case, sel):
    # a process with 64 KiB of locked memory (mlock) and, for contrast, one without
    for who in ("@LOCKED", "@PLAIN"):
        case(["-o", "stat,comm", "-p", who], wrapper=MLOCK_RUN, name=f"mlock -o stat,comm {who}")
        case(["-o", "stat=,state,comm", "--pid", who], wrapper=MLOCK_RUN, name=f"mlock -o stat= {who}")
    for fmt, key in ((["u"], "STAT"), (["v"], "STAT"), (["j"], "STAT"), (["s"], "STAT"), (["-l"], "S"),
                     (["-L", "-o", "lwp,stat"], "STAT"), (["m", "-o", "stat,comm"], "STAT")):
        case(fmt + ["-p", "@LOCKED"], wrapper=MLOCK_RUN, transform=column(key),
             name=f"mlock {' '.join(fmt)} -p @LOCKED ({key} column)")
    case(["u", "-p", "@LOCKED", "--sort", "-stat"], wrapper=MLOCK_RUN, transform=column("STAT"),
         name="mlock u --sort -stat (STAT column)")
    # kernel threads (kthreadd is PID 2) and a zombie: no address space, so no status read for
    # L, no cmdline and no statm read: what procps shows after reading them
    for fmt in (["-o", "pid,stat,rss,vsz,comm"], ["u"], ["v"], ["-o", "stat,%mem,rsz,comm"], ["-f"],
                ["-o", "pid,args,cmd,command"], ["-o", "pid,sz,size,trs,drs,rss,comm"], ["ww", "-o", "pid,args"],
                ["-o", "pid,comm,args", "c"]):
        case(fmt + ["-p", "2"], name=f"kthreadd {' '.join(fmt)}")
        case(fmt + ["-p", "@ZOMBIE"], name=f"zombie {' '.join(fmt)}")
    # a zombie leader with a live thread: the process row has no mm, the thread row does
    for fmt in (["-o", "stat,rss,vsz,sz,comm,args"], ["-L", "-o", "stat,nlwp,comm"], ["m", "-o", "stat,comm"],
                ["-T", "-o", "stat,comm"], ["s", "-o", "stat,rss,args"]):
        case(fmt + ["-p", "@ZLEADER"], wrapper=MLOCK_RUN, name=f"zombie leader {' '.join(fmt)}")
    # its live thread's own command line (the process has none); that command line names the
    # ps under test (the wrapper's argv), so lines are compared up to "mlock_run.py"
    for fmt in (["-L", "-o", "nlwp,stat,args"], ["-T", "-o", "stat,cmd"], ["H", "-o", "stat,command"],
                ["m", "-o", "stat,args"], ["-L", "-o", "uid,nlwp,tty,stat,args"], ["-L", "-o", "stat,args", "c"]):
        case(fmt + ["-p", "@ZLEADER"], wrapper=MLOCK_RUN, transform=up_to_wrapper,
             name=f"zombie leader thread command line {' '.join(fmt)}")
    case(["u", "-p", f"2,@ZOMBIE,{sel}"], name="kthreadd, zombie and the rest, u")
    case(["-o", "pid,stat,rss,comm", "--sort", "-rss,pid", "-p", f"2,@ZOMBIE,{sel}"],
         name="kthreadd, zombie and the rest, sorted by rss")
    case(["-o", "pid,lwp,stat,rss,comm", "-L", "-p", "2,@ZOMBIE,@THREADS"], name="-L kthreadd, zombie, threads")
