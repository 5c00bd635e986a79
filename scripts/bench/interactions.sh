#!/usr/bin/env bash
# Durable interactions alone, with what it costs: a fresh daemon (fresh state directory and embedded
# PostgreSQL, the 100k-track station) and ROUNDS rounds of `wrk -t2 -c64` running scripts/bench/interactions.lua
# against 64 fresh listeners each. Per round: req/s, p50/p99, non-2xx, the group commit's mean batch and
# writer busy time (from /metrics), and CPU ms per interaction of the daemon and of its PostgreSQL (from
# /proc). The quick A/B figures in docs/BENCHMARKS.md ("Durable interactions") come from this script, run
# alternately with two builds (BIN=…). Needs wrk (make bench installs it).
#
#   scripts/bench/interactions.sh                     # 3 rounds of 10 s, http_threads = one per core
#   BIN=/tmp/old ROUNDS=2 SECS=8 scripts/bench/interactions.sh
#   THREADS=16 WRITERS=3 PGSTATS=1 scripts/bench/interactions.sh   # PGSTATS: profiles' HOT updates (psql)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release}
THREADS=${THREADS:-$(nproc)}
WRITERS=${WRITERS:-2}
SECS=${SECS:-10}
ROUNDS=${ROUNDS:-3}
PORT=${BENCH_PORT:-18860}
BASE="http://127.0.0.1:$PORT"
if curl -s -o /dev/null "$BASE/health"; then echo "interactions: port $PORT is in use (BENCH_PORT=…)" >&2; exit 1; fi
WORK=$(mktemp -d /tmp/airwave-interactions.XXXXXX)
chmod 755 "$WORK"   # as root the embedded cluster runs as the postgres user
PID=""
cleanup() {
    if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

mkdir -p "$WORK/stations"
"$BIN/airwave-bench" generate --tracks 100000 --seed 1 --out "$WORK/stations/big.csv" >/dev/null 2>&1
printf '{"id":"big","name":"Bench big","timezone":"Europe/Berlin","catalog":"big.csv","queue_size":10}\n' >"$WORK/stations/big.json"
AIRWAVE_HTTP_THREADS=$THREADS AIRWAVE_GROUP_COMMIT_WRITERS=$WRITERS "$BIN/airwaved" --state-dir "$WORK/state" \
    --stations "$WORK/stations" --listen "127.0.0.1:$PORT" >>"$WORK/daemon.log" 2>&1 &
PID=$!
deadline=$(( $(date +%s) + 300 ))
# Serving, and the background copy of the catalog done (it would compete with wrk).
until curl -sf -o /dev/null "$BASE/stations/big" && grep -q "big: 100000 tracks copied" "$WORK/daemon.log"; do
    if [ "$(date +%s)" -gt "$deadline" ]; then echo "interactions: daemon not ready" >&2; tail -20 "$WORK/daemon.log" >&2; exit 1; fi
    sleep 0.2
done

ticks() { awk '{ sub(/^.*\) /, ""); split($0, f, " "); print f[12] + f[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU ticks of the daemon, and of the embedded postmaster and its children.
cpu() {
    local postmaster total=0
    postmaster=$(head -1 "$WORK/state/postgres/postmaster.pid")
    for p in "$postmaster" $(ps -o pid= --ppid "$postmaster"); do total=$(( total + $(ticks "$p") )); done
    echo "$(ticks "$PID") $total"
}
counters() { curl -sf "$BASE/metrics" | awk '/^airwave_group_commit_(batches|interactions|busy_seconds)_total/ {printf "%s ", $2}'; }
hz=$(getconf CLK_TCK)

echo "| round | req/s | p50 | p99 | non-2xx | mean batch | writers busy s/s | daemon CPU ms/interaction | PostgreSQL CPU ms/interaction |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for round in $(seq "$ROUNDS"); do
    for u in $(seq 0 63); do
        curl -sf -X POST "$BASE/stations/big/listeners" -H 'Content-Type: application/json' -d "{\"user_id\":\"i$round-$u\"}" >/dev/null
    done
    before="$(counters) $(cpu)"
    out=$(BENCH_PREFIX="i$round-" wrk -t2 -c64 -d"${SECS}s" --latency -s scripts/bench/interactions.lua "$BASE/" 2>&1)
    after="$(counters) $(cpu)"
    rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    bad=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    echo "$before $after" | awk -v r="$round" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v bad="${bad:-0}" -v s="$SECS" -v hz="$hz" '{
        b = $6 - $1; n = $7 - $2
        printf "| %d | %s | %s | %s | %s | %.1f | %.2f | %.3f | %.3f |\n", r, rps, p50, p99, bad,
               n / (b ? b : 1), ($8 - $3) / s, ($9 - $4) * 1000 / hz / (n ? n : 1), ($10 - $5) * 1000 / hz / (n ? n : 1)
    }'
done
if [ -n "${PGSTATS:-}" ]; then
    port=$(sed -n 4p "$WORK/state/postgres/postmaster.pid")
    echo
    psql -h "$WORK/state/run" -p "$port" -U postgres -d airwave -Atc \
        "SELECT 'profiles: ' || n_tup_upd || ' updates, ' || n_tup_hot_upd || ' HOT, ' || n_dead_tup || ' dead, '
                || pg_size_pretty(pg_total_relation_size(relid)) FROM pg_stat_user_tables WHERE relname = 'profiles'"
fi
