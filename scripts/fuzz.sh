#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the libFuzzer targets with clang (ASan+UBSan) and run each one for a bounded time.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 20 s, every target)
# Inputs: tests/fuzz/corpus/<target>/ (seeds) and tests/fuzz/regressions/<target>/ (every crash
# found so far; replayed first). A new crash is saved as $FUZZ_BUILD/fuzz/crash-* and fails the run.
# FUZZ_BUILD: the build tree to use (default build-fuzz, configured here when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
shift || true
build=${FUZZ_BUILD:-build-fuzz}   # any clang tree configured with -DPROCSTAT_FUZZ=ON will do
if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ missing (scripts/setup.sh installs it)"; echo "fuzz: 0 passed, 1 failed"; exit 1
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  CXX=clang++ cmake -S . -B "$build" $(command -v ninja >/dev/null && echo -G Ninja) \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCSTAT_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null || exit 1
fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
if ! cmake --build "$build" -j "$(nproc)" --target "${targets[@]}" >"$build/fuzz-build.log" 2>&1; then
  grep -E -A5 'error|FAILED' "$build/fuzz-build.log" | head -n 40
  echo "fuzz: build failed"; echo "fuzz: 0 passed, 1 failed"; exit 1
fi
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run_target() {  # run one target; writes $work/$t.status (ok/fail) and logs
  local t=$1 bin="$build/fuzz/$1" corpus="$work/$1" ok=1
  mkdir -p "$corpus"
  [ -d "tests/fuzz/corpus/$t" ] && cp -r "tests/fuzz/corpus/$t/." "$corpus/"
  if [ -d "tests/fuzz/regressions/$t" ] && [ -n "$(ls -A "tests/fuzz/regressions/$t")" ]; then
    "$bin" -runs=0 "tests/fuzz/regressions/$t"/* >"$work/$t.replay" 2>&1 || ok=0
  fi
  if ((ok)); then
    (cd "$build/fuzz" && "./$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus") >"$work/$t.log" 2>&1 || ok=0
  fi
  if ((ok)); then echo ok >"$work/$t.status"; else echo fail >"$work/$t.status"; fi
}
# One target per core at a time.
jobs_max=$(nproc)
for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n; done
  run_target "$t" &
done
wait
for t in "${targets[@]}"; do
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" 2>/dev/null | tail -1)
  if [ "$(cat "$work/$t.status" 2>/dev/null)" = ok ]; then
    passed=$((passed + 1)); echo "fuzz: $t ok (${execs:-0} executions in ${secs}s)"
  else
    failed=$((failed + 1)); echo "fuzz: $t FAILED"
    tail -n 30 "$work/$t.replay" "$work/$t.log" 2>/dev/null | grep -v '^#' | head -40
  fi
done
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
