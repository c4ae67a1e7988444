#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for tests and benchmarks.
#
#   pg-cluster.sh start DIR   create a cluster in DIR (initdb) if there is none, start it on a
#                             free loopback port, wait until it accepts connections, print the DSN
#   pg-cluster.sh stop DIR    stop it (fast mode); does nothing when it is not running
#   pg-cluster.sh dsn DIR     print the DSN of the cluster in DIR
#
# Trust authentication, but only on the loopback address and the unix socket, which lives in DIR.
# The cluster uses UTF8 and the C locale, so text sorts byte-wise as in SQLite. PostgreSQL refuses
# to run as root: as root, DIR is handed to the `postgres` user (created by the Debian package)
# and every server command runs as that user; otherwise as the current user. The superuser of
# the cluster is `openceir` either way, so the DSN does not depend on who started it.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR | dsn DIR" >&2
  exit 2
}
(($# == 2)) || usage
command="$1"
dir="$2"

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
superuser=openceir
server_user=postgres

run_server_cmd() {  # command args... as the user that owns the cluster
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "${server_user}" -- "$@"
  else
    "$@"
  fi
}

dsn_of() {
  local port
  port="$(cat "${dir}/port" 2>/dev/null)" || {
    echo "pg-cluster: no cluster in ${dir} (no port file)" >&2
    exit 1
  }
  echo "host=127.0.0.1 port=${port} dbname=postgres user=${superuser} connect_timeout=10"
}

# True when something listens on TCP port $1 (IPv4 or IPv6), read from /proc.
port_in_use() {
  local hex
  hex="$(printf '%04X' "$1")"
  awk -v hex="${hex}" 'NR > 1 { split($2, a, ":"); if (a[2] == hex && $4 == "0A") found = 1 }
                       END { exit found ? 0 : 1 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

start() {
  if [[ ! -x "${pg_bin}/initdb" || ! -x "${pg_bin}/pg_ctl" ]]; then
    echo "pg-cluster: PostgreSQL 15 server binaries not found in ${pg_bin};" \
      "install the Debian packages postgresql and libpq-dev (bash scripts/install-deps.sh)" >&2
    exit 1
  fi
  mkdir -p "${dir}"
  dir="$(cd "${dir}" && pwd)"
  if [[ "$(id -u)" == 0 ]]; then
    if ! id -u "${server_user}" >/dev/null 2>&1; then
      echo "pg-cluster: running as root needs the '${server_user}' user" \
        "(created by the Debian package postgresql)" >&2
      exit 1
    fi
    chown "${server_user}:" "${dir}"
  fi
  chmod 700 "${dir}"

  if [[ -f "${dir}/data/postmaster.pid" ]] &&
    run_server_cmd "${pg_bin}/pg_ctl" -D "${dir}/data" status >/dev/null 2>&1; then
    dsn_of
    return
  fi

  if [[ ! -f "${dir}/data/PG_VERSION" ]]; then
    run_server_cmd "${pg_bin}/initdb" -D "${dir}/data" -U "${superuser}" --auth=trust \
      --encoding=UTF8 --locale=C >"${dir}/initdb.log" 2>&1 || {
      echo "pg-cluster: initdb failed:" >&2
      cat "${dir}/initdb.log" >&2
      exit 1
    }
    # Trust, but only over the socket in DIR and the loopback address.
    run_server_cmd tee "${dir}/data/pg_hba.conf" >/dev/null <<'EOF'
local all all trust
host all all 127.0.0.1/32 trust
EOF
  fi

  # A free port: pick one nobody listens on; if another process takes it before the server
  # binds, try again with another.
  local attempt port
  for attempt in $(seq 1 20); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_in_use "${port}" && continue
    if run_server_cmd "${pg_bin}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${dir}'" \
      start >"${dir}/pg_ctl.log" 2>&1; then
      run_server_cmd tee "${dir}/port" >/dev/null <<<"${port}"
      dsn_of
      return
    fi
    if ! grep -q 'could not bind\|already in use' "${dir}/server.log" 2>/dev/null; then
      break
    fi
    echo "pg-cluster: port ${port} taken (attempt ${attempt}), trying another" >&2
  done
  echo "pg-cluster: the server in ${dir} did not start:" >&2
  cat "${dir}/pg_ctl.log" >&2
  tail -n 20 "${dir}/server.log" >&2 2>/dev/null || true
  exit 1
}

stop() {
  [[ -f "${dir}/data/postmaster.pid" ]] || return 0
  run_server_cmd "${pg_bin}/pg_ctl" -D "${dir}/data" status >/dev/null 2>&1 || return 0
  run_server_cmd "${pg_bin}/pg_ctl" -D "${dir}/data" -m fast -w -t 60 stop >/dev/null
}

case "${command}" in
  start) start ;;
  stop) stop ;;
  dsn) dsn_of ;;
  *) usage ;;
esac
