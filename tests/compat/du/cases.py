# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential cases for du: trees generated per group in the group's work directory, crossed
with GNU du 9.1's options; stdout bytes and exit status must match the reference.

Sizes are never written down here: both programs stat the same files. Trees contain nested
directories, files of assorted sizes, sparse files, hard links (inside one argument and across
arguments), symlinks (file, directory, dangling), empty directories, fifos and hostile names
(spaces, newlines, tabs, invalid UTF-8, quotes, a 255-byte name)."""
import dataclasses
import json
import os
import re
import time

from harness import Case, Group, SkipGroup, sh

# Our du reads directories ahead on worker threads unless the disk is rotational; these
# environments force both modes so each is compared against GNU du (which ignores them).
THREADS_SERIAL = {"PROCSTAT_DU_THREADS": "0"}
THREADS_PARALLEL = {"PROCSTAT_DU_THREADS": "3"}

# Fixed modification times (seconds) so --time output does not depend on when setup ran;
# access times lie in the future (after the ctime utime() sets) so relatime never updates them
# when du reads a directory.
MTIME_BASE = 1_600_000_000

HOSTILE = [b"sp ace", b"new\nline", b"tab\there", b"bad\xff\xfeutf8", b"paren)", b"-dash",
           b"star*", b"quote'", b"dq\"x", b"back\\slash", b"x" * 255, b"\xc3\xa9t\xc3\xa9"]


def _write(path, size, sparse_hole=0):
    with open(path, "wb") as f:
        if sparse_hole:
            f.seek(sparse_hole)
        f.write(b"x" * size)


def _set_times(root):
    """Give every entry under ROOT a distinct fixed mtime and a recent atime."""
    now = time.time()
    n = 0
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames + dirnames:
            p = os.path.join(dirpath, name)
            n += 1
            try:
                os.utime(p, (now + 86400, MTIME_BASE + n * 3601), follow_symlinks=False)
            except OSError:
                pass
        os.utime(dirpath, (now + 86400, MTIME_BASE + n * 7 + 17))


def build_main_tree(w):
    """t/ (the main tree), t2/ (hard links into t), links/ (symlinks), e/ (empty)."""
    t = os.path.join(w, "t")
    os.makedirs(os.path.join(t, "sub", "deeper", "deepest"))
    os.makedirs(os.path.join(t, "sub", "emptydir"))
    os.makedirs(os.path.join(t, "other"))
    for name, size in [("zero", 0), ("one", 1), ("page", 4095), ("page1", 4096), ("big", 100_000),
                       ("meg", 1 << 20)]:
        _write(os.path.join(t, name), size)
    _write(os.path.join(t, "sub", "s1"), 5000)
    _write(os.path.join(t, "sub", "deeper", "d1"), 70_000)
    _write(os.path.join(t, "sub", "deeper", "deepest", "d2"), 9000)
    _write(os.path.join(t, "other", "o1"), 12_345)
    # sparse: 8 MiB hole, then data; and one that is all hole
    _write(os.path.join(t, "sparse"), 10_000, sparse_hole=8 << 20)
    with open(os.path.join(t, "hole"), "wb") as f:
        f.truncate(50 << 20)
    # 5 TiB apparent size with one byte of data at the end: large numbers for -b, -h, --si
    with open(os.path.join(t, "other", "huge"), "wb") as f:
        f.seek((5 << 40) - 1)
        f.write(b"z")
    # hard links inside t (same directory and across directories)
    os.link(os.path.join(t, "big"), os.path.join(t, "big.link"))
    os.link(os.path.join(t, "big"), os.path.join(t, "sub", "big.link2"))
    os.link(os.path.join(t, "other", "o1"), os.path.join(t, "sub", "deeper", "o1.link"))
    # symlinks: file, directory, dangling, to parent (a loop for -L)
    os.symlink("one", os.path.join(t, "ln-file"))
    os.symlink("sub", os.path.join(t, "ln-dir"))
    os.symlink("nowhere", os.path.join(t, "ln-dangling"))
    os.symlink("selfloop", os.path.join(t, "selfloop"))                 # ELOOP with -L
    os.symlink("../..", os.path.join(t, "sub", "deeper", "up"))        # back to t: a cycle with -L
    os.mkfifo(os.path.join(t, "fifo"))
    hostile = os.path.join(t.encode(), b"hostile")
    os.makedirs(hostile)
    for i, n in enumerate(HOSTILE):
        p = os.path.join(hostile, n)
        if i % 3 == 0:
            os.mkdir(p)
            _write(os.path.join(p, b"inner"), 100 * (i + 1))
        else:
            _write(p, 1000 * (i + 1))
    # t2: another argument sharing hard links with t
    t2 = os.path.join(w, "t2")
    os.makedirs(os.path.join(t2, "in"))
    os.link(os.path.join(t, "meg"), os.path.join(t2, "meg.link"))
    os.link(os.path.join(t, "sub", "s1"), os.path.join(t2, "in", "s1.link"))
    _write(os.path.join(t2, "own"), 3000)
    # links/: symlinks as command line arguments
    links = os.path.join(w, "links")
    os.makedirs(links)
    os.symlink("../t", os.path.join(links, "to-t"))
    os.symlink("../t/big", os.path.join(links, "to-big"))
    os.symlink("../t/missing", os.path.join(links, "dangling"))
    os.symlink("../t/sub", os.path.join(links, "to-sub"))
    os.makedirs(os.path.join(w, "e"))
    # exclude pattern files
    with open(os.path.join(w, "pats"), "wb") as f:
        f.write(b"*.link\nsub/deeper  \n\n   \n[o]ne\n")
    with open(os.path.join(w, "pats-empty"), "wb") as f:
        f.write(b"")
    # --files0-from lists
    with open(os.path.join(w, "list0"), "wb") as f:
        f.write(b"t/sub\0t2\0t/sub\0t/big\0")
    with open(os.path.join(w, "list-bad"), "wb") as f:
        f.write(b"t/other\0\0nonexistent\0-\0t/hostile/new\nline")
    with open(os.path.join(w, "list-empty"), "wb") as f:
        f.write(b"")
    for d in ("t", "t2", "links", "e"):
        _set_times(os.path.join(w, d))


def json_as_text(field, unit):
    """Render our --json document as GNU's text lines (FIELD in units of UNIT, rounded up) so
    it can be compared with the reference's plain output; plain text passes unchanged."""
    def tr(out, ctx):
        if not out.startswith(b"{"):
            return out
        doc = json.loads(out.decode("utf-8", "surrogateescape"))
        lines = [f"{-(-e[field] // unit)}\t{e['path']}\n" for e in doc["entries"]]
        if "total" in doc:
            lines.append(f"{-(-doc['total'][field] // unit)}\ttotal\n")
        return "".join(lines).encode("utf-8", "surrogateescape")
    return tr


