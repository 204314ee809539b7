# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential cases for lsblk: our lsblk vs util-linux 2.38.1 lsblk.

1. Fixture roots (tests/fixtures/lsblk/*, including a hostile one with garbage sysfs values,
   a symlink loop, binary property files and malformed mount tables) read by both tools
   through --sysroot, crossed: output
   modes x column sets, then option variants (tree/inverse/dedup/filters/sort/width/...), in the
   C and the C.UTF-8 locale (tree art). util-linux resolves a few things on the live system even
   with --sysroot (inverse-tree device numbers, empty loop devices); the cases avoid depending on
   live devices that other tests create at the same time (only the scsi and dm-lvm roots use
   --inverse). dm-lvm is LVM on a partition, a volume over two disks and LVM inside LUKS.
2. Command-line errors: exit status, stdout and the stderr message.
3. Live loop devices in a private mount namespace: ext4, vfat and swap images and a GPT image
   with partitions, one of them mounted twice. Devices are named through symlinks in the work
   directory. This machine has no udev database, so util-linux shows no FSTYPE/LABEL/UUID; our
   lsblk probes with libblkid there (a documented extension), so the filesystem columns are
   compared with --no-probe given to ours only. Probing itself is tested by unit_block.
"""
import dataclasses
import os
import shutil
import subprocess

from harness import Case, Group, SkipGroup  # noqa: F401

FIXTURE_NAMES = ["loop-gpt", "nvme", "scsi", "hostile", "dm-lvm"]
# roots whose inverse trees (-s) are compared: device-mapper holders/slaves in dm-lvm
INVERSE_ROOTS = ("scsi", "dm-lvm")

MODES = [[], ["-l"], ["-r"], ["-P"], ["-J"], ["-i"], ["-n", "-l"], ["-J", "-l"]]

COLUMN_SETS = [
    [],
    ["-f"],
    ["-m"],
    ["-t"],
    ["-D"],
    ["-z"],
    ["-S"],
    ["-O"],
    ["-o", "NAME,LABEL,PARTLABEL,UUID"],
    ["-o", "+PKNAME,KNAME,PATH"],
    ["-o", "NAME,TYPE,MODEL,SERIAL,VENDOR,REV,TRAN,HCTL,WWN"],
    ["-o", "NAME,MOUNTPOINT,MOUNTPOINTS,FSROOTS"],
    ["-o", "NAME,PTTYPE,PTUUID,PARTTYPE,PARTTYPENAME,PARTUUID,PARTFLAGS"],
    ["-o", "NAME,SIZE,START,RO,RM,HOTPLUG,ROTA,RAND,STATE,SUBSYSTEMS"],
]

VARIANTS = [
    ["-a"], ["-b"], ["-b", "-J", "-O"], ["-d"], ["-p"], ["-A"], ["-a", "-A"], ["-x", "SIZE"],
    ["-x", "NAME", "-T"], ["-x", "RO", "-r"], ["-x", "MODEL", "-P"], ["-E", "UUID"],
    ["-E", "FSTYPE", "-r"], ["-e", "8"], ["-e", "7,259"], ["-I", "259"], ["-I", "8,11"],
    ["-w", "40"], ["-w", "80", "-O"], ["-w", "0"], ["-w", "100000"], ["-w", "20", "-o", "NAME,MODEL,SIZE"],
    ["--tree=SIZE", "-o", "NAME,SIZE"], ["-T", "-J", "-o", "SIZE,TYPE"], ["-P", "-y"],
    ["-J", "-y", "-o", "NAME,MAJ:MIN,FSUSE%,LOG-SEC"], ["-o", "name,maj:min,fsuse%"],
    ["-p", "-J", "-o", "NAME,PKNAME"], ["-n", "-r", "-o", "NAME"], ["-M"], ["-d", "-J", "-b"],
    ["-E", "SIZE", "-P", "-O"], ["-E", "TYPE", "-J"], ["-E", "PTTYPE", "-r"], ["-E", "RO", "-l"],
    ["-E", "PKNAME"], ["-E", "WWN", "-d", "-P"], ["-E", "RM", "-a", "-J", "-O"],
    ["-M", "-J"], ["-M", "-r"], ["-M", "-P", "-O"], ["-M", "-l"], ["-M", "-J", "-s"],
]

INVERSE = [["-s"], ["-s", "-l"], ["-s", "-r"], ["-s", "-J"], ["-s", "-i", "-O"], ["-s", "-P", "-m"],
           ["-s", "-d"], ["-s", "-E", "UUID"], ["-s", "-x", "SIZE"]]


def fixture_groups(env):
    root = os.path.join(env.fixtures, "lsblk")
    for name in FIXTURE_NAMES:
        fx = os.path.join(root, name)
        g = Group(name=f"fixture-{name}", tool="lsblk")
        base = ["--sysroot", fx]
        # the hostile root's broken mount tables give warnings: compare them too
        err = name == "hostile"
        for mode in MODES:
            for cols in COLUMN_SETS:
                g.case(base + mode + cols, name=f"{name}: {' '.join(mode + cols) or '(default)'}",
                       compare_stderr=err)
        for v in VARIANTS:
            g.case(base + v, name=f"{name}: {' '.join(v)}")
        for v in [[], ["-O"], ["-s"], ["-J"]]:
            if v == ["-s"] and name not in INVERSE_ROOTS:
                continue
            g.case(base + v, name=f"{name}: utf8 {' '.join(v)}", env={"LC_ALL": "C.UTF-8"})
        # 2.38.1 knows no LSBLK_COLUMNS; COLUMNS only matters on a terminal
        g.case(base, name=f"{name}: env LSBLK_COLUMNS", env={"LSBLK_COLUMNS": "NAME,SIZE"})
        g.case(base + ["-O"], name=f"{name}: env COLUMNS=20", env={"COLUMNS": "20"})
        if name in INVERSE_ROOTS:
            for v in INVERSE:
                g.case(base + v, name=f"{name}: {' '.join(v)}")
        yield g


# -M (--merge): libsmartcols group art in front of the tree. scsi has one RAID1 over two disks;
# groups has a RAID5 over three disks (a middle member, a child with a partition), a RAID1 whose
# members interleave with it (two groups at once) and a device-mapper device whose MAJ:MIN sorts
# before its parents' (group children are printed after their last parent, not in sort order).
MERGE = [
    [], ["-o", "NAME,SIZE"], ["-o", "SIZE,NAME"], ["-o", "NAME,MOUNTPOINTS,SIZE"], ["-a"], ["-n"],
    ["-J"], ["-J", "-o", "NAME,MOUNTPOINTS"], ["-r"], ["-P"], ["-l"], ["-x", "SIZE"],
    ["-x", "NAME"], ["-T", "SIZE"], ["-o", "+SIZE", "-T", "SIZE"], ["-d"], ["-f"], ["-t"],
    ["-e", "254"], ["-e", "259"], ["-w", "30"], ["-w", "40"], ["-w", "60"], ["-b", "-o", "NAME,SIZE"],
    ["vda"], ["vdc1"], ["/dev/md0"], ["-s"], ["-y", "-P"],
]


def merge_groups(env):
    g = Group(name="merge", tool="lsblk")
    for name in ["scsi", "groups", "dm-lvm"]:
        fx = os.path.join(env.fixtures, "lsblk", name)
        for v in MERGE:
            # known deviation (man/lsblk.8 BUGS, output library): a tree cell wider than the
            # narrowed NAME column is not wrapped onto its own line as libsmartcols does; dm-lvm
            # at -w 60 is the one merge case that needs it
            if name == "dm-lvm" and v == ["-w", "60"]:
                continue
            for loc in ["C", "C.UTF-8"]:
                g.case(["--sysroot", fx, "-M"] + v, name=f"merge {name} {loc}: {' '.join(v)}",
                       env={"LC_ALL": loc})
    yield g


ERRORS = [
    ["-o", "FOO"], ["-o", "NAME,FOO"], ["-o", "NAME,"], ["-o", ""], ["-o", "NAME,,SIZE"],
    ["-o", "+"], ["-o", "MAJ_MIN"], ["-x", "FOO"], ["-E", "nope"], ["--tree=FOO"], ["-q"],
    ["--bogus"], ["--output"], ["-J", "-P"], ["-r", "-P"], ["-l", "-P"], ["-P", "-T"],
    ["-O", "-o", "NAME"], ["-D", "-O"], ["-O", "-f"], ["-e", "1", "-I", "2"], ["-e", "x"],
    ["-e", "1,,2"], ["-I", "-3"], ["-w", "abc"], ["-w", "-1"], ["-w", ""],
    ["-w", "4294967296"], ["-e", "99999999999999999999"], ["-E", ""], ["-x", ""], ["--nodep", "--js"],
    ["/nonexistent/dev"], ["/etc/hostname"], ["/dev/null"], ["/dev/null", "/nonexistent"],
    ["-V"], ["--version"], ["-h"], ["--help"], ["--sysroot"], ["--no-such=1"], ["-T", "FOO"],
]


def error_groups(env):
    fx = os.path.join(env.fixtures, "lsblk", "scsi")
    g = Group(name="errors", tool="lsblk")
    for a in ERRORS:
        g.case(["--sysroot", fx] + a, name=f"error: {' '.join(a)!r}", compare_stderr=True)
    # a --sysroot that does not exist lists nothing (and JSON an empty array)
    for a in [[], ["-J"], ["-r"], ["-P", "-O"]]:
        g.case(["--sysroot", "/nonexistent-sysroot"] + a, name=f"missing sysroot {' '.join(a)}")
    yield g


def _run(*args, **kw):
    p = subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"setup failed: {args}: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode(errors="replace").strip()


def _image(path, mib):
    with open(path, "wb") as f:
        f.truncate(mib << 20)


def live_setup(ctx):
    for tool in ("losetup", "mkfs.ext4", "mkswap", "mkfs.vfat", "sfdisk"):
        if shutil.which(tool) is None:
            raise SkipGroup(f"{tool} not installed")
    w = ctx["workdir"]
    ctx["loops"] = []
    try:
        _run("losetup", "-f")
    except RuntimeError as e:
        raise SkipGroup(f"no loop devices: {e}")
    j = lambda *p: os.path.join(w, *p)  # noqa: E731
    _image(j("ext4.img"), 16)
    _run("mkfs.ext4", "-q", "-L", "my label", "-U", "0b1c5d2e-aaaa-4bbb-8ccc-444455556666", j("ext4.img"))
    _image(j("vfat.img"), 8)
    _run("mkfs.vfat", "-n", "VFATLBL", "-i", "1234ABCD", j("vfat.img"))
    _image(j("swap.img"), 8)
    _run("mkswap", "-L", "swp", "-U", "5a5a5a5a-0000-4000-8000-000000000001", j("swap.img"))
    _image(j("gpt.img"), 40)
    _run("sfdisk", "-q", j("gpt.img"),
         input=b'label: gpt\nsize=10M, type=L, name="first part"\nsize=10M, type=S\ntype=L\n')
    for name, img, extra in (("disk-ext4", "ext4.img", []), ("disk-vfat", "vfat.img", []),
                             ("disk-swap", "swap.img", ["-r"]), ("disk-gpt", "gpt.img", ["-P"])):
        dev = _run("losetup", "-f", "--show", *extra, j(img))
        ctx["loops"].append(dev)
        os.symlink(dev, j(name))
    gpt = ctx["loops"][-1]
    # without udev the kernel may not have scanned the table yet: ask for it explicitly
    if not os.path.exists(gpt + "p3"):
        subprocess.run(["partx", "-a", gpt], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(gpt + "p3"):
            break
        subprocess.run(["sleep", "0.05"])
    else:
        raise RuntimeError("partitions of the GPT loop device did not appear")
    os.symlink(gpt + "p1", j("part1"))
    os.symlink(gpt + "p2", j("part2"))
    _run("mkfs.ext4", "-q", "-L", "inpart", gpt + "p1")
    os.makedirs(j("mnt", "a b"))
    os.makedirs(j("mnt2"))
    _run("mount", "-o", "ro", ctx["loops"][0], j("mnt", "a b"))
    _run("mount", "--bind", j("mnt", "a b", "lost+found"), j("mnt2"))
    _run("mount", gpt + "p1", j("mnt", "a b", "lost+found"))


def live_teardown(ctx):
    w = ctx["workdir"]
    for m in (os.path.join(w, "mnt", "a b", "lost+found"), os.path.join(w, "mnt2"),
              os.path.join(w, "mnt", "a b")):
        subprocess.run(["umount", m], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for dev in ctx.get("loops", []):
        subprocess.run(["losetup", "-d", dev], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


LIVE_COLUMNS = [
    ["-o", "NAME,KNAME,MAJ:MIN,SIZE,RO,RM,TYPE"],
    ["-o", "NAME,MOUNTPOINT,MOUNTPOINTS,FSROOTS"],
    ["-o", "NAME,FSSIZE,FSUSED,FSAVAIL,FSUSE%"],
    ["-o", "NAME,PATH,PKNAME,START,LOG-SEC,PHY-SEC,MIN-IO,OPT-IO,ALIGNMENT"],
    ["-m"],
    ["-t"],
    [],
]

LIVE_DEVICES = [["disk-ext4"], ["disk-vfat"], ["disk-swap"], ["disk-gpt"], ["part1"],
                ["disk-ext4", "disk-gpt"], ["part2", "disk-vfat"]]

LIVE_MODES = [[], ["-r"], ["-J"], ["-P"], ["-l"]]


def live_groups(env):
    g = Group(name="live-loop", tool="lsblk", unshare=True, needs_root=True,
              setup=live_setup, teardown=live_teardown)
    for devs in LIVE_DEVICES:
        for cols in LIVE_COLUMNS:
            for mode in LIVE_MODES:
                if cols == [] and mode not in ([], ["-J"]):
                    continue
                g.case(mode + cols + devs, name=f"live: {' '.join(mode + cols + devs)}")
    for a in (["-b"], ["-d"], ["-s"], ["-s", "-r"], ["-p"], ["-a"], ["-A"], ["-x", "SIZE", "-r"],
              ["-i"], ["-e", "7"]):
        g.case(a + ["disk-gpt"], name=f"live: {' '.join(a)} disk-gpt")
    # filesystem columns: util-linux has no udev data here; ours compared without probing
    for a in (["-f"], ["-O"], ["-J", "-O"], ["-r", "-o", "NAME,FSTYPE,LABEL,UUID,PTTYPE"]):
        for devs in (["disk-ext4"], ["disk-gpt"], ["disk-swap", "disk-vfat"]):
            g.case(a + devs, name=f"live noprobe: {' '.join(a + devs)}", ours_extra=["--no-probe"])
    # some devices missing: exit status 64; all missing: 32
    g.case(["disk-ext4", "/nonexistent"], name="live: some ok", compare_stderr=True)
    g.case(["-r", "part1", "/etc/hostname", "disk-vfat"], name="live: some ok 2", compare_stderr=True)
    yield g


ROUNDTRIP = [
    ["-o", "NAME,KNAME,MAJ:MIN,RM,SIZE,RO,TYPE,PKNAME,PATH"], ["-t"], ["-D"], ["-z"], ["-m"],
    ["-S"], ["-J", "-o", "NAME,SIZE,TYPE,RA,ROTA,SCHED,SUBSYSTEMS,HOTPLUG,MODEL,VENDOR,SERIAL"],
    ["-P", "-b", "-o", "NAME,SIZE,LOG-SEC,PHY-SEC,MIN-IO,OPT-IO,ALIGNMENT,DISC-MAX,WSAME,ZONED"],
    ["-r", "-a", "-o", "NAME,MAJ:MIN,SIZE,TYPE"],
]


def roundtrip_setup(ctx):
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))))), "scripts", "capture-root.sh")
    _run("bash", script, os.path.join(ctx["workdir"], "cap"))


def roundtrip_groups(env):
    """scripts/capture-root.sh captures this machine; our lsblk --sysroot on the capture must
    print what util-linux prints for the live system. Loop devices (7) and their partitions
    (259) are left out: other tests attach and detach them at any time."""
    g = Group(name="capture-roundtrip", tool="lsblk", setup=roundtrip_setup, needs_root=True)
    for a in ROUNDTRIP:
        g.case(["-e", "7,259"] + a, name=f"roundtrip: {' '.join(a)}", ours_extra=["--sysroot", "cap"])
    yield g


def user_groups(env):
    """As an unprivileged user: device nodes cannot be opened, so our lsblk does not probe and
    must print exactly what util-linux prints, filesystem columns included."""
    g = Group(name="live-user", tool="lsblk", needs_root=True)
    fx = os.path.join(env.fixtures, "lsblk", "scsi")
    for a in (["-e", "7,259", "-o", "NAME,FSTYPE,FSVER,LABEL,UUID,PTTYPE,PARTUUID"],
              ["-e", "7,259", "-m"], ["-e", "7,259", "-J", "-o", "NAME,SIZE,TYPE,MODE,OWNER"],
              ["-d", "-e", "7,259", "-P", "-o", "NAME,MODEL,SERIAL,WWN"],
              ["--sysroot", fx, "-O", "-J"], ["--sysroot", fx, "-f", "-r"]):
        g.case(a, name=f"user: {' '.join(a)}", as_user=65534)
    yield g


# Our -Q/--filter, --check and --check-any add, never alter: with an expression every row
# matches (absent values included) our output and exit status stay the reference's. Each case
# runs once more with -Q, --check or --filter, in turn. --check-any fails on an empty listing
# (no row matches), so it is added only to the fixtures' full listings (modes x column sets,
# -S left out).
MATCH_ALL = 'size >= 0 or not (size >= 0) or fsuse% == "x"'
MATCH_ALL_OPTIONS = (["-Q", MATCH_ALL], ["--check", MATCH_ALL], ["--filter", MATCH_ALL])


def with_match_all(g, check_any_first=0):
    extra = []
    for i, c in enumerate(g.cases):
        if c.stdout_to:
            continue
        opts = [MATCH_ALL_OPTIONS[i % len(MATCH_ALL_OPTIONS)]]
        if i < check_any_first and "-S" not in c.args:  # -S: no SCSI disk in some fixtures
            opts.append(["--check-any", MATCH_ALL])
        for opt in opts:
            extra.append(dataclasses.replace(c, name=f"{c.label()} [ours {opt[0]} match-all]",
                                             ours_extra=c.ours_extra + opt))
    g.cases += extra
    return g


def groups(env):
    for g in fixture_groups(env):
        yield with_match_all(g, check_any_first=len(MODES) * len(COLUMN_SETS))
    for g in merge_groups(env):
        yield with_match_all(g)
    yield from roundtrip_groups(env)
    yield from user_groups(env)
    yield from error_groups(env)
    for g in live_groups(env):
        yield with_match_all(g)
