#!/usr/bin/env bash
# Checks etc/systemd/airwaved.service with systemd-analyze verify, on a temporary copy whose ExecStart
# points at the built binary (DECISIONS 24). Prints one line and exits non-zero on any finding.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$(realpath "${1:-$root/.build/debug/airwaved}")"
if ! command -v systemd-analyze >/dev/null; then
    echo "verify-unit: systemd-analyze not installed; skipped" >&2
    exit 0
fi
[ -x "$binary" ] || { echo "verify-unit: $binary is not built" >&2; exit 1; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
sed "s|^ExecStart=/usr/local/bin/airwaved|ExecStart=$binary|" "$root/etc/systemd/airwaved.service" > "$dir/airwaved.service"
# The unit names a dedicated user that does not exist on build machines; verify reports only real problems
# otherwise, so the "user does not exist" style notices are filtered out.
out="$(SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$dir/airwaved.service" 2>&1 | grep -v -E "^$|User=airwave|Group=airwave" || true)"
if [ -n "$out" ]; then
    echo "$out" >&2
    echo "verify-unit: systemd-analyze found problems in etc/systemd/airwaved.service" >&2
    exit 1
fi
echo "verify-unit: etc/systemd/airwaved.service passes systemd-analyze verify"