def json_groups():
    g = Group("du-json", "du", setup=lambda ctx: build_main_tree(ctx["workdir"]))
    for args, field, unit in [
        (["t"], "bytes", 1024), (["-a", "t"], "bytes", 1024), (["-a", "-b", "t"], "apparent_bytes", 1),
        (["--inodes", "-a", "t"], "inodes", 1), (["-c", "t", "t2"], "bytes", 1024),
        (["-a", "t/hostile"], "bytes", 1024), (["-c", "-a", "-l", "t", "t2"], "bytes", 1024),
        (["-s", "-m", "t", "t2"], "bytes", 1 << 20), (["-d", "1", "--apparent-size", "t"], "apparent_bytes", 1024),
        (["-a", "-S", "t"], "bytes", 1024), (["-a", "-L", "links"], "bytes", 1024),
    ]:
        g.case(args, ours_extra=["--json"], transform=json_as_text(field, unit), name="--json " + " ".join(args))
    # --sort=none must leave GNU's order alone
    for args in (["-a", "t", "t2"], ["-d", "1", "-c", "t"]):
        g.case(args, ours_extra=["--sort=none"], name="--sort=none " + " ".join(args))
    return [g]


def norm_usage(out, ctx):
    """--help names the program by argv[0]; both binaries' paths become 'du'."""
    return re.sub(rb"^(Usage: |  or:  )\S+ ", rb"\1du ", out, flags=re.M)


