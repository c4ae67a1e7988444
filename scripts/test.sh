#!/usr/bin/env bash
# The test command (README, .ci/run): installs the dependencies, builds and runs every test.
#
#   1. install-deps     scripts/install-deps.sh (apt-get only; instant when all is there)
#   2. dev              configure + build the `dev` preset (GCC, Debug, -Werror), benchmarks too
#   3. dev tests        ctest, every label except fuzz (the classification quality gate,
#                       scripts/quality-gate.sh, is an integration test)
#   4. asan             configure + build the `asan` preset (clang-14, ASan+UBSan, libFuzzer)
#   5. asan unit tests  ctest -L unit under the sanitizers
#   6. fuzz             ctest -L fuzz: each fuzz target for OPENCEIR_FUZZ_SECONDS seconds
#   7. layering         tools/check_layering.sh (component dependency direction)
#   8. clang-format     every git-tracked C++ file must be formatted (.clang-format, clang-format-14)
#
# Every step runs even when an earlier one failed (a step that needs a failed build is
# skipped), so one run shows everything that is wrong. The last line is
# "N passed, N failed": the ctest results summed, plus one entry for each check (layering,
# clang-format) and one failure for each configure or build that failed. Exit status 0 only
# when nothing failed.
#
# Environment (all optional):
#   OPENCEIR_JOBS=2           parallel build and test jobs
#   OPENCEIR_BUILD_PREFIX=build/   build folders are ${prefix}dev and ${prefix}asan
#   OPENCEIR_ONLY="base;identifiers"   build only these component folders (see CMakeLists.txt)
#   OPENCEIR_FUZZ_SECONDS=10  seconds per fuzz target
#   OPENCEIR_SKIP="asan fuzz" steps to leave out (install-deps dev asan layering format)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs="${OPENCEIR_JOBS:-2}"
prefix="${OPENCEIR_BUILD_PREFIX:-build/}"
only="${OPENCEIR_ONLY:-}"
fuzz_seconds="${OPENCEIR_FUZZ_SECONDS:-10}"
skip=" ${OPENCEIR_SKIP:-} "
dev_dir="${prefix}dev"
asan_dir="${prefix}asan"
log_dir="${prefix}test-logs"
mkdir -p "${log_dir}"

passed=0
failed=0
results=()  # "step|outcome|seconds"

# Runs one named step: banner, timing, outcome. Returns the step's status without exiting.
run_step() {
  local name="$1"
  shift
  if [[ "${skip}" == *" ${name} "* ]]; then
    printf '\n=== [%s] %s: skipped (OPENCEIR_SKIP)\n' "$(date +%H:%M:%S)" "${name}"
    results+=("${name}|skipped|0")
    return 0
  fi
  printf '\n=== [%s] %s\n' "$(date +%H:%M:%S)" "${name}"
  local start=${SECONDS} status=0
  "$@" || status=$?
  local took=$((SECONDS - start))
  if ((status == 0)); then
    printf '=== %s: ok (%ds)\n' "${name}" "${took}"
    results+=("${name}|ok|${took}")
  else
    printf '=== %s: FAILED with status %d (%ds)\n' "${name}" "${status}" "${took}"
    results+=("${name}|FAILED|${took}")
  fi
  return "${status}"
}

# Adds the counts of a ctest log ("NN% tests passed, F tests failed out of T") to the totals.
# A ctest that printed no summary (it could not run) counts as one failure.
count_ctest() {
  local log="$1" line total bad
  line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "${log}" | tail -n 1 || true)"
  if [[ -z "${line}" ]]; then
    failed=$((failed + 1))
    return
  fi
  bad="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"${line}")"
  total="$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"${line}")"
  passed=$((passed + total - bad))
  failed=$((failed + bad))
}

# Counts a check (or a configure/build) as one entry: a check counts when it passes too.
count_check() {  # status counts_when_ok
  if (($1 == 0)); then
    ((${2} == 1)) && passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
  return 0
}

configure_and_build() {  # preset dir [target]: the whole tree, or just `target`
  cmake --preset "$1" -B "$2" -DOPENCEIR_ONLY="${only}" \
    -DOPENCEIR_FUZZ_SECONDS="${fuzz_seconds}" &&
    cmake --build "$2" -j "${jobs}" ${3:+--target "$3"}
}

run_ctest() {  # dir log ctest-args...
  local dir="$1" log="$2"
  shift 2
  # Sanitizers: stop at the first error, with a stack. Never hang on a stuck test.
  ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    ctest --test-dir "${dir}" --output-on-failure --no-tests=error -j "${jobs}" \
    --timeout 900 "$@" 2>&1 | tee "${log}"
}

# Only files tracked by git are checked (a colleague's untracked work in progress is not),
# and always with Debian 12's clang-format-14: another version formats some constructs
# differently, so the result would depend on the machine.
check_format() {
  local files=() bad=() f
  local format_bin="clang-format-14"
  if ! command -v "${format_bin}" >/dev/null 2>&1; then
    echo "clang-format: ${format_bin} not found (scripts/install-deps.sh installs it)"
    return 1
  fi
  "${format_bin}" --version
  mapfile -t files < <(git ls-files -- '*.cc' '*.h' '*.cpp' '*.hpp')
  for f in "${files[@]}"; do
    [[ -f "${f}" ]] || continue
    if ! "${format_bin}" --style=file "${f}" | cmp -s - "${f}"; then
      bad+=("${f}")
    fi
  done
  echo "clang-format: ${#files[@]} tracked C++ files checked"
  if ((${#bad[@]})); then
    echo "clang-format: these files are not formatted (run: ${format_bin} -i FILE):"
    printf '  %s\n' "${bad[@]}"
    return 1
  fi
}

total_start=${SECONDS}
status=0

run_step install-deps bash scripts/install-deps.sh || status=$?
count_check "${status}" 0

status=0
run_step dev configure_and_build dev "${dev_dir}" || status=$?
count_check "${status}" 0
if ((status == 0)) && [[ "${skip}" != *" dev "* ]]; then
  status=0
  run_step dev-tests run_ctest "${dev_dir}" "${log_dir}/dev.log" -LE fuzz || status=$?
  count_ctest "${log_dir}/dev.log"
fi

status=0
# The sanitizer build runs only unit tests and fuzz targets, so it builds only those.
run_step asan configure_and_build asan "${asan_dir}" openceir_component_tests || status=$?
count_check "${status}" 0
if ((status == 0)) && [[ "${skip}" != *" asan "* ]]; then
  status=0
  run_step asan-unit-tests run_ctest "${asan_dir}" "${log_dir}/asan.log" -L unit || status=$?
  count_ctest "${log_dir}/asan.log"
  status=0
  run_step fuzz run_ctest "${asan_dir}" "${log_dir}/fuzz.log" -L fuzz || status=$?
  [[ "${skip}" == *" fuzz "* ]] || count_ctest "${log_dir}/fuzz.log"
fi

status=0
run_step layering bash tools/check_layering.sh || status=$?
[[ "${skip}" == *" layering "* ]] || count_check "${status}" 1

status=0
run_step format check_format || status=$?
[[ "${skip}" == *" format "* ]] || count_check "${status}" 1

printf '\n=== summary (%ds in all)\n' "$((SECONDS - total_start))"
for r in "${results[@]}"; do
  IFS='|' read -r name outcome took <<<"${r}"
  printf '  %-16s %-8s %5ss\n' "${name}" "${outcome}" "${took}"
done
echo "${passed} passed, ${failed} failed"
((failed == 0))
