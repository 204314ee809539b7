# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential cases for df: our df vs GNU coreutils df inside private mount namespaces.

df-mounts: tmpfs mounts of fixed sizes (some around the -h/-H rounding boundaries, some with odd
mount point names: space, newline, tab, backslash, quote, UTF-8, invalid UTF-8), loop-mounted
ext4 and vfat (ext2 where the kernel has no vfat) images, the same device mounted twice, bind
mounts, over-mounts (different and equal source names), a mount hidden below another one, a
device whose mount point is over-mounted, a zero-size ramfs, a proc mount, a remote-looking
source and a tmpfs called rootfs; options are crossed with whole-table listings, type filters,
file and device arguments, environment variables and error cases (some comparing stderr byte
for byte, some run as an unprivileged user). The live root file system changes while tests run,
so whole-table listings drop its line ("/") from both outputs (column widths are unaffected as
long as its numbers keep their digit counts).
df-hang: a FUSE file system of our own (hang_fs.c, libfuse3) whose statfs never answers; the
reference is GNU df told to skip it, plus the message and exit status we promise.
df-extras: --json and --sort against references derived from GNU df's output (ref_df.py).
df-sysroot: the namespace's mount table and statvfs answers captured into a --sysroot tree; our
df on the tree against GNU df on the live namespace.
"""
import dataclasses
import os
import re
import shutil
import signal
import sys
import subprocess
import time

from harness import Case, Group, SkipGroup, sh  # noqa: F401

HERE = os.path.dirname(os.path.abspath(__file__))


def _kernel_has(fstype):
    try:
        with open("/proc/filesystems") as f:
            return any(line.split()[-1] == fstype for line in f if line.strip())
    except OSError:
        return False


# The second loop image: vfat where the kernel has it (some CI kernels lack it), else ext2.
IMG2_TYPE = "vfat" if _kernel_has("vfat") else "ext2"

# Mount points below the work directory: name -> (fstype, source, options)
ODD_NAMES = ["sp ace", "nl\nx", "tab\tx", "back\\slash", "utf-\u00fc", "quote'q"]


def _run(*args):
    p = subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError(f"setup failed: {args}: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode(errors="replace").strip()


def _mkdir(path):
    os.makedirs(path, exist_ok=True)
    return path


def _mount_tmpfs(source, target, size, extra=""):
    opts = f"size={size}" + ("," + extra if extra else "")
    _run("mount", "-t", "tmpfs", "-o", opts, source, _mkdir(target))


def _fill(path, kib):
    with open(path, "wb") as f:
        f.write(b"\0" * (kib * 1024))


def setup_main(ctx):
    w = ctx["workdir"]
    j = lambda *p: os.path.join(w, *p)  # noqa: E731
    ctx["loops"] = []
    _mount_tmpfs("t1", j("t1"), "1m")
    _fill(j("t1", "fill"), 300)
    _mkdir(j("t1", "sub"))
    _fill(j("t1", "sub", "f"), 20)
    _mount_tmpfs("/src/t2", j("t2"), "2m", "nr_inodes=100")
    for i in range(5):
        _fill(j("t2", f"f{i}"), 1)
    for k, name in enumerate(ODD_NAMES):
        _mount_tmpfs(f"odd{k}" if k != 0 else "my src", j(name), f"{8 * (k + 1)}k")
    _mount_tmpfs(b"inv\xff\x01src".decode("utf-8", "surrogateescape"),
                 j(b"inv\xffname".decode("utf-8", "surrogateescape")), "12k")
    # ext4 and vfat images on loop devices
    ext_img, vfat_img = j("ext.img"), j("vfat.img")
    _run("truncate", "-s", "16M", ext_img)
    _run("mkfs.ext4", "-q", "-F", "-m", "5", ext_img)
    _run("truncate", "-s", "8M", vfat_img)
    if IMG2_TYPE == "vfat":
        _run("mkfs.vfat", vfat_img)
    else:
        _run("mkfs.ext2", "-q", "-F", vfat_img)
    dev_ext = _run("losetup", "-f", "--show", ext_img)
    ctx["loops"].append(dev_ext)
    dev_vfat = _run("losetup", "-f", "--show", vfat_img)
    ctx["loops"].append(dev_vfat)
    ctx["dev_ext"], ctx["dev_vfat"] = dev_ext, dev_vfat
    _run("mount", "-t", "ext4", dev_ext, _mkdir(j("ext")))
    _fill(j("ext", "data"), 1024)
    _run("mount", "-t", IMG2_TYPE, dev_vfat, _mkdir(j("vfat")))
    _fill(j("vfat", "data"), 100)
    # the same ext4 device mounted a second time (duplicate device, longer mount point)
    _run("mount", "-t", "ext4", dev_ext, _mkdir(j("ext", "again_ext")))
    # bind mounts: the whole t1, and a subdirectory of it on a shorter path
    _run("mount", "--bind", j("t1"), _mkdir(j("bind_of_t1")))
    _run("mount", "--bind", j("t1", "sub"), _mkdir(j("b")))
    # over-mounts: a different source on top, and the same source name on top
    _mount_tmpfs("under", j("over"), "64k")
    _mount_tmpfs("top", j("over"), "128k")
    _mount_tmpfs("same", j("over2"), "16k")
    _mount_tmpfs("same", j("over2"), "32k")
    # a mount hidden below another mount (its mount point no longer exists: ENOENT), and a
    # device whose only mount point is over-mounted by another file system
    _mount_tmpfs("shadowed", j("shadow", "inner"), "36k")
    _mount_tmpfs("shadower", j("shadow"), "44k")
    ecl_img = j("ecl.img")
    _run("truncate", "-s", "2M", ecl_img)
    _run("mkfs.ext2", "-q", "-F", ecl_img)
    dev_ecl = _run("losetup", "-f", "--show", ecl_img)
    ctx["loops"].append(dev_ecl)
    ctx["dev_ecl"] = dev_ecl
    _run("mount", "-t", "ext2", dev_ecl, _mkdir(j("ecl")))
    _mount_tmpfs("eclipser", j("ecl"), "52k")
    # zero-size, dummy and remote-looking file systems, and a tmpfs called rootfs
    _run("mount", "-t", "ramfs", "rsrc", _mkdir(j("ramfs")))
    _run("mount", "-t", "proc", "proc", _mkdir(j("proc")))
    _mount_tmpfs("srv:/export", j("remote"), "40k")
    _mount_tmpfs("rootfs", j("rootfs"), "24k")
    # sizes around the -h/-H rounding boundaries (tmpfs reserves nothing: sizes are exact)
    for k, size in enumerate(["1023m", "999m", "10g", "123456k", "1000k", "4092k"]):
        _mount_tmpfs(f"h{k}", j(f"h{k}"), size)
    _fill(j("h5", "data"), 1001)
    _fill(j("h4", "data"), 999)
    os.symlink(j("t1", "fill"), j("link"))
    os.makedirs(j("private"), mode=0o700)
    _mount_tmpfs("privsrc", j("private", "m"), "20k")
    os.symlink(j("nowhere"), j("dangling"))
    os.mkfifo(j("t2", "fifo"))


def teardown_main(ctx):
    w = ctx["workdir"]
    # unmount everything below the work directory, deepest (latest) first
    with open("/proc/self/mountinfo", "rb") as f:
        targets = [line.split()[4] for line in f]
    for t in reversed(targets):
        path = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), t)
        if path.startswith(w.encode() + b"/"):
            subprocess.run(["umount", "-l", path], stderr=subprocess.DEVNULL)
    for dev in ctx.get("loops", []):
        subprocess.run(["losetup", "-d", dev], stderr=subprocess.DEVNULL)


def drop_root_line(out, ctx):
    """Remove the live root file system's line (mount point "/" as last column)."""
    return b"".join(l for l in out.splitlines(keepends=True) if not l.endswith(b" /\n"))


