#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run every test: build (Release and ASan+UBSan), unit tests (ctest), differential compat cases.
#   scripts/test.sh            everything
#   SANITIZE=0 scripts/test.sh skip the sanitizer build
#   FUZZ_SECONDS=N             seconds per libFuzzer target (default 20; 0 skips fuzzing)
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
passed=0
failed=0
skipped=0

count() {  # parse "... N passed, N failed, N skipped" from a summary line
  local line=$1
  local p f s
  p=$(sed -n 's/.* \([0-9]*\) passed.*/\1/p' <<<"$line")
  f=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$line")
  s=$(sed -n 's/.* \([0-9]*\) skipped.*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
}

suite() {  # suite BUILD_DIR LABEL [cmake args]
  local build=$1 label=$2
  shift 2
  echo "== [$label] build"
  if ! scripts/setup.sh "$build" -DPROCSTAT_WERROR=ON "$@"; then
    echo "== [$label] BUILD FAILED"; fail=1; failed=$((failed + 1)); return
  fi
  echo "== [$label] unit tests"
  local out
  out=$(ctest --test-dir "$build" -j "$(nproc)" --output-on-failure 2>&1)
  local rc=$?
  echo "$out" | tail -n 30
  local total nfail
  total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\)/\2/p' <<<"$out")
  nfail=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\)/\1/p' <<<"$out")
  if [ -n "$total" ]; then
    passed=$((passed + total - nfail)); failed=$((failed + nfail))
  fi
  [ $rc = 0 ] || fail=1
  echo "== [$label] compat tests"
  out=$(python3 tests/compat/run.py --build "$build" 2>&1)
  rc=$?
  echo "$out"
  count "$(tail -n 1 <<<"$out")"
  [ $rc = 0 ] || fail=1
}

suite build release
if [ "${SANITIZE:-1}" != 0 ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  suite build-asan asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCSTAT_SANITIZE=ON
fi
if [ "${FUZZ_SECONDS:-20}" != 0 ]; then
  echo "== fuzz targets (${FUZZ_SECONDS:-20}s each)"
  out=$(scripts/fuzz.sh "${FUZZ_SECONDS:-20}" 2>&1)
  rc=$?
  echo "$out"
  count "$(tail -n 1 <<<"$out")"
  [ $rc = 0 ] || fail=1
fi
echo
echo "all: $passed passed, $failed failed, $skipped skipped"
exit $fail
