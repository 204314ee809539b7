#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Robustness tests: our tools under process/file churn and on hostile inputs.

usage: run.py --build DIR [-k SUBSTRING] [-v] [--storm SECONDS]

Sections (each check is one test; a tool that is not built, a missing reference or missing
privileges make its checks *skipped*, never passed):
  churn     ps -e / ps aux / ps -eLf while a bounded fork storm of short-lived processes and
            threads runs; du while a tree is created, renamed and deleted under it.
  hostile   processes with hostile names and argv (newlines, escape sequences, invalid UTF-8, ')',
            64 KiB of spaces) compared with procps ps; mount points with spaces, tabs, newlines,
            backslashes and non-UTF-8 bytes compared with df and findmnt (private mount
            namespace); a 10,000-level tree, paths longer than 64 KiB and a 1 GiB sparse file
            compared with GNU du; truncated /proc fixture files under --sysroot.
Differential checks reuse tests/compat/harness.py (stdout bytes and exit status against the
reference). Closing line: "robustness: N passed, N failed, N skipped"; exit status 1 on failure.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "compat"))
import harness  # noqa: E402

FIXTURES = harness.FIXTURES
SANITIZER_MARKERS = (b"AddressSanitizer", b"UndefinedBehaviorSanitizer", b"runtime error:",
                     b"LeakSanitizer")


class Results:
    def __init__(self, verbose: bool, pattern: str | None):
        self.items: list[dict] = []
        self.verbose = verbose
        self.pattern = pattern

    def wanted(self, name: str) -> bool:
        return not self.pattern or self.pattern in name

    def add(self, name: str, status: str, why: str = "", detail: str = ""):
        self.items.append({"name": name, "status": status, "why": why, "detail": detail})
        if status == "fail":
            print(f"FAIL {name}: {why}")
            if detail:
                print("    " + detail[:3000].replace("\n", "\n    "))
        elif status == "skip" and self.verbose:
            print(f"skip {name}: {why}")
        elif self.verbose:
            print(f"ok   {name}")

    def extend(self, items):
        for it in items:
            self.add(it["name"], it["status"], it.get("why", ""), it.get("detail", ""))


def ours(build: str, tool: str) -> str:
    return os.path.join(build, "bin", tool)


def run(cmd, timeout=60, env=None, cwd=None):
    e = dict(harness.BASE_ENV)
    if env:
        e.update(env)
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, cwd=cwd,
                           timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as ex:
        return "timeout", ex.stdout or b"", ex.stderr or b""


def crash_problem(rc, err: bytes) -> str:
    """A reason when a run crashed, hung or tripped a sanitizer; empty otherwise."""
    if rc == "timeout":
        return "timed out"
    if isinstance(rc, int) and rc < 0:
        return f"killed by signal {-rc}"
    if any(m in err for m in SANITIZER_MARKERS):
        return "sanitizer report"
    return ""


def diff_case(res: Results, build: str, name: str, tool: str, args: list, workdir: str,
              env: dict | None = None, ours_extra: list | None = None, transform=None,
              extra_check=None, timeout: float = 60.0):
    """One differential case through the compat harness."""
    if not res.wanted(name):
        return
    if not os.path.exists(ours(build, tool)):
        res.add(name, "skip", f"{tool} not built")
        return
    group = harness.Group(name=name, tool=tool)
    case = harness.Case(args=args, env=env or {}, ours_extra=ours_extra or [], transform=transform,
                        timeout=timeout)
    r = harness.run_case(harness.Env(build_dir=build), group, case, {"workdir": workdir})
    if r["status"] == "pass" and extra_check:
        # re-run ours to apply a property check to its raw output
        rc, out, err = run([ours(build, tool)] + case.ours_extra + args, env=env, cwd=workdir,
                           timeout=timeout)
        why = extra_check(out)
        if why:
            r.update(status="fail", why=why, our_out=out.decode(errors="backslashreplace"))
    detail = ""
    if r["status"] == "fail":
        ro, oo = r.get("ref_out", ""), r.get("our_out", "")
        detail = (f"args: {args!r}\nreference stdout: {ro[:600]!r}\nour stdout: {oo[:600]!r}\n"
                  f"reference stderr: {r.get('ref_err', '')[:300]!r}\nour stderr: {r.get('our_err', '')[:300]!r}")
    res.add(name, r["status"], r.get("why", ""), detail)


