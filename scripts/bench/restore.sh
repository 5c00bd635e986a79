#!/usr/bin/env bash
# Restart with saved listeners: joins LISTENERS (default 20000) listeners to the demo eclectic station over
# HTTP, stops the daemon (SIGTERM), then restarts it ROUNDS times on the same state directory and prints the
# seconds from exec to its "listeners restored" log line. BIN may point at an older build to compare.
#
#   scripts/bench/restore.sh                       # 20,000 listeners, 2 restarts
#   LISTENERS=5000 BIN=/tmp/old-build scripts/bench/restore.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release}
LISTENERS=${LISTENERS:-20000}
ROUNDS=${ROUNDS:-2}
PORT=${BENCH_PORT:-18760}
WORK=$(mktemp -d /tmp/airwave-restore.XXXXXX)
chmod 755 "$WORK"
PID=""
cleanup() {
    [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
    rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT
mkdir -p "$WORK/stations"
cp stations/eclectic.json stations/eclectic.csv "$WORK/stations/"

start() {
    : >"$WORK/daemon.log"
    "$BIN/airwaved" --state-dir "$WORK/state" --stations "$WORK/stations" --listen "127.0.0.1:$PORT" >>"$WORK/daemon.log" 2>&1 &
    PID=$!
}
stop() { kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

start
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/stations/eclectic"; do sleep 0.1; done
echo "restore: joining $LISTENERS listeners" >&2
python3 - "$LISTENERS" "$PORT" <<'PY'
import http.client, json, sys, threading
n, port = int(sys.argv[1]), int(sys.argv[2])
def work(first):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for i in range(first, n, 8):
        conn.request("POST", "/stations/eclectic/listeners", json.dumps({"user_id": f"u{i}"}), {"Content-Type": "application/json"})
        reply = conn.getresponse(); reply.read()
        if reply.status >= 300: sys.exit(f"join u{i}: HTTP {reply.status}")
threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
for t in threads: t.start()
for t in threads: t.join()
PY
stop

echo "| restart with $LISTENERS saved listeners ($BIN) | seconds from exec to \"listeners restored\" |"
echo "|---|---:|"
for round in $(seq "$ROUNDS"); do
    t0=$(date +%s.%N); start
    until grep -q "listeners restored" "$WORK/daemon.log"; do sleep 0.02; done
    echo "| round $round | $(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN {printf "%.2f", a - b}') |"
    stop
done
