# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential cases for the ps format keys procps-ng 4.0.2 accepts beyond those its man page
lists (aliases such as fsuid and sig_pend, the _left/_right/_unlimited test columns, lim, zone,
...), S/--cumulative, %cpu/cuc/cuu and the I/O counters of an unreadable /proc/PID/io.

Loaded by cases.py (add_cases). Most cases run on the group's idle processes (@ALL, ...). The
rest need processes the group does not start: one whose dead child burned CPU, one with signals
pending on the process and on its thread, and processes of other users. Those cases run through
this file as a wrapper (the harness runs `wrapper + [ps] + args` for both binaries): on first use
it starts a watcher that starts those processes once per group run and ends them when the
group's work directory is removed. The wrapper also runs ps in a private mount namespace with a
copy of /proc/uptime frozen when the reference runs, so both binaries see the same elapsed time
and the values that depend on it (%cpu, cuc, cuu, etime) can be compared byte for byte.
"""
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time

THIS = os.path.abspath(__file__)

# Every key procps 4.0.2 lists under L that ps(1) does not document.
HIDDEN = """_left _left2 _right _right2 _unlimited _unlimited2 atime context dsiz fsgid fsgroup fsuid
fsuser lastcpu lim longtname m_drs m_size m_trs pagein sgi_rss sig_block sig_catch sig_ignore
sig_pend start_stack svgroup svuser trss tsig tsiz tty4 tty8 util wname zone""".split()
# Stable on a kernel thread too (lastcpu moves whenever kthreadd runs; the test columns are
# covered elsewhere).
KTHREAD_KEYS = [k for k in HIDDEN if k not in ("lastcpu", "wname") and not k.startswith("_")]
# Shown on the rows of ps m: procps 4.0.2 crashes on wchan/wname in a thread row and shows
# stale values for psr/lastcpu there, so those are left out.
M_KEYS = [k for k in HIDDEN if k not in ("lastcpu", "wname")]
CPU_KEYS = ("time cputime cputimes times atime bsdtime %cpu pcpu c cp util cuc cuu etime etimes "
            "majflt maj_flt minflt min_flt pagein").split()
IO_KEYS = "rbytes,rchars,rops,wbytes,wcbytes,wchars,wops"
SIGNAL_KEYS = "pending,sig,sig_pend,tsig,blocked,sig_block,sigmask,caught,sig_catch,ignored,sig_ignore"
USER_KEYS = "fuid,fsuid,fuser,fsuser,fgid,fsgid,fgroup,fsgroup,suser,svuser,sgroup,svgroup,ruser,euser"

STATE = "keys_hidden_helpers.json"  # in the group's work directory (the cases' cwd)
UPTIME = "keys_hidden_uptime"
HELPER_LIFETIME = 3600  # seconds, in case the work directory is never removed


def first_rows(out: bytes, ctx: dict) -> bytes:
    return b"\n".join(out.split(b"\n")[:31])


def _root_with_unshare():
    return os.geteuid() == 0 and shutil.which("unshare") and shutil.which("mount") and shutil.which("setpriv")


def add_cases(case, sel):
    # --- every hidden key alone and between others, on the group's processes
    for k in HIDDEN:
        case(["-o", k, "-p", sel], name=f"hidden key -o {k}")
        case(["-o", f"pid,{k},comm", "-p", sel], name=f"hidden key -o pid,{k},comm")
    for k in KTHREAD_KEYS:
        case(["-o", f"pid,{k},stat", "-p", "2,@SLEEP,@ZOMBIE,@STOPPED"], name=f"hidden key {k} kernel thread")
    case(["-o", ",".join(["pid"] + HIDDEN), "-p", sel], name="hidden keys all at once")
    case(["-o", ",".join(HIDDEN[::-1]), "-p", sel], name="hidden keys all at once reversed")
    case(["-o", "pid,tty,tty4,tty8,longtname,tname", "-p", "@PTY,@SLEEP"], name="hidden keys tty4 on a pty")
    # names, widths and headers given on the command line
    # (not the signal masks: procps lays out blocked, pending, ... oddly with an explicit width,
    # which is not reproduced)
    for k in ("fsuser", "tty4", "sgi_rss", "_left", "_right", "_unlimited", "lim", "context", "m_size"):
        case(["-o", f"{k}:3,pid,{k}=X,{k}:20", "-p", sel], name=f"hidden key {k} widths and headers")
    # (not the test columns: without a header procps' cycle starts one row later, which needs
    # the renderer to tell the columns; see Ctx::header_shown)
    for k in ("fsuser", "tty4", "sgi_rss", "lim", "context", "m_size", "sig_pend", "dsiz"):
        case(["--no-headers", "-o", f"pid,{k}", "-p", sel], name=f"hidden key {k} --no-headers")
    # threads: -L rows and the process/thread rows of m
    case(["-L", "-o", "pid,lwp," + ",".join(HIDDEN), "-p", "@THREADS"], name="hidden keys -L")
    case(["-T", "-o", "pid,spid,lastcpu,tsig,sig_pend,_left,_right2", "-p", "@THREADS,@SLEEP"], name="hidden keys -T")
    for half in (M_KEYS[:17], M_KEYS[17:]):
        case(["m", "-o", "pid,lwp," + ",".join(half), "-p", "@THREADS,@SLEEP"], name=f"hidden keys m {half[0]}..")
        case(["-m", "-o", "pid,tid," + ",".join(half), "-p", "@THREADS,@ZOMBIE"], name=f"hidden keys -m {half[0]}..")
    # --- the test columns: their texts cycle per output row, and columns of a row agree
    case(["-o", "_left,_left2,_right,_right2,_unlimited,_unlimited2", "-p", sel], name="test columns together")
    case(["-o", "_left,_left,pid,_right2,_right2,_unlimited2,pid", "-p", sel], name="test columns twice in a row")
    case(["-o", "pid,_unlimited", "-p", sel], name="test column _unlimited last is not cut")
    case(["-o", "pid,_unlimited2", "-p", sel], name="test column _unlimited2 last is not cut")
    for cols in ("20", "30"):
        case(["-o", "pid,_unlimited", "-p", sel], env={"COLUMNS": cols}, name=f"test column _unlimited COLUMNS={cols}")
    # (not COLUMNS=20: a last column that starts past the screen width after pushed columns is
    # cut differently by procps there, a renderer matter)
    case(["-o", "_left,_right,_right2,_unlimited2", "-p", sel], env={"COLUMNS": "30"}, name="test columns COLUMNS=30")
    case(["-o", "_left,_right,_unlimited2", "-p", sel], env={"COLUMNS": "45"}, name="test columns COLUMNS=45")
    # (the texts depend on the row number only: the first 30 rows match whatever processes come
    # and go between the two runs)
    case(["-e", "-o", "_left,_left2,_right,_right2,_unlimited,_unlimited2"], transform=first_rows,
         name="test columns on every process")
    case(["-o", "pid,_left,_right2", "--sort=_left", "-p", sel], name="test columns sort by _left")
    case(["-o", "pid,_left,_right2", "--sort=-pid", "-p", sel], name="test columns rows after sorting")
    case(["-o", "pid,_left,_unlimited", "--forest", "-p", "@TREE"], name="test columns forest")
    case(["m", "-o", "pid,lwp,_left,_right,_unlimited2", "-p", "@THREADS,@SLEEP"], name="test columns m rows")
    case(["-L", "-o", "pid,lwp,_left2,_right2", "-p", "@THREADS"], name="test columns -L rows")
    # --- L: the whole list, headers cut to 8 columns as procps lists them
    case(["L"], name="L lists every key (hidden ones included)")
    # --- I/O counters: 0 where /proc/PID/io cannot be read (pid 1 even for root here; every
    # other user's process for an unprivileged ps)
    case(["-o", "pid," + IO_KEYS, "-p", "1," + sel], name="io keys with pid 1")
    case(["-o", "pid," + IO_KEYS, "-p", "1,2," + sel], as_user=65534, name="io keys as nobody")
    case(["-o", IO_KEYS + ",pid", "-p", "2,@ZOMBIE"], name="io keys kernel thread and zombie")
    # --- S/--cumulative on the group's idle processes (no dead children: nothing to add)
    for opt in (["S"], ["--cumulative"], []):
        case(opt + ["-o", "pid," + ",".join(k for k in CPU_KEYS if k not in ("etime", "etimes")), "-p", sel],
             name=f"cpu keys {' '.join(opt) or 'plain'} @ALL")

    if not _root_with_unshare():
        return  # the cases below need a private mount namespace (root) for a frozen uptime

    def wcase(args, name, uptime="real", as_user=None):
        # (the wrapper switches to AS_USER itself, after it has set up the helpers as root)
        user = [] if as_user is None else ["--as", str(as_user)]
        case(args, wrapper=[sys.executable, THIS, "--wrap", uptime] + user, name=name)

    # --- a process whose dead child burned CPU: S/--cumulative adds the child's time to the CPU
    # share (%cpu, c, cp) and bsdtime only; time/cputime/cputimes/times stay its own
    cpu = ",".join(CPU_KEYS)
    for opt in (["S"], ["--cumulative"], [], ["S", "--cumulative"]):
        wcase(opt + ["-o", "pid," + cpu, "-p", "@BURNT"], f"burnt child {' '.join(opt) or 'plain'} cpu keys")
        wcase(opt + ["-o", "pid," + cpu, "-p", "@BURNT,@SIGNALS,@LONGUSER,@NUMUSER"],
              f"burnt child {' '.join(opt) or 'plain'} cpu keys with idle helpers")
    for k in CPU_KEYS:
        wcase(["S", "-o", k, "-p", "@BURNT"], f"burnt child S -o {k}")
    for fmt in (["-f"], ["-l"], ["-F"], ["-j"], ["u"], ["v"], ["l"], ["j"], ["s"], []):
        for opt in (["S"], ["--cumulative"]):
            wcase(fmt + opt + ["-p", "@BURNT"], f"burnt child {' '.join(fmt + opt)}")
    for s in ("time", "-time", "bsdtime", "-bsdtime", "pcpu", "-pcpu", "cuc", "-cuc", "cuu"):
        for opt in (["S"], []):
            wcase(opt + ["-o", "pid,time,bsdtime,%cpu,cuc", "--sort", s, "-p", "@HELPERS," + sel],
                  f"burnt child {' '.join(opt) or 'plain'} --sort {s}")
    # cuc/cuu/%cpu/etime at chosen elapsed times: 0.01 s (capped at 99.999), 0.5 s, 3.33 s,
    # 100000.5 s (fractions printed with 3 decimals). Never a whole number of seconds: there the
    # two programs' float arithmetic may land on either side of the second (seen in CI: procps
    # 00:00 or a wrapped elapsed where ours showed 00:01 or 00:00)
    for off in ("0.01", "0.5", "3.33", "100000.5"):
        for opt in (["S"], []):
            wcase(opt + ["-o", "pid,%cpu,c,cp,cuc,cuu,etime,etimes,bsdtime,time", "-p", "@BURNT"],
                  f"burnt child {' '.join(opt) or 'plain'} elapsed {off}", uptime=f"start+{off}")
    # --- signals pending on the process (SIGUSR1) and on its thread (SIGUSR2), both blocked
    wcase(["-o", "pid," + SIGNAL_KEYS, "-p", "@SIGNALS"], "pending signals")
    wcase(["-o", "pid,lwp," + SIGNAL_KEYS, "-L", "-p", "@SIGNALS"], "pending signals -L")
    wcase(["m", "-o", "pid,lwp," + SIGNAL_KEYS, "-p", "@SIGNALS"], "pending signals m")
    wcase(["s", "-p", "@SIGNALS"], "pending signals BSD s")
    for k in SIGNAL_KEYS.split(","):
        wcase(["-o", k, "-p", "@SIGNALS,@BURNT"], f"pending signals -o {k}")
    # --- other users: a name longer than 8 characters (cut with '+'), an id without a name
    wcase(["-o", "pid," + USER_KEYS, "-p", "@LONGUSER,@NUMUSER,@BURNT"], "other users' ids and names")
    for k in USER_KEYS.split(","):
        wcase(["-o", f"{k},pid", "-p", "@LONGUSER,@NUMUSER"], f"other users -o {k}")
        wcase(["-o", f"pid,{k}:12", "-p", "@LONGUSER,@NUMUSER"], f"other users -o {k}:12")
    wcase(["-o", "pid," + IO_KEYS, "-p", "@HELPERS"], "io keys of other users' processes as nobody", as_user=65534)
    wcase(["-o", "pid," + IO_KEYS, "-p", "@HELPERS"], "io keys of other users' processes")


# ------------------------------------------------------------------------------------------------
# The wrapper and the watcher (this file run as a program)

def _read_state(workdir):
    try:
        with open(os.path.join(workdir, STATE)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _alive(pid, start):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[19] == start
    except (OSError, IndexError):
        return False


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def _start_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[19]


def _long_user():
    """A uid whose name is longer than 8 characters (procps cuts it with '+'), else 998."""
    for e in sorted(pwd.getpwall(), key=lambda e: e.pw_uid):
        if len(e.pw_name) > 8 and e.pw_uid != 0:
            return e.pw_uid, e.pw_gid
    return 998, 998


def _unused_id():
    for i in range(12345, 60000):
        try:
            pwd.getpwuid(i)
        except KeyError:
            return i
    return 54321


BURN = "import time\nwhile time.process_time() < 1.2:\n    pass\n"
SIGNALS = ("import os, signal, sys, threading, time\n"
           "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1, signal.SIGUSR2})\n"
           "signal.pthread_kill(threading.get_ident(), signal.SIGUSR2)\n"
           "os.kill(os.getpid(), signal.SIGUSR1)\n"
           "print('ready', flush=True)\n"
           "while True:\n    time.sleep(100000)\n")


def watch(workdir):
    """Start the helper processes, publish their PIDs, and end them when WORKDIR is removed."""
    sleep = shutil.which("sleep")
    uid, gid = _long_user()
    nid = _unused_id()
    devnull = subprocess.DEVNULL
    procs = {
        # the child burns 1.2 s of CPU and is reaped; then the shell becomes an idle sleep
        "BURNT": subprocess.Popen(["sh", "-c", f'"$0" -c "$1"; exec {sleep} 100000', sys.executable, BURN],
                                  stdin=devnull, stdout=devnull, stderr=devnull),
        "SIGNALS": subprocess.Popen([sys.executable, "-c", SIGNALS], stdin=devnull, stdout=subprocess.PIPE,
                                    stderr=devnull),
        "LONGUSER": subprocess.Popen(["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", sleep,
                                      "100001"], stdin=devnull, stdout=devnull, stderr=devnull),
        "NUMUSER": subprocess.Popen(["setpriv", f"--reuid={nid}", f"--regid={nid}", "--clear-groups", sleep,
                                     "100002"], stdin=devnull, stdout=devnull, stderr=devnull),
    }
    try:
        procs["SIGNALS"].stdout.readline()
        deadline = time.monotonic() + 60
        for name in ("BURNT", "LONGUSER", "NUMUSER"):
            while _comm(procs[name].pid) != "sleep" and time.monotonic() < deadline:
                time.sleep(0.05)
        state = {name: [p.pid, _start_ticks(p.pid)] for name, p in procs.items()}
        tmp = os.path.join(workdir, STATE + ".tmp")
        with open(tmp, "w") as f:
            json.dump(state, f)
        os.rename(tmp, os.path.join(workdir, STATE))
        end = time.monotonic() + HELPER_LIFETIME
        while os.path.isdir(workdir) and time.monotonic() < end:
            time.sleep(0.5)
    finally:
        for p in procs.values():
            try:
                p.kill()
            except OSError:
                pass
        for p in procs.values():
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass


def helpers(workdir, reference):
    """The helpers' PIDs, starting the watcher on first use."""
    st = _read_state(workdir)
    if st and all(_alive(pid, start) for pid, start in st.values()):
        return {k: v[0] for k, v in st.items()}
    try:
        os.unlink(os.path.join(workdir, STATE))
    except OSError:
        pass
    subprocess.Popen([sys.executable, THIS, "--watch", workdir], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        st = _read_state(workdir)
        if st:
            return {k: v[0] for k, v in st.items()}
        time.sleep(0.05)
    # (different exit statuses for the two binaries: the case must fail, not pass on two
    # identical errors)
    sys.stderr.write("keys_hidden wrapper: the helper processes did not start\n")
    sys.exit(97 if reference else 98)


def wrap(uptime_spec, user, argv):
    """Run ARGV (ps and its arguments) with the helpers' PIDs substituted and /proc/uptime
    frozen: taken now when ARGV is the reference ps, reused for ours. With USER, ps runs under
    that uid and gid (without supplementary groups)."""
    workdir = os.getcwd()
    prog = os.path.realpath(argv[0])
    reference = prog in {os.path.realpath(p) for p in ("/usr/bin/ps", "/bin/ps") if os.path.exists(p)}
    ids = helpers(workdir, reference)
    subs = {"@" + k: str(v) for k, v in ids.items()}
    subs["@HELPERS"] = ",".join(str(v) for v in ids.values())
    args = []
    for a in argv:
        for k in sorted(subs, key=len, reverse=True):
            a = a.replace(k, subs[k])
        args.append(a)
    upfile = os.path.join(workdir, UPTIME)
    if reference or not os.path.exists(upfile):
        with open("/proc/uptime") as f:
            real, idle = f.read().split()[:2]
        hz = os.sysconf("SC_CLK_TCK")
        if uptime_spec.startswith("start+"):
            start = int(_start_ticks(ids["BURNT"]))
            value = round(start / hz + float(uptime_spec[len("start+"):]), 2)
        else:
            value = float(real)
        with open(upfile + ".tmp", "w") as f:
            f.write("%.2f %s\n" % (value, idle))
        os.rename(upfile + ".tmp", upfile)
    # (stdin, stdout and stderr are passed on to ps unchanged)
    cmd = ["unshare", "-m", "--", "sh", "-c", 'mount --bind "$1" /proc/uptime && shift && exec "$@"', "sh",
           upfile]
    if user is not None:
        cmd += ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--"]
    return subprocess.call(cmd + args)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--watch":
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        watch(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "--wrap":
        rest = sys.argv[3:]
        as_user = None
        if len(rest) >= 3 and rest[0] == "--as":
            as_user, rest = int(rest[1]), rest[2:]
        sys.exit(wrap(sys.argv[2], as_user, rest))
    else:
        sys.exit("usage: cases_keys_hidden.py --wrap real|start+SECONDS [--as UID] PS [ARGS...] | "
                 "--watch WORKDIR")
