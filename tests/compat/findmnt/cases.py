# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential cases for findmnt: hand-written mount tables through --tab-file crossed with
output modes and filters, option errors, and live mounts made inside a private namespace."""
import dataclasses
import os
import shutil
import subprocess

from harness import Case, Group, SkipGroup, sh  # noqa: F401


def fixture(env, name):
    return os.path.join(env.fixtures, "findmnt", name)


# Output modes every table is shown in (columns that do not depend on the live system).
MODES = [
    [], ["-l"], ["-r"], ["-P"], ["-J"], ["-n"], ["-a"], ["-u"], ["-n", "-l"], ["-y", "-P"],
    ["-r", "-n"], ["-J", "-l"], ["--tree"], ["-l", "-v"],
    ["-o", "+ID,PARENT,MAJ:MIN"], ["-o", "ID,PARENT,FSROOT,TARGET"],
    ["-o", "TARGET,PROPAGATION,OPT-FIELDS"], ["-r", "-o", "MAJ:MIN,ID,TARGET"],
    ["-J", "-o", "ID,PARENT,FREQ,PASSNO,TARGET"], ["-o", "source,target,vfs-options,fs-options"],
    ["-P", "-o", "SOURCE,SOURCES,FSROOT"], ["-l", "-o", "FREQ,PASSNO,SOURCE"],
    ["--vfs-all", "-o", "TARGET,VFS-OPTIONS"], ["-c", "-o", "SOURCE,TARGET"],
    ["--tree", "-r"], ["--tree", "-P", "-a"], ["--tree", "-P"], ["-J", "-o", "SOURCE,ID"], ["-o", "SOURCE,FSTYPE"],
    ["-y", "-o", "TARGET,MAJ:MIN,FS-OPTIONS"], ["-y", "-J", "-o", "TARGET,OPT-FIELDS"], ["-y", "-r", "-o", "MAJ:MIN,ID"],
]

# Filters (list and tree) on the mount tables.
FILTERS = [
    ["-t", "tmpfs"], ["-t", "notmpfs,ext4"], ["-t", "TMPFS,xfs"], ["-t", "noext4"],
    ["-O", "rw"], ["-O", "ro"], ["-O", "noatime"], ["-O", "+relatime,nosuid"], ["-O", "size=5120k"],
    ["-O", "subvol=/home"], ["--real"], ["--pseudo"], ["--shadowed"], ["-U"],
    ["-i", "-t", "tmpfs"], ["-t", "tmpfs", "-f"], ["-S", "tmpfs"], ["-S", "/dev/sda3"],
    ["-S", "0:21"], ["-S", "8:3"], ["-T", "/mnt/over"], ["-M", "/boot"], ["/boot"],
    ["/dev/sda1"], ["tmpfs", "/run/lock"], ["-R", "-T", "/sys"], ["-R", "-l", "/dev"],
    ["-d", "backward", "-t", "tmpfs", "-f"], ["-d", "forward", "-f", "tmpfs"],
    ["-S", "server:/export", "-o", "SOURCE,TARGET"], ["-t", "nosuchfs"], ["-l", "-t", "nosuchfs"],
    ["-J", "-t", "nosuchfs"], ["-D", "-A", "-o", "SOURCE,FSTYPE,TARGET"], ["--pseudo", "-x"], ["--real", "-A", "-x"], ["-D", "-o", "SOURCE,TARGET"],
    ["-m", "-o", "TARGET,SOURCE"], ["-k"], ["-J", "-R", "/dev"], ["-f", "/nonexistent"],
    ["-S", "LABEL=boot"], ["-S", "UUID=0a1b2c3d-1111-2222-3333-444455556666"],
    ["-e", "-o", "SOURCE,TARGET"], ["-l", "-o", "TARGET"], ["-T", "/proc/self/fd"], ["-T", "/usr/bin"],
    ["-T", "/usr/bin", "-C"], ["-M", "/usr/bin"], ["-T", "/nonexistent/x"],
]

ERRORS = [
    ["-o", "FOO"], ["-o", "TARGET,,SOURCE"], ["-o", "ACTION"], ["-o", "+OLD-TARGET"], ["-r", "-P"],
    ["-J", "-r"], ["-l", "-P"], ["--pseudo", "--real"], ["-s", "-m"], ["-k", "-N", "1"],
    ["-M", "/", "-T", "/"], ["-C", "-c"], ["-C", "-e"], ["-d", "sideways"], ["-w", "x"],
    ["-N", "abc"], ["-q"], ["--nosuchoption"], ["--outp", "TARGET"], ["-S", "x", "/y"],
    ["-p=bogus"], ["--poll=mount,bogus"], ["-x", "-p"], ["-V"], ["--version"], ["-h"], ["--help"],
    ["--he"], ["-o"], ["--tab-file"], ["a", "b", "c"], ["-o", ""], ["-o", "+"], ["-o", "TARGET,"],
    ["-o", ",TARGET"], ["-o", "FOO,TARGET"], ["-o", "+FOO"],
]


def fixture_group(env):
    g = Group("findmnt-fixtures", "findmnt")
    for name in ("mountinfo", "mountinfo-messy", "mtab"):
        f = fixture(env, name)
        for m in MODES:
            g.case(["--tab-file", f] + m, name=f"{name} {' '.join(m)}")
        for flt in FILTERS:
            g.case(["--tab-file", f] + flt, name=f"{name} filter {' '.join(flt)}")
            if name == "mountinfo":
                g.case(["--tab-file", f, "-l"] + flt, name=f"{name} list filter {' '.join(flt)}")
    f = fixture(env, "fstab")
    for m in MODES + FILTERS:
        g.case(["-s", "--tab-file", f] + m, name=f"fstab {' '.join(m)}")
    for name in ("fstab", "mtab", "mountinfo", "mountinfo-messy"):
        for a in (["-x"], ["--verify", "--verbose"], ["-x", "-t", "ext4"], ["-x", "/boot"]):
            g.case(a + ["--tab-file", fixture(env, name)], name=f"verify {name} {' '.join(a)}")
    g.case(["-s", "--tab-file", fixture(env, "mountinfo"), "-l"], name="fstab parse of a mountinfo")
    # UTF-8 locale: tree art and kept multibyte characters
    for name in ("mountinfo", "mountinfo-messy"):
        for m in ([], ["-l"], ["-r"], ["-P"], ["-J"], ["-a"], ["--tree", "-r"], ["--tree", "-P"], ["--tree", "-r", "-a"]):
            g.case(["--tab-file", fixture(env, name)] + m, env={"LC_ALL": "C.UTF-8"},
                   name=f"utf8 {name} {' '.join(m)}")
    # several tables: one format guess for all, no tree
    g.case(["--tab-file", fixture(env, "mountinfo"), "--tab-file", fixture(env, "mtab")], name="two tables")
    g.case(["-F", fixture(env, "mtab"), "-F", fixture(env, "fstab"), "-l"], name="mtab+fstab")
    g.case(["--tab-file", "/nonexistent/file"], name="missing table")
    g.case(["--tab-file", env.fixtures], name="table is a directory")
    for e in ERRORS:
        g.case(["--tab-file", fixture(env, "mountinfo")] + e, name=f"error {' '.join(e)}")
    return g


def hostile_group(env):
    """Tables written at setup time: cycles, empty files, only bad lines, huge lines."""
    g = Group("findmnt-hostile", "findmnt")

    def setup(ctx):
        w = ctx["workdir"]
        tables = {
            "empty": "",
            "comments": "# only\n\n   # comments\n",
            "bad": "x\ny\n",
            "selfparent": "5 5 0:1 / / rw - tmpfs a rw\n6 5 0:2 / /x rw - tmpfs b rw\n",
            "dupids": "1 0 0:1 / / rw - tmpfs a rw\n3 1 0:2 / /a rw - tmpfs b rw\n3 1 0:3 / /b rw - tmpfs c rw\n2 1 0:4 / /c rw - tmpfs d rw\n",
            "orphans": "22 1 0:21 / / rw - proc proc rw\n27 25 0:23 / /orph/c rw - tmpfs t rw\n25 99 0:23 / /orph rw - tmpfs t rw\n",
            "deep": "".join(f"{i + 1} {i} 0:{i} / /{'d/' * i}d rw - tmpfs t{i} rw\n" for i in range(1, 60)),
            "long": "1 0 0:1 / /" + "x" * 5000 + " rw - tmpfs " + "s" * 3000 + " rw\n",
            "nul": "1 0 0:1 / /a\0b rw - tmpfs a rw\n2 1 0:2 / /c rw - tmpfs c rw\n",
            "fstab-only-bad": "/dev/a\n/dev/b /b\n",
            "negative": "-1 -5 0:1 / / rw - tmpfs a rw\n-2 -1 0:2 / /n rw - tmpfs b rw\n",
        }
        for k, v in tables.items():
            with open(os.path.join(w, k), "w", encoding="latin-1") as fh:
                fh.write(v)

    g.setup = setup
    for k in ("empty", "comments", "bad", "selfparent", "dupids", "orphans", "deep", "long", "nul",
              "fstab-only-bad", "negative"):
        for m in ([], ["-l"], ["-J"], ["-r", "-o", "ID,PARENT,TARGET"]):
            g.case(["--tab-file", k] + m, name=f"{k} {' '.join(m)}")
    return g


def live_group(env):
    """Real mounts in a private namespace: tmpfs, nested, bind, over-mount, df-style sizes."""
    g = Group("findmnt-live", "findmnt", unshare=True, needs_root=True)

    def setup(ctx):
        w = ctx["workdir"]
        sh(f"mkdir -p {w}/a {w}/b {w}/c")
        sh(f"mount -t tmpfs -o size=1m,mode=755 fixa {w}/a")
        sh(f"mkdir -p {w}/a/sub {w}/a/x\\ y")
        sh(f"mount -t tmpfs -o size=2m fixsub {w}/a/sub")
        sh(f"mount -t tmpfs fixspace '{w}/a/x y'")
        sh(f"mount --bind {w}/a/sub {w}/b")
        sh(f"mount -t tmpfs -o size=3m fixc1 {w}/c")
        sh(f"mount -t tmpfs -o size=4m,ro fixc2 {w}/c")
        sh(f"dd if=/dev/zero of={w}/a/sub/file bs=1k count=100 status=none")

    g.setup = setup
    live = [
        ["-T", "@W/a"], ["-T", "@W/a/sub/file"], ["-M", "@W/a/sub/file"], ["@W/b"], ["-R", "@W/a"],
        ["-R", "-l", "@W/a"], ["-J", "-R", "@W/a"], ["-D", "-T", "@W/a/sub"], ["-D", "-b", "-T", "@W/a/sub"],
        ["-o", "SOURCE,TARGET,SIZE,USED,AVAIL,USE%", "-T", "@W/c"], ["-b", "-J", "-o", "SIZE,AVAIL,USED,TARGET", "@W/a"],
        ["-S", "fixsub"], ["-S", "fixsub", "-v"], ["--shadowed", "-l", "-t", "tmpfs", "-o", "SOURCE"],
        ["-t", "tmpfs", "-O", "ro", "-o", "SOURCE,TARGET"], ["-U", "-t", "tmpfs", "-o", "SOURCE", "-l"],
        ["-P", "-T", "@W/a/x y"], ["-r", "-T", "@W/a/x y"], ["-f", "@W/c"], ["-d", "backward", "-f", "@W/c"],
        ["-S", "fixa", "-o", "TARGET,FSROOT"], ["-l", "-S", "fixsub", "-o", "SOURCE,FSROOT"],
        ["-o", "PROPAGATION,TARGET", "-T", "@W/a"],
        ["-m", "-T", "@W/a"], ["-k", "-T", "@W/a"], ["-T", "@W/nonexistent"], ["@W/a/sub/", "-o", "TARGET"],
    ]
    for a in live:
        c = Case(args=a, name="live " + " ".join(a))
        c._templ = a  # "@W" is replaced by the work directory once setup made it
        g.cases.append(c)
    return g


# Runs inside the namespace during the poll group: for every new findmnt process polling with
# the marker timeout, mount a tmpfs, remount it read-only, move it and unmount it, with pauses
# long enough for each step to be a separate poll wake-up; then wait for that process to end.
POLL_HELPER = r"""
import os, subprocess, sys, time
w = sys.argv[1]
seen = set()
def run(c):
    subprocess.run(c, shell=True, check=False)