OPTION_SETS = [
    [], ["-a"], ["-b"], ["-ab"], ["--apparent-size"], ["-S"], ["-Sa"], ["-s"], ["-c"], ["-ca"],
    ["-l"], ["-la"], ["--inodes"], ["--inodes", "-a"], ["--inodes", "-S"], ["-h"], ["-ha"],
    ["--si", "-a"], ["-k"], ["-m", "-a"], ["-B", "1K"], ["-BM"], ["--block-size=KB", "-a"],
    ["-B", "7"], ["--block-size=1MB"], ["-d", "1"], ["--max-depth=0"], ["-d", "2", "-a"],
    ["-t", "8k"], ["-t", "-8k", "-a"], ["--threshold=1M", "-a"], ["-0"], ["-0a"], ["-L"],
    ["-L", "-a"], ["-H", "-a"], ["-D"], ["-P", "-a"], ["-x", "-a"], ["--time"], ["--time", "-a"],
    ["--time=atime", "--time-style=full-iso"], ["--time=ctime", "-s"],
    ["--time", "--time-style=iso", "-a"], ["--time", "--time-style=+%s.%N %Y", "-a"],
    ["--exclude=*.link", "-a"], ["--exclude=sub"], ["--exclude=t/sub/*", "-a"],
    ["-X", "pats", "-a"], ["--exclude=[a-c]*", "-ab"], ["-b", "-c", "-S", "-a"],
    ["-h", "--apparent-size", "-a"], ["-h", "-l", "-a"],
]

ARG_SETS = [["t"], ["t/", "t2"], ["t/sub", "t"]]


# Our -Q/--filter, --check and --check-any add, never alter: with expressions every row matches
# (absent values included: time without --time) our output and exit status stay the reference's.
# Each case gets one of these in turn. --check-any fails when there are no rows at all (a missing
# argument, a threshold above every size), so it is paired only with cases that print rows.
MATCH_ALL = [
    ["--check", "size >= 0 or not (size >= 0)"],
    ["-Q", "time >= 0 or not (time >= 0)"],
    ["--filter=depth >= 0 and (path =~ '' or not dir or dir)"],
    ["--check", "inodes >= 1 && apparent >= 0 && disk >= 0"],
]
MATCH_ALL_ANY = ["--check-any", "size >= 0 or not (size >= 0)"]


def with_match_all_filters(cases, any_ok=lambda c: False):
    out = []
    for i, c in enumerate(cases):
        if c.stdout_to:
            continue
        opts = [MATCH_ALL[i % len(MATCH_ALL)]] + ([MATCH_ALL_ANY] if any_ok(c) else [])
        for opt in opts:
            out.append(dataclasses.replace(c, name=f"{c.label()} [ours {opt[0].split('=')[0]} match-all]",
                                           ours_extra=c.ours_extra + opt))
    return out


