#!/usr/bin/env bash
# Layering check: every component under src/openceir/ may include only the components below
# it (docs/ARCHITECTURE.md), and only the adapter of a third-party library may include it.
# The CMake target dependencies enforce the same direction at link time; this check also
# catches header-only includes, which link fine but still tie components together.
#
# Prints each violation as "file:line: what" and exits 1 when there is any, 0 otherwise.
# Usage: bash tools/check_layering.sh [REPO_ROOT]
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "${root}"

# Which components each component may include (besides itself). A component is a folder
# under src/openceir/; store/sqlite, store/postgresql and store/testing are components of
# their own.
declare -A allowed=(
  [base]=""
  [identifiers]="base"
  [config]="base identifiers"
  [io]="base"
  [csv]="base io"
  [store]="base io"
  [store/sqlite]="base store"
  [store/postgresql]="base store"
  [store/testing]="base store"
  [ingest]="base identifiers config io csv store"
  [lookup]="base identifiers config store"
  [observe]="base identifiers config io csv store"
  [events]="base identifiers config io csv store observe"
  [simulate]="base identifiers config"
  [classify]="base identifiers config store"
  [lists]="base identifiers config io store"
  [reports]="base identifiers config io store"
  [eir]="base identifiers"
  [bundle]="base identifiers config io store lists eir"
  [eirhttp]="base identifiers config io eir bundle"
  [s13]="base identifiers config eir"
  [api]="base identifiers config store lookup classify"
)
# What tests and benchmarks (*_test.cc, *_benchmark.cc, *_test_util.*) may include on top: a
# real store backend to run against, the shared test store over it (store/testing/
# store_test_util.h), and, for a backend's own tests, the conformance suite every backend must
# pass. The library code itself only sees the store interface.
declare -A allowed_in_tests=(
  [store/sqlite]="store/testing"
  [store/postgresql]="store/testing"
  [store/testing]="store/sqlite"
  [ingest]="store/sqlite store/testing"
  [lookup]="store/sqlite store/testing"
  [observe]="store/sqlite store/postgresql store/testing"
  [events]="store/sqlite store/testing"
  [classify]="store/sqlite ingest"
  [lists]="store/sqlite store/testing"
  [reports]="store/sqlite store/testing"
  [bundle]="store/sqlite"
  [eirhttp]="store/sqlite"
  [api]="store/sqlite store/testing"
)
# Third-party headers that only their adapter components may include (a regex on the
# included name, and the components, space-separated, that own it). Boost (Asio/Beast): the EIR
# node's HTTP/2 server and the people-facing API server. libsodium: bundle signatures, the API's
# key hashing and random keys, and the store (the audit chain's hash is computed inside each
# backend's append transaction, store/audit_chain.cc).
library_patterns=('^sqlite3\.h$' '^libpq-fe\.h$' '^postgresql/' '^yaml-cpp/' '^archive(_entry)?\.h$' '^nghttp2/' '^boost/' '^freeDiameter/' '^sodium' '^curl/')
library_owners=('store/sqlite' 'store/postgresql' 'store/postgresql' 'config' 'io' 'eirhttp' 'eirhttp api' 's13' 'bundle store api' 'bundle')

violations=0
report() {  # file line what
  printf '%s:%s: %s\n' "$1" "$2" "$3"
  violations=$((violations + 1))
}

# The component of a path below src/openceir/ ("store/sqlite/x.cc" -> "store/sqlite").
component_of() {
  local rel="$1"
  case "${rel}" in
    store/sqlite/*) echo "store/sqlite" ;;
    store/testing/*) echo "store/testing" ;;
    store/postgresql/*) echo "store/postgresql" ;;
    */*) echo "${rel%%/*}" ;;
    *) echo "" ;;
  esac
}

contains() {  # word list
  local w
  for w in $2; do [[ "${w}" == "$1" ]] && return 0; done
  return 1
}

include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]+)[">]'
checked=0
while IFS= read -r -d '' file; do
  checked=$((checked + 1))
  rel="${file#src/openceir/}"
  if [[ "${file}" == src/openceir/* ]]; then
    component="$(component_of "${rel}")"
  else
    component="cli"
  fi
  if [[ -z "${component}" ]]; then
    report "${file}" 1 "file directly under src/openceir/ belongs to no component"
    continue
  fi
  if [[ "${component}" != cli && -z "${allowed[${component}]+set}" ]]; then
    report "${file}" 1 "component '${component}' has no layering rule (add it to tools/check_layering.sh)"
    continue
  fi
  base_name="$(basename "${file}")"
  is_test=0
  [[ "${base_name}" == *_test.cc || "${base_name}" == *_benchmark.cc || "${base_name}" == *_test_util.* ]] && is_test=1
  line_no=0
  while IFS= read -r line; do
    line_no=$((line_no + 1))
    [[ "${line}" =~ ${include_re} ]] || continue
    included="${BASH_REMATCH[1]}"
    for i in "${!library_patterns[@]}"; do
      if [[ "${included}" =~ ${library_patterns[$i]} ]] && ! contains "${component}" "${library_owners[$i]}"; then
        report "${file}" "${line_no}" \
          "includes <${included}>, which only ${library_owners[$i]} may include"
      fi
    done
    [[ "${included}" == openceir/* ]] || continue
    [[ "${component}" == cli ]] && continue
    target="$(component_of "${included#openceir/}")"
    [[ "${target}" == "${component}" ]] && continue
    if contains "${target}" "${allowed[${component}]}"; then continue; fi
    if ((is_test)) && contains "${target}" "${allowed_in_tests[${component}]:-}"; then continue; fi
    report "${file}" "${line_no}" \
      "${component} may not include \"${included}\" (${target}); allowed: ${allowed[${component}]:-nothing}"
  done <"${file}"
done < <(find src -type f \( -name '*.h' -o -name '*.cc' -o -name '*.cpp' -o -name '*.hpp' \) \
  -print0 | sort -z)

if ((violations)); then
  echo "layering: ${violations} violation(s) in ${checked} files" >&2
  exit 1
fi
echo "layering: ${checked} files ok"