while not os.path.exists(w + "/stop"):
    found = None
    for d in os.listdir("/proc"):
        if not d.isdigit() or d in seen:
            continue
        try:
            cl = open("/proc/%s/cmdline" % d, "rb").read().split(b"\0")
        except OSError:
            continue
        if b"1501" in cl and any(a.startswith(b"-p") or a.startswith(b"--poll") for a in cl):
            found = d
            break
    if not found:
        time.sleep(0.01)
        continue
    seen.add(found)
    # act only once the poller has the mountinfo file open (changes after that are not lost)
    t0 = time.time()
    while time.time() - t0 < 5:
        try:
            fds = [os.readlink("/proc/%s/fd/%s" % (found, f)) for f in os.listdir("/proc/%s/fd" % found)]
        except OSError:
            fds = []
        if any(x.endswith("/mountinfo") for x in fds):
            break
        time.sleep(0.005)
    time.sleep(0.3)
    run("mount -t tmpfs -o size=1m pollfs %s/p1" % w)
    time.sleep(0.15)
    run("mount -o remount,ro,size=1m %s/p1" % w)
    time.sleep(0.15)
    run("mount --move %s/p1 %s/p2" % (w, w))
    time.sleep(0.15)
    run("umount %s/p2" % w)
    while os.path.exists("/proc/" + found):
        time.sleep(0.01)