def main_groups():
    g = Group("du-tree", "du", setup=lambda ctx: build_main_tree(ctx["workdir"]))
    for opts in OPTION_SETS:
        for args in ARG_SETS:
            g.case(opts + args)
        g.case(opts + ["t", "t2"], env=THREADS_PARALLEL, name=" ".join(opts + ["t", "t2"]) + " (threads)")
        g.case(opts + ["t"], env=THREADS_SERIAL, name=" ".join(opts + ["t"]) + " (serial)")
    extra = [
        [], ["-a"],  # the current directory
        ["t", "t"], ["t/big", "t/big"], ["t/big", "t/big.link"], ["-l", "t/big", "t/big.link"],
        ["-a", "t2", "t"], ["t2", "t"], ["-s", "t", "t/sub", "t/big"], ["-c", "t/big", "t/one"],
        ["-a", "t/hostile"], ["-0", "-a", "t/hostile"], ["-s", os.fsdecode(b"t/hostile/new\nline")],
        ["-ab", os.fsdecode(b"t/hostile/bad\xff\xfeutf8")],
        ["links/to-t", "links/to-big", "links/dangling", "links/to-sub"],
        ["-H", "links/to-t", "links/to-big", "links/dangling", "links/to-sub"],
        ["-D", "-s", "links/to-t"], ["-L", "-s", "links"], ["-L", "-a", "links"], ["-a", "links"],
        ["-Ls", "links/to-sub", "t"], ["-P", "-L", "-s", "links/to-t"], ["-L", "-P", "-s", "links/to-t"],
        ["e"], ["-a", "e"], ["-c", "e", "t/zero"], ["t/fifo"], ["-a", "t/ln-dir", "t/ln-file"],
        ["nonexistent"], ["-c", "t/one", "nonexistent", "t/sub"], [""], ["-s", "t", "", "t2"],
        ["t//sub"], ["t/sub/"], ["./t/sub"], ["t/sub/.."], ["-d", "1", "t/sub/../other"],
        ["--files0-from=list0"], ["--files0-from=list0", "-c"], ["--files0-from=list-bad"],
        ["--files0-from=list-empty", "-c"], ["--files0-from=nonexistent-list"],
        ["--files0-from=t"], ["--files0-from=list0", "t"], ["--files0-from=/dev/null", "-c"],
        ["-X", "pats-empty", "t"], ["--exclude=", "t"], ["--exclude=*", "t"], ["--exclude=t", "t"],
        ["--exclude=o?e", "-a", "t"], ["--exclude=\\*", "-a", "t/hostile"],
        ["-t", "0", "-a", "t"], ["-t", "k", "-a", "t"], ["-t", "0x1000", "-a", "t"], ["-t", "1KB", "-a", "t"],
        ["-t", "1KiB", "-a", "t"], ["--threshold=-1", "-a", "t"], ["-t", "-1M", "-c", "t"],
        ["-d", "0", "-a", "t"], ["--max-depth=010", "t"], ["-d", "0x1", "t"],
        ["-s", "-d", "0", "t"],
        ["-l", "t", "t"], ["-l", "-s", "t", "t/sub", "t/big"], ["-l", "-L", "-s", "t"], ["-lc", "t2", "t"],
        ["-L", "-c", "t/sub", "t/sub/deeper/up"],
        ["--time", "-c", "t", "t2"], ["--time=atime", "-c", "-s", "t", "t2"], ["--time", "-S", "-a", "t/sub"],
        ["-d", "18446744073709551615", "t/sub"], ["-t", "+5k", "-a", "t"], ["-t", "1.5k", "t"],
        ["-t", " ", "t"], ["--time", "--time-style=+", "-s", "t"],
        ["--time", "--time-style=+%%N%N %:z", "-s", "t"],
        ["--time", "--time-style=+%3N|%::z|%:::z|%-d|%_5H|%^a|%10N|%", "-a", "t"], ["--time", "--time-style=+%Q", "t"],
    ]
    for a in extra:
        g.case(a)
    # stdin lists
    g.case(["--files0-from=-"], name="files0 stdin", stdin=b"t/sub\0t2\0")
    g.case(["--files0-from=-", "-c"], name="files0 stdin dash", stdin=b"t/other\0-\0t2")
    g.case(["--files0-from=-"], name="files0 stdin empty", stdin=b"")
    g.case(["--files0-from=-"], name="files0 stdin empty name", stdin=b"\0t/other\0")
    g.case(["-X", "-", "-a", "t"], name="exclude-from stdin", stdin=b"*.link\nbig\n")
    # environment: block sizes and time styles
    envs = [
        {"DU_BLOCK_SIZE": "1M"}, {"DU_BLOCK_SIZE": "human-readable"}, {"DU_BLOCK_SIZE": "si"},
        {"DU_BLOCK_SIZE": "x"}, {"BLOCK_SIZE": "512"}, {"BLOCK_SIZE": "1MB"}, {"BLOCKSIZE": "4k"},
        {"POSIXLY_CORRECT": "1"}, {"POSIXLY_CORRECT": "1", "BLOCK_SIZE": "2K"},
        {"DU_BLOCK_SIZE": "'1"}, {"BLOCK_SIZE": "1K", "DU_BLOCK_SIZE": "512"},
    ]
    for e in envs:
        label = ",".join(f"{k}={v}" for k, v in e.items())
        g.case(["-a", "t"], env=e, name=f"env {label} -a t")
        g.case(["-k", "-s", "t"], env=e, name=f"env {label} -k -s t")
    for a in (["-a", "t"], ["--exclude=\u00e9*", "-a", "t/hostile"], ["--exclude=?t?", "-a", "t/hostile"],
              ["--time", "--time-style=+%a %b %c", "-s", "t"], ["-h", "-a", "--si", "t"]):
        g.case(a, env={"LC_ALL": "C.UTF-8"}, name="C.UTF-8 " + " ".join(a))
    g.case(["--time", "--time-style=full-iso", "-a", "t"], env={"TZ": "XYZ-5:30"}, name="TZ=XYZ-5:30 full-iso")
    g.case(["--time", "--time-style=+%z %:z %::z %:::z %Z", "-s", "t"], env={"TZ": "ABC+3:15:20"},
           name="TZ=ABC+3:15:20 zones")
    for style in ["iso", "full-iso", "posix-iso", "posix-posix-long-iso", "+%Y/%j", "locale", "foo", "posix-foo"]:
        g.case(["--time", "-s", "t"], env={"TIME_STYLE": style}, name=f"env TIME_STYLE={style}")
    g.case(["--time", "--time-style=long-iso", "-s", "t"], env={"TIME_STYLE": "iso"},
           name="--time-style wins over TIME_STYLE")
    # every option set once more with a match-all expression (and --check-any on the plain tree)
    g.cases += with_match_all_filters(g.cases, any_ok=lambda c: c.args[-1:] == ["t"] and not any(
        a.startswith(("-t", "--threshold", "--exclude", "-X")) for a in c.args))
    return [g]


