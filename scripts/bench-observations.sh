#!/usr/bin/env bash
# End-to-end benchmarks of the observation imports (issue 3), the figures of docs/PERFORMANCE.md:
#   operator data: 20 M and 50 M rows, and 50 M rows (a 3 GB file) inside a memory cgroup of
#   1 GiB, so that the file is larger than the memory the import may use (page cache included);
#   events: 10 M events for 1 M devices (10 a day) and for 200 k devices (50 a day).
# Usage: bash scripts/bench-observations.sh [--quick] [DATA_DIR]   (--quick: 1/10 of the rows)
# Needs ~8 GB free in DATA_DIR (default /tmp/openceir-bench). Run it on an idle machine: the
# rows/s are wall-clock figures.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1
if [[ "${1:-}" == "--quick" ]]; then
  scale=10
  shift
fi
data="${1:-/tmp/openceir-bench}"
build=build/bench-observations
mkdir -p "$data"

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOPENCEIR_ONLY="base;identifiers;config;io;csv;store;sqlite;postgresql;observe;events" >/dev/null
cmake --build "$build" -j2 --target operator_import_benchmark events_import_benchmark >/dev/null
operator="$build/src/openceir/observe/operator_import_benchmark"
events="$build/src/openceir/events/events_import_benchmark"

rows() { echo $(($1 / scale)); }

echo "== operator data, $(rows 20000000) rows"
"$operator" --rows "$(rows 20000000)" --dir "$data/operator"
echo "== operator data, $(rows 50000000) rows"
"$operator" --rows "$(rows 50000000)" --dir "$data/operator"

# cgroup v1 (this machine kind) or v2: a memory limit that also counts the page cache.
limit_bytes=$((1024 * 1024 * 1024 / scale))
echo "== operator data, $(rows 50000000) rows, memory limited to $((limit_bytes >> 20)) MiB"
if [[ -w /sys/fs/cgroup/memory ]]; then
  group=/sys/fs/cgroup/memory/openceir-bench-$$
  mkdir "$group"
  echo "$limit_bytes" >"$group/memory.limit_in_bytes"
  usage_file="$group/memory.max_usage_in_bytes"
elif [[ -w /sys/fs/cgroup/cgroup.subtree_control ]]; then
  group=/sys/fs/cgroup/openceir-bench-$$
  mkdir "$group"
  echo "$limit_bytes" >"$group/memory.max"
  usage_file="$group/memory.peak"
else
  group=""
fi
if [[ -n "$group" ]]; then
  # The file is generated outside the limit, then imported inside it (--keep reuses it).
  "$operator" --rows "$(rows 50000000)" --dir "$data/limited" --keep >/dev/null
  sync
  echo 3 >/proc/sys/vm/drop_caches || true
  sh -c "echo \$\$ > $group/cgroup.procs && exec $operator --rows $(rows 50000000) \
    --dir $data/limited --keep --budget-mb $((64 / scale))"
  echo "file $(($(stat -c %s "$data"/limited/*.csv) >> 20)) MiB;" \
    "cgroup peak (RSS + page cache) $(($(cat "$usage_file") >> 20)) MiB"
  rmdir "$group"
else
  echo "skipped: no writable memory cgroup on this machine"
fi

echo "== events, $(rows 10000000) rows, $(rows 1000000) devices"
"$events" --rows "$(rows 10000000)" --imeis "$(rows 1000000)" --dir "$data/events"
echo "== events, $(rows 10000000) rows, $(rows 200000) devices"
"$events" --rows "$(rows 10000000)" --imeis "$(rows 200000)" --dir "$data/events"
rm -rf "$data"
