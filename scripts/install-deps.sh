#!/usr/bin/env bash
# Installs every Debian 12 package OpenCEIR needs (the list is scripts/packages.txt).
#
# Non-interactive and idempotent: it asks dpkg which packages are missing, and only when some
# are does it run `apt-get update` (once) and `apt-get install` for those. A rerun on a ready
# machine touches no network and takes well under a second. Needs root (or sudo).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
list="${here}/packages.txt"

mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "${list}" | grep -v '^$')

# One dpkg-query for the whole list (it prints nothing for a package it has never heard of).
declare -A installed=()
while read -r name state; do
  [[ "${state}" == "install ok installed" ]] && installed["${name%%:*}"]=1
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for package in "${packages[@]}"; do
  [[ -n "${installed[${package}]:-}" ]] || missing+=("${package}")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "install-deps: must run as root (missing: ${missing[*]})" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "${missing[@]}"
echo "install-deps: done"