def usage_program_name(out, ctx):
    """--help names the program by argv[0]: compare the usage line without the binary's path."""
    return re.sub(rb"\AUsage: \S+ ", b"Usage: df ", out)


OPTION_SETS = [
    [], ["-a"], ["-h"], ["-H"], ["-i"], ["-T"], ["-k"], ["-m"], ["-P"], ["-hT"], ["-iT"],
    ["-Ph"], ["-Pi"], ["-l"], ["-B1"], ["-BK"], ["-B1MB"], ["--block-size=1M"], ["-B", "'1K"],
    ["--si", "-i"], ["-aT"], ["-la"], ["--output"], ["--output=source,target"],
    ["--output=target,file,size,pcent", "-h"], ["--output=itotal,iused,iavail,ipcent,fstype"],
    ["-hi"], ["--sync", "-T"], ["-v", "--no-sync"], ["-B", "2048"],
    ["--block-size=si"], ["-Bhuman-readable", "-T"], ["-h", "-k"], ["-k", "-H"], ["-BKB", "-P"],
    ["-h", "--output=size,avail,target"], ["-B0x400"], ["-B1GiB"],
]
TOTAL_SETS = [["--total"], ["-h", "--total"], ["-i", "--total"], ["--total", "--output=size,target"],
              ["--total", "--output=source,avail,pcent", "-H"], ["-a", "--total", "-T"]]


