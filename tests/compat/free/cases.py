# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential cases for free: procps-ng free vs ours on hand-written /proc/meminfo fixtures.

Every fixture in tests/fixtures/meminfo is bind-mounted over /proc/meminfo inside a private
mount namespace (procps free reads nothing else, checked with strace), and crossed with the
option sets below. The same fixture is also offered to ours through --sysroot (a copy under the
group's work directory), and the cgroup fixture roots are checked against their hand-computed
expected.meminfo.
"""
import dataclasses
import os
import random
import shutil

from harness import Group, sh

FREE_FIXTURES = "meminfo"

# Option sets crossed with every fixture: each unit, human/si, layout switches and mixes.
OPTION_SETS = [
    [], ["-b"], ["-k"], ["-m"], ["-g"], ["--tebi"], ["--pebi"],
    ["--kilo"], ["--mega"], ["--giga"], ["--tera"], ["--peta"],
    ["-h"], ["--si"], ["-h", "--si"], ["--si", "-k"], ["--si", "-g"],
    ["-w"], ["-t"], ["-l"], ["-v"], ["-wltv"],
    ["-h", "-wltv"], ["--human", "--si", "--wide", "--lohi", "--total", "--committed"],
    ["-b", "-wltv"], ["--mega", "-t", "-v"], ["-m", "-l", "-w"], ["--pebi", "-h", "-t"],
    ["--kibi", "--total"], ["--mebi", "--lohi"], ["--gibi", "--committed"], ["--bytes", "--wide"],
    ["--hum", "--lo", "--tot"],  # getopt abbreviations
]

# Looping: -c N with a short -s (blank line between samples); one fixture each is enough.
LOOP_SETS = [
    ["-c", "2", "-s", "0.1"], ["-c", "3", "-s", "0,05", "-h"], ["-s", "0.01", "-c", "2", "-wt"],
    ["--count=2", "--seconds=0.02", "-l"], ["-c", "4294967297", "-s", "0.01"],  # int narrowing: 1
    ["-c", "+2", "-s", " .01"], ["-c2", "-s.01", "-v"],
    ["-c", "2"],  # default delay: one second
    ["-s", "99999999999999999999", "-c", "1"],  # no sleep after the last sample
]

# Usage errors and informational options: same stdout, exit status and stderr bytes.
ERROR_SETS = [
    ["-s", "-1"], ["-s", "0"], ["-s", "abc"], ["-s", ""], ["-s", "1x"], ["-s", "1.5.5"],
    ["-s", "1e3"], ["-s", "0.0000001"], ["-s", " 1 "], ["-s", "-"], ["-s", "."],
    ["-c", "0"], ["-c", "-1"], ["-c", "abc"], ["-c", ""], ["-c", "1x"], ["-c", "0x1"],
    ["-c", "99999999999999999999"], ["-c", "2147483648"], ["-c", "1 "],
    ["-b", "-k"], ["-k", "-k"], ["--kilo", "-b"], ["--mega", "--mebi"], ["-g", "--tera"],
    ["--foo"], ["-L"], ["-x"], ["extra"], ["-b", "extra"], ["--c", "1"], ["--s", "1"],
    ["-s"], ["-c"], ["--seconds"], ["--bytes=3"],
    ["--help"], ["--he"], ["-V"], ["--version"], ["--vers"], ["-V", "-b", "-k"],
    ["--help", "--version"], ["-b", "-k", "--help"], ["--help", "-b", "-k"],
    # our own long options must not steal the argument of -s/-c, nor anything after "--"
    ["-s", "--json"], ["-ws", "--cgroup"], ["--sec", "--json"], ["-c", "--sysroot"],
    ["--", "--json"], ["--count", "--json"],
]


# Generated hostile meminfo files (fixed seed, so the cases are the same on every run).
GENERATED_COUNT = 24
GENERATED_OPTION_SETS = [[], ["-h"], ["-h", "--si", "-wltv"], ["-b", "-lt"], ["--mega", "-v"],
                         ["--tebi", "-t"]]
FIELD_NAMES = ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SReclaimable",
               "Shmem", "SwapTotal", "SwapFree", "LowTotal", "LowFree", "HighTotal", "HighFree",
               "CommitLimit", "Committed_AS", "SwapCached", "Active"]


def generated_meminfo(rng):
    """A meminfo text mixing plausible and hostile lines (huge, negative, junk, odd spacing)."""
    def value():
        c = rng.random()
        if c < 0.3:
            return str(rng.randint(0, 2**20))
        if c < 0.5:
            return str(rng.randint(0, 2**40))
        if c < 0.6:
            return str(rng.randint(0, 2**64 + 5))
        if c < 0.65:
            return "-" + str(rng.randint(0, 2**64))
        if c < 0.7:
            return "+" + str(rng.randint(0, 9999))
        if c < 0.75:
            return rng.choice(["", "x", "0x1f", " ", "\t\n 5", "12abc"])
        return str(rng.randint(0, 10**rng.randint(1, 19)))

    def line():
        c = rng.random()
        name = rng.choice(FIELD_NAMES)
        if c < 0.05:
            name = " " + name
        if c > 0.97:
            return rng.choice(["junk\n", "\n", ":\n", "A:B:C\n", "\0"])
        sep = rng.choice([": ", ":", ":\t", ":     ", "::"]) if rng.random() < 0.3 else ":   "
        return name + sep + value() + rng.choice([" kB\n", "\n", " kB\r\n"])

    return "".join(line() for _ in range(rng.randint(1, 25)))


def generated_setup(text):
    def setup(ctx):
        path = os.path.join(ctx["workdir"], "generated.meminfo")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        sh(f"mount --bind '{path}' /proc/meminfo")
    return setup


def fixture_dir(env):
    return os.path.join(env.fixtures, FREE_FIXTURES)


def bind_setup(fixture, sysroot_copy=True):
    """setup(ctx): bind FIXTURE over /proc/meminfo; also copy it to WORKDIR/root/proc/meminfo."""
    def setup(ctx):
        if sysroot_copy:
            proc = os.path.join(ctx["workdir"], "root", "proc")
            os.makedirs(proc)
            shutil.copyfile(fixture, os.path.join(proc, "meminfo"))
        sh(f"mount --bind '{fixture}' /proc/meminfo")
    return setup


# Our -Q/--filter, --check and --check-any add, never alter: with an expression every report
# matches (absent values included) our output and exit status stay the reference's.
MATCH_ALL = "total >= 0 or not (total >= 0)"


def with_match_all_filters(cases):
    out = []
    for c in cases:
        if c.stdout_to:
            continue
        for opt in (["--check", MATCH_ALL], ["-Q", MATCH_ALL], ["--check-any", MATCH_ALL]):
            out.append(dataclasses.replace(c, name=f"{c.label()} [ours {opt[0]} match-all]",
                                           ours_extra=c.ours_extra + opt))
    return out


def groups(env):
    fdir = fixture_dir(env)
    fixtures = sorted(f for f in os.listdir(fdir) if f.endswith(".meminfo"))
    for name in fixtures:
        path = os.path.join(fdir, name)
        g = Group(name=f"meminfo:{name}", tool="free", unshare=True, setup=bind_setup(path))
        for opts in OPTION_SETS:
            # empty.meminfo fails: the message must match too
            g.case(opts, name=f"{name}: {' '.join(opts) or '(no args)'}",
                   compare_stderr=(name == "empty.meminfo"))
        # --sysroot: ours reads the copy under the work directory, the reference /proc/meminfo.
        for opts in ([], ["-h", "-wltv"], ["-b", "-l"]):
            g.case(opts, name=f"{name}: --sysroot root {' '.join(opts)}",
                   ours_extra=["--sysroot", "root"])
        if name in ("ordinary.meminfo", "old_kernel.meminfo"):
            for opts in LOOP_SETS:
                g.case(opts, name=f"{name}: {' '.join(opts)}")
        if name == "ordinary.meminfo":
            for opts in ERROR_SETS:
                g.case(opts, name=f"{name}: error {opts!r}", compare_stderr=True)
            # write errors: "write error" with or without the reason, exit 1
            for opts in ([], ["--help"], ["-V"], ["-c", "2", "-s", "0.01"], ["-h", "-wltv"]):
                g.case(opts, name=f"{name}: >/dev/full {' '.join(opts)}", stdout_to="/dev/full",
                       compare_stderr=True)
            g.cases += with_match_all_filters(g.cases)
        yield g

    rng = random.Random(4)
    for i in range(GENERATED_COUNT):
        g = Group(name=f"meminfo:generated-{i}", tool="free", unshare=True,
                  setup=generated_setup(generated_meminfo(rng)))
        for opts in GENERATED_OPTION_SETS:
            g.case(opts, name=f"generated-{i}: {' '.join(opts) or '(no args)'}")
        yield g

    # --cgroup: ours on a fixture root vs procps on the hand-computed expected meminfo.
    for d in sorted(os.listdir(fdir)):
        root = os.path.join(fdir, d)
        if not (d.startswith("cgroup-") and os.path.isdir(root)):
            continue
        g = Group(name=f"cgroup:{d}", tool="free", unshare=True,
                  setup=bind_setup(os.path.join(root, "expected.meminfo"), sysroot_copy=False))
        sets = [[], ["-w"], ["-h", "-wlt"], ["-b", "-t"], ["--mega", "--si"]]
        if "nolimit" not in d and "-ns" not in d:
            sets.append(["-v", "-t"])  # with limits in force -v adds no note on stderr
        for opts in sets:
            g.case(opts, name=f"{d}: --cgroup {' '.join(opts)}",
                   ours_extra=["--cgroup", "--sysroot", root])
        yield g
