#!/usr/bin/env bash
# The main job (README): installs the dependencies, builds the release `openceir` binary and runs
# it on the bundled sample data (data/sample/) with the default configuration
# (etc/openceir.yaml: the demo country, MCC 999, operators op1/op2/op3).
#
# Into a fresh out/demo/ every time: creates the registry store, imports the GSMA TAC file and
# every reference list (full mode), a stolen-list delta, shows that re-importing a file is
# refused, checks a few IMEIs and lists the jobs. Then a synthetic country (openceir simulate):
# its lists, cells, operator data and events imported into a second store, with impossible-
# travel evidence, and `openceir status` summarising it; then classified, one cloned IMEI
# explained, the blacklist / notification / exception lists written, and the monthly report (HTML
# with charts, JSON, CSV). Last, the lists are published as a signed bundle and two EIR nodes
# are left running: a central node serving the bundles and an EIR node that pulled and verified
# them, answering N5g-eir (HTTP/2) and REST queries; an audit checks its answers against the
# lists. Re-runnable (a rerun stops the nodes the last run left); exits non-zero when a step
# that must succeed fails.
#
# Environment (optional): OPENCEIR_JOBS=2 build jobs; OPENCEIR_BUILD_DIR=build/release;
# DEMO_EIR_PORT=8080 (the EIR node), DEMO_CENTRAL_PORT=8090 (the central node), on 127.0.0.1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
jobs="${OPENCEIR_JOBS:-2}"
build_dir="${OPENCEIR_BUILD_DIR:-build/release}"
demo_dir="${root}/out/demo"
sample="${root}/data/sample"
eir_port="${DEMO_EIR_PORT:-8080}"
central_port="${DEMO_CENTRAL_PORT:-8090}"

