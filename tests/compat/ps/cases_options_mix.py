# SPDX-License-Identifier: GPL-2.0-or-later
"""ps compat cases for mixing the UNIX, BSD and GNU option syntaxes (issue 3): one or more fixed
cases per class of divergence found by explore_mix.py and fixed, so that none comes back.

Loaded by cases.py (add_cases); the placeholders (@ALL, @SLEEP, @NICE, @THREADS, @TREE, ...)
are the processes that group starts. The classes:
- what -O preloads (UNIX -O ends in args, BSD O in comm, whatever else is given), and -o after
  -O appending to the preloaded list;
- procps' second parse: a command line that fails is parsed again with "-xyz" read as BSD
  "xyz" ("ps -aux", "-f -o pid" = forest, "-O pid -c" = "O pid c", "-e -o args -f" = BSD e);
  a BSD word other than a PID makes that second parse fail, and the first error is shown;
- the conflicts and their order (format options against user formats, BSD formats against -f,
  -l, -F; threads against forests; q/-q and forest before sort; one sort and one heading
  option; BSD a/x/g against -a/-d), -V/V/--version exclusive, bare PID lists and the words
  after a bare PID; BSD T without a terminal;
- the UNIX output modifiers -j -L -T -M -y -c applied to the BSD formats u v j l s X, and the
  COMMAND/CMD column of SysV formats mixed with BSD options; BSD M (threads, like m), BSD Z;
- BSD O decided at the end (sort keys unless something else sorts, else the first format);
- thread modes with a sort order (one row per process, but for H); -fL with -c;
- the bsd, old, gnu and s390 personalities' defaults with GNU-only or mixed options.
"""


