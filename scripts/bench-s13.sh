#!/usr/bin/env bash
# S13 benchmark (issue 5, "Speed"): answers/s and latency of our S13 EIR (S13Server answering
# from a snapshot of LISTED IMEIs) against a minimal freeDiameter stand-in that answers a
# constant (s13_constant_eir.fdx in Debian's freeDiameterd), both asked by the same real
# freeDiameter peer (freeDiameterd + s13_peer.fdx), over loopback TCP, in the same run, with
# windows of 128 and 16 outstanding requests. Runs alternate between the two EIRs, ROUNDS times.
#
#   bash scripts/bench-s13.sh            # LISTED=1000000 REQUESTS=200000 ROUNDS=2 THREADS=4
# Environment: BUILD_DIR (default build/s13-rel), LISTED, REQUESTS, ROUNDS, WINDOWS ("128 16"),
# THREADS (dispatch threads of both EIRs), KEEP=1 keeps the work folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-${root}/build/s13-rel}"
listed="${LISTED:-1000000}"
requests="${REQUESTS:-200000}"
rounds="${ROUNDS:-2}"
windows="${WINDOWS:-128 16}"
threads="${THREADS:-4}"
extensions=/usr/lib/freeDiameter

cmake -S "${root}" -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOPENCEIR_ONLY="base;identifiers;eir;s13" -DOPENCEIR_BENCH=OFF >/dev/null
cmake --build "${build}" -j2 --target s13_peer s13_constant_eir s13_node_benchmark >/dev/null
peer_dir="${build}/src/openceir/s13/peer"

