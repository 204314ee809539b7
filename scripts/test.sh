#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run every test: Release and ASan+UBSan builds, each with the unit tests (ctest), the
# differential compat cases and the filter-language end-to-end tests; robustness (churn and
# hostile inputs) on the sanitizer build (clang when present, which also builds the libFuzzer
# targets); bounded libFuzzer runs; clang-tidy and cppcheck.
#   scripts/test.sh                everything
#   SANITIZE=0 scripts/test.sh     skip the sanitizer build
#   FUZZ_SECONDS=N                 seconds per libFuzzer target (default 10; 0 skips fuzzing)
#   LINT=0                         skip clang-tidy/cppcheck
# Prints each stage's own summary and a closing "all: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
passed=0
failed=0
skipped=0
started=$(date +%s)

count() {  # add up "N passed, N failed[, N skipped]" from a summary line
  local line=$1 p f s
  p=$(sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p' <<<"$line")
  f=$(sed -n 's/.*\b\([0-9][0-9]*\) failed.*/\1/p' <<<"$line")
  s=$(sed -n 's/.*\b\([0-9][0-9]*\) skipped.*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
}

stage() {  # stage LABEL COMMAND...: run, show output, count its last summary line
  local label=$1
  shift
  echo "== $label ($(( $(date +%s) - started ))s)"
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  echo "$out"
  local summary
  summary=$(grep -E '[0-9]+ passed, [0-9]+ failed' <<<"$out" | tail -n 1)
  if [ -n "$summary" ]; then
    count "$summary"
  elif [ $rc != 0 ]; then
    failed=$((failed + 1))
  fi
  if [ $rc != 0 ]; then
    fail=1
    echo "== $label FAILED (exit $rc)"
  fi
}

ctest_summary() {  # ctest, then its result as "N passed, N failed"
  local out rc total nfail
  out=$(ctest --test-dir "$1" -j "$(nproc)" --output-on-failure 2>&1)
  rc=$?
  echo "$out" | grep -v -E '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed' | tail -n 40
  total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\)/\2/p' <<<"$out")
  nfail=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\)/\1/p' <<<"$out")
  echo "unit: $((${total:-0} - ${nfail:-0})) passed, ${nfail:-0} failed"
  return $rc
}

suite() {  # suite BUILD_DIR LABEL EXTRA_STAGES [cmake args]
  local build=$1 label=$2 extra=$3
  shift 3
  echo "== [$label] build ($(( $(date +%s) - started ))s)"
  if ! scripts/setup.sh "$build" -DPROCSTAT_WERROR=ON "$@"; then
    echo "== [$label] BUILD FAILED"; fail=1; failed=$((failed + 1)); return
  fi
  stage "[$label] unit tests" ctest_summary "$build"
  stage "[$label] compat tests" python3 tests/compat/run.py --build "$build" "${compat_args[@]}"
  stage "[$label] filter language" python3 tests/filter/run_filter.py --build "$build"
  if [ "$extra" = robustness ]; then
    stage "[$label] robustness" python3 tests/robustness/run.py --build "$build"
  fi
}

compat_args=()
suite build release none
# The sanitizer suite leaves out the compat re-runs with a match-all -Q/--check (they show that
# our new options never change stdout, which the release suite already proves; the filter
# code itself runs under the sanitizers in tests/filter and the fuzz targets). It also leaves out
# ps' option-mixing regressions (the parser runs under the sanitizers in fuzz_ps_options and
# unit_ps_options) and the pid_max and 60-row cases (bind mounts and extra processes per case
# for one width rule and one header rule, both unit-tested under the sanitizers).
compat_args=(--exclude " match-all]" --exclude "ps-procs mix " --exclude "ps-procs pid_max=" --exclude "ps-procs 60 rows")
fuzz_build=build-fuzz
if [ "${SANITIZE:-1}" != 0 ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  if command -v clang++ >/dev/null; then
    # One clang tree for the sanitizer suite and the libFuzzer targets: the libraries are
    # compiled once (with fuzzer-no-link coverage, which the tools simply ignore) instead of
    # twice, the largest single saving of CI time.
    if [ -f build-asan/CMakeCache.txt ] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang' build-asan/CMakeCache.txt; then
      rm -rf build-asan  # configured with g++ by an older version of this script
    fi
    CXX=clang++ suite build-asan asan robustness -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPROCSTAT_SANITIZE=ON -DPROCSTAT_FUZZ=ON
    fuzz_build=build-asan
  else
    suite build-asan asan robustness -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROCSTAT_SANITIZE=ON
  fi
  unset ASAN_OPTIONS UBSAN_OPTIONS
fi
if [ "${FUZZ_SECONDS:-10}" != 0 ]; then
  stage "fuzz targets (${FUZZ_SECONDS:-10}s each)" env FUZZ_BUILD="$fuzz_build" scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
fi
if [ "${LINT:-1}" != 0 ]; then
  stage "lint" scripts/lint.sh build
fi
echo
echo "== done in $(( $(date +%s) - started ))s"
echo "all: $passed passed, $failed failed, $skipped skipped"
exit $fail
