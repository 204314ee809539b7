#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Randomized differential explorer for ps option mixing: procps-ng ps vs ours.

A developer tool, not part of the test suite. It builds random argument lists from the UNIX,
BSD and GNU options of ps(1) (selections, formats, -o/-O/o/O with small key lists, sorting,
forest, threads, output modifiers; PS_PERSONALITY and PS_FORMAT for a fraction of runs), runs
the reference ps and ours on the same processes, and prints every case whose stdout bytes or
exit status differ, or where only one of them writes to stderr, with a one-line repro.

Run it as root from the repository. The processes and both ps runs live in a new PID namespace
whose PID 1 is an idle bash, so that whole-system selections such as -e or ax see only the
processes it starts, and both ps runs get the same PID through ns_last_pid:

    python3 tests/compat/ps/explore_mix.py --ours build-mix/bin/ps --seed 1 --count 500

--seed makes a run reproducible; -v prints both outputs of each divergence; --args='ARGS...'
(with --env NAME=VALUE for the repro's environment) runs one command line instead of random
ones. Placeholders in repros and --args: @ALL = every PID started, @SLEEP, @RENAMED (argv[0]
differs from comm), @THREADS (4 threads), @TREE (an sh and its two children), @TREEPID.
The processes are killed by PID at the end.
"""
import argparse
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PS_PID = 900  # both ps runs get this PID (ns_last_pid), so their own rows are alike

# keys whose values stay put for idle processes and are alike for both ps processes themselves
STABLE_KEYS = """pid ppid pgid pgrp sid sess tpgid tty tt tname stat s state comm args cmd command
ucmd ucomm fname user euser ruser uid euid ruid gid egid group nice ni pri priority opri f flags
c time cputime bsdtime lwp tid spid nlwp thcount class cls policy rtprio psr wchan start stime
start_time lstart pcpu %cpu sgi_p label""".split()
MEM_KEYS = "vsz vsize rss rssize rsz sz drs trs size %mem pmem".split()  # not of ps itself
SORT_KEYS = ["pid", "-pid", "ppid", "comm", "-comm", "args", "user", "tty", "stat", "nice", "start_time", "-nlwp"]

UNIX_FLAGS = list("eAadNfFljycLTmHwMZ")
UNIX_COMMON = ["-f", "-F", "-l", "-j", "-ly", "-ef", "-lf", "-fj", "-L", "-T", "-m", "-H", "-c", "-w", "-ww",
               "-e", "-a", "-d", "-N", "-M", "-aux", "-y", "-fL", "-fc"]
BSD_FLAGS = list("axgrcefhHmnSwjlsuvXM")
BSD_COMMON = ["aux", "ax", "x", "a", "u", "v", "j", "l", "s", "f", "c", "e", "S", "h", "n", "w", "ww", "m", "H",
              "axjf", "auxww", "r", "g", "X", "uc", "jc"]
GNU_FLAGS = ["--forest", "--no-headers", "--headers", "--cumulative", "--deselect", "--cols=100", "--width",
             "--lines=5"]


def keys(rng, system_wide, n=None):
    pool = STABLE_KEYS + ([] if system_wide else MEM_KEYS)
    ks = rng.sample(pool, n or rng.choice([1, 1, 2, 2, 3]))
    if rng.random() < 0.1:
        ks[0] = ks[0] + "=HDR"
    if rng.random() < 0.1:
        ks[-1] = ks[-1] + ":" + str(rng.choice([1, 4, 10, 30]))
    return ",".join(ks)


def cluster(rng, letters):
    return "".join(rng.sample(letters, rng.choice([1, 1, 2, 3])))


def gen(rng):
    """One random command line (list of words), and the environment additions."""
    words = []
    system_wide = rng.random() < 0.25
    n = rng.choice([1, 2, 2, 3, 3, 4])
    for _ in range(n):
        r = rng.random()
        if r < 0.14:
            words += [rng.choice(UNIX_COMMON)]
        elif r < 0.20:
            words += ["-" + cluster(rng, UNIX_FLAGS)]
        elif r < 0.32:
            words += [rng.choice(BSD_COMMON)]
        elif r < 0.38:
            words += [cluster(rng, BSD_FLAGS)]
        elif r < 0.50:
            words += [rng.choice(["-o", "o", "--format", "-o", "o"]), keys(rng, system_wide)]
        elif r < 0.60:
            words += [rng.choice(["-O", "O"]), keys(rng, system_wide)]
        elif r < 0.68:
            s = ",".join(rng.sample(SORT_KEYS, rng.choice([1, 2])))
            words += rng.choice([["--sort", s], [f"--sort={s}"], ["k", s]])
        elif r < 0.80:
            words += [rng.choice(GNU_FLAGS)]
        elif r < 0.86 and system_wide:
            # selections that add processes outside the group (ps itself among them)
            words += rng.choice([["-u", "root"], ["-U", "0"], ["-g", "0"], ["-G", "root"], ["-C", "sleep"],
                                 ["U", "root"], ["--user", "root"], ["-s", "@TREEPID"], ["--ppid", "@TREEPID"]])
        elif r < 0.90:
            words += rng.choice([["-q", "@SLEEP"], ["q", "@SLEEP"], ["--quick-pid", "@THREADS"]])
        else:
            words += rng.choice([["-f"], ["c"], ["x"], ["S"], ["-O", "pid"], ["O", "pid"], ["-o", "pid"]])
    if not system_wide:
        sel = rng.choice(["@ALL", "@ALL", "@TREE", "@THREADS,@SLEEP", "@RENAMED"])
        words += rng.choice([["-p", sel], ["p", sel], [f"--pid={sel}"], ["--pid", sel], ["@SLEEP"]])
    if rng.random() < 0.5:
        rng.shuffle(words) if rng.random() < 0.2 else None
    env = {}
    if rng.random() < 0.15:
        env["PS_PERSONALITY"] = rng.choice(["linux", "bsd", "old", "aix", "gnu", "s390", "posix", "sysv"])
    if rng.random() < 0.05:
        env["PS_FORMAT"] = keys(rng, True)
    return words, env


class World:
    """The processes both ps runs look at, in a new PID namespace whose PID 1 is an idle bash
    (the runner): it starts them, runs every ps (as PID PS_PID, argv[0] "ps") and kills them.
    This script stays outside the namespace, so its own busy process is in no listing."""

    def __init__(self, workdir):
        self.workdir = workdir
        helper = os.path.join(workdir, "pshelper")
        subprocess.run(["cc", "-O1", "-pthread", "-o", helper, os.path.join(HERE, "helper.c")], check=True)
        self.runner = subprocess.Popen(["unshare", "-p", "-f", "--mount-proc", "bash", "--norc", "--noprofile"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                       cwd=workdir)
        # Linux 6.14+ keeps pid_max per namespace (4194304 in a new one): the host's value keeps
        # the PID column width (our width does not follow pid_max: see the report of issue 3)
        host_max = open("/proc/sys/kernel/pid_max").read().strip()
        self.sh(f"echo {host_max} > /proc/sys/kernel/pid_max 2>/dev/null")
        self.pids = []

        def start(cmd, ready=False):
            flag = os.path.join(workdir, f"ready{len(self.pids)}")
            pid = int(self.sh(f"{cmd} > {flag} 2>/dev/null < /dev/null & echo $!").strip())
            self.pids.append(pid)
            for _ in range(250 if ready else 0):
                if os.path.exists(flag) and os.path.getsize(flag):
                    break
                time.sleep(0.02)
            return pid

        self.subs = {}
        self.subs["@SLEEP"] = str(start("sleep 7001"))
        start("sleep 7002")
        self.subs["@RENAMED"] = str(start("bash -c 'exec -a renamed sleep 7003'"))
        self.subs["@THREADS"] = str(start(f"{helper} threads 3", ready=True))
        start("nice -n 5 sleep 7004")
        tree = start("sh -c 'sleep 7005 & sleep 7006 & wait'")
        self.subs["@TREEPID"] = str(tree)
        kids = []
        for _ in range(100):
            kids = self.sh(f"cat /proc/{tree}/task/{tree}/children 2>/dev/null; echo").split()
            if len(kids) >= 2:
                break
            time.sleep(0.02)
        self.kids = [int(k) for k in kids]
        self.subs["@TREE"] = ",".join([str(tree)] + kids)
        self.subs["@ALL"] = ",".join(map(str, sorted(self.pids + self.kids)))
        time.sleep(2)

    def sh(self, cmd):
        """Run CMD in the runner; its stdout (up to the end marker)."""
        self.runner.stdin.write(cmd.encode() + b"\necho @@END@@\n")
        self.runner.stdin.flush()
        out = b""
        while True:
            line = self.runner.stdout.readline()
            if not line or line == b"@@END@@\n":
                return out.decode()
            out += line

    def sub(self, word):
        for k in sorted(self.subs, key=len, reverse=True):
            word = word.replace(k, self.subs[k])
        return word

    def run_ps(self, exe, words, env_add):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC", "HOME": "/root"}
        env.update(env_add)
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        d = self.workdir
        self.sh(f"echo {PS_PID - 1} > /proc/sys/kernel/ns_last_pid; "
                f"(for v in $(compgen -e); do unset $v; done; export {exports}; "
                f"exec -a ps {shlex.quote(exe)} {' '.join(shlex.quote(w) for w in words)}"
                f" > {d}/out 2> {d}/err < /dev/null); echo $? > {d}/rc")
        with open(f"{d}/out", "rb") as f:
            out = f.read()
        with open(f"{d}/err", "rb") as f:
            err = f.read()
        with open(f"{d}/rc") as f:
            rc = int(f.read())
        return rc, out, err

    def stop(self):
        self.sh("kill -9 " + " ".join(map(str, self.pids + self.kids)) + " 2>/dev/null; wait")
        self.runner.stdin.close()
        self.runner.wait()


SELF_ROW = re.compile(rb"(^|\s)%d(\s|$)|(^|[\s/\[])ps(\s|$)" % PS_PID)


def drop_self(out):
    """OUT without the rows of the ps process itself (its memory figures differ between the
    two programs): the rows that show PID PS_PID or a command named ps."""
    return b"\n".join(l for l in out.split(b"\n") if not SELF_ROW.search(l))


def repro(words, env):
    pre = " ".join(f"{k}={v}" for k, v in env.items())
    return (pre + " " if pre else "") + "ps " + " ".join(shlex.quote(w) for w in words)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ours", default=os.path.join(REPO, "build", "bin", "ps"))
    ap.add_argument("--ref", default=shutil.which("ps", path="/usr/bin:/bin") or "/usr/bin/ps")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--args", help="run this one command line instead of random ones")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                    help="environment of the --args run (PS_PERSONALITY=bsd, ...)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    a.ours = os.path.abspath(a.ours)
    if os.geteuid() != 0:
        sys.exit("explore_mix: run as root (it needs a PID namespace)")
    rng = random.Random(a.seed)
    workdir = tempfile.mkdtemp(prefix="explore-mix-")
    world = World(workdir)
    bad = 0
    try:
        one_env = dict(e.split("=", 1) for e in a.env)
        cases = [(shlex.split(a.args), one_env)] if a.args else [gen(rng) for _ in range(a.count)]
        for i, (words, env) in enumerate(cases):
            concrete = [world.sub(w) for w in words]
            r_rc, r_out, r_err = world.run_ps(a.ref, concrete, env)
            o_rc, o_out, o_err = world.run_ps(a.ours, concrete, env)
            same = lambda: (r_rc, drop_self(r_out), bool(r_err)) == (o_rc, drop_self(o_out), bool(o_err))
            if same():
                continue
            # a figure that moved between the runs (%CPU of a process that just started, the
            # runner's CPU time): the reference once more, after ours
            r_rc, r_out, r_err = world.run_ps(a.ref, concrete, env)
            if same():
                continue
            bad += 1
            what = []
            if r_rc != o_rc:
                what.append(f"exit {r_rc} vs {o_rc}")
            if drop_self(r_out) != drop_self(o_out):
                what.append("stdout")
            if bool(r_err) != bool(o_err):
                what.append("stderr " + ("ref only" if r_err else "ours only"))
            print(f"DIFF #{i} ({', '.join(what)}): {repro(words, env)}")
            if a.verbose:
                for tag, rc, out, err in (("ref", r_rc, r_out, r_err), ("ours", o_rc, o_out, o_err)):
                    print(f"  --- {tag} rc={rc} stderr={err[:200]!r}")
                    for line in out.decode("latin-1").splitlines()[:12]:
                        print("  | " + line[:160])
        print(f"explore_mix: seed {a.seed}: {len(cases)} cases, {bad} divergent")
    finally:
        world.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
