#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run the differential (compat) cases: ours vs the reference tool, byte for byte.

usage: run.py --build DIR [--tool TOOL ...] [-k SUBSTRING] [--exclude SUBSTRING] [-v] [--jobs N]
(-k keeps only the cases whose "group label" contains SUBSTRING, --exclude drops those that do;
--exclude may be given several times)
Prints failures with a diff, per-tool counts, and a closing "compat: N passed, N failed, N skipped".
Exit status 1 when anything failed.
"""
import argparse
import concurrent.futures
import difflib
import importlib.util
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def load_groups(tool, env):
    path = os.path.join(HERE, tool, "cases.py")
    spec = importlib.util.spec_from_file_location(f"compat_{tool}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return list(mod.groups(env))


def tools_available():
    return sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "cases.py")))


def filter_group(g, pattern, exclude=None):
    if pattern:
        g.cases = [c for c in g.cases if pattern in f"{g.name} {c.label()}"]
    for x in exclude or ():
        g.cases = [c for c in g.cases if x not in f"{g.name} {c.label()}"]
    return g


def run_in_namespace(args, tool, gname):
    cmd = ["unshare", "-m", "--propagation", "private", sys.executable, os.path.abspath(__file__),
           "--build", args.build, "--tool", tool, "--inner", gname]
    if args.k:
        cmd += ["-k", args.k]
    for x in args.exclude or ():
        cmd += ["--exclude", x]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        return json.loads(p.stdout.decode())
    except ValueError:
        return [{"group": gname, "case": "(namespace)", "tool": tool, "status": "fail",
                 "why": f"namespace runner failed ({p.returncode}): {p.stderr.decode(errors='replace')[-2000:]}"}]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--tool", action="append")
    ap.add_argument("-k")
    ap.add_argument("--exclude", action="append")  # repeatable
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--inner")  # internal: run one group inside an unshared namespace
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    env = harness.Env(build_dir=args.build)

    if args.inner:
        tool = args.tool[0]
        gs = [g for g in load_groups(tool, env) if g.name == args.inner]
        out = []
        for g in gs:
            subprocess.run(["mount", "--make-rprivate", "/"], check=False)
            out += harness.run_group(env, filter_group(g, args.k, args.exclude))
        print(json.dumps(out))
        return 0

    tools = args.tool or tools_available()
    is_root = os.geteuid() == 0
    jobs = []
    for tool in tools:
        for g in load_groups(tool, env):
            g = filter_group(g, args.k, args.exclude)
            if g.cases:
                jobs.append((tool, g))

    def work(item):
        tool, g = item
        if (g.unshare or g.needs_root) and not is_root:
            return [{"group": g.name, "case": c.label(), "tool": tool, "status": "skip",
                     "why": "needs root"} for c in g.cases]
        if g.unshare:
            return run_in_namespace(args, tool, g.name)
        return harness.run_group(env, g)

    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for r in ex.map(work, jobs):
            results += r

    counts = {}
    for r in results:
        c = counts.setdefault(r["tool"], {"pass": 0, "fail": 0, "skip": 0})
        c[r["status"]] += 1
        if r["status"] == "fail":
            print(f"FAIL {r['tool']} [{r['group']}] {r['case']}: {r['why']}")
            if "ref_out" in r:
                diff = difflib.unified_diff(r["ref_out"].splitlines(), r["our_out"].splitlines(),
                                            "reference", "ours", lineterm="", n=1)
                lines = list(diff)
                for line in lines[:40]:
                    print("    " + line)
                if len(lines) > 40:
                    print(f"    ... {len(lines) - 40} more diff lines")
                if r.get("our_err") or r.get("ref_err"):
                    print(f"    reference stderr: {r['ref_err'][:300]!r}")
                    print(f"    ours stderr:      {r['our_err'][:300]!r}")
        elif r["status"] == "skip" and args.v:
            print(f"SKIP {r['tool']} [{r['group']}] {r['case']}: {r['why']}")
        elif args.v:
            print(f"ok   {r['tool']} [{r['group']}] {r['case']}")
    total = {"pass": 0, "fail": 0, "skip": 0}
    for tool in sorted(counts):
        c = counts[tool]
        print(f"{tool}: {c['pass']} passed, {c['fail']} failed, {c['skip']} skipped")
        for k in total:
            total[k] += c[k]
    print(f"compat: {total['pass']} passed, {total['fail']} failed, {total['skip']} skipped")
    return 1 if total["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
