#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy at the root) over the project's C++ sources, using the
# compile_commands.json of the `dev` preset (configured first when missing; no build needed).
#
#   bash scripts/tidy.sh                 # every .cc under src/
#   bash scripts/tidy.sh src/openceir/identifiers/imei.cc ...
#
# Exit status 1 when clang-tidy reports an error (the bugprone-* checks are errors), else 0;
# the other checks print warnings only. Not part of scripts/test.sh (see docs/ARCHITECTURE.md
# for how long it takes). Environment: OPENCEIR_JOBS=2, OPENCEIR_TIDY_BUILD_DIR=build/dev.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs="${OPENCEIR_JOBS:-2}"
build_dir="${OPENCEIR_TIDY_BUILD_DIR:-build/dev}"

if [[ ! -f "${build_dir}/compile_commands.json" ]]; then
  cmake --preset dev -B "${build_dir}" >/dev/null
fi

if (($#)); then
  files=("$@")
else
  mapfile -t files < <(find src -name '*.cc' | sort)
fi
# Only files the build knows (a file outside OPENCEIR_ONLY has no compile command).
known=()
for f in "${files[@]}"; do
  if grep -qF "\"$(realpath "${f}")\"" "${build_dir}/compile_commands.json"; then
    known+=("${f}")
  else
    echo "tidy: skipping ${f} (not in ${build_dir}/compile_commands.json)"
  fi
done
((${#known[@]})) || { echo "tidy: nothing to check"; exit 0; }

log="$(mktemp)"
trap 'rm -f "${log}"' EXIT
start=${SECONDS}
status=0
printf '%s\0' "${known[@]}" |
  xargs -0 -n 1 -P "${jobs}" clang-tidy -p "${build_dir}" --quiet \
    --extra-arg=-Wno-unknown-warning-option >"${log}" 2>&1 || status=$?
cat "${log}"
warnings=$(grep -c ': warning: ' "${log}" || true)
errors=$(grep -c ': error: ' "${log}" || true)
echo "tidy: ${#known[@]} files, ${warnings} warning(s), ${errors} error(s) in $((SECONDS - start))s"
((status == 0 && errors == 0))
