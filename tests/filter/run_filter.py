#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end tests of -Q/--filter, --check and --check-any in every tool (df and free here,
the others in cases_<tool>.py beside this file).

usage: run_filter.py --build DIR [-v] [-k SUBSTRING]

Each test runs our binary with a filter or check and asserts BOTH outcomes (a check that passes:
exit 0 and stdout byte-identical to the reference tool without the option; a check that fails:
exit 3, the same stdout, and the failing rows on stderr exactly as the reference prints those
rows). -Q output is compared with the reference's full output filtered by hand: the test names
the rows it expects, computed from the known fill of the file systems it made.

Inputs: live tmpfs mounts of known size, fill and inode use (inside a private mount namespace:
the script re-runs itself under ``unshare -m``), meminfo fixtures bind-mounted over /proc/meminfo
in that namespace, and the hand-made --sysroot tree tests/fixtures/df/root1. Without root the
namespace tests are reported as skipped, never passed.
Prints "filter: N passed, N failed, N skipped"; exit status 1 when anything failed.
"""
import argparse
import importlib
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "compat"))
import harness  # noqa: E402

ENV = dict(harness.BASE_ENV)
TESTS = []


def test(needs_ns=False):
    def wrap(fn):
        TESTS.append((fn.__name__, fn, needs_ns))
        return fn
    return wrap


class Fail(Exception):
    pass


class Skip(Exception):
    pass


# Man pages that carry the shared filter-language section; cases_<tool>.py modules add theirs.
MAN_PAGES = ["free.1", "df.1"]


def run(cmd, env=None):
    e = dict(ENV)
    e.update(env or {})
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, timeout=60)
    return p.returncode, p.stdout, p.stderr


def expect(what, got, want):
    if got != want:
        raise Fail(f"{what}:\n  expected {want!r}\n  got      {got!r}")


class Ctx:
    def __init__(self, build):
        self.build = build
        self.work = None

    def ours(self, tool):
        return os.path.join(self.build, "bin", tool)

    def ref(self, tool):
        p = harness.find_reference(tool)
        if not p:
            raise Fail(f"reference {tool} not installed")
        return p


def keep_rows(text, keep):
    """The header and the lines of TEXT (df's output) for which KEEP(line) holds."""
    lines = text.decode().splitlines(keepends=True)
    return (lines[0] + "".join(l for l in lines[1:] if keep(l))).encode()


def check_outcomes(ctx, tool, args, expr, passes, failing_args=None, any_=False, env=None):
    """Run TOOL ARGS --check[-any] EXPR. Pass: exit 0, stdout == reference, no stderr.
    Fail: exit 3, stdout == reference, stderr == reference output of FAILING_ARGS (the rows)."""
    opt = "--check-any" if any_ else "--check"
    rc, out, err = run([ctx.ours(tool)] + args + [opt, expr], env)
    rrc, rout, _ = run([ctx.ref(tool)] + args, env)
    expect(f"{tool} {args} {opt} {expr!r}: stdout", out, rout)
    if passes:
        expect("exit status", rc, rrc)
        expect("stderr", err, b"")
    else:
        expect("exit status", rc, 3)
        if failing_args is not None:
            _, want_err, _ = run([ctx.ref(tool)] + failing_args, env)
            expect("failing rows on stderr", err, want_err)


# ------------------------------------------------------------------ live tmpfs (df)

def mount_tmpfs(ctx):
    """Four 1 MiB tmpfs: full (94% used), empty (0%), inofull (9 of 10 inodes), inook."""
    w = ctx.work
    for name, opts in (("full", "size=1m"), ("empty", "size=1m"), ("inofull", "size=1m,nr_inodes=10"),
                       ("inook", "size=1m,nr_inodes=1000")):
        d = os.path.join(w, name)
        os.mkdir(d)
        harness.sh(f"mount -t tmpfs -o {opts} t-{name} {d}")  # short sources: same widths
    # 240 of 256 4 KiB blocks: used 960K, avail 64K, Use% 94%
    harness.sh(f"dd if=/dev/zero of={w}/full/data bs=4096 count=240 status=none")
    for i in range(8):  # with the root directory: 9 of 10 inodes, IUse% 90%
        open(os.path.join(w, "inofull", f"f{i}"), "w").close()
    open(os.path.join(w, "inook", "one"), "w").close()


def p(ctx, *names):
    return [os.path.join(ctx.work, n) for n in names]


@test(needs_ns=True)
def df_check_use_pass_and_fail(ctx):
    check_outcomes(ctx, "df", p(ctx, "empty", "inook"), "use% < 90", True)
    check_outcomes(ctx, "df", p(ctx, "full", "empty"), "use% < 90", False, p(ctx, "full"))
    check_outcomes(ctx, "df", ["-h"] + p(ctx, "full", "empty"), "use% < 90", False, ["-h"] + p(ctx, "full"))
    check_outcomes(ctx, "df", ["-P"] + p(ctx, "empty", "full", "inofull"), "use% < 90", False,
                   ["-P"] + p(ctx, "full"))


@test(needs_ns=True)
def df_local_check_iuse_pass_and_fail(ctx):
    check_outcomes(ctx, "df", ["-l"] + p(ctx, "inook", "empty", "full"), "iuse% < 80", True)
    check_outcomes(ctx, "df", ["-l"] + p(ctx, "inook", "inofull"), "iuse% < 80", False,
                   ["-l"] + p(ctx, "inofull"))
    check_outcomes(ctx, "df", ["-i"] + p(ctx, "inofull", "empty"), "ipcent < 80", False,
                   ["-i"] + p(ctx, "inofull"))


@test(needs_ns=True)
def df_check_total_and_output(ctx):
    # the grand total (4 MiB) is not checked; every 1 MiB file system is
    check_outcomes(ctx, "df", ["--total"] + p(ctx, "full", "empty", "inofull", "inook"), "size < 2M", True)
    check_outcomes(ctx, "df", ["--total"] + p(ctx, "full", "empty"), "size < 2M and use% < 90", False,
                   p(ctx, "full"))  # failing rows only: no total line on stderr
    # fields not shown by --output still count; failing rows keep the --output layout
    for out in ("--output=target", "--output=source,itotal", "--output"):
        check_outcomes(ctx, "df", [out] + p(ctx, "inook", "full"), "use% < 90 and iuse% < 80", False,
                       [out] + p(ctx, "full"))
        check_outcomes(ctx, "df", [out] + p(ctx, "inook", "empty"), "use% < 90 and iuse% < 80", True)


@test(needs_ns=True)
def df_check_any(ctx):
    check_outcomes(ctx, "df", p(ctx, "full", "empty"), "use% >= 90", True, any_=True)
    check_outcomes(ctx, "df", p(ctx, "empty", "inook"), "use% >= 90", False, p(ctx, "empty", "inook"),
                   any_=True)


@test(needs_ns=True)
def df_check_sizes_in_bytes(ctx):
    # 960 KiB used whatever the display unit; 1M is 1048576 bytes
    for unit in ([], ["-h"], ["-H"], ["-BM"], ["-B1"], ["--output=used,target"]):
        check_outcomes(ctx, "df", unit + p(ctx, "full"), "used == 960K and size == 1M", True)
        check_outcomes(ctx, "df", unit + p(ctx, "full"), "used < 983040", False, unit + p(ctx, "full"))
        check_outcomes(ctx, "df", unit + p(ctx, "full"), "avail == 65536 and avail < 0.1M", True)


@test(needs_ns=True)
def df_filter_rows(ctx):
    args = p(ctx, "full", "empty", "inofull", "inook")
    _, full, _ = run([ctx.ref("df")] + args)
    w = ctx.work
    cases = [
        # expression, targets expected (hand-computed from the fill above)
        ("use% >= 90", {"full"}),
        ("use% < 90", {"empty", "inofull", "inook"}),
        ("used > 512K", {"full"}),
        ("avail >= 1000K", {"empty", "inofull", "inook"}),
        ('target =~ "/in[a-z]+$"', {"inofull", "inook"}),
        ('target !~ "in" and source == "t-empty"', {"empty"}),
        ('fstype != "tmpfs"', set()),
        ("not (size == 1M)", set()),
        ("size == 1M && (use% > 50 || target =~ 'ok$')", {"full", "inook"}),
    ]
    for expr, want in cases:
        expected = keep_rows(full, lambda l: l.rstrip("\n").split(" ")[-1] in {f"{w}/{n}" for n in want})
        for opt in (["-Q", expr], ["--filter", expr], [f"--filter={expr}"], ["-Q" + expr]):
            rc, out, err = run([ctx.ours("df")] + opt + args)
            expect(f"df {opt}: exit", rc, 0)
            expect(f"df {opt}: stdout", out, expected)
            expect(f"df {opt}: stderr", err, b"")
    # inode columns with -i, and the grand total of the kept rows only
    rc, out, _ = run([ctx.ours("df"), "-i", "-Q", "iuse% >= 50"] + args)
    _, want, _ = run([ctx.ref("df"), "-i", f"{w}/inofull"])  # IFree widths differ: the reference on that row
    expect("df -i -Q stdout", out, want)
    rc, out, _ = run([ctx.ours("df"), "--total", "-Q", "use% > 50"] + args)
    _, want, _ = run([ctx.ref("df"), "--total", f"{w}/full"])
    expect("df --total -Q stdout", out, want)
    # -Q and --check together: the check sees the kept rows
    rc, out, err = run([ctx.ours("df"), "-Q", "use% < 90", "--check", "iuse% < 80"] + args)
    expect("-Q + --check exit", rc, 3)
    expect("-Q + --check stdout", out, keep_rows(full, lambda l: not l.endswith(f"{w}/full\n")))
    _, want, _ = run([ctx.ref("df"), f"{w}/inofull"])
    expect("-Q + --check stderr", err, want)


@test(needs_ns=True)
def df_check_json_failing_rows(ctx):
    rc, out, err = run([ctx.ours("df"), "--json", "--check", "use% < 90"] + p(ctx, "full", "empty"))
    expect("exit", rc, 3)
    _, want_out, _ = run([ctx.ours("df"), "--json"] + p(ctx, "full", "empty"))
    _, want_err, _ = run([ctx.ours("df"), "--json"] + p(ctx, "full"))
    expect("stdout", out, want_out)
    expect("stderr (JSON of the failing rows)", err, want_err)
    if b'"pcent": 94' not in err:
        raise Fail(f"pcent of the full tmpfs not 94 in {err!r}")


# ------------------------------------------------------------------ fixture root (df)

ROOT1 = os.path.join(harness.FIXTURES, "df", "root1")
ROOT1_FULL = (b"Filesystem     1K-blocks  Used Available Use% Mounted on\n"
              b"space src           2048  2048         0 100% /mnt/with space\n")


@test()
def df_sysroot_whole_listing(ctx):
    ours = [ctx.ours("df"), "--sysroot", ROOT1]
    rc, out, err = run(ours + ["--check", "use% < 90"])
    _, listing, _ = run(ours)
    expect("exit", rc, 3)
    expect("stdout", out, listing)
    expect("failing rows", err, ROOT1_FULL)
    rc, out, err = run(ours + ["--check", "use% <= 100 and size > 0"])
    expect("pass exit", rc, 0)
    expect("pass stderr", err, b"")
    rc, out, err = run(ours + ["-l", "--check", "iuse% < 80"])
    expect("-l iuse exit", rc, 3)
    expect("-l iuse failing rows", err, ROOT1_FULL)
    rc, out, err = run(ours + ["-l", "--check", "iuse% <= 50 or source == 'space src'"])
    expect("-l iuse pass", (rc, err), (0, b""))
    # remote mounts only without -l; absent values (df's "-") never match
    rc, out, _ = run(ours + ["-a", "-Q", 'target == "/net" or target == "/gone"'])
    expect("-Q /net /gone", out,
           b"Filesystem     1K-blocks  Used Available Use% Mounted on\n"
           b"srv:/export        64000 32000     32000  50% /net\n"
           b"gone                   -     -         -    - /gone\n")
    rc, out, _ = run(ours + ["-a", "-Q", "use% >= 0 and size == 0"])
    expect("-Q zero-size rows have no Use%", out, b"Filesystem     1K-blocks  Used Available Use% Mounted on\n")
    rc, out, _ = run(ours + ["-Q", 'target =~ "\\n"'])
    expect("-Q newline in a mount point", out,
           b"Filesystem     1K-blocks  Used Available Use% Mounted on\nnl                    10     5         5  50% /mnt/new?line\n")


# ------------------------------------------------------------------ messages and options

@test()
def parse_errors_and_unknown_names(ctx):
    for tool, status, hint in (("df", 1, True), ("free", 1, False)):
        for args, needle in ((["-Q", "use% <"], b"column 7: expected a value after '<'"),
                             (["--check", "(used > 1"], b"column 1: missing ')'"),
                             (["--filter", "sise > 1"], b"column 1: unknown column 'sise'"),
                             (["--check-any", 'used > 1 and bogus == "x"'], b"column 14: unknown column 'bogus'"),
                             (["--check", 'used =~ "("'], b"invalid regular expression"),
                             (["-Q", 'used "a\nb"'], b"unexpected 'a\\x0ab'"),
                             (["-Q", "(" * 130000], b"column 257: expression nested too deeply"),
                             (["--check", "not " * 30000 + "used"], b"column 1025: expression nested too deeply")):
            rc, out, err = run([ctx.ours(tool)] + args)
            expect(f"{tool} {args} exit", rc, status)
            expect(f"{tool} {args} stdout", out, b"")
            lines = err.decode().splitlines()
            if needle not in err or not lines[0].startswith(f"{ctx.ours(tool)}: invalid ") and \
                    not lines[0].startswith(f"{tool}: invalid "):
                raise Fail(f"{tool} {args}: stderr {err!r} lacks {needle!r}")
            expect(f"{tool} {args} message lines", len(lines), 2 if hint else 1)


@test()
def reference_abbreviations_unchanged(ctx):
    # our options exist only when spelled in full: abbreviations mean what they mean to the reference
    for tool, args in (("df", ["--c", "x"]), ("df", ["--che", "x"]), ("df", ["--filt", "x"]),
                       ("df", ["--check-an", "x"]), ("df", ["-Q"]), ("free", ["--c", "1"]),
                       ("free", ["--ch", "x"]), ("free", ["--co", "1"]), ("free", ["--filte", "x"]),
                       ("free", ["--check-an", "x"]), ("free", ["-c", "1", "--che=x"])):
        rc, out, _ = run([ctx.ours(tool)] + args)
        rrc, rout, _ = run([ctx.ref(tool)] + args)
        expect(f"{tool} {args}: exit", rc, rrc)
        expect(f"{tool} {args}: stdout", out, rout)


# ------------------------------------------------------------------ free on meminfo fixtures

def meminfo(total_kib, avail_kib, swap_total=0, swap_free=0):
    return (f"MemTotal:       {total_kib} kB\nMemFree:        {avail_kib // 2} kB\n"
            f"MemAvailable:   {avail_kib} kB\nBuffers:          1024 kB\nCached:         {avail_kib // 4} kB\n"
            f"SwapCached:            0 kB\nShmem:            2048 kB\nSReclaimable:     4096 kB\n"
            f"SwapTotal:      {swap_total} kB\nSwapFree:       {swap_free} kB\n"
            f"CommitLimit:    {total_kib // 2} kB\nCommitted_AS:   {total_kib // 3} kB\n")


def with_meminfo(ctx, text):
    path = os.path.join(ctx.work, "meminfo")
    harness.sh("umount /proc/meminfo 2>/dev/null || true")
    with open(path, "w") as f:
        f.write(text)
    harness.sh(f"mount --bind {path} /proc/meminfo")


@test(needs_ns=True)
def free_check_available(ctx):
    big = meminfo(4 * 1024 * 1024, 2 * 1024 * 1024, 1024 * 1024, 1024 * 1024)      # 2 GiB available
    small = meminfo(4 * 1024 * 1024, 512 * 1024, 1024 * 1024, 256 * 1024)          # 512 MiB available
    edge = meminfo(4 * 1024 * 1024, 1024 * 1024)                                    # exactly 1 GiB
    for units in ([], ["-h"], ["-g"], ["-b", "-w"], ["--si", "-t"], ["-l", "-v"]):
        with_meminfo(ctx, big)
        check_outcomes(ctx, "free", units, "available > 1G", True)
        check_outcomes(ctx, "free", units, "available > 2G", False, units)
        check_outcomes(ctx, "free", units, "available > 1G", True, any_=True)
        with_meminfo(ctx, small)
        check_outcomes(ctx, "free", units, "available > 1G", False, units)
        check_outcomes(ctx, "free", units, "swap.used == 768M and swap.free == 256M", True)
        with_meminfo(ctx, edge)
        check_outcomes(ctx, "free", units, "available > 1G", False, units)
        check_outcomes(ctx, "free", units, "available >= 1G and available == 1073741824", True)


@test(needs_ns=True)
def free_filter(ctx):
    with_meminfo(ctx, meminfo(4 * 1024 * 1024, 2 * 1024 * 1024))
    _, ref, _ = run([ctx.ref("free"), "-w"])
    for expr, shown in (("available > 1G", True), ("available < 1G", False),
                        ("total == 4G and buff/cache == 1M + 4M + 512M", None),
                        ("buff_cache == 529408K", True), ("mem.buffers == 1M and cache == 516M", True),
                        ("swap.total == 0 && !(swap.used > 0)", True), ("shared != 2M", False),
                        ("commit.limit == 2G and commit.used < commit.limit", True)):
        for opt in (["-Q", expr], ["--filter", expr], ["-wQ", expr], [f"--filter={expr}"]):
            args = opt if opt[0] == "-wQ" else ["-w"] + opt
            rc, out, err = run([ctx.ours("free")] + args)
            if shown is None:  # '+' is no operator: a parse error
                expect(f"free {args} exit", rc, 1)
                continue
            expect(f"free {args} exit", (rc, err), (0, b""))
            expect(f"free {args} stdout", out, ref if shown else b"")


@test(needs_ns=True)
def free_repeat_check(ctx):
    with_meminfo(ctx, meminfo(4 * 1024 * 1024, 512 * 1024))
    _, ref, _ = run([ctx.ref("free"), "-s", "0.01", "-c", "3"])
    one = ref.split(b"\n\n")[0] + b"\n"
    rc, out, err = run([ctx.ours("free"), "-s", "0.01", "-c", "3", "--check", "available > 1G"])
    expect("exit", rc, 3)
    expect("stdout", out, ref)
    expect("stderr: each failing sample", err, one * 3)
    rc, out, err = run([ctx.ours("free"), "-c", "3", "-s", "0.01", "-Q", "available > 1G", "--check-any", "used > 0"])
    expect("-Q hides every sample, --check-any then fails", (rc, out, err), (3, b"", b""))


@test(needs_ns=True)
def json_is_locale_proof(ctx):
    # a locale whose decimal separator is ',' when one is installed; C numerics either way
    locales = subprocess.run(["locale", "-a"], stdout=subprocess.PIPE).stdout.decode().split()
    comma = [l for l in locales if l.lower().startswith(("de_de.utf", "fr_fr.utf"))]
    extra = {}
    if not comma:
        # compile one into the work directory (package "locales") and point LOCPATH at it
        locdir = os.path.join(ctx.work, "locale")
        os.makedirs(locdir, exist_ok=True)
        r = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(locdir, "de_DE.UTF-8")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode not in (0, 1) or not os.path.isdir(os.path.join(locdir, "de_DE.UTF-8")):
            raise Skip("no locale with a decimal comma (install the locales package)")
        comma, extra = ["de_DE.UTF-8"], {"LOCPATH": locdir}
    # the locale really has a decimal comma
    r = subprocess.run(["locale", "decimal_point"], stdout=subprocess.PIPE,
                       env=dict(ENV, LC_ALL=comma[0], **extra))
    expect("decimal point of " + comma[0], r.stdout, b",\n")
    with_meminfo(ctx, meminfo(4 * 1024 * 1024, 2 * 1024 * 1024))
    for tool, args in (("free", ["--json", "-h"]), ("df", ["--json", "-h"] + p(ctx, "full", "empty"))):
        _, c_out, _ = run([ctx.ours(tool)] + args)
        for var in ("LC_ALL", "LC_NUMERIC"):
            env = {"LC_ALL": comma[0]} if var == "LC_ALL" else {"LC_ALL": "", "LANG": "C.UTF-8", "LC_NUMERIC": comma[0]}
            env.update(extra)
            rc, out, _ = run([ctx.ours(tool)] + args, env)
            expect(f"{tool} {args} under {var}={comma[0]}", (rc, out), (0, c_out))


@test()
def man_pages_carry_the_shared_section(ctx):
    man = os.path.join(harness.SOURCE_DIR, "man")
    with open(os.path.join(man, "filter-language.roff")) as f:
        shared = f.read().split("\n", 2)[2]  # without the two comment lines
    for page in MAN_PAGES:
        with open(os.path.join(man, page)) as f:
            text = f.read()
        start = text.find("\n", text.find('.\\" BEGIN filter-language')) + 1
        end = text.find('.\\" END filter-language')
        if start <= 0 or end < 0:
            raise Fail(f"man/{page}: no filter-language markers")
        expect(f"man/{page}: the shared section", text[start:end], shared)


# ------------------------------------------------------------------ runner

def load_tool_cases():
    """Import tests/filter/cases_*.py: one module per tool, each registering its tests with
    ``from run_filter import test, ...`` (this file, whether run as a script or imported)."""
    sys.modules.setdefault("run_filter", sys.modules[__name__])
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    for fn in sorted(os.listdir(here)):
        if fn.startswith("cases_") and fn.endswith(".py"):
            importlib.import_module(fn[:-3])


def main():
    load_tool_cases()
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("-k")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    ctx = Ctx(build)
    in_ns = a.inner
    if not in_ns and os.geteuid() == 0:
        cmd = ["unshare", "-m", "--propagation", "private", sys.executable, os.path.abspath(__file__),
               "--build", build, "--inner"] + (["-k", a.k] if a.k else []) + (["-v"] if a.v else [])
        return subprocess.run(cmd).returncode
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    with tempfile.TemporaryDirectory(prefix="procstat-filter-") as work:
        ctx.work = work
        mounted = False
        for name, fn, needs_ns in TESTS:
            if a.k and a.k not in name:
                continue
            try:
                if needs_ns and not in_ns:
                    raise Skip("needs root (private mount namespace)")
                if needs_ns and not mounted:
                    mount_tmpfs(ctx)
                    mounted = True
                fn(ctx)
                counts["passed"] += 1
                if a.v:
                    print(f"PASS {name}")
            except Skip as e:
                counts["skipped"] += 1
                print(f"SKIP {name}: {e}")
            except (Fail, RuntimeError, OSError, subprocess.TimeoutExpired) as e:
                counts["failed"] += 1
                print(f"FAIL {name}: {e}")
        if in_ns:  # the namespace goes away with us; unmount anyway before the directory is removed
            subprocess.run(f"umount /proc/meminfo 2>/dev/null; umount {work}/* 2>/dev/null", shell=True)
    print(f"filter: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