ERROR_CASES = [
    ["-q"], ["--foo"], ["--ex", "t"], ["--s", "t"], ["-d"], ["-d", "x", "t"], ["-d", "-1", "t"],
    ["-d", "99999999999999999999", "t"], ["--max-depth=1k", "t"], ["-t", "x", "t"], ["--threshold=x", "t"],
    ["-t", "1g", "t"], ["-t", "1Z", "t"], ["-t", "99999999999999999999", "t"], ["-t", "-0", "t"],
    ["-t", "1kib", "t"], ["-B", "0", "t"], ["-B", "x", "t"], ["--block-size=1Q", "t"], ["-B", "-1", "t"],
    ["--time=foo", "t"], ["--time=", "t"], ["--time=a", "-s", "t"], ["--time=st", "-s", "t"],
    ["--time", "--time-style=foo", "t"], ["--time", "--time-style=posix-iso", "t"],
    ["--time", "--time-style=l", "-s", "t"], ["--time", "--time-style=", "t"],
    ["--time-style=foo", "-s", "t"], ["-s", "-a", "t"], ["-s", "-d", "1", "t"], ["-s", "-d", "0", "t"],
    ["--inodes", "-b", "-s", "t"], ["--inodes", "--apparent-size", "-s", "t"],
    ["--files0-from=list0", "extra"], ["-X", "nonexistent-pats", "t"], ["-X", "nonexistent-pats", "-d", "x"],
    ["-q", "-d", "x", "-X", "nonexistent-pats", "--foo", "t"], ["-q", "--time=foo"], ["-q", "-t", "x"],
    ["-q", "-B", "x"], ["-q", "--version"], ["-d", "x", "-s", "-a", "t"],
    ["nonexistent"], [os.fsdecode(b"no\nsuch")], ["no such'"], [os.fsdecode(b"\xff")], ["-c", "", "t/one"],
]


def error_groups():
    g = Group("du-errors", "du", setup=lambda ctx: build_main_tree(ctx["workdir"]))
    for a in ERROR_CASES:
        g.case(a, compare_stderr=True)
    utf8 = {"LC_ALL": "C.UTF-8"}
    for a in (["-d", "x", "t"], ["--time=foo", "t"], ["--files0-from=list0", "extra"], ["-t", "1g", "t"],
              ["é", os.fsdecode(b"b\xff\xc3\xa9"), "it's", "a b"], ["-a", "t/hostile"],
              ["--time", "--time-style=foo", "t"]):
        g.case(a, env=utf8, compare_stderr=True, name="C.UTF-8 " + " ".join(a))
    g.case(["--help"], transform=norm_usage)
    g.case(["--version"])
    g.case(["--help", "-q"], transform=norm_usage, name="--help then a bad option")
    g.case(["--version", "--help"])
    g.case(["-q", "--help"], transform=norm_usage, name="a bad option then --help")
    return [g]


