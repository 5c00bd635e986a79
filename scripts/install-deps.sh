#!/usr/bin/env bash
# Installs the Debian packages Airwave builds and tests against, when any is missing.
# Safe to run repeatedly: it does nothing when everything is present.
set -euo pipefail

packages=(pkg-config libpq-dev libmicrohttpd-dev postgresql-15 postgresql-client-15 wrk chromium)
if [ "${1:-}" = "--minimal" ]; then
    packages=(pkg-config libpq-dev libmicrohttpd-dev postgresql-15 postgresql-client-15)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
