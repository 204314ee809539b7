# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end tests of ps -Q/--filter, --check and --check-any (registered with run_filter.py).

The tests start their own processes (private copies of sleep under a unique command name: two
sleepers and a zombie) and select them by PID or by that name, so procps ps on the same PIDs
gives the expected bytes: the whole listing for stdout, the listing of just the failing PIDs for
the rows a failed check prints on stderr. Laziness is asserted with strace: the expression's keys
decide which /proc/PID files are opened.
"""
import os
import random
import shutil
import signal
import time

from run_filter import MAN_PAGES, Fail, Skip, expect, run, test

MAN_PAGES.append("ps.1")


class Procs:
    """Sleepers and zombies under the command name NAME, children of this script."""

    def __init__(self, ctx):
        self.name = "psq%06d" % random.randrange(10 ** 6)  # under 15 bytes: the whole comm
        d = os.path.join(ctx.work, "psbin")
        os.makedirs(d, exist_ok=True)
        self.path = os.path.join(d, self.name)
        shutil.copy2(shutil.which("sleep"), self.path)
        self.pids = []

    def spawn(self, *args):
        pid = os.posix_spawn(self.path, [self.name] + list(args), {"PATH": "/usr/bin:/bin"})
        self.pids.append(pid)
        return pid

    def sleeper(self, secs):
        pid = self.spawn(str(secs))
        wait_state(pid, "S")
        # settled: in its nanosleep (WCHAN, RSS and the rest no longer change between ps runs)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with open(f"/proc/{pid}/wchan") as f:
                    if "nanosleep" in f.read():
                        break
            except OSError:
                break
            time.sleep(0.02)
        return pid

    def zombie(self):
        pid = self.spawn("0")  # exits at once and is not reaped until close()
        wait_state(pid, "Z")
        return pid

    def end(self, pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        self.pids.remove(pid)

    def close(self):
        for pid in list(self.pids):
            self.end(pid)


def state(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def wait_state(pid, want, limit=10.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if state(pid) == want:
            # an exec'd sleeper is in S before nanosleep too; let it settle (no assertion on time)
            time.sleep(0.05)
            return
        time.sleep(0.02)
    raise Fail(f"process {pid} never reached state {want}")


def with_procs(fn):
    def wrapped(ctx):
        pr = Procs(ctx)
        try:
            fn(ctx, pr)
        finally:
            pr.close()
    wrapped.__name__ = fn.__name__
    return wrapped


def ps_outcome(ctx, args, opt, expr, fail_pids=None, env=None):
    """Run our ps ARGS OPT EXPR. FAIL_PIDS None: the check passes (exit and stdout of procps ps
    ARGS, no stderr). Otherwise exit 3, the same stdout, and on stderr what procps prints for
    ARGS with the PID selection replaced by FAIL_PIDS."""
    rc, out, err = run([ctx.ours("ps")] + args + [opt, expr], env)
    rrc, rout, _ = run([ctx.ref("ps")] + args, env)
    what = f"ps {args} {opt} {expr!r}"
    expect(f"{what}: stdout", out, rout)
    if fail_pids is None:
        expect(f"{what}: exit status", rc, rrc)
        expect(f"{what}: stderr", err, b"")
        return
    expect(f"{what}: exit status", rc, 3)
    i = args.index("-p")
    failing = args[:i] + ["-p", ",".join(map(str, fail_pids))] + args[i + 2:]
    _, want_err, _ = run([ctx.ref("ps")] + failing, env)
    expect(f"{what}: failing rows on stderr", err, want_err)


def pid_lines(text, pids):
    """The header and the lines of TEXT (a ps listing with a PID column and no blanks in the
    cells before it) whose PID is in PIDS."""
    lines = text.decode().splitlines(keepends=True)
    keep = [lines[0]]
    col = lines[0].split().index("PID")
    for line in lines[1:]:
        if int(line.split()[col]) in pids:
            keep.append(line)
    return "".join(keep).encode()


@test()
@with_procs
def ps_check_any_state_not_zombie(ctx, pr):
    # the example: ps -C NAME --check-any 'state != "Z"'
    live = pr.sleeper(1000)
    z = pr.zombie()
    for fmt in ([], ["-f"], ["-o", "pid,state,comm"]):
        rc, out, err = run([ctx.ours("ps"), "-C", pr.name] + fmt + ["--check-any", 'state != "Z"'])
        rrc, rout, _ = run([ctx.ref("ps"), "-C", pr.name] + fmt)
        expect(f"-C {fmt} both: listing", out, rout)
        if pid_lines(rout, {live, z}) != rout or len(rout.splitlines()) != 3:
            raise Fail(f"procps ps -C {pr.name} did not list exactly the sleeper and the zombie: {rout!r}")
        expect(f"-C {fmt} both: exit and stderr", (rc, err), (0, b""))
        # --check wants every row: the zombie fails
        ps_outcome(ctx, fmt + ["-p", f"{live},{z}"], "--check", 'state != "Z"', [z])
    pr.end(live)
    for fmt in ([], ["-f"], ["-o", "pid,state,comm"]):
        rc, out, err = run([ctx.ours("ps"), "-C", pr.name] + fmt + ["--check-any", 'state != "Z"'])
        rrc, rout, _ = run([ctx.ref("ps"), "-C", pr.name] + fmt)
        _, zonly, _ = run([ctx.ref("ps"), "-p", str(z)] + fmt)
        expect(f"-C {fmt} zombie only: listing", out, rout)
        expect(f"-C {fmt} zombie only: exit", rc, 3)
        expect(f"-C {fmt} zombie only: failing rows", err, zonly)
        if fmt == ["-f"] and b"<defunct>" not in err:
            raise Fail(f"no <defunct> row on stderr: {err!r}")
    # nothing selected: --check-any fails (no rows, ps' own status 1 turns 3), --check passes (1)
    pr.end(z)
    rc, out, err = run([ctx.ours("ps"), "-C", pr.name, "--check-any", 'state != "Z"'])
    rrc, rout, _ = run([ctx.ref("ps"), "-C", pr.name])
    expect("-C none --check-any", (rc, out, err), (3, rout, rout))
    rc, out, err = run([ctx.ours("ps"), "-C", pr.name, "--check", 'state != "Z"'])
    expect("-C none --check", (rc, out, err), (rrc, rout, b""))
    expect("procps status with nothing selected", rrc, 1)


@test()
@with_procs
def ps_check_layouts(ctx, pr):
    a, b = pr.sleeper(1001), pr.sleeper(1002)
    z = pr.zombie()
    sel = f"{a},{b},{z}"
    for fmt in ([], ["-f"], ["-F"], ["-l"], ["-ly"], ["-j"], ["u"], ["v"], ["j"], ["-o", "pid,comm,args,rss"],
                ["-o", "comm=,pid="], ["--no-headers"], ["-O", "rss,nice"], ["-w", "-f"]):
        ps_outcome(ctx, fmt + ["-p", sel], "--check", f"pid != {b}", [b])
        ps_outcome(ctx, fmt + ["-p", sel], "--check", f"pid == {b}", [a, z])
        ps_outcome(ctx, fmt + ["-p", sel], "--check", "pid > 0 and ppid > 0", None)
        ps_outcome(ctx, fmt + ["-p", sel], "--check-any", f"pid == {z}", None)
        ps_outcome(ctx, fmt + ["-p", sel], "--check-any", "pid < 0", [a, b, z])
    # sizes are bytes, times seconds, whatever the column shows
    _, vals, _ = run([ctx.ref("ps"), "-o", "rss=,vsz=,sz=,size=,trs=,drs=,times=,etimes=", "-p", str(a)])
    rss, vsz, sz, size, trs, drs, times, etimes = (int(x) for x in vals.split())
    page = os.sysconf("SC_PAGE_SIZE")
    ps_outcome(ctx, ["-p", str(a)], "--check",
               f"rss == {rss * 1024} and vsz == {vsz}K and sz == {sz * page} and size == {size * 1024} "
               f"and trs == {trs * 1024} and drs == {drs * 1024}", None)
    ps_outcome(ctx, ["-p", str(a)], "--check", f"rss == {rss}", [a])
    ps_outcome(ctx, ["u", "-p", str(a)], "--check", f"rss >= {rss}K && rss <= {rss}KiB && vsize > 1K", None)
    ps_outcome(ctx, ["-p", str(a)], "--check", f"time == {times} and cputime == 0 and bsdtime < 1", None)
    ps_outcome(ctx, ["-p", str(a)], "--check", f"etime >= {etimes} and etime < 1000000000", None)
    now = time.time()
    ps_outcome(ctx, ["-p", str(a)], "--check", f"lstart <= {int(now) + 1} and start_time > {int(now) - 86400 * 365}",
               None)
    ps_outcome(ctx, ["-p", str(a)], "--check", "pcpu < 50 and pmem < 100 and c == 0", None)
    ps_outcome(ctx, ["-p", str(a)], "--check", 'user == "root" and uid == 0 and tty == "?" and s == "S"', None)
    ps_outcome(ctx, ["-p", str(a)], "--check", f'args == "{pr.name} 1001" and comm =~ "^psq[0-9]+$"', None)
    ps_outcome(ctx, ["-p", str(a)], "--check", 'stat =~ "^S" and ni == 0 and nlwp == 1', None)


@test()
@with_procs
def ps_check_json(ctx, pr):
    a, b = pr.sleeper(1003), pr.sleeper(1004)
    args = ["--json", "-o", "pid,comm,rss,state", "-p", f"{a},{b}"]
    rc, out, err = run([ctx.ours("ps")] + args + ["--check", f"pid == {a}"])
    _, want_out, _ = run([ctx.ours("ps")] + args)
    _, want_err, _ = run([ctx.ours("ps"), "--json", "-o", "pid,comm,rss,state", "-p", str(b)])
    expect("--json --check exit", rc, 3)
    expect("--json --check stdout", out, want_out)
    expect("--json --check stderr: the failing row as JSON", err, want_err)
    if f'"pid": {b}'.encode() not in err or f'"pid": {a}'.encode() in err:
        raise Fail(f"failing JSON rows: {err!r}")


@test()
@with_procs
def ps_filter_rows(ctx, pr):
    a, b = pr.sleeper(1005), pr.sleeper(1006)
    z = pr.zombie()
    sel = f"1,{a},{b},{z}"
    cases = [
        (f"pid == {a}", {a}),
        (f'comm == "{pr.name}"', {a, b, z}),
        ('state == "Z"', {z}),
        ('stat !~ "Z"', {1, a, b}),
        ('args =~ "100[56]$"', {a, b}),
        (f'ppid == {os.getpid()} and not (state == "Z")', {a, b}),
        (f"pid == {a} || pid == {b}", {a, b}),
        ("rss > 0", {1, a, b}),  # a zombie has no resident set ("0"), init has one
        ("pid < 0", set()),
    ]
    for fmt in ([], ["-f"], ["u"], ["-o", "pid,comm"], ["-l"], ["-o", "comm,pid,args"]):
        _, full, _ = run([ctx.ref("ps")] + fmt + ["-p", sel])
        for expr, want in cases:
            expected = pid_lines(full, want)
            for opt in (["-Q", expr], ["--filter", expr], [f"--filter={expr}"], ["-Q" + expr]):
                rc, out, err = run([ctx.ours("ps")] + fmt + ["-p", sel] + opt)
                expect(f"ps {fmt} {opt}: stdout", out, expected)
                # compat: like procps with nothing to list, an empty result exits 1
                expect(f"ps {fmt} {opt}: exit, stderr", (rc, err), (0 if want else 1, b""))
    # sorting and --forest after the filter; the check sees the kept rows only
    _, want, _ = run([ctx.ref("ps"), "-o", "pid,comm", "--sort=-pid", "-p", f"{a},{b}"])
    rc, out, _ = run([ctx.ours("ps"), "-o", "pid,comm", "--sort=-pid", "-p", sel, "-Q", f'comm == "{pr.name}"',
                      "--check", 'state != "Z"', "-Q", "pid > 1 and s == 'S'"])
    expect("two -Q: the last wins; --sort; --check on kept rows", (rc, out), (0, want))
    rc, out, err = run([ctx.ours("ps"), "-o", "pid,comm", "-p", sel, "-Q", "pid > 1", "--check", 'state != "Z"'])
    _, want_out, _ = run([ctx.ref("ps"), "-o", "pid,comm", "-p", f"{a},{b},{z}"])
    _, want_err, _ = run([ctx.ref("ps"), "-o", "pid,comm", "-p", str(z)])
    expect("-Q then --check", (rc, out, err), (3, want_out, want_err))


@test()
def ps_lazy_reads(ctx):
    strace = shutil.which("strace")
    if not strace:
        raise Skip("strace not installed (package strace)")
    log = os.path.join(ctx.work, "ps.strace")

    def opened(args):
        if os.path.exists(log):
            os.unlink(log)
        rc, _, err = run([strace, "-f", "-qq", "-e", "trace=open,openat,openat2", "-o", log, ctx.ours("ps")] + args)
        if rc not in (0, 1):
            raise Fail(f"strace ps {args}: exit {rc}: {err!r}")
        names = {}
        with open(log) as f:
            for line in f:
                if '"' not in line or "= -1" in line:
                    continue
                path = line.split('"')[1]
                if path.startswith("/proc/self/") or path.startswith("/proc/thread-self/"):
                    continue  # ps' own start-up (the sanitizer runtime reads its cmdline), not a process it lists
                base = path.rsplit("/", 1)[-1]
                names[base] = names.get(base, 0) + 1
        return names

    per_process = ("cmdline", "status", "environ", "statm", "io", "smaps_rollup", "cgroup", "wchan")
    base = opened(["-e", "-o", "pid", "-Q", 'comm == "sshd"'])
    if base.get("stat", 0) < 2:
        raise Fail(f"ps -e -o pid -Q 'comm == \"sshd\"' read no per-process stat: {base}")
    for name in per_process:
        expect(f"-e -o pid -Q 'comm == \"sshd\"' opens of {name}", base.get(name, 0), 0)
    # the keys decide: each of these must open its file (the assertion above can fail)
    # (the effective user comes from the owner of /proc/PID, the resident set from statm)
    for expr, name in (('args =~ "sshd"', "cmdline"), ('user == "root"', None), ('ruser == "root"', "status"),
                       ("rss > 100M", "statm"), ("vsz > 100M", None), ('wchan == "x"', "wchan"),
                       ('cgroup =~ "x"', "cgroup"), ("rbytes > 0", "io"), ('environ =~ "x"', "environ")):
        got = opened(["-e", "-o", "pid", "-Q", expr])
        for other in per_process:
            if other == name:
                if got.get(other, 0) < 2:
                    raise Fail(f"-Q {expr!r}: {other} not opened per process: {got}")
            else:
                expect(f"-Q {expr!r} opens of {other}", got.get(other, 0), 0)
    got = opened(["-e", "-o", "pid,args", "--check", "pid > 0"])
    if got.get("cmdline", 0) < 2:
        raise Fail(f"args shown but cmdline not read: {got}")


@test()
def ps_parse_errors(ctx):
    ps = ctx.ours("ps")
    for args, first, caret in (
            (["-Q", "rss <"], "ps: invalid -Q expression: column 6: expected a value after '<'", "       ^"),
            (["--filter", "(pid > 1"], "ps: invalid --filter expression: column 1: missing ')'", "  ^"),
            (["--check", "rsss > 1M"], "ps: invalid --check expression: column 1: unknown column 'rsss'", "  ^"),
            (["--check-any", 'pid > 1 and Comm == "x"'],
             "ps: invalid --check-any expression: column 13: unknown column 'Comm'", "              ^"),
            (["-Q", 'comm =~ "("'], "ps: invalid -Q expression: column 9: invalid regular expression", "          ^"),
            (["-Q", "rss > 1M + 1"], "ps: invalid -Q expression: column 10: ", "           ^"),
            (["-Q", "% > 1"], "ps: invalid -Q expression: column 1: unexpected character '%'", "  ^"),
            (["-Q", 'comm == "a\nb" x'], "ps: invalid -Q expression: column ", None),
            (["-e", "-Q", "(" * 100000], "ps: invalid -Q expression: column 257: expression nested too deeply",
             None)):
        rc, out, err = run([ps] + args)
        expect(f"{args}: exit", rc, 1)  # ps' usage-error status
        expect(f"{args}: stdout", out, b"")
        lines = err.decode(errors="replace").split("\n")
        if not lines[0].startswith(first):
            raise Fail(f"{args}: first line {lines[0]!r} does not start with {first!r}")
        if caret is None:
            expect(f"{args}: one line", len(lines), 2)
        else:
            expect(f"{args}: expression line", lines[1], "  " + args[-1])
            expect(f"{args}: caret line", lines[2], caret)
            expect(f"{args}: three lines", len(lines), 4)
    # %cpu and %mem are identifiers as -o spells them (process 1 always exists)
    rc, out, err = run([ps, "-p", "1", "-o", "pid=", "-Q", "%cpu >= 0 and %mem >= 0"])
    expect("-Q '%cpu >= 0 and %mem >= 0': exit", rc, 0)
    expect("-Q '%cpu >= 0 and %mem >= 0': stdout", out.split(), [b"1"])
    for args, msg in ((["-Q"], b"filter expression must follow -Q"),
                      (["--filter"], b"filter expression must follow --filter"),
                      (["--check"], b"check expression must follow --check"),
                      (["-p", "1", "--check-any"], b"check expression must follow --check-any")):
        rc, out, err = run([ps] + args)
        expect(f"{args}: exit and stdout", (rc, out), (1, b""))
        if not err.startswith(b"error: " + msg + b"\n"):
            raise Fail(f"{args}: stderr {err!r}")


@test()
def ps_reference_options_unchanged(ctx):
    # ours exist only as spelled in full; procps has no abbreviations, so these stay errors, and
    # BSD Q stays unsupported
    for args in (["--c", "x"], ["--che", "x"], ["--filt", "x"], ["--check-an", "x"], ["--checkany", "x"],
                 ["--Q", "x"], ["Q", "x"], ["Q"], ["-p", "1", "--fil=x"], ["--cols", "80", "-p", "1"],
                 ["-p", "1", "--checks", "x"], ["-p", "1", "--filter-x"]):
        rc, out, err = run([ctx.ours("ps")] + args)
        rrc, rout, rerr = run([ctx.ref("ps")] + args)
        expect(f"{args}: exit", rc, rrc)
        expect(f"{args}: stdout", out, rout)
        expect(f"{args}: stderr", err, rerr)
