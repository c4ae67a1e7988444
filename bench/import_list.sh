#!/usr/bin/env bash
# End-to-end import benchmark: generates a 1 M-row stolen list (valid 14-digit IMEIs) and a
# 1 M-row GSMA-like TAC file, imports each into a fresh store with `/usr/bin/time -v openceir
# import ...`, and prints rows/s and peak RSS.
#
# Usage: bench/import_list.sh [OPENCEIR_BINARY_OR_BUILD_DIR] [ROWS]
#   default: the `release` preset's binary build/release/bin/openceir (what scripts/demo.sh
#   builds), configured and built when missing. ROWS defaults to 1000000.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$root/build/release}"
rows="${2:-1000000}"

if [[ -d "$target" ]]; then
  build="$target"
  binary="$build/bin/openceir"
  if [[ ! -x "$binary" ]]; then
    (cd "$root" && cmake --preset release -B "$build" >/dev/null)
    cmake --build "$build" -j2 --target openceir
  fi
else
  binary="$target"
fi
[[ -x "$binary" ]] || { echo "no openceir binary at $binary" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

work="$(mktemp -d /tmp/openceir_bench_XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$work"  # no etc/openceir.yaml here: built-in defaults

echo "generating $rows-row files in $work" >&2
awk -v n="$rows" 'BEGIN {
  print "imei,reporting_date,status";
  for (i = 0; i < n; i++)
    printf "35%06d%06d,2026%02d%02d,blacklist\n", 100000 + int(i / 1000000), i % 1000000,
           1 + i % 12, 1 + i % 28;
}' > stolen.csv
awk -v n="$rows" 'BEGIN {
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ");
  split("Smartphone|Mobile Phone/Feature phone|Tablet|Modem|WLAN Router|IoT Device", dev, "|");
  print "tac|manufacturer|bands|allocation_date|model_name|device_type|brand_name|marketing_name|operating_system|nfc|bluetooth|wlan";
  for (i = 0; i < n; i++)
    printf "%08d|Maker %d|GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3%s|%02d-%s-20%02d|Model %d|%s|Brand %d|Phone %d|Android|Y|Y|Y\n",
           10000000 + i * 7, i % 997, (i % 3 == 0 ? ",NR Band n78" : ""), 1 + i % 28,
           mon[1 + i % 12], 10 + i % 15, i, dev[1 + i % 6], i % 101, i;
}' > gsma.txt

run() {
  local list="$1" file="$2"
  rm -f store.db store.db-wal store.db-shm
  "$binary" --store store.db db init >/dev/null
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v "$binary" --store store.db import "$list" "$file" >import.out 2>time.err || {
    echo "import $list failed:" >&2; cat import.out time.err >&2; exit 1; }
  end=$(date +%s.%N)
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' time.err)
  awk -v l="$list" -v n="$rows" -v s="$start" -v e="$end" -v r="$rss" -v size="$(stat -c %s "$file")" \
    'BEGIN { t = e - s; printf "%-9s %9d rows  %7.2f s  %10.0f rows/s  %7.1f MB/s  peak RSS %6.1f MB\n",
             l, n, t, n / t, size / t / 1e6, r / 1024 }'
  head -c 400 import.out | sed 's/^/    /'
}

echo "binary: $binary"
run stolen stolen.csv
run gsma-tac gsma.txt