def add_cases(case, sel):
    # cases.py's keep_ours (header plus the rows of the group's PIDs), from case's module
    keep_ours = case.__globals__["keep_ours"]
    # --- -O preloads: "pid,KEYS,s,tname,time" then args (UNIX -O) or comm (BSD O)
    for a in (["-O", "time", "S"], ["S", "-O", "time"], ["-O", "tty", "S"], ["f", "-O", "pid"], ["-O", "pid", "f"],
              ["-O", "pid,comm", "f"], ["-O", "pid", "c"], ["-O", "pid", "w"], ["-O", "pid", "--forest"],
              ["-O", "pid", "-H"], ["-O", "pid", "-L"], ["-O", "pid", "-m"], ["O", "pid"], ["O", "pid", "-L"],
              ["O", "pid", "-H"], ["-O", "pid"]):
        case(a + ["-p", "@NICE,@SLEEP"], name="mix preload " + " ".join(a))
    case(["-O", "pid", "x"], transform=keep_ours, name="mix preload -O pid x")
    # "-f -O" and "-O -c" fail first and become BSD "f O" and "O c": comm at the end
    for a in (["-f", "-O", "pid"], ["-O", "pid", "-f"], ["-ff", "-O", "pid"], ["-O", "pid", "-ff"],
              ["-O", "pid,args", "-f"], ["-O", "pid", "-c"], ["-O", "pid", "-fc"], ["-O", "pid", "-M"],
              ["-f", "-O", "pid", "--forest"], ["-f", "-O", "pid", "--sort=pid"]):
        case(a + ["-p", "@NICE,@SLEEP"], name="mix preload second parse " + " ".join(a))
    # -o/o/--format after -O/O: appended after the preloaded list
    for a in (["-O", "pid", "-o", "time"], ["O", "pid", "o", "time"], ["O", "pid", "-o", "time"],
              ["-O", "pid", "o", "time"], ["-O", "pid", "--format", "time,nice"], ["-O", "pid,ni", "-o", "time", "-o", "ppid"],
              ["-f", "-O", "pid", "-o", "time"], ["-O", "pid", "c", "-o", "time"]):
        case(a + ["-p", "@NICE,@SLEEP"], name="mix preload then -o " + " ".join(a))
    for a in (["-o", "time", "-O", "pid"], ["-O", "pid", "-O", "tty"], ["O", "pid", "O", "tty"], ["o", "time", "O", "pid"],
              ["-O", "pid", "O", "tty"], ["-o", "pid", "O", "tty"], ["o", "pid", "-O", "tty"]):
        case(a + ["-p", "@SLEEP"], name="mix preload order error " + " ".join(a))
    # ... but O with obsolete sort keys may follow a format
    for a in (["o", "thcount", "O", "f"], ["-o", "pid,comm", "O", "-p"], ["o", "pid", "O", "Pp"]):
        case(a + ["-p", "@SLEEP,@NICE"], name="mix format then O sort " + " ".join(a))
    # with --sort or k, BSD O is a format (the first one) when it can be one
    for a in (["k", "comm", "O", "group"], ["k", "comm", "O", "pid"], ["k", "comm", "O", "p"], ["--sort", "pid", "O", "group"],
              ["O", "group", "k", "comm"], ["O", "group", "--sort", "pid"], ["o", "pid", "k", "comm", "O", "group"],
              ["O", "pid", "-O", "tty"], ["O", "pid,foo"], ["O", "foo"], ["O", "p,P"], ["O", "pid", "-c"]):
        case(a + ["-p", "@SLEEP,@NICE"], name="mix BSD O sort or format " + " ".join(a))
    for a in (["O", "p", "O", "P"], ["O", "pid", "O", "s"], ["O", "s", "O", "pid"], ["-m", "O", "pid", "--format", "ni,opri", "O", "s"],
              ["O", "p", "O", "pid"], ["O", "pid", "O", "pid"]):
        case(a + ["-p", "@SLEEP,@NICE"], name="mix BSD O twice " + " ".join(a))
    # the second parse reads a dashed -m as a format, which conflicts with -o/-O
    for a in (["-Tw", "-O", "class", "-m"], ["-L", "-o", "pid", "-m"], ["-mT", "-o", "pid,tid"]):
        case(a + ["-p", "@THREADS,@SLEEP"], name="mix second parse -m " + " ".join(a))
    # BSD Z: the security label, as -Z
    for a in (["Z"], ["vZ"], ["uZ"], ["Z", "-o", "pid"], ["jZ"], ["Z", "-L"]):
        case(a + ["-p", "@THREADS,@SLEEP"], name="mix BSD Z " + " ".join(a))

    # --- procps' second parse, with -xyz read as BSD options
    case(["-aux"], transform=keep_ours, name="mix -aux (as aux)")
    case(["-aux", "--forest"], transform=keep_ours, name="mix -aux --forest")
    case(["-aux", "@SLEEP"], transform=keep_ours, name="mix -aux PID")
    for a in (["-f", "-o", "pid,args"], ["-o", "pid,args", "-f"], ["-f", "-o", "pid,comm,args"], ["-o", "pid", "-c"],
              ["-o", "pid,args", "-fc"], ["-o", "pid", "-f", "-w"], ["-o", "pid", "-f", "--no-headers"],
              ["-o", "pid,args", "-f", "--forest"], ["-k", "-pid", "-o", "pid"],
              ["-o", "pid", "-M"], ["-o", "pid,comm", "-f", "-p"]):
        pid_sel = [] if a[-1] == "-p" else ["-p"]
        case(a + pid_sel + ["@TREE"], name="mix second parse " + " ".join(a))
    case(["-o", "pid,args", "-f", "-p@SLEEP"], name="mix second parse -p attached")
    case(["-o", "pid,args", "-f", "@SLEEP"], name="mix second parse bare PID")
    case(["-o", "pid", "-f", "--pid", "@SLEEP"], name="mix second parse --pid")
    # BSD e: the environment after the command (only that the two agree on one process)
    case(["-e", "-o", "pid,args", "-f", "-p", "@SLEEP"], name="mix second parse -e is BSD e")
    # the second parse fails: the first error is reported
    for a in (["-f", "-O", "pid", "x"], ["-f", "-o", "pid,cmd", "x"], ["-f", "-O", "pid", "S"], ["-o", "pid", "-f", "x"],
              ["-f", "-o", "pid", "c"], ["-o", "pid", "-fL"], ["-o", "pid", "-fH"], ["-o", "pid", "-fm"],
              ["-o", "pid", "-fj"], ["-o", "pid", "-f", "-N"], ["-o", "pid", "-f", "-C", "sleep"],
              ["-o", "pid", "-f", "-u", "root"], ["-o", "pid", "-c", "S"], ["O", "pid", "-c"], ["O", "pid", "-ff"],
              ["O", "pid", "-M"], ["-o", "pid", "-y"], ["-o", "pid", "-j"], ["-aux", "x"], ["-aux", "-o", "pid", "x"],
              ["-y", "-f"], ["-o", "pid", "-z"]):
        case(a + ["-p", "@SLEEP"], name="mix failing second parse " + " ".join(a))
    # forest and threads
    for a in (["f", "H"], ["f", "m"], ["--forest", "-L"], ["-H", "-L"], ["f", "-T"], ["-H", "m"], ["f", "M"],
              ["-H", "H"], ["--forest", "H"], ["-L", "-T", "--forest"], ["-L", "-T", "m", "-m"],
              ["m", "-m", "-L", "-T"], ["m", "-m"], ["-m", "m"], ["m", "-m", "--forest"], ["H", "-m", "--forest"],
              ["H", "m", "-L", "-T"], ["m", "-m", "H"], ["-L", "m", "-o", "pid", "-m"], ["f", "-L", "-T"]):
        case(a + ["-p", "@THREADS"], name="mix forest and threads " + " ".join(a))
    # the q checks of the second parse are printed as they are
    for a in (["-o", "pid", "-f", "-q", "@SLEEP"], ["-q", "@SLEEP", "-o", "pid", "-f"],
              ["-q", "@SLEEP", "-f", "--sort", "pid", "-o", "pid"], ["-q", "@SLEEP", "--sort", "pid", "--forest"],
              ["-q", "@SLEEP", "-o", "pid", "-f", "-p", "1"], ["-q", "@SLEEP", "r"], ["-q", "@SLEEP", "-N"],
              ["-q", "@SLEEP", "--deselect"], ["-q", "@SLEEP", "-N", "-p", "1"], ["-q", "@SLEEP", "-N", "--forest"],
              ["-q", "@SLEEP", "-N", "--sort", "pid"], ["-q", "@SLEEP", "g"], ["-q", "@SLEEP", "a"]):
        case(a, name="mix quick-pid " + " ".join(a))

    # --- bare PID lists, -V exclusive
    for a in (["@SLEEP,@NICE"], ["@SLEEP,"], ["@SLEEP", "@NICE"], ["@SLEEP" + "x"], ["-V", "-p", "@SLEEP"], ["x", "-V"],
              ["V", "-V"], ["-VV"], ["--version", "-p", "1"], ["-V"], ["V"], ["--version"]):
        case(a, name="mix args " + " ".join(a))

    # --- one sort option, one heading option, selections that conflict, BSD T without a tty
    for a in (["--sort", "pid", "--sort", "ppid"], ["k", "pid", "k", "ppid"], ["k", "pid", "--sort", "pid"],
              ["--sort=pid", "k", "pid"], ["O", "p", "--sort", "pid"], ["--sort", "pid", "O", "p"], ["O", "p", "k", "pid"],
              ["h", "h"], ["--headers", "--headers"], ["h", "--headers"], ["--no-headers", "h"],
              ["--no-headers", "--no-heading"], ["x", "-a"], ["a", "-a"], ["-a", "x"], ["g", "-a"], ["-a", "g"],
              ["-d", "x"], ["x", "-d"], ["g", "-d"], ["-e", "-a", "x"]):
        case(a + ["-p", "@SLEEP"], name="mix conflicts " + " ".join(a))
    for a in (["-a", "-x"], ["x", "-e"], ["-A", "a"]):
        case(a + ["-p", "@SLEEP"], transform=keep_ours, name="mix no conflict " + " ".join(a))
    case(["T", "-p", "@SLEEP"], transform=keep_ours, name="mix BSD T without a tty")
    case(["T", "-o", "pid,tty,comm"], transform=keep_ours, name="mix BSD T without a tty -o")
    # a bare PID makes the words after it PIDs
    for a in (["@SLEEP", "-f"], ["@SLEEP", "-o", "pid"], ["@SLEEP", "x"], ["@SLEEP", "@NICE", "-f"], ["@SLEEP", "@NICE"],
              ["@SLEEP", "-aux"], ["@SLEEP", "-u", "root"], ["@SLEEP", "--forest"], ["@SLEEP", "-L", "-T"],
              ["-L", "-T", "@SLEEP"], ["-u", "no_such_user_x", "@SLEEP"], ["-ef", "-o", "pid", "@SLEEP"]):
        case(a, name="mix bare PID " + " ".join(a))

    # --- BSD formats with the UNIX output modifiers
    for b in ("u", "v", "j", "l", "s", "X"):
        for m in ("-j", "-L", "-T", "-y", "-jL", "-jT", "-H", "-f", "-F", "-l", "-ly", "-c"):
            case([b, m, "-p", "@THREADS,@SLEEP"], name=f"mix BSD {b} with {m}")
    for a in (["l", "-cj"], ["l", "-cL"], ["l", "-cy"], ["u", "-jLT"], ["j", "-jLT"], ["-L", "u", "-j"]):
        case(a + ["-p", "@THREADS,@SLEEP"], name="mix BSD modifiers " + " ".join(a))
    # SysV formats with BSD options: the command column (COMMAND, but CMD for -f and -l)
    for u in ("-j", "-c", "-T", "-L", "-l", "-f", "-F", "-jf", "-fL", "-fc", "-lf", "-ly", "-M", "-lj", "-jL"):
        case([u, "S", "-p", "@THREADS,@NICE"], name=f"mix SysV {u} with BSD S")
        case([u, "c", "-p", "@THREADS,@NICE"], name=f"mix SysV {u} with BSD c")
    # -c with -fL (NLWP before CLS PRI), H with m
    for a in (["-fLc"], ["-FLc"], ["-lfLc"], ["-jfLc"], ["-M", "-c", "S", "-fL"], ["H", "m"], ["H", "-m"], ["nHm"],
              ["-L", "-T", "-m", "-o", "pid"], ["H", "-m", "-L", "-o", "pid"], ["-L", "m", "-o", "pid", "--forest"],
              ["-L", "m"], ["-T", "H", "-o", "pid"], ["-L", "-O", "pid", "m"], ["H", "-L", "-o", "pid"]):
        case(a + ["-p", "@THREADS,@SLEEP"], name="mix threads " + " ".join(a))
    # the bsd and old personalities take the BSD defaults with GNU options only; gnu the BSD
    # default selection (a terminal needed: none of the group's processes has one)
    for pers in ("bsd", "old", "gnu"):
        for a in (["--pid", "@SLEEP"], ["--forest", "--pid", "@TREE"], ["--sort=-pid", "--pid", "@ALL"], ["-L"]):
            case(a, env={"PS_PERSONALITY": pers}, transform=keep_ours if a[0] == "-L" else None,
                 name=f"mix PS_PERSONALITY={pers} " + " ".join(a))
        case([], env={"PS_PERSONALITY": pers}, transform=keep_ours, name=f"mix PS_PERSONALITY={pers} default selection")
    # the s390 personality's -j formats, with BSD options too
    for a in (["-j"], ["-j", "S"], ["-fj"], ["-Fj"], ["-jl"], ["-fjL"], ["-jf", "S"], ["-fj", "-w"]):
        case(a + ["-p", "@THREADS,@SLEEP"], env={"PS_PERSONALITY": "s390"}, name="mix s390 " + " ".join(a))
    # thread modes with a sort order: one row per process, except for H
    for a in (["m", "--sort=pid"], ["-m", "--sort=pid"], ["-L", "--sort=pid"], ["m", "k", "-pid"], ["-T", "k", "-pid"],
              ["H", "--sort=pid"], ["-m", "-o", "pid,tid,stat,nlwp", "--sort=-pid"], ["--sort", "pid,stat", "-F", "-m", "-L"],
              ["--sort", "-nlwp", "-fL"], ["-L", "-o", "pid,lwp,nlwp,comm", "--sort=-lwp"], ["M", "--sort=-comm"]):
        case(a + ["-p", "@THREADS,@SLEEP"], name="mix threads sorted " + " ".join(a))
    # BSD M: threads after their process, as m
    for a in (["M"], ["Mj"], ["-f", "M"], ["M", "-o", "pid,tid,comm"], ["-O", "pid", "-M"]):
        case(a + ["-p", "@THREADS,@SLEEP"], name="mix BSD M " + " ".join(a))
