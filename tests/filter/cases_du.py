# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end tests of du -Q/--filter, --check and --check-any (registered with run_filter.py).

The tests build a tree of known sizes in the work directory (files of real data, a sparse file
of 6 GiB apparent size, a name with a newline, fixed timestamps) and compare with GNU du on the
same tree: stdout must be GNU du's bytes, a failed check exits 3 and prints on stderr exactly the
lines GNU du prints for the failing rows (selected by hand from GNU du's full output: the test
names the paths it expects from the sizes it wrote). The -c total line is never filtered nor
checked.
"""
import os

from run_filter import MAN_PAGES, Fail, check_outcomes, expect, run, test

MAN_PAGES.append("du.1")

MIB = 1024 * 1024
STAMP = 1_000_000_000  # every file and directory of the tree: 2001-09-09 01:46:40 UTC
NEWER = 1_500_000_000  # t/big/one only


def tree(ctx):
    """ctx.work/du/t: big/ (2 MiB + 1 MiB of data), small/ (3 files of 1000 bytes), sparse/ (6 GiB
    hole), an empty directory, a file named with a newline; and two argument trees a/ (1 MiB) and
    b/ (3 MiB) beside it. Built once per run."""
    base = os.path.join(ctx.work, "du")
    if os.path.isdir(base):
        return base
    t = os.path.join(base, "t")
    for d in ("big", "small", "sparse", "empty", "a", "b"):
        os.makedirs(os.path.join(t if d not in ("a", "b") else base, d))

    def data(path, n):
        with open(path, "wb") as f:
            f.write(b"\xa5" * n)
            f.flush()
            os.fsync(f.fileno())

    data(f"{t}/big/one", 2 * MIB)
    data(f"{t}/big/two", MIB)
    for i in range(3):
        data(f"{t}/small/s{i}", 1000)
    with open(f"{t}/sparse/hole", "wb") as f:
        f.truncate(6 * 1024 * MIB)
    data(f"{t}/new\nline", 10)
    data(f"{base}/a/x", MIB)
    data(f"{base}/b/y", 3 * MIB)
    for root, dirs, files in os.walk(base, topdown=False):
        for n in files:
            os.utime(os.path.join(root, n), (STAMP, STAMP))
        os.utime(root, (STAMP, STAMP))
    os.utime(f"{t}/big/one", (NEWER, NEWER))
    return base


def lines_of(out, paths, sep=b"\n"):
    """The lines of du output OUT whose name (after the last tab) is in PATHS, in order."""
    keep = {p.encode() for p in paths}
    recs = out.split(sep)[:-1]
    return b"".join(r + sep for r in recs if r.rsplit(b"\t", 1)[-1] in keep)


def ref_out(ctx, args):
    rc, out, err = run([ctx.ref("du")] + args)
    if rc != 0:
        raise Fail(f"reference du {args}: exit {rc}: {err!r}")
    return out


@test()
def du_check_issue_example(ctx):
    base = tree(ctx)
    t = f"{base}/t"
    # du -s --check 'size < 5G': the tree holds ~3 MiB of data; the sparse file is a hole
    for units in ([], ["-h"], ["-k"], ["-m"], ["-BG"], ["--si"]):
        check_outcomes(ctx, "du", ["-s"] + units + [t], "size < 5G", True)
        check_outcomes(ctx, "du", ["-s"] + units + [t], "size < 3M", False, ["-s"] + units + [t])
    # with the apparent size the 6 GiB hole counts; -b is --apparent-size --block-size=1
    for units in (["--apparent-size"], ["-b"], ["--apparent-size", "-h"], ["-b", "-BG"]):
        check_outcomes(ctx, "du", ["-s"] + units + [t], "size < 5G", False, ["-s"] + units + [t])
        check_outcomes(ctx, "du", ["-s"] + units + [t], "size > 6G and apparent < 7G and disk < 5G", True)


@test()
def du_check_rows_and_failing_lines(ctx):
    base = tree(ctx)
    t = f"{base}/t"
    full = ref_out(ctx, [t])
    # disk usage over 1 MiB: big (3 MiB) and the top (3 MiB and more); sparse and small stay below
    rc, out, err = run([ctx.ours("du"), t, "--check", "size < 1M"])
    expect("exit", rc, 3)
    expect("stdout", out, full)
    expect("failing rows", err, lines_of(full, [f"{t}/big", t]))
    # -a: every file is a row too
    full_a = ref_out(ctx, ["-a", t])
    rc, out, err = run([ctx.ours("du"), "-a", "--check", "size < 1M", t])
    expect("-a exit", rc, 3)
    expect("-a stdout", out, full_a)
    expect("-a failing rows", err, lines_of(full_a, [f"{t}/big/one", f"{t}/big/two", f"{t}/big", t]))
    # the same with worker threads reading ahead (rows still come in du's order)
    rc, out, err = run([ctx.ours("du"), "-a", "--check", "size < 1M", t], {"PROCSTAT_DU_THREADS": "3"})
    expect("-a threads", (rc, out, err),
           (3, full_a, lines_of(full_a, [f"{t}/big/one", f"{t}/big/two", f"{t}/big", t])))
    # depth limits the rows, and so the rows checked
    check_outcomes(ctx, "du", ["-d", "1", t], "depth == 0 or size < 4M", True)
    check_outcomes(ctx, "du", ["-d", "0", t], "depth > 0", False, ["-d", "0", t])
    # several arguments: only the one that fails; with -c the total (over 4 MiB) is never checked
    a, b = f"{base}/a", f"{base}/b"
    check_outcomes(ctx, "du", ["-s", a, b], "size < 2M", False, ["-s", b])
    check_outcomes(ctx, "du", ["-c", "-s", a, b], "size < 4M", True)
    rc, out, err = run([ctx.ours("du"), "-c", "-s", a, b, "--check", "size < 2M"])
    expect("-c exit", (rc, out), (3, ref_out(ctx, ["-c", "-s", a, b])))
    expect("-c failing rows: no total line", err, ref_out(ctx, ["-s", b]))
    # -0: the failing rows end in NUL as stdout's do
    rc, out, err = run([ctx.ours("du"), "-0", "-s", a, b, "--check", "size < 2M"])
    expect("-0 exit", (rc, out), (3, ref_out(ctx, ["-0", "-s", a, b])))
    expect("-0 failing rows", err, ref_out(ctx, ["-0", "-s", b]))


@test()
def du_check_any(ctx):
    base = tree(ctx)
    a, b = f"{base}/a", f"{base}/b"
    check_outcomes(ctx, "du", ["-s", a, b], "size >= 2M", True, any_=True)
    check_outcomes(ctx, "du", ["-s", a, b], "size >= 4M", False, ["-s", a, b], any_=True)
    # no rows at all (everything under the threshold): --check passes, --check-any fails
    check_outcomes(ctx, "du", ["-s", "-t", "1G", a], "size > 0", True)
    check_outcomes(ctx, "du", ["-s", "-t", "1G", a], "size > 0", False, ["-s", "-t", "1G", a], any_=True)
    # the last of --check and --check-any counts
    rc, _, err = run([ctx.ours("du"), "-s", a, b, "--check", "size >= 2M", "--check-any", "size >= 2M"])
    expect("--check then --check-any", (rc, err), (0, b""))
    rc, _, err = run([ctx.ours("du"), "-s", a, b, "--check-any", "size >= 2M", "--check", "size >= 2M"])
    expect("--check-any then --check", (rc, err), (3, ref_out(ctx, ["-s", a])))


@test()
def du_filter_rows(ctx):
    base = tree(ctx)
    t = f"{base}/t"
    cases = [
        # arguments, expression, paths expected (from the sizes written above)
        ([t], "size >= 1M", [f"{t}/big", t]),
        ([t], "size < 1M", [f"{t}/small", f"{t}/sparse", f"{t}/empty"]),
        ([t], "apparent > 6G", [f"{t}/sparse", t]),
        (["--apparent-size", t], "size > 6G", [f"{t}/sparse", t]),
        (["-b", "-a", t], "size == 1000", [f"{t}/small/s0", f"{t}/small/s1", f"{t}/small/s2"]),
        ([t], 'path =~ "/s[a-z]+$"', [f"{t}/small", f"{t}/sparse"]),
        ([t], "depth == 0", [t]),
        (["-a", t], "not dir and disk >= 1M", [f"{t}/big/one", f"{t}/big/two"]),
        (["-0", "-a", t], 'path =~ "\\n"', [f"{t}/new\nline"]),
        (["-a", t], "dir and inodes == 4", [f"{t}/small"]),
        (["--inodes", t], "inodes == 1", [f"{t}/empty"]),
        (["-h", t], "size >= 1M && !(path == '" + t + "')", [f"{t}/big"]),
        (["--time", "-a", t], f"time > {STAMP}", [f"{t}/big/one", f"{t}/big", t]),
        (["--time=ctime", "-s", t], "time < 1000", []),
        ([t], "time > 0", []),  # no --time: time is absent and never matches
    ]
    for args, expr, want in cases:
        expected = lines_of(ref_out(ctx, args), want, b"\0" if "-0" in args else b"\n")
        for opt in (["-Q", expr], ["--filter", expr], [f"--filter={expr}"], ["-Q" + expr]):
            rc, out, err = run([ctx.ours("du")] + args + opt)
            expect(f"du {args} {opt}: exit", rc, 0)
            expect(f"du {args} {opt}: stdout", out, expected)
            expect(f"du {args} {opt}: stderr", err, b"")
    # -c: the total stays du's total of everything counted, never filtered
    a, b = f"{base}/a", f"{base}/b"
    full = ref_out(ctx, ["-c", "-s", a, b])
    rc, out, _ = run([ctx.ours("du"), "-c", "-s", "-Q", "size > 2M", a, b])
    expect("-c -Q", (rc, out), (0, lines_of(full, [b, "total"])))
    rc, out, _ = run([ctx.ours("du"), "-c", "-s", "-Q", "size > 1G", a, b])
    expect("-c -Q nothing kept", (rc, out), (0, lines_of(full, ["total"])))
    # -Q and --check together: the check sees the kept rows only
    rc, out, err = run([ctx.ours("du"), "-s", "-Q", "size > 2M", "--check", "size < 2M", a, b])
    expect("-Q + --check", (rc, out, err), (3, ref_out(ctx, ["-s", b]), ref_out(ctx, ["-s", b])))
    rc, out, err = run([ctx.ours("du"), "-s", "-Q", "size < 2M", "--check", "size < 2M", a, b])
    expect("-Q + --check passing", (rc, out, err), (0, ref_out(ctx, ["-s", a]), b""))


@test()
def du_check_json_and_sort(ctx):
    base = tree(ctx)
    a, b = f"{base}/a", f"{base}/b"
    rc, out, err = run([ctx.ours("du"), "--json", "-s", a, b, "--check", "size < 2M"])
    _, want_out, _ = run([ctx.ours("du"), "--json", "-s", a, b])
    _, want_err, _ = run([ctx.ours("du"), "--json", "-s", b])
    expect("--json exit", rc, 3)
    expect("--json stdout", out, want_out)
    expect("--json failing rows", err, want_err)
    t = f"{base}/t"
    rc, out, _ = run([ctx.ours("du"), "--sort=size", "-Q", "depth == 1", t])
    full = ref_out(ctx, ["-d", "1", t])
    rows = [l + b"\n" for l in full.split(b"\n")[:-1] if l.rsplit(b"\t", 1)[1] != t.encode()]
    rows.sort(key=lambda l: int(l.split(b"\t")[0]))
    expect("--sort=size -Q", (rc, out), (0, b"".join(rows)))


@test()
def du_check_with_errors(ctx):
    base = tree(ctx)
    a, missing = f"{base}/a", f"{base}/missing"
    # a missing argument: GNU's message and status 1 when the check passes, 3 when it fails
    rc, out, err = run([ctx.ours("du"), "-s", a, missing, "--check", "size < 2M"])
    rrc, rout, rerr = run([ctx.ref("du"), "-s", a, missing])
    expect("pass: exit and stdout", (rc, out), (rrc, rout))
    def named(text, prog):  # messages start with argv[0]
        return text.replace(prog.encode() + b": ", b"du: ")
    expect("pass: stderr", named(err, ctx.ours("du")), named(rerr, ctx.ref("du")))
    rc, out, err = run([ctx.ours("du"), "-s", a, missing, "--check", "size > 2M"])
    expect("fail: exit and stdout", (rc, out), (3, rout))
    expect("fail: stderr", named(err, ctx.ours("du")), named(rerr, ctx.ref("du")) + ref_out(ctx, ["-s", a]))


@test()
def du_parse_errors_and_abbreviations(ctx):
    du = ctx.ours("du")
    for args, needle in ((["-Q", "size <"], b"column 7: expected a value after '<'"),
                         (["--check", "(size > 1"], b"column 1: missing ')'"),
                         (["--filter", "sise > 1"], b"column 1: unknown column 'sise'"),
                         (["--check-any", "size > 1 and use% > 1"], b"column 14: unknown column 'use%'"),
                         (["--check", 'path =~ "("'], b"invalid regular expression")):
        rc, out, err = run([du] + args + [ctx.work])
        expect(f"du {args} exit", (rc, out), (1, b""))
        lines = err.decode().splitlines()
        if needle not in err or not lines[0].startswith(f"{du}: invalid "):
            raise Fail(f"du {args}: stderr {err!r} lacks {needle!r}")
        expect(f"du {args}: message and usage hint", lines[1:], [f"Try '{du} --help' for more information."])
    # our long options exist only when spelled in full; GNU's own options keep their meaning
    for args in (["--c", "x"], ["--che", "x"], ["--fil", "x"], ["--filt", "x"], ["--check-an", "x"],
                 ["--files", "x"], ["--exclude", "--check", ctx.work], ["-X", "--filter"],
                 ["--time-style", "--check", "--time", ctx.work], ["--si", ctx.work]):
        rc, out, _ = run([du] + args)
        rrc, rout, _ = run([ctx.ref("du")] + args)
        expect(f"du {args}: exit", rc, rrc)
        expect(f"du {args}: stdout", out, rout)
