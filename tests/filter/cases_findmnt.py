# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end tests of findmnt -Q/--filter, --check and --check-any (registered with run_filter.py).

Two inputs: the mountinfo fixture of tests/fixtures/findmnt read by both tools with --tab-file,
where util-linux findmnt's own filters (-t, -O, a MAJ:MIN search) select the same rows as our
expression and so give the expected bytes, tree shape included; and tmpfs mounts made in the
private namespace of run_filter.py (a read-write and a read-only one here, plus the runner's
1 MiB "full" tmpfs with 960 KiB used), for the issue's example `findmnt --check 'options !~
"ro"'`, sizes in bytes and the locale test.
"""
import os
import re

from run_filter import MAN_PAGES, Fail, check_outcomes, expect, harness, p, run, test
from cases_lsblk import comma_locale

MAN_PAGES.append("findmnt.8")

MOUNTINFO = os.path.join(harness.FIXTURES, "findmnt", "mountinfo")
TAB = ["--tab-file", MOUNTINFO]


@test()
def findmnt_filter_like_own_filters(ctx):
    # (our expression, the reference's filter that keeps the same rows)
    pairs = [
        ('fstype == "tmpfs"', ["-t", "tmpfs"]),
        ("FSTYPE != 'tmpfs'", ["-t", "notmpfs"]),
        ('fstype =~ "^(ext|btr)"', ["-t", "ext2,ext4,btrfs"]),
        ('options =~ "(^|,)ro(,|$)"', ["-O", "ro"]),
        ('not (vfs-options =~ "nosuid")', ["-O", "nonosuid"]),
        ('MAJ:MIN == "8:3"', ["8:3"]),
        ('target == "/boot/efi" or target == "/dev/pts"', ["-t", "vfat,devpts"]),
    ]
    for expr, ref in pairs:
        for mode in ([], ["-l"], ["-r"], ["-P"], ["-J"], ["-n", "-o", "TARGET,ID,PARENT"], ["-a"], ["-v"]):
            if mode == ["-a"] and ref == ["8:3"]:
                continue  # a search is a list: -i has nothing to draw
            _, want, _ = run([ctx.ref("findmnt")] + TAB + mode + ref)
            if ref == ["8:3"]:
                mode = mode + ["-l"] if not set(mode) & {"-r", "-P", "-J"} else mode
            for opt in (["-Q", expr], ["--filter", expr], [f"--filter={expr}"], ["-Q" + expr]):
                rc, out, err = run([ctx.ours("findmnt")] + TAB + mode + opt)
                expect(f"findmnt {mode} {opt}: exit", (rc, err), (0, b""))
                expect(f"findmnt {mode} {opt}: stdout", out, want)


@test()
def findmnt_filter_values(ctx):
    # hand-checked against the fixture: the targets of the kept rows
    for expr, targets in (("id >= 44 and id < 47", "/mnt/ro\n/mnt/unbind\n/mnt/over\n"),
                          ("parent == 21 and fstype == 'tmpfs'", "/run\n/mnt/ro\n/mnt/unbind\n/mnt/over\n"),
                          ("fsroot != '/'", "/home\n/mnt/bind\n"),
                          # the language unescapes \\ to \, the regular expression then sees \[
                          ("source =~ '\\\\[/srv/data\\\\]$'", "/mnt/bind\n"),
                          ("propagation =~ 'unbindable'", "/mnt/unbind\n"),
                          ("propagation == 'private,slave'", "/mnt/ro\n"),
                          ("opt-fields =~ 'master:'", "/mnt/ro\n"),
                          ("fs-options =~ 'errors=remount-ro'", "/\n/boot/efi\n"),
                          ("freq == 0 or passno", ""),      # fstab-only columns: absent here
                          ("label or uuid", ""),
                          ("source == 'first' || source == 'second'", "/mnt/over\n/mnt/over\n")):
        rc, out, err = run([ctx.ours("findmnt")] + TAB + ["-l", "-n", "-o", "TARGET", "-Q", expr])
        expect(f"-Q {expr!r}", (rc, out, err), (0 if targets else 1, targets.encode(), b""))
    # a whole tree that keeps nothing: an empty table and 0, as util-linux prints for --shadowed
    _, want = run([ctx.ref("findmnt")] + TAB + ["-J", "--shadowed", "-t", "ext4"])[:2]
    rc, out, _ = run([ctx.ours("findmnt")] + TAB + ["-J", "-Q", "id < 0"])
    expect("empty tree", (rc, out), (0, want))


@test()
def findmnt_check_fixture(ctx):
    # failing rows on stderr: what the reference prints for its own selection of them
    for mode in ([], ["-l"], ["-r"], ["-P"], ["-J"], ["-o", "SOURCE,TARGET"]):
        check_outcomes(ctx, "findmnt", TAB + mode, 'fstype != "nfs4"', False, TAB + mode + ["-t", "nfs4"])
        check_outcomes(ctx, "findmnt", TAB + mode, 'fstype != "tmpfs"', False, TAB + mode + ["-t", "tmpfs"])
        check_outcomes(ctx, "findmnt", TAB + mode, "id > 20 and target =~ '^/'", True)
        check_outcomes(ctx, "findmnt", TAB + mode, 'fstype == "nfs4"', True, any_=True)
        check_outcomes(ctx, "findmnt", TAB + mode, 'fstype == "xfs"', False, TAB + mode, any_=True)
    # -Q first, then the check on the kept rows
    rc, out, err = run([ctx.ours("findmnt")] + TAB + ["-Q", "fstype == 'tmpfs'", "--check", "options =~ '^rw'"])
    _, want_out, _ = run([ctx.ref("findmnt")] + TAB + ["-t", "tmpfs"])
    _, want_err, _ = run([ctx.ref("findmnt")] + TAB + ["-t", "tmpfs", "-O", "ro"])
    expect("-Q + --check", (rc, out, err), (3, want_out, want_err))


def mount_ro_rw(ctx):
    """A read-write and a read-only tmpfs in the work directory (once per namespace)."""
    w = ctx.work
    if not os.path.isdir(os.path.join(w, "fm-ro")):
        for name, opts in (("fm-rw", "size=1m"), ("fm-ro", "size=1m,ro")):
            os.mkdir(os.path.join(w, name))
            harness.sh(f"mount -t tmpfs -o {opts} t-{name} {w}/{name}")
    return os.path.join(w, "fm-rw"), os.path.join(w, "fm-ro")


@test(needs_ns=True)
def findmnt_check_options_ro_example(ctx):
    rw, ro = mount_ro_rw(ctx)
    expr = 'options !~ "ro"'
    for mode in ([], ["-l"], ["-J"], ["-r"], ["-P"], ["-D"], ["-o", "TARGET,OPTIONS"]):
        check_outcomes(ctx, "findmnt", mode + [rw], expr, True)
        check_outcomes(ctx, "findmnt", mode + [ro], expr, False, mode + [ro])
        check_outcomes(ctx, "findmnt", mode + ["-T", ro], 'options =~ "^ro,"', True)
    # the example as written: the outcome follows the options of this namespace's /
    _, opts, _ = run([ctx.ref("findmnt"), "-n", "-o", "OPTIONS", "/"])
    check_outcomes(ctx, "findmnt", ["/"], expr, re.search(b"ro", opts) is None, ["/"])
    # the listing of the test mounts: the read-only one fails
    check_outcomes(ctx, "findmnt", ["-l", "-t", "tmpfs", "-O", "ro"], "target !~ '/fm-ro$'", False,
                   ["-l", "-t", "tmpfs", "-O", "ro", "-T", ro])


@test(needs_ns=True)
def findmnt_sizes_in_bytes(ctx):
    full = p(ctx, "full")
    # 1 MiB tmpfs, 240 of 256 blocks used: SIZE 1M, USED 960K, AVAIL 64K, USE% 94
    for unit in ([], ["-b"], ["-D"], ["-D", "-b"], ["-o", "TARGET"], ["-J", "-b", "-o", "SIZE,TARGET"]):
        check_outcomes(ctx, "findmnt", unit + full, "size == 1M and used == 960K and avail == 65536", True)
        check_outcomes(ctx, "findmnt", unit + full, "use% == 94 and use% > 93.5", True)
        check_outcomes(ctx, "findmnt", unit + full, "use% < 90", False, unit + full)
        check_outcomes(ctx, "findmnt", unit + full, "used < 983040", False, unit + full)
    rc, out, _ = run([ctx.ours("findmnt"), "-l", "-n", "-o", "SOURCE", "-t", "tmpfs", "-Q", "size == 1M and use% >= 90"])
    expect("-Q on sizes", (rc, out), (0, b"t-full\n"))


@test(needs_ns=True)
def findmnt_machine_output_is_locale_proof(ctx):
    loc, extra = comma_locale(ctx)
    for mode in (["-J", "-D"], ["-r", "-D"], ["-P", "-D"], ["-J", "-o", "TARGET,SIZE,USED,AVAIL,USE%"]):
        args = [ctx.ours("findmnt")] + mode + ["-Q", "used > 0.5M"] + p(ctx, "full")
        _, c_out, _ = run(args)
        if b"960K" not in c_out:
            raise Fail(f"{mode}: no 960K in {c_out!r}")
        for env in ({"LC_ALL": loc}, {"LC_ALL": "", "LANG": "C.UTF-8", "LC_NUMERIC": loc}):
            env.update(extra)
            rc, out, _ = run(args, env)
            expect(f"findmnt {mode} under {env}", (rc, out), (0, c_out))


@test()
def findmnt_messages_and_abbreviations(ctx):
    for args, needle in ((["-Q", "size <"], b"findmnt: invalid --filter expression: column 7: expected a value after '<'"),
                         (["--check", "targte == '/'"], b"findmnt: invalid --check expression: column 1: unknown column 'targte'"),
                         (["--check-any", "(id"], b"findmnt: invalid --check-any expression: column 1: missing ')'"),
                         (["--check", "id > 1", "--poll"], b"findmnt: --filter and --check do not apply to --poll"),
                         (["-Q", "id > 1", "-x"], b"findmnt: --filter and --check do not apply to --verify")):
        rc, out, err = run([ctx.ours("findmnt")] + TAB + args)
        expect(f"{args} exit", (rc, out), (1, b""))
        lines = err.splitlines()
        if not lines or needle not in lines[0] or len(lines) > 2:
            raise Fail(f"{args}: stderr {err!r}")
    # the reference's own options and abbreviations keep their meaning
    for args in (["--c", "-l"], ["--fi"], ["--f"], ["--che", "x"], ["--filt", "x"], ["--check-an", "x"],
                 ["-Q"], ["--so", "/dev/sda1"], ["--sy", "/"], ["--sor", "TARGET"], ["--ta", "/boot"],
                 ["--ty=tmpfs", "--ou", "TARGET"], ["--tr", "-r"], ["-cQ"]):
        rc, out, _ = run([ctx.ours("findmnt")] + TAB + args)
        rrc, rout, _ = run([ctx.ref("findmnt")] + TAB + args)
        expect(f"findmnt {args}: exit", rc, rrc)
        expect(f"findmnt {args}: stdout", out, rout)
    # ours spelled in full, beside abbreviations of the reference's options
    _, want, _ = run([ctx.ref("findmnt")] + TAB + ["--types", "tmpfs", "--list"])
    rc, out, _ = run([ctx.ours("findmnt")] + TAB + ["--ty", "tmpfs", "--filter", "id > 0", "--li"])
    expect("--ty --filter --li", (rc, out), (0, want))