# ---------------------------------------------------------------------------------------------
# churn: ps during a fork storm

STORM = r'''
import os, sys, time, threading, signal
deadline = time.monotonic() + float(sys.argv[1])
limit = int(sys.argv[2])
live = set()
exits = 0
started = 0
def child(kind):
    if kind == 0:
        ts = [threading.Thread(target=time.sleep, args=(0.002,)) for _ in range(3)]
        for t in ts: t.start()
        for t in ts: t.join()
        os._exit(0)
    if kind == 1:
        try:
            os.execv("/bin/true", ["true"] + ["churn-arg"] * 50)
        finally:
            os._exit(0)
    os._exit(0)
while time.monotonic() < deadline and started < limit:
    while len(live) >= 48:
        pid, _ = os.waitpid(-1, 0)
        live.discard(pid); exits += 1
    try:
        pid = os.fork()
    except OSError:
        time.sleep(0.01); continue
    if pid == 0:
        child(started % 3)
    live.add(pid); started += 1
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0: break
        live.discard(pid); exits += 1
for pid in list(live):
    try: os.kill(pid, signal.SIGKILL)
    except ProcessLookupError: pass
for pid in list(live):
    try: os.waitpid(pid, 0); exits += 1
    except ChildProcessError: pass
print(started, exits)
'''

TIME_RE = rb"(?:\d+-)?\d\d:\d\d:\d\d"
PS_FORMS = {
    # args: (header regex, line regex, key fields for uniqueness)
    "ps -e": (["-e"], rb"^ +PID TTY +TIME CMD$",
              rb"^ *(\d+) \S+ +" + TIME_RE + rb" .*$"),
    "ps aux": (["aux"], rb"^USER +PID %CPU %MEM +VSZ +RSS TTY +STAT START +TIME COMMAND$",
               rb"^\S+ +(\d+) +\d+(?:\.\d)? +\d+(?:\.\d)? +\d+ +\d+ \S+ +\S+ +\S+ +\d+:\d\d .*$"),
    "ps -eLf": (["-eLf"], rb"^UID +PID +PPID +LWP +C NLWP STIME TTY +TIME CMD$",
                rb"^\S+ +(\d+ +\d+ +\d+) +\d+ +\d+ \S+ +\S+ +" + TIME_RE + rb" .*$"),
}


def check_ps_output(form: str, rc, out: bytes, err: bytes) -> str:
    args, head_re, line_re = PS_FORMS[form]
    why = crash_problem(rc, err)
    if why:
        return why
    if rc != 0:
        return f"exit status {rc}: {err[:200]!r}"
    if err:
        return f"stderr not empty: {err[:200]!r}"
    if not out.endswith(b"\n"):
        return "output does not end with a newline (partial record)"
    lines = out[:-1].split(b"\n")
    if not re.match(head_re, lines[0]):
        return f"bad header {lines[0]!r}"
    seen = set()
    for ln in lines[1:]:
        m = re.match(line_re, ln)
        if not m:
            return f"malformed line {ln[:200]!r}"
        if m.group(1) in seen:
            return f"duplicate record {m.group(1)!r}"
        seen.add(m.group(1))
    if len(lines) < 3:
        return "fewer than two records"
    return ""