def build_deep(w):
    """A 300-level chain of 40-byte names: paths far longer than PATH_MAX."""
    name = "d" * 39
    fd = os.open(w, os.O_RDONLY | os.O_DIRECTORY)
    os.mkdir("chain", dir_fd=fd)
    cur = os.open("chain", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
    os.close(fd)
    for i in range(300):
        os.mkdir(name + str(i % 10), dir_fd=cur)
        if i % 50 == 0:
            f = os.open("file", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=cur)
            os.write(f, b"y" * (i * 100 + 1))
            os.close(f)
        nxt = os.open(name + str(i % 10), os.O_RDONLY | os.O_DIRECTORY, dir_fd=cur)
        os.close(cur)
        cur = nxt
    f = os.open("leaf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=cur)
    os.write(f, b"z" * 5000)
    os.close(f)
    os.close(cur)


def teardown_deep(ctx):
    # shutil.rmtree copes with long paths via fds, but be explicit: remove bottom-up by fd.
    sh(f"cd {ctx['workdir']!s} && rm -rf chain")


def deep_groups():
    g = Group("du-deep", "du", setup=lambda ctx: build_deep(ctx["workdir"]), teardown=teardown_deep)
    for opts in [[], ["-a"], ["-s"], ["-d", "3"], ["--inodes"], ["-b", "-a"], ["-S"], ["-c", "-h"],
                 ["-x"], ["-L", "-s"], ["--exclude=*5", "-a"], ["-0", "-a"]]:
        g.case(opts + ["chain"])
        g.case(opts + ["chain"], env=THREADS_PARALLEL, name=" ".join(opts + ["chain"]) + " (threads)")
    return [g]


def build_unreadable(w):
    u = os.path.join(w, "u")
    os.makedirs(os.path.join(u, "ok", "in"))
    _write(os.path.join(u, "ok", "f"), 3000)
    os.makedirs(os.path.join(u, "noperm", "hidden"))
    _write(os.path.join(u, "noperm", "secret"), 9000)
    os.makedirs(os.path.join(u, "xonly", "sub"))
    _write(os.path.join(u, "xonly", "f"), 100)
    os.makedirs(os.path.join(u, "ronly", "sub"))
    _write(os.path.join(u, "ronly", "f"), 100)
    os.makedirs(os.path.join(u, "deep", "a", "b"))
    _write(os.path.join(u, "deep", "a", "b", "f"), 20000)
    os.makedirs(os.path.join(u, "deep", "a", "locked", "x"))
    _write(os.path.join(u, "unreadable-file"), 4000)
    _set_times(u)
    sh(f"chmod -R a+rX {u}")
    os.chmod(os.path.join(u, "noperm"), 0o000)
    os.chmod(os.path.join(u, "xonly"), 0o311)
    os.chmod(os.path.join(u, "ronly"), 0o644)
    os.chmod(os.path.join(u, "deep", "a", "locked"), 0o000)
    os.chmod(os.path.join(u, "unreadable-file"), 0o000)


def unreadable_groups():
    g = Group("du-unreadable", "du", setup=lambda ctx: build_unreadable(ctx["workdir"]))
    for opts in [[], ["-a"], ["-s"], ["-c"], ["-d", "1"], ["-b", "-a"], ["--inodes", "-a"], ["-L", "-a"],
                 ["-S"], ["--exclude=noperm"], ["--time"]]:
        g.case(opts + ["u"], as_user=65534)
        g.case(opts + ["u"], as_user=65534, env=THREADS_PARALLEL, name=" ".join(opts + ["u"]) + " (threads)")
    g.case(["u/noperm"], as_user=65534, compare_stderr=True)
    g.case(["-a", "u/ronly"], as_user=65534, compare_stderr=True)
    g.case(["-a", "u/xonly"], as_user=65534, compare_stderr=True)
    g.case(["u/xonly/f", "u/xonly/sub", "u/xonly/none"], as_user=65534, compare_stderr=True)
    g.case(["u/noperm/secret", "u/ok"], as_user=65534, compare_stderr=True)
    g.case(["-a", "u/deep"], as_user=65534, compare_stderr=True)
    g.case(["-a", "u"], name="-a u (as root: everything readable)")
    g.cases += with_match_all_filters(g.cases)
    return [g]


def build_cycles(ctx):
    w = ctx["workdir"]
    # A bind mount of a directory into its own subtree: GNU du stays silent about the cycle.
    os.makedirs(os.path.join(w, "cyc", "a", "b"))
    _write(os.path.join(w, "cyc", "a", "f"), 7000)
    sh(f"mount --bind {w}/cyc {w}/cyc/a/b")
    # The same on a file system whose source looks remote: not in du's list of mount points,
    # so GNU du reports a corrupted file system.
    os.makedirs(os.path.join(w, "rem"))
    sh(f"mount -t tmpfs -o size=4m host:share {w}/rem")
    os.makedirs(os.path.join(w, "rem", "d", "b"))
    os.makedirs(os.path.join(w, "rem", "d", "c"))
    _write(os.path.join(w, "rem", "d", "c", "f"), 3000)
    sh(f"mount --bind {w}/rem/d {w}/rem/d/b")
    # -x: a tmpfs mounted inside a tree
    os.makedirs(os.path.join(w, "xd", "mnt"))
    _write(os.path.join(w, "xd", "f"), 5000)
    sh(f"mount -t tmpfs -o size=4m tmpfs {w}/xd/mnt")
    os.makedirs(os.path.join(w, "xd", "mnt", "inner"))
    _write(os.path.join(w, "xd", "mnt", "inner", "g"), 8000)
    # A large directory on tmpfs, where gnulib fts keeps readdir order (no inode sort).
    os.makedirs(os.path.join(w, "tbig"))
    sh(f"mount -t tmpfs -o size=64m,nr_inodes=20000 tmpfs {w}/tbig")
    for i in range(10_050):
        open(os.path.join(w, "tbig", f"f{i:05d}"), "wb").close()


def teardown_cycles(ctx):
    w = ctx["workdir"]
    for m in ("cyc/a/b", "rem/d/b", "rem", "xd/mnt", "tbig"):
        subprocess_run(f"umount {w}/{m}")


def subprocess_run(cmd):
    try:
        sh(cmd)
    except RuntimeError:
        pass


def cycle_groups():
    g = Group("du-mounts", "du", unshare=True, needs_root=True, setup=build_cycles, teardown=teardown_cycles)
    for opts in [[], ["-a"], ["-s"], ["-L"], ["-x"], ["-H"], ["-l"], ["--inodes"]]:
        g.case(opts + ["cyc"])
        g.case(opts + ["rem"], compare_stderr=True)
        g.case(opts + ["cyc", "rem", "xd"], env=THREADS_PARALLEL, name=" ".join(opts) + " cyc rem xd (threads)")
    for a in [["cyc", "cyc/a"], ["rem", "rem/d"], ["rem/d/b"], ["-a", "rem/d"], ["-x", "rem/d"],
              ["xd"], ["-a", "xd"], ["-x", "xd"], ["-xa", "xd"], ["-x", "xd/mnt"], ["-xs", "xd", "xd/mnt"],
              ["-c", "-x", "xd", "cyc"], ["-a", "tbig"], ["--inodes", "-a", "tbig"]]:
        g.case(a, compare_stderr=True)
    g.case(["-a", "tbig"], env=THREADS_PARALLEL, name="-a tbig (threads)")
    return [g]


def build_big(w):
    """More entries than gnulib fts's inode-sort threshold (10000) in one directory."""
    big = os.path.join(w, "big")
    os.makedirs(big)
    for i in range(10_050):
        name = os.path.join(big, f"f{i:05d}")
        if i % 1000 == 0:
            os.mkdir(name)
        else:
            open(name, "wb").close()
    os.makedirs(os.path.join(w, "small"))
    for i in range(200):
        open(os.path.join(w, "small", f"g{i}"), "wb").close()


def big_groups():
    g = Group("du-bigdir", "du", setup=lambda ctx: build_big(ctx["workdir"]))
    for opts in [["-a"], [], ["-s"], ["--inodes", "-a", "-d", "1"], ["-a", "-b"], ["--inodes", "-h", "-c"],
                 ["--inodes", "--si", "-s"], ["--inodes", "-t", "5k"], ["--inodes", "-B", "1K", "-s"]]:
        g.case(opts + ["big", "small"])
        g.case(opts + ["big", "small"], env=THREADS_PARALLEL, name=" ".join(opts) + " big small (threads)")
    return [g]


def groups(env):
    yield from main_groups()
    yield from json_groups()
    yield from error_groups()
    yield from deep_groups()
    yield from unreadable_groups()
    yield from cycle_groups()
    yield from big_groups()
