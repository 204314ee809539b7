#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Static analysis of the project's code: clang-tidy (checks in .clang-tidy, warnings are errors)
# and cppcheck. Needs a configured build directory for compile_commands.json.
#   scripts/lint.sh [BUILD_DIR [FILE...]]   (default: build; every .cpp of the library and tools)
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
passed=0
failed=0
if [ ! -f "$build/compile_commands.json" ]; then
  echo "lint: $build/compile_commands.json missing (run scripts/setup.sh first)"
  echo "lint: 0 passed, 1 failed"; exit 1
fi
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'libprocstat/src/*.cpp' 'tools/*.cpp')
fi

tidy=$(command -v clang-tidy || command -v clang-tidy-14 || true)
if [ -n "$tidy" ]; then
  out=$(printf '%s\0' "${files[@]}" | xargs -0 -n 4 -P "$(nproc)" "$tidy" -p "$build" --quiet 2>&1)
  if grep -qE '(warning|error):' <<<"$out"; then
    grep -E -A3 '(warning|error):' <<<"$out" | head -n 80
    echo "lint: clang-tidy FAILED"; failed=$((failed + 1))
  else
    echo "lint: clang-tidy clean (${#files[@]} files)"; passed=$((passed + 1))
  fi
else
  echo "lint: clang-tidy missing"; failed=$((failed + 1))
fi

if command -v cppcheck >/dev/null; then
  if cppcheck --quiet --enable=warning,performance,portability --error-exitcode=1 --inline-suppr \
      --std=c++20 -I libprocstat/include -I tools/common/include --suppress=missingIncludeSystem \
      -j "$(nproc)" "${files[@]}" 2>&1 | tail -n 40; then
    echo "lint: cppcheck clean"; passed=$((passed + 1))
  else
    echo "lint: cppcheck FAILED"; failed=$((failed + 1))
  fi
else
  echo "lint: cppcheck missing"; failed=$((failed + 1))
fi
echo "lint: $passed passed, $failed failed"
((failed == 0))
