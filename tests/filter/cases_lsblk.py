# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end tests of lsblk -Q/--filter, --check and --check-any (registered with run_filter.py).

Inputs are the hand-made --sysroot fixture roots of tests/fixtures/lsblk (nvme, scsi, groups,
dm-lvm), read by our lsblk and by util-linux lsblk alike. Expected bytes come from the reference:
the whole listing for stdout, and for the rows a failed check prints on stderr (or the rows -Q
keeps) the reference's listing narrowed by its own options (-d, -I, -e) to exactly those rows.
Where no reference option selects the rows (tree mode with dropped parents), the expected lines
are written out by hand from the fixture's sizes and types.
"""
import os
import subprocess

from run_filter import ENV, MAN_PAGES, Fail, Skip, check_outcomes, expect, harness, run, test

MAN_PAGES.append("lsblk.8")

FIX = os.path.join(harness.FIXTURES, "lsblk")


def root(name):
    return ["--sysroot", os.path.join(FIX, name)]


@test()
def lsblk_check_size_pass_and_fail(ctx):
    nvme, scsi = root("nvme"), root("scsi")
    # nvme0n1 931.5G and nvme1n1 20G; partitions 512M and 931G
    check_outcomes(ctx, "lsblk", nvme + ["-d"], "size < 1T", True)
    check_outcomes(ctx, "lsblk", nvme + ["-d"], "size < 100G", False)
    rc, out, err = run([ctx.ours("lsblk")] + nvme + ["-d", "--check", "size < 100G"])
    expect("nvme -d --check stderr", err,
           b"NAME    MAJ:MIN RM   SIZE RO TYPE MOUNTPOINTS\nnvme0n1 259:0    0 931.5G  0 disk \n")
    # scsi: sda 465.8G fails, sdb 28.6G and sr0 0B pass
    check_outcomes(ctx, "lsblk", scsi + ["-d"], "size < 100G", False)
    rc, out, err = run([ctx.ours("lsblk")] + scsi + ["-d", "--check", "size < 100G"])
    expect("scsi -d --check exit", rc, 3)
    expect("scsi -d --check stderr", err,
           b"NAME MAJ:MIN RM   SIZE RO TYPE MOUNTPOINTS\nsda    8:0    0 465.8G  0 disk \n")
    for mode in ([], ["-l"], ["-r"], ["-P"], ["-J"], ["-b"], ["-O"], ["-o", "NAME"]):
        check_outcomes(ctx, "lsblk", scsi + mode, "size <= 500G", True)
        check_outcomes(ctx, "lsblk", scsi + ["-d"] + mode, "size <= 500G and type == 'disk'", False)


@test()
def lsblk_failing_rows_layout(ctx):
    scsi = root("scsi")
    # the failing rows keep the layout: list modes compared with the reference's own selection
    for mode in (["-l"], ["-r"], ["-P"], ["-J"], ["-b", "-l"], ["-n", "-r"]):
        # rows of major 11 (sr0) fail: the reference lists them with -I 11
        check_outcomes(ctx, "lsblk", scsi + ["-d"] + mode, "maj:min != '11:0'", False,
                       scsi + ["-d", "-I", "11"] + mode)
        check_outcomes(ctx, "lsblk", scsi + mode, "type != \"rom\"", False, scsi + ["-I", "11"] + mode)
    # tree mode: failing rows form a tree of their own (sdb1 under sdb; md0 passes, RM is 0)
    rc, out, err = run([ctx.ours("lsblk")] + scsi + ["--check", "rm == 0"])
    _, ref, _ = run([ctx.ref("lsblk")] + scsi)
    expect("tree --check exit", rc, 3)
    expect("tree --check stdout", out, ref)
    expect("tree --check stderr", err,
           b"NAME   MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\n"
           b"sdb      8:16   1 28.6G  0 disk \n"
           b"`-sdb1   8:17   1 28.6G  0 part \n"
           b"sr0     11:0    1    0B  0 rom  \n")


@test()
def lsblk_check_any(ctx):
    scsi = root("scsi")
    check_outcomes(ctx, "lsblk", scsi, "type == 'raid1' and mountpoints =~ '^/export'", True, any_=True)
    check_outcomes(ctx, "lsblk", scsi + ["-d"], "type == 'raid1'", False, scsi + ["-d"], any_=True)
    # an empty listing has no matching row
    rc, out, err = run([ctx.ours("lsblk")] + scsi + ["-I", "200", "--check-any", "size >= 0"])
    expect("empty --check-any", (rc, out, err), (3, b"", b""))
    rc, out, err = run([ctx.ours("lsblk")] + scsi + ["-I", "200", "--check", "size < 0"])
    expect("empty --check", (rc, out, err), (0, b"", b""))


@test()
def lsblk_sizes_in_bytes(ctx):
    nvme = root("nvme")
    for unit in ([], ["-b"], ["-o", "NAME,TYPE"], ["-J", "-b"]):
        # nvme0n1p1 is 512 MiB: 536870912 bytes whatever the display unit
        check_outcomes(ctx, "lsblk", nvme + unit, "type != 'part' or size >= 512M", True)
        check_outcomes(ctx, "lsblk", nvme + unit, "type != 'part' or size > 536870912", False)
        if "-J" in unit:
            continue
        rc, out, _ = run([ctx.ours("lsblk")] + nvme + unit + ["-r", "-n", "-o", "NAME", "-Q", "size == 536870912"])
        expect(f"-Q size in bytes {unit}", (rc, out), (0, b"nvme0n1p1\n"))


@test()
def lsblk_filter_rows(ctx):
    nvme, scsi = root("nvme"), root("scsi")
    ours = [ctx.ours("lsblk")]
    cases = [
        # expression, reference arguments printing the same rows
        (nvme, "type == 'disk'", ["-d"]),
        (scsi + ["-r"], "MAJ:MIN =~ '^8:'", ["-r", "-I", "8"]),
        (scsi + ["-P", "-o", "NAME,SIZE"], "maj:min == '11:0' || ro == 1", ["-P", "-o", "NAME,SIZE", "-I", "11"]),
        (scsi + ["-l"], "type != 'raid1' && size > 0", ["-l", "-e", "1,9,11"]),
    ]
    for base, expr, ref_args in cases:
        _, want, _ = run([ctx.ref("lsblk")] + base[:2] + ref_args)
        for opt in (["-Q", expr], ["--filter", expr], [f"--filter={expr}"], ["-Q" + expr]):
            rc, out, err = run(ours + base + opt)
            expect(f"lsblk {base[2:]} {opt}: exit", (rc, err), (0, b""))
            expect(f"lsblk {base[2:]} {opt}: stdout", out, want)
    # hand-checked: the names of the kept rows
    for base, expr, names in ((nvme, "ro == 1", b"nvme1n1\n"),
                              (nvme, "zoned == 'host-managed'", b"nvme1n1\n"),
                              (nvme, "mountpoints =~ '\\n'", b"nvme0n1p1\n"),
                              # one string: ^ and $ anchor at its ends, not at the newlines
                              (nvme, "mountpoints =~ '^/mnt/with space$'", b""),
                              (nvme, "mountpoints =~ '^/mnt/with space' and mountpoints =~ 'efi$'", b"nvme0n1p1\n"),
                              (nvme, "mountpoints == \"/mnt/with space\\n/boot/efi\"", b"nvme0n1p1\n"),
                              (scsi, "fsuse% >= 0 or fssize > 0", b""),
                              (scsi, "pkname == 'sdb' or name == 'sr0'", b"sdb1\nsr0\n"),
                              (scsi, "hotplug == 1 && tran == 'usb'", b"sdb\n"),
                              (scsi, "not model", b"sda1\nsda2\nmd0\nsdb1\nmd0\n")):
        rc, out, err = run(ours + base + ["-r", "-n", "-o", "NAME", "-Q", expr])
        expect(f"-Q {expr!r}", (rc, out, err), (0, names, b""))


@test()
def lsblk_tree_keeps_children_under_kept_ancestor(ctx):
    scsi = root("scsi")
    # the partitions dropped, md0 hangs under its disks
    rc, out, err = run([ctx.ours("lsblk")] + scsi + ["-i", "-Q", "type != 'part'"])
    expect("tree -Q", (rc, err), (0, b""))
    expect("tree -Q stdout", out,
           b"NAME  MAJ:MIN RM   SIZE RO TYPE  MOUNTPOINTS\n"
           b"sda     8:0    0 465.8G  0 disk  \n"
           b"`-md0   9:0    0  28.6G  0 raid1 /export\n"
           b"                                 /srv/data\n"
           b"sdb     8:16   1  28.6G  0 disk  \n"
           b"`-md0   9:0    0  28.6G  0 raid1 /export\n"
           b"                                 /srv/data\n"
           b"sr0    11:0    1     0B  0 rom   \n")
    # JSON nests the same way
    rc, out, _ = run([ctx.ours("lsblk")] + scsi + ["-J", "-o", "NAME", "-Q", "type == 'disk' or type == 'raid1'"])
    expect("tree -Q JSON", out,
           b'{\n   "blockdevices": [\n      {\n         "name": "sda",\n         "children": [\n'
           b'            {\n               "name": "md0"\n            }\n         ]\n      },{\n'
           b'         "name": "sdb",\n         "children": [\n            {\n               "name": "md0"\n'
           b'            }\n         ]\n      }\n   ]\n}\n')
    # -M: groups whose members are all dropped disappear; nothing crashes
    for expr in ("type != 'part'", "type != 'disk'", "type == 'lvm'", "size > 100G"):
        for mode in ([], ["-J"], ["-r"]):
            rc, out, err = run([ctx.ours("lsblk")] + root("groups") + ["-M"] + mode + ["-Q", expr])
            expect(f"-M {mode} -Q {expr!r}: exit", (rc, err), (0, b""))
    rc, out, _ = run([ctx.ours("lsblk")] + root("groups") + ["-M", "-r", "-n", "-o", "NAME", "-Q", "type == 'lvm'"])
    expect("-M -Q lvm", out, b"vg-lv\n")


@test()
def lsblk_messages_and_abbreviations(ctx):
    scsi = root("scsi")
    for args, needle in ((["-Q", "size <"], b"lsblk: invalid --filter expression: column 7: expected a value after '<'"),
                         (["--check", "sise > 1"], b"lsblk: invalid --check expression: column 1: unknown column 'sise'"),
                         (["--check-any", "(name"], b"lsblk: invalid --check-any expression: column 1: missing ')'"),
                         (["-Q", "fsuse%% > 1"], b"column 1: unknown column 'fsuse%%'")):
        rc, out, err = run([ctx.ours("lsblk")] + scsi + args)
        expect(f"{args} exit", (rc, out), (1, b""))
        lines = err.splitlines()
        if len(lines) != 2 or needle not in lines[0] or lines[1] != b"Try 'lsblk --help' for more information.":
            raise Fail(f"{args}: stderr {err!r}")
    # the reference's own options and abbreviations keep their meaning
    for args in (["--f"], ["--fi"], ["--c", "x"], ["--che", "x"], ["--filt", "x"], ["--check-an", "x"],
                 ["--no-p"], ["-Q"], ["--n"], ["--noh", "-d"], ["--sy", os.path.join(FIX, "scsi")],
                 ["--sysr", os.path.join(FIX, "scsi"), "--in=9"], ["--tree", "--so=NAME"], ["-fQ"]):
        rc, out, _ = run([ctx.ours("lsblk")] + scsi + args)
        rrc, rout, _ = run([ctx.ref("lsblk")] + scsi + args)
        expect(f"lsblk {args}: exit", rc, rrc)
        expect(f"lsblk {args}: stdout", out, rout)
    # ours spelled in full, together with abbreviations of the reference's
    _, want, _ = run([ctx.ref("lsblk")] + scsi + ["--fs", "-d"])
    rc, out, _ = run([ctx.ours("lsblk")] + scsi + ["--f", "--check", "size >= 0", "--nod"])
    expect("--f --check --nod", (rc, out), (0, want))


def comma_locale(ctx):
    """(locale name, extra environment) of a locale with a decimal comma, compiled into the work
    directory when none is installed."""
    locales = subprocess.run(["locale", "-a"], stdout=subprocess.PIPE).stdout.decode().split()
    comma = [loc for loc in locales if loc.lower().startswith(("de_de.utf", "fr_fr.utf"))]
    if comma:
        return comma[0], {}
    locdir = os.path.join(ctx.work, "locale")
    os.makedirs(locdir, exist_ok=True)
    if not os.path.isdir(os.path.join(locdir, "de_DE.UTF-8")):
        subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(locdir, "de_DE.UTF-8")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not os.path.isdir(os.path.join(locdir, "de_DE.UTF-8")):
        raise Skip("no locale with a decimal comma (install the locales package)")
    r = subprocess.run(["locale", "decimal_point"], stdout=subprocess.PIPE,
                       env=dict(ENV, LC_ALL="de_DE.UTF-8", LOCPATH=locdir))
    expect("decimal point of de_DE.UTF-8", r.stdout, b",\n")
    return "de_DE.UTF-8", {"LOCPATH": locdir}


@test()
def lsblk_machine_output_is_locale_proof(ctx):
    loc, extra = comma_locale(ctx)
    for mode in (["-J"], ["-r"], ["-P"], ["-J", "-b"]):
        args = [ctx.ours("lsblk")] + root("scsi") + mode + ["-o", "NAME,SIZE,FSUSE%,MAJ:MIN", "-Q", "size > 1.5G"]
        _, c_out, _ = run(args)
        if b"28.6G" not in c_out and "-b" not in mode:
            raise Fail(f"{mode}: no 28.6G in {c_out!r}")
        for env in ({"LC_ALL": loc}, {"LC_ALL": "", "LANG": "C.UTF-8", "LC_NUMERIC": loc}):
            env.update(extra)
            rc, out, _ = run(args, env)
            expect(f"lsblk {mode} under {env}", (rc, out), (0, c_out))