# Our -Q/--filter, --check and --check-any add, never alter: with an expression every row
# matches (absent values included) our output and exit status stay the reference's.
MATCH_ALL = "size >= 0 or not (size >= 0)"


def with_match_all_filters(cases, options):
    out = []
    for c in cases:
        if c.stdout_to:
            continue
        for opt in options:
            out.append(dataclasses.replace(c, name=f"{c.label()} [ours {opt[0]} match-all]",
                                           ours_extra=c.ours_extra + opt))
    return out


def groups(env):
    g = Group(name="df-mounts", tool="df", unshare=True, needs_root=True, teardown=teardown_main)
    groups_list = [g]

    def W(*p):
        return "@W@/" + "/".join(p)

    # Whole table (root line dropped from both), type filters, exclusion of the live root.
    for opts in OPTION_SETS:
        root_line_last = not any(o.startswith("--output=") and not o.endswith("target") for o in opts)
        if root_line_last:
            g.case(opts, name="all " + " ".join(opts), transform=drop_root_line)
        g.case(opts + ["-t", "tmpfs"], name="tmpfs " + " ".join(opts))
        g.case(opts + ["-x", "ext4"], name="noext4 " + " ".join(opts))
    for opts in TOTAL_SETS:
        g.case(opts + ["-x", "ext4"], name="total noext4 " + " ".join(opts))
        g.case(opts + ["-t", "tmpfs", "-t", IMG2_TYPE], name="total tmpfs+img2 " + " ".join(opts))
    g.case(["-t", "ext4"], name="ext4 only", transform=drop_root_line)
    g.case(["-t", IMG2_TYPE, "-T"], name="img2 only")
    g.case(["-t", "ramfs"], name="zero-size type hidden")
    g.case(["-a", "-t", "ramfs", "-t", "proc"], name="zero-size and dummy with -a")
    g.case(["-F", "tmpfs", "-x", IMG2_TYPE, "-T"], name="-F synonym")

    # File arguments
    files = [W("t1"), W("t1", "fill"), W("link"), W("t2"), W("sp ace"), W("ext"), W("ext", "data"),
             W("ext", "again_ext"), W("vfat"), W("b"), W("bind_of_t1"), W("over"), W("over2"),
             W("remote"), W("ramfs"), W("proc"), W("rootfs"), W("t1", "sub"), W("t2", "fifo")]
    for opts in [[], ["-T"], ["-h"], ["-i"], ["-a"], ["-l"], ["--output"], ["--total"],
                 ["-t", "tmpfs"], ["-x", "tmpfs"], ["-P"], ["-iT", "--total"]]:
        g.case(opts + files, name="files " + " ".join(opts))
    for f in files:
        g.case(["--output=source,fstype,size,used,avail,pcent,file,target", f],
               name="file " + f)
    for name in ODD_NAMES:
        g.case(["-T", W(name)], name="odd file " + repr(name))
    g.case(["-T", W("inv\udcffname")], name="odd file invalid utf-8")
    g.case(["t1", "t1/./sub", "t1/sub/..", "ext/../vfat", "h0/../h1"], name="relative file args")
    g.case([W("missing"), W("t1")], name="missing file then good")
    g.case([W("t1"), W("missing"), W("t2")], name="good missing good")
    g.case([W("dangling")], name="dangling symlink")
    g.case(["-x", "tmpfs", W("t1")], name="file excluded by type")
    g.case(["-t", "ext4", W("t1"), W("ext")], name="file some excluded")
    g.case(["--total", W("missing")], name="total only missing")
    g.case([""], name="empty file name")
    g.case(["-", W("t1")], name="dash file name")
    # Messages must match byte for byte (quoting of odd names, locale quotes, usage hints).
    for args in [[W("missing")], [W("miss ing")], [W("miss\ning"), W("t1")], [W("it's")],
                 ["-t", "tmpfs", "-x", "tmpfs"], ["--output=foo"], ["--output=size,size"], ["-Bx"],
                 ["--block-size=1b"], ["-B", "99999999999999999999999"], ["-q"], ["-t", "nosuchfs"],
                 ["-i", "--output=size"], ["--output", "-T"], ["-x", "tmpfs", W("t1")]]:
        g.case(args, name="stderr " + " ".join(args).replace("\n", "\\n"), compare_stderr=True)
    # An unprivileged user cannot statfs a mount point below a private directory: hidden, or
    # shown with '-' values under -a; named explicitly it is an error.
    for args in [["-t", "tmpfs"], ["-a", "-t", "tmpfs"], [W("private", "m")], [W("private", "m"), W("t1")]]:
        g.case(args, name="unprivileged " + " ".join(args), as_user=65534)
    # Device arguments (mounted ext4 twice, vfat, an unmounted character device)
    g.case(["@DEV_EXT@"], name="device ext4")
    g.case(["-T", "@DEV_VFAT@", "@DEV_EXT@"], name="devices vfat ext4")
    g.case(["/dev/null"], name="char device not mounted")
    g.case(["@DEV_ECL@"], name="device over-mounted", compare_stderr=True)
    g.case(["-T", "@DEV_ECL@", W("t1")], name="device over-mounted then file")
    g.case([W("shadow", "inner")], name="file below an over-mount")
    g.case([W("shadow")], name="over-mounting file system")
    g.case(["--output=source,target,file", "@DEV_EXT@", W("ext", "again_ext")], name="device and its mount")

    # --sysroot / is the running system
    for opts in [["-t", "tmpfs"], ["-aT", "-x", "ext4"], [W("t1"), W("ext")]]:
        g.case(opts, name="sysroot / " + " ".join(opts), ours_extra=["--sysroot", "/"])
    # Odd names in a UTF-8 locale
    for opts in [[], ["-T"], ["--output=target,source"]]:
        g.case(opts + ["-t", "tmpfs"], name="utf8 tmpfs " + " ".join(opts), env={"LC_ALL": "C.UTF-8"})
    g.case(["-h", "-t", "tmpfs"], name="utf8 tmpfs -h", env={"LC_ALL": "C.UTF-8"})

    # Environment
    for var, val, opts in [("DF_BLOCK_SIZE", "1M", []), ("DF_BLOCK_SIZE", "human-readable", []),
                           ("BLOCK_SIZE", "si", []), ("BLOCKSIZE", "512", []),
                           ("POSIXLY_CORRECT", "1", []), ("POSIXLY_CORRECT", "1", ["-P"]),
                           ("DF_BLOCK_SIZE", "junk", []), ("DF_BLOCK_SIZE", "1M", ["-k"]),
                           ("BLOCK_SIZE", "1K", ["--output=size,avail,target"]),
                           ("DF_BLOCK_SIZE", "1MB", ["-P"]), ("BLOCK_SIZE", "'1", [])]:
        g.case(opts + ["-t", "tmpfs"], name=f"env {var}={val} " + " ".join(opts), env={var: val})

    # Errors and meta options
    for args in [["-q"], ["--output=foo"], ["--output=source,source"], ["-i", "--output"],
                 ["--output", "-i"], ["-T", "--output"], ["--output", "-T"], ["-P", "--output"],
                 ["--output", "-P"], ["-t", "tmpfs", "-x", "tmpfs"], ["-Bx"], ["--block-size=1b"],
                 ["-B", "999999999999999999999999"], ["--block-size"], ["--help"], ["--version"],
                 ["--he"], ["--vers"], ["--s"], ["--sy", "-t", "tmpfs"], ["--no", "-t", "tmpfs"],
                 ["--t"], ["--to", "-t", "tmpfs"], ["-t", "nosuchfs"], ["--all=x"],
                 ["--output=", "-t", "tmpfs"], ["--output=size,"], ["-t"], ["--", "-t"],
                 ["--help", "--bogus"], ["-h", "--version"],
                 # our own long options take no abbreviations: these stay GNU's errors
                 ["--j"], ["--jso", "-t", "tmpfs"], ["--sor=size"], ["--help", "--j"]]:
        g.case(args, name="err " + " ".join(args),
               transform=usage_program_name if "--help" in args or "--he" in args else None)

    g.cases += with_match_all_filters(g.cases, (["--check", MATCH_ALL], ["-Q", MATCH_ALL]))
    g.setup = _with_placeholders(setup_main, g)
    groups_list.append(hang_group(env))
    groups_list.append(extras_group(env))
    groups_list.append(local_files_group(env))
    groups_list.append(sysroot_group(env))
    return groups_list


