#!/usr/bin/env bash
# N5g-eir benchmark (issue 5, "Speed"): our HTTP/2 server answering GetEquipmentStatus from a
# snapshot of BLACKLISTED synthetic IMEIs, against nghttpd serving a small static file, both with
# the same h2load settings in the same run; then a closed-loop sweep of fewer streams per client,
# the row nearest half our full-load rate being the half-load run of each (and, for comparison,
# the same rate paced by h2load --rps); then a full-load run while the snapshot is swapped
# every SWAP_MS ms, which must fail no request. Prints requests/s, p50/p99 latency (from
# h2load's per-request log), the ratio to nghttpd, and our server's peak RSS.
#
# Usage: scripts/bench-n5g.sh            (env: BLACKLISTED=1000000 REQUESTS=200000 CLIENTS=8
#                                          STREAMS=32 THREADS=1 PIN=1 THREADING=per-thread|shared
#                                          SWAP_MS=100 BUILD_DIR=build/bench-n5g)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
blacklisted="${BLACKLISTED:-1000000}"
requests="${REQUESTS:-200000}"
clients="${CLIENTS:-8}"
streams="${STREAMS:-32}"
threads="${THREADS:-1}"
# PIN=1 (default on 2+ cores): servers (ours and nghttpd) on CPU 0, h2load on CPU 1, so the load
# generator and the server under test do not steal each other's time slices.
pin="${PIN:-1}"
server_cpu=""
client_cpu=""
if [[ "${pin}" == 1 && "$(nproc)" -ge 2 ]] && command -v taskset >/dev/null; then
  server_cpu="taskset -c 0"
  client_cpu="taskset -c 1"
fi
threading="${THREADING:-per-thread}"
swap_ms="${SWAP_MS:-100}"
build="${BUILD_DIR:-${root}/build/bench-n5g}"
work="$(mktemp -d /tmp/bench-n5g.XXXXXX)"
server_pid=""
nghttpd_pid=""
cleanup() {
  [[ -n "${server_pid}" ]] && kill "${server_pid}" 2>/dev/null || true
  [[ -n "${nghttpd_pid}" ]] && kill "${nghttpd_pid}" 2>/dev/null || true
  rm -rf "${work}"
}
trap cleanup EXIT

for tool in h2load nghttpd; do
  command -v "${tool}" >/dev/null || { echo "bench-n5g: ${tool} missing (nghttp2-client, nghttp2-server)" >&2; exit 1; }
done

cmake -S "${root}" -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOPENCEIR_WERROR=ON \
  -DOPENCEIR_ONLY="base;identifiers;eir;eirhttp" >/dev/null
ninja -C "${build}" -j2 eirhttp_bench_server >/dev/null
server_bin="${build}/src/openceir/eirhttp/eirhttp_bench_server"

# Starts our server; sets server_pid and server_port. $1: extra flags.
start_server() {
  ${server_cpu} "${server_bin}" --listen 127.0.0.1:0 --threads "${threads}" --threading "${threading}" \
    --blacklisted "${blacklisted}" --urls "${work}/urls.txt" $1 >"${work}/server.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^listening' "${work}/server.out" 2>/dev/null && break
    sleep 0.1
  done
  server_port="$(awk '/^listening/{print $3}' "${work}/server.out")"
  [[ -n "${server_port}" ]] || { cat "${work}/server.out" >&2; exit 1; }
}

# Stops our server (SIGTERM: graceful) and prints its last line (answers, swaps, peak RSS).
# Not in a $(...) subshell: only this shell can wait for the server.
stop_server() {
  kill -TERM "${server_pid}"
  wait "${server_pid}" || true
  server_pid=""
  echo "$1 $(tail -1 "${work}/server.out")"
}

# run NAME h2load-args...: prints "NAME req/s p50_us p99_us failed errored" and keeps the output.
run() {
  local name="$1"
  shift
  local log="${work}/${name}.log"
  rm -f "${log}"
  ${client_cpu} h2load --log-file="${log}" "$@" >"${work}/${name}.txt" 2>&1
  local rps failed errored p50 p99
  rps="$(awk '/^finished in/{gsub(",", "", $4); print $4}' "${work}/${name}.txt")"
  failed="$(awk '/^requests:/{print $10}' "${work}/${name}.txt")"
  errored="$(awk '/^requests:/{print $12}' "${work}/${name}.txt")"
  read -r p50 p99 < <(cut -f3 "${log}" | sort -n | awk '{v[NR]=$1} END {
      i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1;
      print v[i50], v[i99] }')
  echo "${name} ${rps} ${p50} ${p99} ${failed} ${errored}"
}