def churn_ps(res: Results, build: str, seconds: float):
    names = [f"churn/{f}" for f in PS_FORMS]
    if not any(res.wanted(n) for n in names):
        return
    ps = ours(build, "ps")
    ref = harness.find_reference("ps")
    if not os.path.exists(ps):
        for n in names:
            res.add(n, "skip", "ps not built")
        return
    storm = subprocess.Popen([sys.executable, "-c", STORM, str(seconds), "200000"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    counts = {f: [0, ""] for f in PS_FORMS}
    ref_bad = {f: "" for f in PS_FORMS}
    try:
        deadline = time.monotonic() + seconds
        i = 0
        while time.monotonic() < deadline:
            for form, (args, _, _) in PS_FORMS.items():
                rc, out, err = run([ps] + args, timeout=30)
                why = check_ps_output(form, rc, out, err)
                counts[form][0] += 1
                if why and not counts[form][1]:
                    counts[form][1] = why
                # every few rounds the reference goes through the same checks: they must hold
                # for procps too, or the check itself is wrong
                if ref and i % 5 == 0:
                    rrc, rout, rerr = run([ref] + args, timeout=30)
                    rwhy = check_ps_output(form, rrc, rout, rerr)
                    if rwhy and not ref_bad[form]:
                        ref_bad[form] = rwhy
            i += 1
    finally:
        try:
            sout, serr = storm.communicate(timeout=seconds + 30)
        except subprocess.TimeoutExpired:
            os.kill(storm.pid, signal.SIGKILL)
            sout, serr = storm.communicate()
    started, exits = (sout.split() + [b"0", b"0"])[:2]
    for form in PS_FORMS:
        name = f"churn/{form}"
        if not res.wanted(name):
            continue
        n, why = counts[form]
        if why:
            res.add(name, "fail", f"{why} (in {n} runs, storm {int(started)} forks)")
        elif ref_bad[form]:
            res.add(name, "fail", f"check rejected procps output too: {ref_bad[form]}")
        elif int(exits) < 200:
            res.add(name, "fail", f"fork storm too small ({int(exits)} exits): {serr[-300:]!r}")
        else:
            res.add(name, "pass")
            if res.verbose:
                print(f"     {n} runs during {int(started)} forks / {int(exits)} exits")


# ---------------------------------------------------------------------------------------------
# churn: du on a tree that changes under it

CHURN_TREE = r'''
import os, sys, time, shutil
root = sys.argv[1]; deadline = time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < deadline:
    d = os.path.join(root, f"d{n % 40}")
    try:
        os.makedirs(os.path.join(d, "sub", "deeper"), exist_ok=True)
        for k in range(5):
            with open(os.path.join(d, "sub", f"f{k}"), "wb") as f: f.write(b"x" * 5000 * k)
        os.rename(d, os.path.join(root, f"r{n % 40}"))
        if n % 2:
            shutil.rmtree(os.path.join(root, f"r{(n + 20) % 40}"), ignore_errors=True)
        else:
            os.rename(os.path.join(root, f"r{n % 40}"), os.path.join(root, f"d{(n + 7) % 40}", "moved") if os.path.isdir(os.path.join(root, f"d{(n + 7) % 40}")) else os.path.join(root, f"x{n % 40}"))
            shutil.rmtree(os.path.join(root, f"x{(n + 13) % 40}"), ignore_errors=True)
    except OSError:
        pass
    n += 1
print(n)
'''

DU_ERR_RE = re.compile(rb"^(?:\S*/)?du: (cannot access|cannot read directory|fts_read failed|cannot open|"
                       rb"cannot change to|cannot navigate|WARNING: Circular directory structure)")


def check_du_output(rc, out: bytes, err: bytes, root: str) -> str:
    why = crash_problem(rc, err)
    if why:
        return why
    if rc not in (0, 1):
        return f"exit status {rc}"
    if (rc == 1) != bool(err):
        return f"exit status {rc} with stderr {err[:200]!r}"
    for ln in err.splitlines():
        if not DU_ERR_RE.match(ln):
            return f"unexpected message {ln[:200]!r}"
    if out and not out.endswith(b"\n"):
        return "partial last line"
    prefix = root.encode()
    for ln in out.splitlines():
        m = re.match(rb"^\d+\t(.*)$", ln)
        if not m or not (m.group(1).startswith(prefix) or m.group(1) == b"total"):
            return f"malformed line {ln[:200]!r}"
    return ""


def churn_du(res: Results, build: str, seconds: float):
    name = "churn/du"
    if not res.wanted(name):
        return
    du = ours(build, "du")
    if not os.path.exists(du):
        res.add(name, "skip", "du not built")
        return
    ref = harness.find_reference("du")
    work = tempfile.mkdtemp(prefix="procstat-robust-du-")
    try:
        churner = subprocess.Popen([sys.executable, "-c", CHURN_TREE, work, str(seconds)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        variants = [[], ["-a"], ["-s"], ["-ac", "--inodes"], ["-L", "-a"], ["-x", "-k"]]
        runs, first, ref_first, errors = 0, "", "", 0
        deadline = time.monotonic() + seconds
        i = 0
        while time.monotonic() < deadline:
            args = variants[i % len(variants)] + [work]
            rc, out, err = run([du] + args, timeout=30)
            runs += 1
            errors += rc == 1
            why = check_du_output(rc, out, err, work)
            if why and not first:
                first = f"du {' '.join(args)}: {why}"
            if ref and i % 3 == 0:
                rrc, rout, rerr = run([ref] + args, timeout=30)
                rwhy = check_du_output(rrc, rout, rerr, work)
                if rwhy and not ref_first:
                    ref_first = f"GNU du {' '.join(args)}: {rwhy}"
            i += 1
        sout, _ = churner.communicate(timeout=seconds + 30)
        if first:
            res.add(name, "fail", first)
        elif ref_first:
            res.add(name, "fail", f"check rejected GNU du output too: {ref_first}")
        else:
            res.add(name, "pass")
            if res.verbose:
                print(f"     {runs} du runs ({errors} with warnings) during {sout.decode().strip()} tree changes")
    finally:
        subprocess.run(["rm", "-rf", work])


# ---------------------------------------------------------------------------------------------
# hostile process names and argv

HOSTILE_NAMES = [
    b"a b)c (d", b"nl\nname", b"esc\x1b[31mred", b"inv\xff\xfe\xc3", b"tab\tx", b")",
    b"((x)) )", b"\x1b]0;title\x07", b"utf8\xc3\xa9\xe2\x82\xac", b"\x7fdel\x01\x02",
    b"long-name-well-over-fifteen-bytes",
]
HOSTILE_ARGS = [b"arg with\nnewline", b"\x1b[2J\x1b[H", b"\xff\xfe\x80", b"x)y (z", b"\t",
                b"\xe2\x80\xae-rtl", b" " * 65536, b"end"]


def start_hostile_processes(workdir: str) -> list:
    sh = shutil.which("sh")
    procs = []
    for i, n in enumerate(HOSTILE_NAMES):
        link = os.path.join(os.fsencode(workdir), n)
        os.symlink(sh, link)
        argv = [n, b"-c", b"read x"] + (HOSTILE_ARGS if i % 2 == 0 else [n, b" " * 65536])
        procs.append(subprocess.Popen(argv, executable=link, stdin=subprocess.PIPE,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    # argv[0] alone is 64 KiB of spaces
    procs.append(subprocess.Popen([b" " * 65536, b"-c", b"read x"], executable=sh,
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL))
    # wait until every process has exec'd (its comm is no longer python's)
    for p in procs:
        for _ in range(200):
            try:
                with open(f"/proc/{p.pid}/cmdline", "rb") as f:
                    if b"read x" in f.read():
                        break
            except OSError:
                pass
            time.sleep(0.01)
    return procs


def stop_processes(procs):
    for p in procs:
        try:
            os.kill(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for p in procs:
        p.wait()


def no_raw_escapes(out: bytes) -> str:
    for b in set(out):
        if (b < 0x20 and b != 0x0a) or b == 0x7f:
            return f"control byte 0x{b:02x} on stdout"
    return ""


def hostile_ps(res: Results, build: str):
    work = tempfile.mkdtemp(prefix="procstat-robust-ps-")
    procs = start_hostile_processes(work)
    try:
        pids = ",".join(str(p.pid) for p in procs)
        forms = [
            ["-p", pids], ["-f", "-p", pids], ["-o", "pid,comm,args", "-p", pids],
            ["-o", "comm,ucomm,fname,cmd,command", "-p", pids], ["-ww", "-o", "pid,args", "-p", pids],
            ["-o", "args=", "-p", pids], ["-o", "comm=", "-p", pids],
            ["u", "-p", pids], ["c", "-o", "pid,args", "-p", pids], ["-o", "pid,args", "--cols", "30", "-p", pids],
            ["--forest", "-o", "pid,args", "-p", pids], ["-o", "args:12,comm:4", "-p", pids],
            ["-q", pids, "-o", "pid,comm"], ["-p", pids, "--sort=comm", "-o", "comm,pid"],
            ["-o", "%c|%a", "-p", pids], ["-w", "-o", "pid,comm,args", "-p", pids],
        ]
        for loc in ("C", "C.UTF-8"):
            for f in forms:
                shown = [a if a != pids else "PIDS" for a in f]
                diff_case(res, build, f"hostile/ps {' '.join(shown)} LC_ALL={loc}", "ps", f, work,
                          env={"LC_ALL": loc}, extra_check=no_raw_escapes)
        # --json of the same processes: valid JSON, names survive as escaped strings
        name = "hostile/ps --json"
        if res.wanted(name) and not os.path.exists(ours(build, "ps")):
            res.add(name, "skip", "ps not built")
        elif res.wanted(name):
            rc, out, err = run([ours(build, "ps"), "--json", "-o", "pid,comm,args", "-p", pids])
            why = crash_problem(rc, err) or (f"exit status {rc}" if rc else "")
            if not why:
                try:
                    json.loads(out.decode("utf-8"))
                except (UnicodeDecodeError, ValueError) as ex:
                    why = f"invalid JSON: {ex}"
            why = why or no_raw_escapes(out.replace(b"\n", b""))
            res.add(name, "fail" if why else "pass", why)
    finally:
        stop_processes(procs)
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# hostile mount points (private mount namespace)

HOSTILE_MOUNTS = [b"sp ace", b"tab\there", b"new\nline", b"back\\slash", b"bad\xff\xfeutf",
                  b"mix \t\n\\x \\040", b"quote'\"dq"]


def hostile_mounts_inner(build: str, pattern: str | None) -> list:
    """Runs inside unshare -m; returns the result items."""
    res = Results(False, pattern)
    subprocess.run(["mount", "--make-rprivate", "/"], check=False)
    work = tempfile.mkdtemp(prefix="procstat-robust-mnt-")
    os.chmod(work, 0o755)
    base = os.fsencode(work)
    dirs = []
    try:
        for i, n in enumerate(HOSTILE_MOUNTS):
            d = os.path.join(base, n)
            os.mkdir(d)
            p = subprocess.run([b"mount", b"-t", b"tmpfs", b"-o", b"size=%dk" % (1024 * (i + 1)),
                                b"robust" + str(i).encode() + b" src", d],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if p.returncode != 0:
                raise RuntimeError(p.stderr.decode(errors="replace"))
            dirs.append(os.fsdecode(d))
        df_forms = [[], ["-a", "--output=source,fstype,target"], ["--output=target,source"],
                    ["-h"], ["-T"], ["-P"], ["-i"], ["--total", "-k"]]
        for f in df_forms:
            diff_case(res, build, f"hostile/df {' '.join(f)} (hostile dirs)", "df", f + dirs, work)
        diff_case(res, build, "hostile/df -a --output=source,target", "df",
                  ["-a", "--output=source,target"], work)
        diff_case(res, build, "hostile/df --output=target -t tmpfs", "df",
                  ["--output=target", "-t", "tmpfs"], work)
        fm_forms = [[], ["-l"], ["-r"], ["-P"], ["-J"], ["-n", "-o", "TARGET,SOURCE"], ["-t", "tmpfs", "-l"],
                    ["-t", "tmpfs", "-r", "-o", "TARGET,SOURCE,FSTYPE,SIZE,USED"], ["-t", "tmpfs", "-P", "-o", "TARGET,SOURCE,FSROOT"],
                    ["-t", "tmpfs", "-J", "-o", "TARGET,SOURCE"], ["-D"], ["-t", "tmpfs", "--df"]]
        for f in fm_forms:
            diff_case(res, build, f"hostile/findmnt {' '.join(f)}", "findmnt", f, work)
        for i, d in enumerate(dirs):
            diff_case(res, build, f"hostile/findmnt -M dir{i}", "findmnt", ["-M", d], work)
            diff_case(res, build, f"hostile/findmnt -T dir{i}/x -r", "findmnt", ["-r", "-T", d + "/x"], work)
            diff_case(res, build, f"hostile/df dir{i}", "df", [d], work)
    except RuntimeError as ex:
        res.add("hostile/mounts", "skip", f"mount failed: {ex}")
    finally:
        for d in reversed(dirs):
            subprocess.run(["umount", "-l", d], check=False)
        shutil.rmtree(work, ignore_errors=True)
    hostile_du(res, build, on_tmpfs=True)
    return res.items


def hostile_mounts(res: Results, build: str):
    if os.geteuid() != 0 or not shutil.which("unshare"):
        res.add("hostile/mounts", "skip", "needs root and unshare")
        hostile_du(res, build, on_tmpfs=False)
        return
    cmd = ["unshare", "-m", "--propagation", "private", sys.executable, os.path.abspath(__file__),
           "--build", build, "--inner-mounts"]
    if res.pattern:
        cmd += ["-k", res.pattern]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    try:
        res.extend(json.loads(p.stdout.decode()))
    except ValueError:
        res.add("hostile/mounts", "fail", f"namespace runner failed ({p.returncode})",
                p.stderr.decode(errors="replace")[-2000:])


# ---------------------------------------------------------------------------------------------
# du: deep trees, long paths, sparse files

def make_deep(base: str, depth: int, name: str):
    """A chain of DEPTH directories called NAME under BASE (openat, so no path limit)."""
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            nfd = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        with open(os.open("leaf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as f:
            f.write(b"x" * 10000)
    finally:
        os.close(fd)


def hostile_du(res: Results, build: str, on_tmpfs: bool):
    """Deep and long trees are built on a private tmpfs when we are in a mount namespace (fast,
    and the block counts do not depend on the host's file system)."""
    work = tempfile.mkdtemp(prefix="procstat-robust-dutree-")
    os.chmod(work, 0o755)
    if on_tmpfs:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2g,mode=755", "robust-du", work], check=True)
    try:
        deep = os.path.join(work, "deep")
        os.mkdir(deep)
        make_deep(deep, 10000, "d")
        for f in [["-s"], ["-d", "2", "-a", "-b"], ["-sc", "--inodes"]]:
            diff_case(res, build, f"hostile/du {' '.join(f)} (10000 levels)", "du", f + ["deep"], work,
                      timeout=120)
        long = os.path.join(work, "long")
        os.mkdir(long)
        make_deep(long, 300, "n" * 250)  # deepest path about 75 KiB
        for f in [[], ["-a"], ["-s"], ["-a", "-0"], ["--max-depth=299", "-b"]]:
            diff_case(res, build, f"hostile/du {' '.join(f)} (75 KiB paths)", "du", f + ["long"], work,
                      timeout=120)
        sparse = os.path.join(work, "sparse")
        with open(sparse, "wb") as f:
            f.truncate(1 << 30)
            f.seek(123456789)
            f.write(b"data")
        for f in [[], ["--apparent-size"], ["-b"], ["-h"], ["-h", "--apparent-size"], ["--si", "-A"],
                  ["-k", "--apparent-size"], ["-B1"], ["-BG", "--apparent-size"], ["-a", "-c"],
                  ["--inodes"], ["-t", "1G", "--apparent-size"], ["-t", "-1M"]]:
            diff_case(res, build, f"hostile/du {' '.join(f)} (1 GiB sparse)", "du", f + ["sparse"], work)
        # a name with every awkward byte, next to the sparse file
        odd = os.path.join(os.fsencode(work), b"odd \n\t\\\xff\x1b[31m)")
        os.mkdir(odd)
        for f in [["-a"], ["-a", "-0"], ["-s"]]:
            diff_case(res, build, f"hostile/du {' '.join(f)} (odd name)", "du", f + ["."], work)
    finally:
        if on_tmpfs:
            subprocess.run(["umount", "-l", work], check=False)
        subprocess.run(["rm", "-rf", work])


# ---------------------------------------------------------------------------------------------
# truncated and field-less /proc files under --sysroot (ours only: no reference reads a sysroot)

def sysroot_variants(src: str):
    """(label, relative path, new content) for each damaged copy of the fixture root."""
    out = []
    procdir = os.path.join(src, "proc")
    for pid in sorted(os.listdir(procdir)):
        pdir = os.path.join(procdir, pid)
        if not pid.isdigit() or not os.path.isdir(pdir):
            continue
        for fn in sorted(os.listdir(pdir)):
            path = os.path.join(pdir, fn)
            if not os.path.isfile(path):
                continue
            data = open(path, "rb").read()
            for cut in sorted({0, len(data) // 2, max(len(data) - 1, 0)}):
                out.append((f"proc/{pid}/{fn}[:{cut}]", f"proc/{pid}/{fn}", data[:cut]))
            if fn == "status":
                kept = b"\n".join(ln for ln in data.split(b"\n") if not ln.startswith((b"Uid", b"Gid")))
                out.append((f"proc/{pid}/status without Uid/Gid", f"proc/{pid}/status", kept))
            if fn == "stat":
                out.append((f"proc/{pid}/stat without ')'", f"proc/{pid}/stat", data.replace(b")", b" ")))
                out.append((f"proc/{pid}/stat huge numbers", f"proc/{pid}/stat",
                            re.sub(rb"\b\d+\b", b"99999999999999999999999", data)))
        break  # one process is enough: every file kind is covered
    for fn in ("meminfo", "stat", "uptime"):
        path = os.path.join(procdir, fn)
        if os.path.isfile(path):
            data = open(path, "rb").read()
            for cut in (0, len(data) // 2):
                out.append((f"proc/{fn}[:{cut}]", f"proc/{fn}", data[:cut]))
            out.append((f"proc/{fn} garbage", f"proc/{fn}", b"\xff\x00garbage: -1 kB\n\n:::\n" * 3))
            for big in (b"9223372036854775807", b"18446744073709551615", b"99999999999999999999999"):
                out.append((f"proc/{fn} numbers {big.decode()}", f"proc/{fn}", re.sub(rb"\b\d+\b", big, data)))
    # files that never end or never open: reads must be bounded and must not block
    for rel in ("proc/meminfo", "proc/stat", "proc/1/stat", "proc/1/status", "proc/1/cmdline"):
        if os.path.isfile(os.path.join(src, rel)):
            out.append((f"{rel} -> /dev/zero", rel, ZERO))
            out.append((f"{rel} as a FIFO", rel, FIFO))
    return out


ZERO = "symlink to /dev/zero"
FIFO = "a FIFO with no writer"


def check_sysroot_run(rc, out: bytes, err: bytes) -> str:
    why = crash_problem(rc, err)
    if why:
        return why
    if rc == 0:
        if out and not out.endswith(b"\n"):
            return "partial last line"
        return ""
    lines = err.decode(errors="replace").strip("\n").split("\n")
    if not err.strip():
        return f"exit status {rc} without a message"
    if len(lines) > 2:  # a message, perhaps followed by a "Try ... --help" hint
        return f"exit status {rc} with a {len(lines)}-line message: {err[:300]!r}"
    return ""


def truncated_sysroot(res: Results, build: str):
    src = os.path.join(FIXTURES, "proc", "root")
    if not os.path.isdir(src):
        return
    runs = [("ps", ["-eLf"]),
            ("ps", ["-e", "-o", "pid,comm,args,rss,vsz,user,group,etime,time,stat,nice,pri,wchan,"
                                "start,lstart,stime,bsdstart,start_time,etimes,%cpu,%mem,sz,pss"]),
            ("ps", ["--json", "aux"]), ("free", ["-w", "-t"]), ("free", ["--json"])]
    runs = [(f"sysroot/{tool} {' '.join(args)}", tool, args) for tool, args in runs]
    runs = [r for r in runs if res.wanted(r[0])]
    first: dict = {}
    for name, tool, _ in runs:
        if not os.path.exists(ours(build, tool)):
            res.add(name, "skip", f"{tool} not built")
    runs = [r for r in runs if os.path.exists(ours(build, r[1]))]
    if not runs:
        return
    tmp = tempfile.mkdtemp(prefix="procstat-robust-root-")
    try:
        root = os.path.join(tmp, "root")
        shutil.copytree(src, root, symlinks=True)
        for label, rel, content in sysroot_variants(src):
            target = os.path.join(root, rel)
            with open(target, "rb") as f:
                original = f.read()
            if content == ZERO:
                os.unlink(target)
                os.symlink("/dev/zero", target)
            elif content == FIFO:
                os.unlink(target)
                os.mkfifo(target)
            else:
                with open(target, "wb") as f:
                    f.write(content)
            for name, tool, args in runs:
                # free reads only meminfo (and cgroup files) from /proc
                if name in first or (tool == "free" and rel != "proc/meminfo"):
                    continue
                rc, out, err = run([ours(build, tool), "--sysroot", root] + args, timeout=20)
                why = check_sysroot_run(rc, out, err)
                if not why and "--json" in args and rc == 0:
                    try:
                        json.loads(out.decode("utf-8"))
                    except (UnicodeDecodeError, ValueError) as ex:
                        why = f"invalid JSON: {ex}"
                if why:
                    first[name] = f"{label}: {why}"
            os.unlink(target)
            with open(target, "wb") as f:
                f.write(original)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for name, _, _ in runs:
        res.add(name, "fail" if name in first else "pass", first.get(name, ""))


def lsblk_variants(root: str):
    """Damaged copies of one file of an lsblk fixture root: a sample of sysfs attributes, udev
    property files and the mount/swap tables, each emptied, filled with garbage and huge numbers,
    replaced by a FIFO or by a /dev/zero symlink."""
    files = []
    for d, _, fs in os.walk(root):
        for f in fs:
            files.append(os.path.relpath(os.path.join(d, f), root))
    files.sort()
    wanted = [f for f in files if f.startswith(("dev/", "proc/"))]
    attrs = [f for f in files if os.path.basename(f) in ("dev", "size", "uevent", "ro", "removable",
                                                           "partition", "start", "logical_block_size")]
    wanted += attrs[:: max(1, len(attrs) // 10)]
    out = []
    for rel in wanted:
        out += [(f"{rel} empty", rel, b""),
                (f"{rel} garbage", rel, b"\xff\x1b[31m:\n=\n" + b"99999999999999999999999 " * 4),
                (f"{rel} as a FIFO", rel, FIFO)]
    out += [(f"{rel} -> /dev/zero", rel, ZERO) for rel in wanted[:2] + attrs[:2]]
    return out


def damaged_lsblk(res: Results, build: str):
    """lsblk --sysroot on damaged copies of a fixture: no crash or hang, and the same output as
    util-linux lsblk on the same tree."""
    name = "sysroot/lsblk damaged fixture"
    if not res.wanted(name):
        return
    lsblk = ours(build, "lsblk")
    src = os.path.join(FIXTURES, "lsblk", "nvme")
    if not os.path.exists(lsblk) or not os.path.isdir(src):
        res.add(name, "skip", "lsblk not built or fixture missing")
        return
    ref = harness.find_reference("lsblk")
    tmp = tempfile.mkdtemp(prefix="procstat-robust-lsblk-")
    first = ""
    try:
        root = os.path.join(tmp, "root")
        shutil.copytree(src, root, symlinks=True)
        for label, rel, content in lsblk_variants(root):
            target = os.path.join(root, rel)
            with open(target, "rb") as f:
                original = f.read()
            os.unlink(target)
            if content == ZERO:
                os.symlink("/dev/zero", target)
            elif content == FIFO:
                os.mkfifo(target)
            else:
                with open(target, "wb") as f:
                    f.write(content)
            for args in (["-O", "-J", "-b"], ["-f", "-P"], ["-t", "-r"]):
                rc, out, err = run([lsblk, "--sysroot", root] + args, timeout=20)
                why = crash_problem(rc, err)
                if not why and rc not in (0, 1, 32, 64):
                    why = f"exit status {rc}"
                if not why and rc != 0 and not err:
                    why = f"exit status {rc} without a message"
                # util-linux reads the same damaged tree: same stdout and status (where it does
                # not hang itself, as it does on a FIFO)
                if not why and ref and content != FIFO:
                    rrc, rout, _ = run([ref, "--sysroot", root] + args, timeout=10)
                    if rrc != "timeout" and (rrc, rout) != (rc, out):
                        why = f"differs from util-linux lsblk (status {rrc} vs ours {rc})"
                if why and not first:
                    first = f"{label}: lsblk {' '.join(args)}: {why}"
            os.unlink(target)
            with open(target, "wb") as f:
                f.write(original)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    res.add(name, "fail" if first else "pass", first)


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("-k")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--storm", type=float, default=12.0, help="seconds of fork storm / tree churn")
    ap.add_argument("--inner-mounts", action="store_true")  # internal: inside unshare -m
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    if args.inner_mounts:
        print(json.dumps(hostile_mounts_inner(build, args.k)))
        return 0
    res = Results(args.v, args.k)
    t0 = time.monotonic()
    for section in (lambda: churn_ps(res, build, args.storm),
                    lambda: churn_du(res, build, args.storm / 2),
                    lambda: hostile_ps(res, build), lambda: hostile_mounts(res, build),
                    lambda: truncated_sysroot(res, build), lambda: damaged_lsblk(res, build)):
        t = time.monotonic()
        section()
        if args.v:
            print(f"     ({time.monotonic() - t:.1f} s)")
    counts = {s: sum(1 for i in res.items if i["status"] == s) for s in ("pass", "fail", "skip")}
    if args.v:
        print(f"({time.monotonic() - t0:.0f} s)")
    print(f"robustness: {counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
