#!/usr/bin/env bash
# End-to-end benchmarks of server mode (issue 6), the figures of docs/PERFORMANCE.md
# ("PostgreSQL store, end to end"):
#   1. operator data import: `operator_import_benchmark` writes a DIRBS operator file of ROWS
#      rows and imports it into a fresh SQLite store, then the same file into a fresh
#      PostgreSQL database (a private cluster this script starts): rows/s of each, end to end
#      (read, parse, check, aggregate, write, commit);
#   2. classification: a simulated country (SUBSCRIBERS subscribers, 30 days, three operators)
#      imported through `openceir` into both stores, then `openceir classify` on the same
#      analysis date on each: wall and CPU seconds, peak RSS, and the PostgreSQL/SQLite ratio.
# Usage: bash scripts/bench-postgresql.sh [--quick] [DATA_DIR]
#   --quick: 1/10 of the rows and subscribers. Needs ~6 GB free in DATA_DIR (default
#   /tmp/openceir-bench-pg). Run it on an idle machine: the figures are wall-clock.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=20000000
subscribers=300000
if [[ "${1:-}" == "--quick" ]]; then
  rows=$((rows / 10))
  subscribers=$((subscribers / 10))
  shift
fi
data="${1:-/tmp/openceir-bench-pg}"
build=build/bench-postgresql
mkdir -p "${data}"

cmake -S . -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "${build}" -j2 --target openceir operator_import_benchmark >/dev/null
openceir="${build}/bin/openceir"
operator="${build}/src/openceir/observe/operator_import_benchmark"

cluster="${data}/cluster"
rm -rf "${cluster}"
dsn="$(bash scripts/pg-cluster.sh start "${cluster}")"
trap 'bash scripts/pg-cluster.sh stop "${cluster}" >/dev/null 2>&1 || true' EXIT
port="$(cat "${cluster}/port")"
fresh_database() {  # name -> prints the --store URI of a new, empty database
  psql "${dsn}" -qAtc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  echo "postgresql://openceir@127.0.0.1:${port}/$1"
}
echo "PostgreSQL: $(psql "${dsn}" -qAtc 'SELECT version()' | cut -d, -f1), private cluster," \
  "default settings (fsync on)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== 1. operator data import, ${rows} rows"
echo "-- SQLite"
"${operator}" --rows "${rows}" --dir "${data}/operator" --keep
echo "-- PostgreSQL"
"${operator}" --rows "${rows}" --dir "${data}/operator" --keep \
  --store "$(fresh_database bench_import)"

echo
echo "== 2. classification of a simulated month, ${subscribers} subscribers"
sim="${data}/sim"
if [[ ! -f "${sim}/truth.csv" ]]; then
  "${openceir}" simulate --out "${sim}" --subscribers "${subscribers}" --days 30 \
    --start 20261101 --seed 7 >/dev/null
fi
config="$(pwd)/etc/openceir.yaml"
import_country() {  # store
  local store="$1"
  run() { "${openceir}" --config "${config}" --store "${store}" "$@" >/dev/null; }
  run db init
  run import gsma-tac "${sim}/gsma_tac.txt"
  for list in stolen registration pairing golden barred barred-tac subscribers association \
    monitoring; do
    run import "${list}" "${sim}/${list//-/_}.csv"
  done
  for op in op1 op2 op3; do
    /usr/bin/time -f "   import operator ${op}: %e s wall" \
      "${openceir}" --config "${config}" --store "${store}" import operator "${op}" \
      "${sim}/${op}_20261101_20261130.csv" >/dev/null
  done
}
sqlite_store="${data}/country.db"
rm -f "${sqlite_store}" "${sqlite_store}-wal" "${sqlite_store}-shm"
pg_store="$(fresh_database bench_country)"
for store in "${sqlite_store}" "${pg_store}"; do
  echo "-- import into ${store}"
  import_country "${store}"
done
for store in "${sqlite_store}" "${pg_store}"; do
  echo "-- classify on ${store}"
  for attempt in 1 2; do
    /usr/bin/time -f "   run ${attempt}: %e s wall, %U s user + %S s system CPU, peak RSS %M KB" \
      "${openceir}" --config "${config}" --store "${store}" classify --curr-date 20261201 \
      >"${data}/classify.out" || [[ $? == 1 ]]
  done
  head -1 "${data}/classify.out"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