# A small static file for nghttpd, the size of our typical answer.
mkdir -p "${work}/www"
printf '{"status":"BLACKLISTED"}' >"${work}/www/status.json"
nghttpd_port=$((20000 + RANDOM % 20000))
${server_cpu} nghttpd --no-tls -d "${work}/www" "${nghttpd_port}" >/dev/null 2>&1 &
nghttpd_pid=$!
sleep 0.5

start_server ""
echo "server: $(head -1 "${work}/server.out"); ${blacklisted} blacklisted IMEIs, ${threads} threads (${threading})"
echo "load: h2load -n ${requests} -c ${clients} -m ${streams} (1 h2load thread)${server_cpu:+; servers on CPU 0, h2load on CPU 1}"
echo "run req/s p50_us p99_us failed errored"
eir_full="$(run eir_full -n "${requests}" -c "${clients}" -m "${streams}" -i "${work}/urls.txt")"
echo "${eir_full}"
ref_full="$(run nghttpd_full -n "${requests}" -c "${clients}" -m "${streams}" \
  "http://127.0.0.1:${nghttpd_port}/status.json")"
echo "${ref_full}"

# Half load, closed loop: the same 8 clients with fewer streams each, so that at most
# clients*streams requests are in flight; the sweep shows latency against throughput and the row
# nearest half of our full-load rate is "eir_half". Closed loop because h2load's --rps pacing
# adds its own queueing on a 2-core box with the load generator beside the server (nghttpd shows
# the same, printed below as *_paced for comparison).
eir_rps="$(awk '{print $2}' <<<"${eir_full}")"
half_requests=$((requests / 2))
best_streams=""
best_gap=""
echo "sweep (closed loop, ${clients} clients, streams each):"
for s in 1 2 4 8 16; do
  line="$(run "eir_m${s}" -n "${half_requests}" -c "${clients}" -m "${s}" -i "${work}/urls.txt")"
  echo "${line}"
  gap="$(awk -v r="$(awk '{print $2}' <<<"${line}")" -v m="${eir_rps}" \
    'BEGIN { d = r - m / 2; if (d < 0) d = -d; printf "%d", d }')"
  if [[ -z "${best_gap}" || "${gap}" -lt "${best_gap}" ]]; then
    best_gap="${gap}"
    best_streams="${s}"
  fi
done
echo "half load: closed loop -c ${clients} -m ${best_streams} (nearest to half of ${eir_rps} req/s)"
echo "$(run eir_half -n "${half_requests}" -c "${clients}" -m "${best_streams}" -i "${work}/urls.txt")"
echo "$(run nghttpd_half -n "${half_requests}" -c "${clients}" -m "${best_streams}" \
  "http://127.0.0.1:${nghttpd_port}/status.json")"
per_client="$(awk -v r="${eir_rps}" -v c="${clients}" 'BEGIN { printf "%d", r / 2 / c }')"
echo "paced by h2load --rps ${per_client} per client, -m ${streams}:"
echo "$(run eir_half_paced -n "${half_requests}" -c "${clients}" -m "${streams}" --rps "${per_client}" \
  -i "${work}/urls.txt")"
echo "$(run nghttpd_half_paced -n "${half_requests}" -c "${clients}" -m "${streams}" \
  --rps "${per_client}" "http://127.0.0.1:${nghttpd_port}/status.json")"
stop_server "server after runs:"

ref_rps="$(awk '{print $2}' <<<"${ref_full}")"
awk -v a="${eir_rps}" -v b="${ref_rps}" 'BEGIN { printf "ratio eir/nghttpd at full load: %.1f %%\n", 100 * a / b }'

start_server "--swap-ms ${swap_ms}"
echo "swap every ${swap_ms} ms under full load:"
echo "$(run eir_swap -n "${requests}" -c "${clients}" -m "${streams}" -i "${work}/urls.txt")"
grep -E '^(requests|status codes):' "${work}/eir_swap.txt"
stop_server "server after swap run:"
