# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential test harness: cases are data, run against our binary and the reference binary.

A tool's cases live in tests/compat/<tool>/cases.py, which defines

    def groups(env: Env) -> Iterable[Group]

Each Group holds cases that share one prepared input. A group with ``unshare=True`` runs in its
own mount namespace (``unshare -m --propagation private``), where its ``setup`` callable may
mount tmpfs, loop devices or bind-mount fixtures (for example over /proc/meminfo); everything
disappears with the namespace. A case runs ``<ours> ARGS`` and ``<reference> ARGS`` with the same
environment, stdin and working directory and compares stdout bytes and the exit status; when the
reference writes to stderr, ours must too. Missing references or privileges make the case
*skipped* (counted, never passed).
"""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import tempfile
from typing import Callable, Iterable, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(SOURCE_DIR, "tests", "fixtures")

# Environment both binaries run in unless a case adds to it.
BASE_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LC_ALL": "C",
    "TZ": "UTC",
    "HOME": "/root",
}


@dataclasses.dataclass
class Case:
    args: list                      # arguments after the program name
    name: str = ""                  # defaults to the joined args
    env: dict = dataclasses.field(default_factory=dict)      # added to BASE_ENV
    unset: list = dataclasses.field(default_factory=list)    # names removed from BASE_ENV
    stdin: Optional[bytes] = None
    cwd: Optional[str] = None       # default: the group's work directory
    timeout: float = 30.0
    # Optional transform applied to both stdouts before comparing (e.g. keep lines of known PIDs).
    # It receives (stdout_bytes, context dict) and returns bytes. Keep it strict.
    transform: Optional[Callable[[bytes, dict], bytes]] = None
    # Compare stderr bytes too (for messages that must match exactly).
    compare_stderr: bool = False
    # Extra arguments only our tool gets (e.g. ["--sysroot", DIR]) - placed first.
    ours_extra: list = dataclasses.field(default_factory=list)
    # Run under this uid/gid (via setpriv) for both binaries, e.g. to test unreadable dirs.
    as_user: Optional[int] = None
    # Send both programs' stdout to this file instead of a pipe (e.g. "/dev/full" to test write
    # errors); the captured stdout is then empty for both.
    stdout_to: Optional[str] = None
    # Command prefix for both programs (e.g. a helper that runs them with stdout on a pty).
    wrapper: list = dataclasses.field(default_factory=list)

    def label(self) -> str:
        return self.name or " ".join(self.args) or "(no args)"


@dataclasses.dataclass
class Group:
    name: str
    tool: str                        # our binary name and, by default, the reference's
    cases: list = dataclasses.field(default_factory=list)
    unshare: bool = False            # run in a private mount namespace (root only)
    needs_root: bool = False
    # setup(ctx) runs before the cases (inside the namespace when unshare=True). ctx is a dict
    # with "workdir" (a fresh temporary directory) and anything setup stores for transforms.
    # Raise SkipGroup to skip every case of the group (e.g. a kernel feature is missing).
    setup: Optional[Callable[[dict], None]] = None
    teardown: Optional[Callable[[dict], None]] = None
    reference: Optional[str] = None  # path of the reference binary; default: found by name

    def case(self, args, **kw) -> Case:
        c = Case(args=list(args), **kw)
        self.cases.append(c)
        return c


class SkipGroup(Exception):
    pass


@dataclasses.dataclass
class Env:
    build_dir: str
    fixtures: str = FIXTURES

    def ours(self, tool: str) -> str:
        return os.path.join(self.build_dir, "bin", tool)


def find_reference(tool: str) -> Optional[str]:
    for d in ("/usr/bin", "/bin", "/usr/sbin", "/sbin"):
        p = os.path.join(d, tool)
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    return None


def run(cmd, env, stdin, cwd, timeout, as_user=None, stdout_to=None):
    if as_user is not None:
        cmd = ["setpriv", f"--reuid={as_user}", f"--regid={as_user}", "--clear-groups", "--"] + cmd
    out = open(stdout_to, "wb") if stdout_to else subprocess.PIPE
    try:
        p = subprocess.run(cmd, input=stdin if stdin is not None else b"", stdout=out,
                           stderr=subprocess.PIPE, env=env, cwd=cwd, timeout=timeout)
        return p.returncode, p.stdout or b"", p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""
    finally:
        if stdout_to:
            out.close()


def sh(cmd: str, **kw) -> str:
    """Run a setup shell command, raising on failure; returns stdout."""
    p = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"setup command failed ({p.returncode}): {cmd}\n{p.stderr.decode(errors='replace')}")
    return p.stdout.decode(errors="replace")


def run_case(env: Env, group: Group, case: Case, ctx: dict) -> dict:
    ref = group.reference or find_reference(group.tool)
    ours = env.ours(group.tool)
    res = {"group": group.name, "case": case.label(), "tool": group.tool}
    if ref is None:
        res.update(status="skip", why=f"reference {group.tool} not installed")
        return res
    if not os.path.exists(ours):
        res.update(status="fail", why=f"{ours} not built")
        return res
    e = {k: v for k, v in BASE_ENV.items() if k not in case.unset}
    e.update(case.env)
    cwd = case.cwd or ctx["workdir"]
    r_rc, r_out, r_err = run(case.wrapper + [ref] + case.args, e, case.stdin, cwd, case.timeout, case.as_user,
                             case.stdout_to)
    o_rc, o_out, o_err = run(case.wrapper + [ours] + case.ours_extra + case.args, e, case.stdin, cwd, case.timeout,
                             case.as_user, case.stdout_to)
    if case.transform:
        r_out = case.transform(r_out, ctx)
        o_out = case.transform(o_out, ctx)
    problems = []
    if o_rc == "timeout":
        problems.append("ours timed out")
    if r_rc != o_rc:
        problems.append(f"exit status: reference {r_rc}, ours {o_rc}")
    if r_out != o_out:
        problems.append("stdout differs")
    if r_err and not o_err:
        problems.append("reference wrote to stderr, ours did not")
    if not r_err and o_err:
        problems.append("ours wrote to stderr, reference did not")
    if case.compare_stderr and r_err.replace(ref.encode(), b"") != o_err.replace(ours.encode(), b""):
        problems.append("stderr differs")
    if problems:
        res.update(status="fail", why="; ".join(problems),
                   ref_out=r_out.decode(errors="backslashreplace"), our_out=o_out.decode(errors="backslashreplace"),
                   ref_err=r_err.decode(errors="backslashreplace"), our_err=o_err.decode(errors="backslashreplace"))
    else:
        res.update(status="pass")
    return res


def run_group(env: Env, group: Group) -> list:
    results = []
    ctx = {"workdir": tempfile.mkdtemp(prefix=f"procstat-compat-{group.tool}-")}
    os.chmod(ctx["workdir"], 0o755)
    try:
        if group.setup:
            group.setup(ctx)
        for c in group.cases:
            results.append(run_case(env, group, c, ctx))
    except SkipGroup as s:
        done = {r["case"] for r in results}
        results += [{"group": group.name, "case": c.label(), "tool": group.tool, "status": "skip", "why": str(s)}
                    for c in group.cases if c.label() not in done]
    except Exception as ex:  # a broken setup fails every case it would have run
        done = {r["case"] for r in results}
        results += [{"group": group.name, "case": c.label(), "tool": group.tool, "status": "fail",
                     "why": f"group setup/run error: {ex}"} for c in group.cases if c.label() not in done]
    finally:
        try:
            if group.teardown:
                group.teardown(ctx)
        finally:
            if group.unshare:
                unmount_below(ctx["workdir"])
            shutil.rmtree(ctx["workdir"], ignore_errors=True)
    return results


def unmount_below(path: str) -> None:
    """Lazily unmount whatever a group mounted at or under PATH (deepest first), so that its work
    directory can be removed: the mounts would vanish with the namespace, but the directories
    they covered would stay behind in /tmp."""
    root = os.fsencode(path)
    points = []
    try:
        with open("/proc/self/mountinfo", "rb") as f:
            for line in f:
                fields = line.split(b" ")
                if len(fields) < 5:
                    continue
                mp = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), fields[4])
                if mp == root or mp.startswith(root + b"/"):
                    points.append(mp)
    except OSError:
        return
    for mp in sorted(points, key=len, reverse=True):
        subprocess.run(["umount", "-l", mp], stderr=subprocess.DEVNULL)