# Cases carry @W@ (work directory) and @DEV_*@ (loop device) placeholders: the harness gives
# cases no hook to use setup results in their arguments, so the group's setup rewrites the case
# arguments in place once it has mounted everything.
def _with_placeholders(setup, group):
    def wrapped(ctx):
        setup(ctx)
        reps = {"@W@": ctx["workdir"], "@DEV_EXT@": ctx.get("dev_ext", ""),
                "@DEV_ECL@": ctx.get("dev_ecl", ""),
                "@DEV_VFAT@": ctx.get("dev_vfat", "")}
        def sub(a):
            for k, v in reps.items():
                a = a.replace(k, v)
            return a
        for c in group.cases:
            c.args = [sub(a) for a in c.args]
            c.ours_extra = [sub(a) for a in c.ours_extra]
    return wrapped


HANG_TYPE = "fuse.procstat_hang"


def setup_hang(ctx):
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc or subprocess.run(["pkg-config", "--exists", "fuse3"]).returncode != 0:
        raise SkipGroup("libfuse3-dev or a C compiler is missing")
    if not os.path.exists("/dev/fuse"):
        raise SkipGroup("/dev/fuse missing")
    w = ctx["workdir"]
    exe = os.path.join(w, "procstat_hang")
    flags = _run("pkg-config", "--cflags", "--libs", "fuse3").split()
    _run(cc, "-O0", "-o", exe, os.path.join(HERE, "hang_fs.c"), *flags)
    mnt = _mkdir(os.path.join(w, "hang"))
    _mount_tmpfs("alive", os.path.join(w, "alive"), "256k")
    # -f: stay in the foreground so the test owns the daemon's PID; fsname/subtype name it.
    proc = subprocess.Popen([exe, "-f", "-o", "fsname=hangsrc,subtype=procstat_hang", mnt],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ctx["hang_pid"] = proc.pid
    ctx["hang_proc"] = proc
    for _ in range(100):
        with open("/proc/self/mountinfo") as f:
            if any(f" {mnt} " in line for line in f):
                break
        time.sleep(0.05)
    else:
        raise RuntimeError("hang file system did not mount")
    # The stand-in reference: GNU df cannot skip a hung file system, so it is told to exclude
    # that type and is not given arguments on it; the wrapper adds what we promise on top: a
    # message and exit status 1.
    ref = os.path.join(w, "df-reference")
    with open(ref, "w") as f:
        f.write(f"""#!{sys.executable}
import os, subprocess, sys
hang = {mnt!r}
args = [a for a in sys.argv[1:] if a != hang and not a.startswith(hang + "/")]
rc = subprocess.run(["/usr/bin/df", "-x", {HANG_TYPE!r}] + args).returncode
if os.environ.get("HANG_UNTOUCHED"):  # the case promises that df never asks the hung mount
    sys.exit(rc)
sys.stderr.write("df: " + hang + ": not responding\\n")
sys.exit(rc or 1)
""")
    os.chmod(ref, 0o755)
    ctx["reference"] = ref


def teardown_hang(ctx):
    w = ctx["workdir"]
    subprocess.run(["umount", "-l", os.path.join(w, "hang")], stderr=subprocess.DEVNULL)
    proc = ctx.get("hang_proc")
    if proc is not None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    subprocess.run(["umount", "-l", os.path.join(w, "alive")], stderr=subprocess.DEVNULL)


def hang_group(env):
    g = Group(name="df-hang", tool="df", unshare=True, needs_root=True, teardown=teardown_hang)

    def setup(ctx):
        setup_hang(ctx)
        g.reference = ctx["reference"]
        for c in g.cases:
            c.args = [a.replace("@W@", ctx["workdir"]) for a in c.args]
    g.setup = setup
    # Everything but the live root (its usage changes while tests run).
    for opts in [["-x", "ext4"], ["-T", "-x", "ext4"], ["-a", "-x", "ext4"], ["-h", "-x", "ext4", "--total"]]:
        g.case(opts, name="hung fuse " + " ".join(opts), ours_extra=["--timeout=1"], timeout=20)
    g.case(["-x", "ext4"], name="hung fuse default timeout", timeout=30)
    # Named on the command line: the other arguments still print, in order.
    g.case(["@W@/alive", "@W@/hang"], name="hung fuse file args", ours_extra=["--timeout=0.5"], timeout=20)
    g.case(["-T", "@W@/hang", "@W@/alive", "@W@/alive"], name="hung fuse first arg",
           ours_extra=["--timeout=0.5"], timeout=20)
    g.case(["--total", "-t", "tmpfs"], name="hung fuse not asked when type-filtered",
           ours_extra=["--timeout=0.5"], timeout=20, env={"HANG_UNTOUCHED": "1"})
    g.case(["-l", "-x", "ext4", "-x", HANG_TYPE], name="hung fuse excluded by -x",
           ours_extra=["--timeout=0.5"], timeout=20, env={"HANG_UNTOUCHED": "1"})
    return g


def setup_simple(ctx):
    """tmpfs mounts with plain names, distinct sizes and some data (for --json and --sort)."""
    w = ctx["workdir"]
    for name, size, fill, inodes in [("s1", "1m", 100, 0), ("s2", "3m", 50, 4), ("s3", "2m", 900, 1),
                                     ("s4", "2m", 0, 30), ("s5", "512k", 500, 2)]:
        _mount_tmpfs(f"src_{name}", os.path.join(w, name), size)
        if fill:
            _fill(os.path.join(w, name, "data"), fill)
        for i in range(inodes):
            _fill(os.path.join(w, name, f"i{i}"), 0)


def teardown_simple(ctx):
    w = ctx["workdir"]
    for name in ["s1", "s2", "s3", "s4", "s5"]:
        subprocess.run(["umount", "-l", os.path.join(w, name)], stderr=subprocess.DEVNULL)


def extras_group(env):
    """--json and --sort against references derived from GNU df (ref_df.py)."""
    g = Group(name="df-extras", tool="df", unshare=True, needs_root=True,
              setup=setup_simple, teardown=teardown_simple, reference=os.path.join(HERE, "ref_df.py"))
    sel = ["-t", "tmpfs"]
    allf = "--output=source,fstype,itotal,iused,iavail,ipcent,size,used,avail,pcent,file,target"
    for args in [[allf], ["--output=source,size,used,avail,pcent,target"],
                 ["--output=target,itotal,iused,iavail,ipcent"], ["--output=size", "-x", "tmpfs", "-a"],
                 [allf, "--total"], [allf, "@W@/s1", "@W@/s3/data"]]:
        a = args + (sel if "-x" not in args else [])
        g.case(a, name="json " + " ".join(args), ours_extra=["--json"],
               env={"PROCSTAT_REF_MODE": "json"})
    for keys in ["size", "-size", "pcent,target", "-used,source", "-ipcent,-target", "avail",
                 "target", "-source", "iused,size", "-itotal,target"]:
        for extra in [[], ["--total"]]:
            g.case(["-B1", allf] + sel + extra, name=f"sort {keys} {' '.join(extra)}",
                   ours_extra=[f"--sort={keys}"],
                   env={"PROCSTAT_REF_MODE": "sort", "PROCSTAT_REF_SORT": keys})
    g.setup = _with_placeholders(setup_simple, g)
    return g


def setup_local_files(ctx):
    """setup_simple, plus symlinks (one through a /proc magic link), a FIFO and a directory."""
    setup_simple(ctx)
    w = ctx["workdir"]
    os.symlink(os.path.join(w, "s2"), os.path.join(w, "ln_s2"))
    os.symlink("/proc/self/root" + os.path.join(w, "s3", "data"), os.path.join(w, "ln_magic"))
    os.mkfifo(os.path.join(w, "s4", "fifo"))
    os.makedirs(os.path.join(w, "s5", "dir", "sub"))


def local_files_group(env):
    """File arguments where no mount of the namespace may block (tmpfs mounts only, unless the
    host has others): our df asks them in-process, except lookups through /proc magic links,
    which go to the isolated helper. Both must answer like GNU df."""
    g = Group(name="df-local-files", tool="df", unshare=True, needs_root=True,
              teardown=teardown_simple)
    files = ["@W@/s1", "@W@/s2/data", "@W@/ln_s2", "@W@/s4/fifo", "@W@/s5/dir/sub",
             "@W@/s5/dir/../dir/./sub", "/proc/self/root@W@/s1", "@W@/ln_magic",
             "/proc/self/cwd/../../../../../../..@W@/s3", "/proc/1/root@W@/s5"]
    for opts in [[], ["-T"], ["-h", "--total"], ["-i"], ["-a"]]:
        g.case(opts + files, name="local files " + " ".join(opts))
    for f in files:
        g.case(["--output=source,fstype,size,used,avail,pcent,file,target", f],
               name="local file " + f.replace("@W@", "W"))
    g.case(["@W@/missing", "/proc/self/root@W@/missing", "@W@/s1"], name="local missing files",
           compare_stderr=True)
    # The directory holding the workdir is on the live root (changing usage): names only.
    g.case(["--output=source,fstype,file,target", "@W@", "/proc/self/root@W@", "/", "/proc/self",
            "/dev/null"], name="local files live root, proc, device")
    g.setup = _with_placeholders(setup_local_files, g)
    return g


def _escape_mountinfo(path):
    out = []
    for b in path:
        out.append("\\%03o" % b if b in b" \t\n\\" else chr(b))
    return "".join(out)


def setup_sysroot(ctx):
    """Capture this namespace's mount table and statvfs/st_dev of each mount point into a
    --sysroot tree; GNU df on the live namespace is the reference."""
    setup_simple(ctx)
    w = ctx["workdir"]
    fix = os.path.join(w, "fixture")
    os.makedirs(os.path.join(fix, "proc", "self"))
    os.makedirs(os.path.join(fix, "host"))
    with open("/proc/self/mountinfo", "rb") as f:
        info = f.read()
    with open(os.path.join(fix, "proc", "self", "mountinfo"), "wb") as f:
        f.write(info)
    lines = []
    for line in info.splitlines():
        t = line.split()[4]
        path = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), t)
        try:
            st = os.statvfs(path)
            dev = os.stat(path).st_dev
        except OSError:
            continue
        lines.append(f"{t.decode('latin-1')} {st.f_frsize} {st.f_blocks} {st.f_bfree} {st.f_bavail} "
                     f"{st.f_files} {st.f_ffree} {dev}\n")
    with open(os.path.join(fix, "host", "statvfs"), "w", encoding="latin-1") as f:
        f.writelines(lines)
    ctx["fixture"] = fix


def sysroot_group(env):
    g = Group(name="df-sysroot", tool="df", unshare=True, needs_root=True, teardown=teardown_simple)
    # The live root file system changes while tests run: leave it out (-x ext4).
    for args in [["-x", "ext4"], ["-x", "ext4", "-a"], ["-x", "ext4", "-T", "--total"], ["-t", "tmpfs", "-i"],
                 ["-t", "tmpfs", "-h"], ["-t", "tmpfs", "--output"], ["-x", "ext4", "-l", "-P"]]:
        g.case(args, name="sysroot " + " ".join(args), ours_extra=["--sysroot", "@FIX@"])
    g.cases += with_match_all_filters(g.cases, (["--check-any", MATCH_ALL], ["--filter", MATCH_ALL]))

    def setup(ctx):
        setup_sysroot(ctx)
        for c in g.cases:
            c.ours_extra = [a.replace("@FIX@", ctx["fixture"]).replace("@W@", ctx["workdir"])
                            for a in c.ours_extra]
    g.setup = setup
    return g