banner() { printf '\n=== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

banner "install dependencies"
bash scripts/install-deps.sh

banner "build the release openceir binary (${build_dir})"
cmake --preset release -B "${build_dir}" -DOPENCEIR_ONLY= >/dev/null
cmake --build "${build_dir}" -j "${jobs}" --target openceir
openceir_bin="${root}/${build_dir}/bin/openceir"  # RUNTIME_OUTPUT_DIRECTORY of src/cli
if [[ ! -x "${openceir_bin}" ]]; then
  echo "demo: no openceir binary under ${build_dir}" >&2
  exit 1
fi

# EIR nodes a previous run left serving are stopped before their folder goes.
for pid_file in "${demo_dir}"/*.pid; do
  [[ -f "${pid_file}" ]] && kill "$(cat "${pid_file}")" 2>/dev/null || true
done
rm -rf "${demo_dir}"
mkdir -p "${demo_dir}"
store="${demo_dir}/openceir.db"
global=(--store "${store}")
if [[ -f "${root}/etc/openceir.yaml" ]]; then
  global=(--config "${root}/etc/openceir.yaml" "${global[@]}")
else
  echo "demo: etc/openceir.yaml not found: running on the built-in default configuration"
fi

# Runs openceir with the global options, echoing the command line first.
ceir() {
  printf '\n$ openceir %s\n' "$*"
  (cd "${demo_dir}" && "${openceir_bin}" "${global[@]}" "$@")
}

# Runs an openceir command that is meant to be refused, and fails if it is not.
ceir_refused() {
  local status=0
  ceir "$@" || status=$?
  if ((status == 0)); then
    echo "demo: expected this command to be refused, but it succeeded" >&2
    return 1
  fi
  echo "(refused as expected, exit status ${status})"
}

banner "version and configuration"
ceir version
if [[ -f "${root}/etc/openceir.yaml" ]]; then ceir config check; fi

banner "create the registry store (${store})"
ceir db init

banner "import the GSMA TAC database and the reference lists"
ceir import gsma-tac "${sample}/gsma_tac.txt"
ceir import stolen "${sample}/stolen.csv"
ceir import registration "${sample}/registration.csv"
ceir import pairing "${sample}/pairing.csv"
ceir import golden "${sample}/golden.csv"
ceir import barred "${sample}/barred.csv"
ceir import barred-tac "${sample}/barred_tac.csv"
ceir import subscribers "${sample}/subscribers.csv"
ceir import association "${sample}/association.csv"
ceir import monitoring "${sample}/monitoring.csv"

banner "apply a stolen-list delta (one add, one recovery, one confirmation)"
ceir import stolen "${sample}/stolen_delta.csv" --delta

banner "re-importing the same file changes nothing"
ceir_refused import gsma-tac "${sample}/gsma_tac.txt"

banner "check a few IMEIs"
# stolen (confirmed), stolen (pending, confirmed by the delta), registered, paired, golden,
# barred, unknown TAC, the same registered IMEI as IMEISV (16 digits) and without its check
# digit (14 digits).
ceir check 354672111000012 865712032000022 358819043000034 869443024000046 \
  352901175000051 013263006000060 359999991234568 3588190430000301 35881904300003
# An IMEI that fails validation is reported with its reason and a non-zero exit status: a
# test TAC, a wrong check digit, a malformed value.
ceir_refused check 001015006543216
ceir_refused check 358819043000035
ceir_refused check 35881904300003X
banner "the same, as JSON"
ceir check --json 354672111000012 869443024000046

banner "store health and the job log"
ceir db check
ceir jobs

banner "a synthetic country: simulate, import everything, summarise"
# openceir simulate writes a whole country (operators of etc/openceir.yaml): GSMA TAC file,
# reference lists, cells, per-operator data and event files, and truth.csv naming each device's
# category. A fresh store of its own, so the sample store above stays as it was.
country_store="${demo_dir}/country.db"
sim="${demo_dir}/country"
country() {
  printf '\n$ openceir %s\n' "$*"
  (cd "${demo_dir}" && "${openceir_bin}" --config "${root}/etc/openceir.yaml" \
    --store "${country_store}" "$@")
}
country simulate --out "${sim}" --subscribers 20000 --days 7 --start 20261101 --seed 1
country db init
country import gsma-tac "${sim}/gsma_tac.txt"
for list in stolen registration pairing golden barred barred-tac subscribers association \
  monitoring; do
  country import "${list}" "${sim}/${list//-/_}.csv"
done
country import stolen "${sim}/stolen_delta.csv" --delta
country import cells "${sim}/cells.csv"
for data in "${sim}"/op*_20261101_20261107.csv; do
  op="$(basename "${data}")"
  op="${op%%_*}"
  country import operator "${op}" "${data}"
  country import events "${op}" "${data%.csv}.events.csv"
done
country status --days 3660
echo "(truth.csv names $(grep -c ',cloned,' "${sim}/truth.csv") cloned IMEIs)"

banner "classify the country, explain a cloned IMEI, publish the lists, write the monthly report"
# The analysis date defaults to the day after the latest data. A condition the shipped
# configuration names but this data cannot support is skipped with a warning, not silently.
country classify
cloned_imei="$(grep -m1 ',cloned,' "${sim}/truth.csv" | cut -d, -f1)"
country explain "${cloned_imei}"
mkdir -p "${demo_dir}/lists" "${demo_dir}/report"
country lists "${demo_dir}/lists"
ls -lR "${demo_dir}/lists"
country report monthly 11 2026 "${demo_dir}/report"
ls -l "${demo_dir}/report"

banner "publish the lists as a signed bundle; start a central node and an EIR node on them"
country keygen "${demo_dir}/central.key" "${demo_dir}/central.pub"
country lists publish "${demo_dir}/lists" "${demo_dir}/bundles" --key "${demo_dir}/central.key"
# Each node runs in its own session so that it outlives this script; its log and pid are kept.
start_node() {  # name args...
  local name="$1"
  shift
  printf '\n$ openceir %s &   (log: out/demo/%s.log)\n' "$*" "${name}"
  (cd "${demo_dir}" && setsid nohup "${openceir_bin}" --config "${root}/etc/openceir.yaml" \
    --store "${country_store}" "$@" >"${demo_dir}/${name}.log" 2>&1 &
    echo $! >"${demo_dir}/${name}.pid")
}
start_node central eir --bundle-dir "${demo_dir}/bundles" --no-diameter \
  --listen "127.0.0.1:${central_port}"
start_node eir-node eir --sync "http://127.0.0.1:${central_port}/bundles" \
  --trust "${demo_dir}/central.pub" --state-dir "${demo_dir}/eir-node-state" --no-diameter \
  --listen "127.0.0.1:${eir_port}"
for _ in $(seq 1 300); do
  grep -q 'event=sync outcome=applied' "${demo_dir}/eir-node.log" 2>/dev/null && break
  sleep 0.1
done
if ! grep -q 'event=sync outcome=applied' "${demo_dir}/eir-node.log"; then
  echo "demo: the EIR node did not apply the bundle:" >&2
  cat "${demo_dir}/central.log" "${demo_dir}/eir-node.log" >&2
  exit 1
fi
grep 'event=sync' "${demo_dir}/eir-node.log"
eir_url="http://127.0.0.1:${eir_port}"
printf '\n$ curl --http2-prior-knowledge %s/n5g-eir-eic/v1/equipment-status?pei=imei-%s\n' \
  "${eir_url}" "${cloned_imei}"
curl -sS --http2-prior-knowledge \
  "${eir_url}/n5g-eir-eic/v1/equipment-status?pei=imei-${cloned_imei}"
echo
printf '\n$ curl %s/v1/eir/check?imei=%s\n' "${eir_url}" "${cloned_imei}"
curl -sS --http2-prior-knowledge "${eir_url}/v1/eir/check?imei=${cloned_imei}"
echo
# Q.5053: a sample of listed and unlisted IMEIs asked over N5g-eir, compared with the lists.
country audit-eir "${eir_url}" --sample 500 --lists "${demo_dir}/lists"

banner "demo done: stores at ${store} and ${country_store}"
cat <<DONE
The EIR node answers at ${eir_url} (N5g-eir over h2c: /n5g-eir-eic/v1/equipment-status?pei=...,
REST: /v1/eir/check?imei=..., Prometheus: /metrics); the central node serves the signed bundles
at http://127.0.0.1:${central_port}/bundles/. Both keep running; to stop them:
  kill \$(cat ${demo_dir}/central.pid ${demo_dir}/eir-node.pid)
DONE