"""


def poll_group(env):
    g = Group("findmnt-poll", "findmnt", unshare=True, needs_root=True)

    def setup(ctx):
        w = ctx["workdir"]
        sh(f"mkdir -p {w}/p1 {w}/p2")
        ctx["helper"] = subprocess.Popen([os.sys.executable, "-c", POLL_HELPER, w])

    def teardown(ctx):
        h = ctx.get("helper")
        if h:
            open(os.path.join(ctx["workdir"], "stop"), "w").close()
            try:
                h.wait(timeout=5)
            except subprocess.TimeoutExpired:
                h.kill()
                h.wait()

    g.setup = setup
    g.teardown = teardown
    for a in (["-p", "-w", "1501"], ["--poll", "--timeout", "1501", "-o", "ACTION,TARGET,OLD-OPTIONS,OLD-TARGET"],
              ["--poll=mount,umount", "-w", "1501"], ["--poll=remount,move", "-w", "1501", "-o", "ACTION,OLD-TARGET,OLD-OPTIONS,OPTIONS"],
              ["-p", "-w", "1501", "-r"], ["-p", "-w", "1501", "-P", "-o", "ACTION,SOURCE,FSTYPE"],
              ["-p", "-w", "1501", "-n", "-t", "tmpfs", "-o", "ACTION,SOURCE"], ["--poll=mount", "-f", "-w", "1501"],
              ["-p", "-w", "1501", "-t", "ext4"], ["-p", "-w", "1501", "-d", "backward", "-o", "ACTION,SOURCE"],
              ["-p", "-w", "200"], ["-p", "-w", "1501", "-o", "ACTION,TARGET", "-S", "pollfs"]):
        g.case(a, name="poll " + " ".join(a))
    return g


def verify_group(env):
    """--verify on fstabs written at setup with real paths: existing and missing targets,
    files, symlinks, bind mounts, swap options, order problems, unknown types and tags."""
    g = Group("findmnt-verify", "findmnt")

    def setup(ctx):
        w = ctx["workdir"]
        for d in ("mnt", "mnt/a", "mnt/a/b", "data", "img"):
            os.makedirs(os.path.join(w, d), exist_ok=True)
        open(os.path.join(w, "file"), "w").close()
        with open(os.path.join(w, "img/zero.img"), "wb") as fh:
            fh.write(b"\0" * 65536)
        os.symlink(os.path.join(w, "mnt"), os.path.join(w, "link"))
        lines = [
            f"tmpfs {w}/mnt tmpfs defaults 0 0",
            f"{w}/data {w}/mnt/a none bind 0 0",
            f"{w}/data {w}/mnt/a/b none rbind,ro 0 0",
            f"{w}/file {w}/file none bind",
            f"{w}/data {w}/file ext4 defaults",
            f"/dev/nonexistent {w}/link ext4 noauto,user 0 2",
            f"{w}/img/zero.img {w}/mnt/a auto loop 0 0",
            f"{w}/img/zero.img {w}/mnt/a foofs,ext4 defaults",
            f"{w}/img/zero.img none swap sw,pri=5,discard=pages 0 0",
            f"{w}/img/zero.img none swap pri=x1,discard=never 0 0",
            f"FOO=bar {w}/mnt vfat defaults",
            f"LABEL=nolabel-here {w}/mnt/a ext4 noauto",
            f"{w}/mnt/a/b {w}/mnt/a none move",
            f"{w}/data {w}/nonexistent none defaults",
            f"proc {w}/mnt/a/b proc defaults 0 0",
            f"server:/x {w}/mnt/a nfs defaults 0 0",
            f"{w}/mnt/a {w}/mnt ext4 defaults 0 0",
            "tmpfs / tmpfs defaults 0 0",
            "tmpfs / xfs defaults 0 2",
        ]
        with open(os.path.join(w, "fstab"), "w") as fh:
            fh.write("\n".join(lines) + "\n")
        with open(os.path.join(w, "good"), "w") as fh:
            fh.write(f"tmpfs {w}/mnt tmpfs defaults 0 0\nproc {w}/mnt/a proc defaults 0 0\n")
        with open(os.path.join(w, "bad"), "w") as fh:
            fh.write(f"junk\ntmpfs {w}/mnt tmpfs defaults 0 0\n")

    g.setup = setup
    for a in (["--verify"], ["--verify", "--verbose"], ["-x", "-C"], ["-x", "-C", "--verbose"],
              ["-x", "-t", "swap"], ["-x", "-t", "none", "--verbose"], ["-x", "-f"], ["-x", "-O", "bind"],
              ["-x", "-U", "--verbose"], ["-x", "-d", "backward", "-f", "--verbose"]):
        g.case(a + ["--tab-file", "fstab"], name="verify " + " ".join(a))
    for f in ("good", "bad"):
        for a in (["-x"], ["-x", "--verbose"]):
            g.case(a + ["--tab-file", f], name=f"verify {f} " + " ".join(a))
    g.case(["-x", "--tab-file", "nonexistent"], name="verify missing file")
    g.case(["-x", "-o", "BOGUS", "--tab-file", "good"], name="verify bad column")
    return g


def wrapper_group(env, name, script, cases):
    """Our additions (--sysroot, --sort) have no reference option: the reference is a small
    script written at setup that gives util-linux findmnt the equivalent input or order."""
    g = Group(name, "findmnt")

    def setup(ctx):
        w = ctx["workdir"]
        root = os.path.join(w, "root")
        os.makedirs(os.path.join(root, "proc", "self"))
        os.makedirs(os.path.join(root, "etc"))
        with open(fixture(env, "mountinfo"), "rb") as a, open(os.path.join(root, "proc/self/mountinfo"), "wb") as b:
            b.write(a.read())
        with open(fixture(env, "fstab"), "rb") as a, open(os.path.join(root, "etc/fstab"), "wb") as b:
            b.write(a.read())
        # --verify reads the known filesystem types from the root's proc/filesystems
        with open("/proc/filesystems", "rb") as a, open(os.path.join(root, "proc/filesystems"), "wb") as b:
            b.write(a.read())
        ref = os.path.join(w, "findmnt-reference")
        with open(ref, "w") as fh:
            fh.write("#!/bin/sh\n" + script.replace("@ROOT", root).replace("@FIX", os.path.join(env.fixtures, "findmnt")))
        os.chmod(ref, 0o755)
        g.reference = ref
        for c in g.cases:
            c.ours_extra = [x.replace("@ROOT", root) for x in c.ours_extra]

    g.setup = setup
    for args, extra in cases:
        g.case(args, ours_extra=extra, name=f"{name} {' '.join(extra)} {' '.join(args)}")
    return g


SYSROOT_MOUNTINFO = 'exec /usr/bin/findmnt --tab-file @ROOT/proc/self/mountinfo "$@"\n'
SYSROOT_FSTAB = 'exec /usr/bin/findmnt --tab-file @ROOT/etc/fstab "$@"\n'
# --sort TARGET on a list equals util-linux's list sorted by its first field (stable, bytes)
SORT_TARGET = ('/usr/bin/findmnt "$@" > "$0.out"; rc=$?\n'
               'LC_ALL=C sort -s -t " " -k1,1 "$0.out"; exit $rc\n')


LOOP_UUID = "3f1b6a52-8d0e-4c41-9c1e-5a7c2b9d0e11"


def loop_group(env):
    """An ext4 loop device with a label and UUID: tags, LABEL/UUID columns, -S by tag, -D."""
    g = Group("findmnt-loop", "findmnt", unshare=True, needs_root=True)

    def setup(ctx):
        w = ctx["workdir"]
        if not shutil.which("mkfs.ext4") or not shutil.which("losetup"):
            raise SkipGroup("mkfs.ext4/losetup missing")
        sh(f"truncate -s 16M {w}/img && mkfs.ext4 -q -F -L pstat-lbl -U {LOOP_UUID} {w}/img")
        try:
            dev = sh(f"losetup -f --show {w}/img").strip()
        except RuntimeError as e:
            raise SkipGroup(f"no loop device: {e}")
        ctx["loopdev"] = dev
        sh(f"mkdir -p {w}/m {w}/bindm && mount {dev} {w}/m && mkdir -p {w}/m/sub && mount --bind {w}/m/sub {w}/bindm")
        with open(f"{w}/fstab", "w") as fh:
            fh.write(f"LABEL=pstat-lbl {w}/m ext4 defaults 0 2\nUUID={LOOP_UUID} {w}/bindm none bind\n"
                     f"LABEL=no-such-label /x ext4 noauto\n{dev} {w}/m ext4 rw\n")
        for c in g.cases:
            c.args = [x.replace("@W", w).replace("@DEV", dev) for x in c._templ]

    def teardown(ctx):
        w = ctx["workdir"]
        subprocess.run(["umount", f"{w}/bindm"], check=False)
        subprocess.run(["umount", f"{w}/m"], check=False)
        if ctx.get("loopdev"):
            subprocess.run(["losetup", "-d", ctx["loopdev"]], check=False)

    g.setup = setup
    g.teardown = teardown
    for a in (["-T", "@W/m"], ["-o", "SOURCE,LABEL,UUID,FSTYPE,TARGET", "-T", "@W/m"],
              ["-S", "LABEL=pstat-lbl", "-o", "SOURCE,TARGET"], ["-S", f"UUID={LOOP_UUID}", "-o", "TARGET,FSROOT"],
              ["LABEL=pstat-lbl", "-o", "TARGET"], ["@DEV"], ["-S", "@DEV", "-o", "SOURCE,TARGET,FSROOT"],
              ["-D", "-T", "@W/m"], ["-D", "-b", "-J", "-T", "@W/m"], ["-J", "-o", "UUID,LABEL,PARTUUID,TARGET", "@W/bindm"],
              ["-P", "-o", "SOURCE,MAJ:MIN,LABEL", "@W/bindm"], ["-v", "@W/bindm"], ["-t", "ext4", "-o", "SOURCE,TARGET"],
              ["-O", "rw", "-t", "ext4", "-l", "-o", "TARGET"], ["-R", "-o", "TARGET,SOURCE", "@W/m"],
              ["-s", "-F", "@W/fstab", "-e", "-o", "SOURCES,SOURCE,TARGET"], ["-s", "-F", "@W/fstab", "-e", "-J", "-o", "SOURCES,TARGET"],
              ["-s", "-F", "@W/fstab", "-o", "SOURCES,LABEL,UUID,TARGET"], ["-s", "-F", "@W/fstab", "-S", "@DEV", "-o", "TARGET"],
              ["-s", "-F", "@W/fstab", "LABEL=pstat-lbl", "-o", "TARGET"], ["-s", "-F", "@W/fstab", "-P", "-e"],
              ["-x", "-F", "@W/fstab"], ["-x", "--verbose", "-F", "@W/fstab"]):
        c = g.case(a, name="loop " + " ".join(a))
        c._templ = a
    return g


# Our -Q/--filter, --check and --check-any add, never alter: with an expression every row
# matches (absent values included) our output and exit status stay the reference's. Each case
# runs once more with one of the four options, in turn; --verify and --poll take none of them.
MATCH_ALL = 'size >= 0 or not (size >= 0) or id == "x"'
MATCH_ALL_OPTIONS = (["-Q", MATCH_ALL], ["--check", MATCH_ALL], ["--filter", MATCH_ALL], ["--check-any", MATCH_ALL])


def _verify_or_poll(args):
    return any(a in ("-x", "--verify", "--poll") or a.startswith(("-p", "--poll=")) for a in args)


def with_match_all(g):
    extra = []
    for c in list(g.cases):
        if c.stdout_to or _verify_or_poll(getattr(c, "_templ", c.args)):
            continue
        opt = MATCH_ALL_OPTIONS[len(extra) % len(MATCH_ALL_OPTIONS)]
        n = dataclasses.replace(c, name=f"{c.label()} [ours {opt[0]} match-all]", ours_extra=c.ours_extra + opt)
        if hasattr(c, "_templ"):
            n._templ = c._templ
        extra.append(n)
    g.cases += extra
    return g


def groups(env):
    yield with_match_all(fixture_group(env))
    yield with_match_all(loop_group(env))
    sr = [["--sysroot", "@ROOT"]]
    yield with_match_all(wrapper_group(env, "findmnt-sysroot", SYSROOT_MOUNTINFO,
                        [(a, sr[0]) for a in ([], ["-l"], ["-J"], ["-r"], ["-t", "tmpfs"], ["-R", "/dev"],
                                              ["-o", "ID,PARENT,TARGET"], ["/boot"], ["--real", "-l"])]))
    yield wrapper_group(env, "findmnt-sysroot-fstab", SYSROOT_FSTAB,
                        [(["-s"] + a, sr[0]) for a in ([], ["-J"], ["-t", "ext4"], ["/boot"], ["-x"], ["-x", "--verbose"])])
    yield with_match_all(wrapper_group(env, "findmnt-sort", SORT_TARGET,
                        [(["-n", "-l", "--tab-file", fixture(env, t)] + a, ["--sort", "TARGET"])
                         for t in ("mountinfo", "mtab") for a in ([], ["-o", "TARGET,SOURCE"], ["-r"], ["-t", "tmpfs"])]))
    yield verify_group(env)
    yield poll_group(env)
    yield with_match_all(hostile_group(env))
    g = with_match_all(live_group(env))
    # Case args need the work directory, known only at setup: patch them there.
    orig = g.setup

    def setup(ctx):
        orig(ctx)
        for c in g.cases:
            c.args = [x.replace("@W", ctx["workdir"]) for x in c._templ]

    g.setup = setup
    yield g