work="$(mktemp -d /tmp/bench-s13.XXXXXX)"
node_pid=""
standin_pid=""
cleanup() {
  [[ -n "${node_pid}" ]] && kill -INT "${node_pid}" 2>/dev/null && wait "${node_pid}" 2>/dev/null
  [[ -n "${standin_pid}" ]] && kill -INT "${standin_pid}" 2>/dev/null && wait "${standin_pid}" 2>/dev/null
  [[ "${KEEP:-0}" == 1 ]] || rm -rf "${work}"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_listening() {  # port
  for _ in $(seq 1 200); do
    ss -ltn "sport = :$1" | grep -q LISTEN && return 0
    sleep 0.05
  done
  echo "nothing listens on port $1" >&2
  exit 1
}

for identity in eir standin mme; do
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=${identity}.localdomain" \
    -keyout "${work}/${identity}.key" -out "${work}/${identity}.pem" 2>/dev/null
done
printf 'ALLOW_IPSEC mme.localdomain\n' >"${work}/acl.conf"
node_port="$(free_port)"
standin_port="$(free_port)"

# Our S13 node; it also writes the request file (a quarter listed IMEIs, the rest unlisted).
mkdir -p "${work}/node"
"${peer_dir}/s13_node_benchmark" \
  --work-dir "${work}/node" --port "${node_port}" --cert "${work}/eir.pem" \
  --key "${work}/eir.key" --allow mme.localdomain --listed "${listed}" \
  --requests-file "${work}/requests.txt" --requests "${requests}" --threads "${threads}" \
  >"${work}/node.out" 2>"${work}/node.err" &
node_pid=$!
for _ in $(seq 1 600); do grep -q '^ready' "${work}/node.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^ready' "${work}/node.out" || { cat "${work}/node.err" >&2; exit 1; }
sed -n 's/^snapshot: /our node snapshot: /p' "${work}/node.err"

# The stand-in EIR: freeDiameterd answering a constant.
cat >"${work}/standin.conf" <<CONF
Identity = "standin.localdomain";
Realm = "localdomain";
Port = ${standin_port};
SecPort = 0;
No_SCTP;
ListenOn = "127.0.0.1";
AppServThreads = ${threads};
TLS_Cred = "${work}/standin.pem", "${work}/standin.key";
TLS_CA = "${work}/standin.pem";
LoadExtension = "${extensions}/dict_nasreq.fdx";
LoadExtension = "${extensions}/dict_dcca.fdx";
LoadExtension = "${extensions}/dict_dcca_3gpp.fdx";
LoadExtension = "${extensions}/acl_wl.fdx" : "${work}/acl.conf";
LoadExtension = "${peer_dir}/s13_constant_eir.fdx";
CONF
freeDiameterd -c "${work}/standin.conf" >"${work}/standin.log" 2>&1 &
standin_pid=$!
wait_listening "${node_port}"
wait_listening "${standin_port}"

# One peer run: target (eir|standin), port, window -> results file.
run_peer() {
  local target="$1" port="$2" window="$3" results="$4"
  cat >"${work}/peer.options" <<OPTS
requests = ${work}/requests.txt
window = ${window}
destination_realm = localdomain
destination_host = ${target}.localdomain
results = ${results}
connect_timeout_seconds = 30
OPTS
  cat >"${work}/peer.conf" <<CONF
Identity = "mme.localdomain";
Realm = "localdomain";
Port = $(free_port);
SecPort = 0;
No_SCTP;
ListenOn = "127.0.0.1";
TLS_Cred = "${work}/mme.pem", "${work}/mme.key";
TLS_CA = "${work}/mme.pem";
LoadExtension = "${extensions}/dict_nasreq.fdx";
LoadExtension = "${extensions}/dict_dcca.fdx";
LoadExtension = "${extensions}/dict_dcca_3gpp.fdx";
LoadExtension = "${peer_dir}/s13_peer.fdx" : "${work}/peer.options";
ConnectPeer = "${target}.localdomain" { ConnectTo = "127.0.0.1"; Port = ${port}; No_TLS; No_SCTP; };
CONF
  freeDiameterd -c "${work}/peer.conf" >"${work}/peer.log" 2>&1
  grep -q '^status=ok' "${results}" || { cat "${results}" "${work}/peer.log" >&2; exit 1; }
}

value() { sed -n "s/^$2=//p" "$1"; }

echo "requests per run: ${requests}, EIR dispatch threads: ${threads}, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-7s %-6s %10s %9s %9s %9s\n' round window eir answers/s p50_us p99_us timeouts
for round in $(seq 1 "${rounds}"); do
  for window in ${windows}; do
    for target in eir standin; do
      port="${node_port}"; [[ "${target}" == standin ]] && port="${standin_port}"
      results="${work}/results.${round}.${window}.${target}"
      run_peer "${target}" "${port}" "${window}" "${results}"
      printf '%-8s %-7s %-6s %10s %9s %9s %9s\n' "${round}" "${window}" "${target}" \
        "$(value "${results}" answers_per_second)" "$(value "${results}" latency_p50_us)" \
        "$(value "${results}" latency_p99_us)" "$(value "${results}" timed_out)"
    done
  done
done

echo
echo "mean over rounds (ours / stand-in):"
for window in ${windows}; do
  ours="$(cat "${work}"/results.*."${window}".eir | sed -n 's/^answers_per_second=//p' | awk '{s+=$1} END {print s/NR}')"
  theirs="$(cat "${work}"/results.*."${window}".standin | sed -n 's/^answers_per_second=//p' | awk '{s+=$1} END {print s/NR}')"
  printf 'window %-4s ours %8.0f/s  stand-in %8.0f/s  ratio %.3f\n' "${window}" "${ours}" \
    "${theirs}" "$(awk -v a="${ours}" -v b="${theirs}" 'BEGIN {print a/b}')"
done
node_peak_kb="$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/${node_pid}/status")"
ours_answers="$(cat "${work}"/results.*.eir | sed -n 's/^result_2001=//p' | awk '{s+=$1} END {print s}')"
kill -INT "${node_pid}"; wait "${node_pid}" || true; node_pid=""
echo "our node's metrics (all runs): $(grep '^answers_' "${work}/node.out" | tr '\n' ' ')"
echo "peer-counted 2001 answers from our node: ${ours_answers}"
echo "our node peak RSS: ${node_peak_kb} kB"
