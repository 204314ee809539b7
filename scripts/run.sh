#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Set up, build, then show the procstat tools on this host.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
bin=build/bin
show() {
  printf '\n$ %s\n' "$*"
  "$@" || true
}
for t in ps free df du lsblk findmnt; do
  [ -x "$bin/$t" ] || echo "(procstat $t is not built yet)"
done
[ -x $bin/ps ] && { printf '\n$ ps aux | head\n'; $bin/ps aux | head || true; }
[ -x $bin/free ] && show $bin/free -h
[ -x $bin/df ] && show $bin/df -h
[ -x $bin/du ] && show $bin/du -sh .
[ -x $bin/lsblk ] && show $bin/lsblk
[ -x $bin/findmnt ] && show $bin/findmnt
exit 0
