#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Reference for df's own extras, derived from GNU df's output on the same system.

PROCSTAT_REF_MODE=json: run GNU df -B1 with the given arguments (which must include an --output
field list) and print the document our --json promises ({"filesystems": [...]}, sizes in bytes,
percentages as numbers, "-" as null).
PROCSTAT_REF_MODE=sort PROCSTAT_REF_SORT=KEYS: run GNU df and order its rows (not the header or
the total) by the --sort KEYS our df takes: field names of --output, '-' for descending, numbers
compared as numbers (after -B1), unknown values first, ties in GNU's order.
The data rows must not contain blanks (use simple mount point names).
"""
import json
import os
import subprocess
import sys

FIELDS = ["source", "fstype", "itotal", "iused", "iavail", "ipcent", "size", "used", "avail",
          "pcent", "file", "target"]
TEXT = {"source", "fstype", "file", "target"}


def run_df(args):
    p = subprocess.run(["/usr/bin/df"] + args, stdout=subprocess.PIPE)
    return p.returncode, p.stdout


def output_fields(args):
    for a in args:
        if a.startswith("--output="):
            return a.split("=", 1)[1].split(",")
        if a == "--output":
            return FIELDS
    sys.exit("ref_df.py: needs --output")


def value(field, cell):
    if field in TEXT:
        return cell
    if cell == "-":
        return None
    return int(cell.rstrip("%"))


def main():
    args = sys.argv[1:]
    mode = os.environ.get("PROCSTAT_REF_MODE")
    if mode == "json":
        fields = output_fields(args)
        rc, out = run_df(["-B1"] + args)
        rows = [l.split() for l in out.decode().splitlines()[1:]]
        doc = {"filesystems": [{f: value(f, c) for f, c in zip(fields, r)} for r in rows]}
        sys.stdout.write(json.dumps(doc, indent=3, ensure_ascii=False) + "\n")
        return rc
    if mode == "sort":
        fields = output_fields(args)
        rc, out = run_df(args)
        lines = out.decode().splitlines(keepends=True)
        if not lines:
            return rc
        head, body = lines[0], lines[1:]
        total = [l for l in body if l.split()[0] == "total"]
        body = [l for l in body if l.split()[0] != "total"]
        # Sort by the last key first (stable sorts compose into a multi-key order).
        for key in reversed(os.environ["PROCSTAT_REF_SORT"].split(",")):
            desc = key.startswith("-")
            name = key.lstrip("+-")
            col = fields.index(name)

            def k(line, name=name, col=col):
                v = value(name, line.split()[col])
                if name in TEXT:
                    return v.encode()
                return (0, 0) if v is None else (1, v)
            body.sort(key=k, reverse=desc)
        sys.stdout.write(head + "".join(body) + "".join(total))
        return rc
    sys.exit("ref_df.py: PROCSTAT_REF_MODE must be json or sort")


if __name__ == "__main__":
    sys.exit(main())
