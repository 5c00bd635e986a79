#!/usr/bin/env bash
# Figures that need the real daemon: HTTP rates (wrk -t2 -c64 on loopback, same cores), durable interactions
# against the embedded PostgreSQL, and start-up of a 1M-track station. Prints Markdown tables on stdout.
#
#   scripts/bench/daemon.sh            # full: 3 × 10 s per wrk figure (WRK_SECONDS=15 for longer), 1M start-up
#   BENCH_QUICK=1 scripts/bench/daemon.sh   # 1 × 5 s per figure, 1M start-up still measured
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release}
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then SECS=${WRK_SECONDS:-5}; ROUNDS=${WRK_ROUNDS:-1}; else SECS=${WRK_SECONDS:-10}; ROUNDS=${WRK_ROUNDS:-3}; fi
PORT=${BENCH_PORT:-18750}
BARE_PORT=$((PORT + 1))
UNCACHED_PORT=$((PORT + 2))
WORK=$(mktemp -d /tmp/airwave-bench.XXXXXX)
# As root the embedded cluster runs as the postgres user, who must be able to reach the state directory.
chmod 755 "$WORK"
BASE="http://127.0.0.1:$PORT"
DAEMON_PID=""; BARE_PID=""; UNCACHED_PID=""

cleanup() {
    [ -n "$BARE_PID" ] && kill "$BARE_PID" 2>/dev/null || true
    stop_uncached
    stop_daemon
    # The embedded cluster's files may belong to the postgres user: remove as root if we are root.
    rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

log() { echo "bench: $*" >&2; }
now() { date +%s.%N; }

start_daemon() { # optional: HTTP thread count (0 = eight per core, the default)
    AIRWAVE_HTTP_THREADS=${1:-0} "$BIN/airwaved" --state-dir "$WORK/state" --stations "$WORK/stations" --listen "127.0.0.1:$PORT" \
        >>"$WORK/daemon.log" 2>&1 &
    DAEMON_PID=$!
}
stop_daemon() {
    if [ -n "$DAEMON_PID" ]; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
        DAEMON_PID=""
    fi
}
# A second daemon with recommendation_cache = false (own state directory and embedded PostgreSQL, same
# stations), so cached and uncached recommendations are measured in the same rounds, interleaved.
start_uncached() {
    AIRWAVE_HTTP_THREADS=$READ_THREADS AIRWAVE_RECOMMENDATION_CACHE=false "$BIN/airwaved" --state-dir "$WORK/state-uncached" --stations "$WORK/stations" \
        --listen "127.0.0.1:$UNCACHED_PORT" >>"$WORK/daemon-uncached.log" 2>&1 &
    UNCACHED_PID=$!
}
stop_uncached() {
    if [ -n "$UNCACHED_PID" ]; then
        kill -TERM "$UNCACHED_PID" 2>/dev/null || true
        wait "$UNCACHED_PID" 2>/dev/null || true
        UNCACHED_PID=""
    fi
}
# Waits until URL answers 200; prints the seconds waited since $1 (a start time).
wait_for() {
    local since=$1 url=$2 limit=${3:-120}
    local deadline=$(( $(date +%s) + limit ))
    until curl -sf -o /dev/null "$url"; do
        if [ "$(date +%s)" -gt "$deadline" ]; then log "timed out waiting for $url"; tail -20 "$WORK/daemon.log" >&2; exit 1; fi
        sleep 0.02
    done
    elapsed "$since"
}
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN {printf "%.3f\n", a - b}'; }
wait_log() {
    local pattern=$1 limit=${2:-300}
    local deadline=$(( $(date +%s) + limit ))
    until grep -q "$pattern" "$WORK/daemon.log"; do
        if [ "$(date +%s)" -gt "$deadline" ]; then log "timed out waiting for '$pattern' in the log"; return 1; fi
        sleep 0.1
    done
}
station_json() { # id catalog
    printf '{"id":"%s","name":"Bench %s","timezone":"Europe/Berlin","catalog":"%s","queue_size":10}\n' "$1" "$1" "$2"
}
# wrk, printing "requests/s p50_ms p99_ms non2xx"
run_wrk() {
    local out
    out=$(wrk -t2 -c64 -d"${SECS}s" --latency "$@" 2>&1)
    echo "$out" >>"$WORK/wrk.log"
    local rps p50 p99 bad
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    bad=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}
to_ms() { # wrk prints 1.23ms / 456.00us / 1.02s
    case "$1" in
        *us) echo "$1" | sed 's/us//' | awk '{printf "%.3f", $1/1000}' ;;
        *ms) echo "$1" | sed 's/ms//' | awk '{printf "%.2f", $1}' ;;
        *s) echo "$1" | sed 's/s//' | awk '{printf "%.0f", $1*1000}' ;;
        *) echo "?" ;;
    esac
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR==0) ? "?" : a[int((NR+1)/2)]}'; }

mkdir -p "$WORK/stations"
log "work directory $WORK"
"$BIN/airwave-bench" generate --tracks 100000 --seed 1 --out "$WORK/stations/big.csv" >&2
station_json big big.csv >"$WORK/stations/big.json"
"$BIN/airwave-bench" generate --tracks 1000000 --seed 2 --out "$WORK/huge.csv" >&2

# First start: creates the cluster and copies the 100k catalog; wait until the copy is done.
# The read rows run the daemons with one HTTP thread per core, as the bare handler does (READ_THREADS=0 for the
# default of eight per core).
READ_THREADS=${READ_THREADS:-$(nproc)}
t0=$(now); start_daemon "$READ_THREADS"
first=$(wait_for "$t0" "$BASE/stations/big" 180)
log "first start (initdb + migrations + 100k station) ready after ${first} s"
# Let the background copy finish so it does not compete with wrk (the quick run does not wait).
[ "$QUICK" = 1 ] || wait_log "big: 100000 tracks copied" 300 || true

# The uncached twin; its copy of the 100k catalog must not compete with wrk either.
t0=$(now); start_uncached
wait_for "$t0" "http://127.0.0.1:$UNCACHED_PORT/stations/big" 180 >/dev/null
if [ "$QUICK" != 1 ]; then
    deadline=$(( $(date +%s) + 300 ))
    until grep -q "big: 100000 tracks copied" "$WORK/daemon-uncached.log" || [ "$(date +%s)" -gt "$deadline" ]; do sleep 0.1; done
fi

# ---- HTTP rates -------------------------------------------------------------------------------------
"$BIN/airwave-bench" bare-http --port "$BARE_PORT" 2>>"$WORK/daemon.log" &
BARE_PID=$!
sleep 0.5
for base in "$BASE" "http://127.0.0.1:$UNCACHED_PORT"; do
    curl -sf -X POST "$base/stations/big/listeners" -H 'Content-Type: application/json' \
        -d '{"user_id":"reco","preferences":{"genres":{"jazz":0.9,"blues":0.7,"soul":0.6},"moods":{"mellow":0.8},"energy_level":0.45,"discovery_factor":0.2}}' >/dev/null
done

declare -A R
for round in $(seq "$ROUNDS"); do
    log "wrk round $round/$ROUNDS (${SECS} s each)"
    R[bare]+="$(run_wrk "http://127.0.0.1:$BARE_PORT/health")"$'\n'
    R[status]+="$(run_wrk "$BASE/status")"$'\n'
    R[reco10]+="$(run_wrk "$BASE/stations/big/listeners/reco/recommendations")"$'\n'
    R[reco10u]+="$(run_wrk "http://127.0.0.1:$UNCACHED_PORT/stations/big/listeners/reco/recommendations")"$'\n'
    R[reco50]+="$(run_wrk "$BASE/stations/big/listeners/reco/recommendations?size=50")"$'\n'
    R[reco50u]+="$(run_wrk "http://127.0.0.1:$UNCACHED_PORT/stations/big/listeners/reco/recommendations?size=50")"$'\n'
done
kill "$BARE_PID" 2>/dev/null || true; wait "$BARE_PID" 2>/dev/null || true; BARE_PID=""
# Proof of which path served: the cached daemon's hit/miss counters (the uncached one counts nothing).
CACHE_COUNTS=$(curl -sf "$BASE/metrics" | awk '/^airwave_recommendation_cache_total/ {split($1, a, "\""); printf "%s%s %s", (n++ ? ", " : ""), a[2], $2}')
stop_uncached

# ---- Durable interactions ---------------------------------------------------------------------------
# An interaction waits for its group commit with its connection suspended (no HTTP thread held), so the
# daemon runs with the same thread count as for the GET rows (INTERACTION_THREADS to change it) and the
# default group_commit_writers (GROUP_COMMIT_WRITERS to change it). The group-commit counters from /metrics
# give each round's mean batch size and how busy the writers were.
stop_daemon
t0=$(now); AIRWAVE_GROUP_COMMIT_WRITERS=${GROUP_COMMIT_WRITERS:-2} start_daemon "${INTERACTION_THREADS:-$READ_THREADS}"
wait_for "$t0" "$BASE/stations/big" 120 >/dev/null
commit_counters() { curl -sf "$BASE/metrics" | awk '/^airwave_group_commit_(batches|interactions|busy_seconds)_total/ {printf "%s ", $2}'; }
GROUP_COMMIT=""
for round in $(seq "$ROUNDS"); do
    for u in $(seq 0 63); do
        curl -sf -X POST "$BASE/stations/big/listeners" -H 'Content-Type: application/json' \
            -d "{\"user_id\":\"bench-r$round-$u\"}" >/dev/null
    done
    before=$(commit_counters)
    R[interactions]+="$(BENCH_PREFIX="bench-r$round-" run_wrk -s scripts/bench/interactions.lua "$BASE/")"$'\n'
    after=$(commit_counters)
    GROUP_COMMIT+=$(echo "$before $after" | awk -v s="$SECS" '{b = $4 - $1; printf "%.1f per batch (%d batches), writers busy %.2f s/s", ($5 - $2) / (b ? b : 1), b, ($6 - $3) / s}')"; "
done

row() { # name label
    local lines=${R[$1]}
    local rps p50 p99 bad
    rps=$(echo "$lines" | awk 'NF {print $1}' | median)
    p50=$(echo "$lines" | awk 'NF {print $2}' | median)
    p99=$(echo "$lines" | awk 'NF {print $3}' | median)
    bad=$(echo "$lines" | awk 'NF {s+=$4} END {print s+0}')
    local all; all=$(echo "$lines" | awk 'NF {printf "%s%.0f", (n++ ? ", " : ""), $1}')
    echo "| $2 | $(printf '%.0f' "$rps") | $all | $p50 | $p99 | $bad |"
}
echo
echo "HTTP: wrk -t2 -c64 -d${SECS}s --latency, $ROUNDS round(s) interleaved; medians over rounds;"
echo "GET rows: http_threads = $READ_THREADS (the bare handler runs $(nproc)); interactions: http_threads = ${INTERACTION_THREADS:-$READ_THREADS}, group_commit_writers = ${GROUP_COMMIT_WRITERS:-2}"
echo
echo "| route | req/s (median) | req/s per round | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---|---:|---:|---:|"
row bare "bare libmicrohttpd handler (airwave-bench bare-http)"
row status "GET /status"
row reco10 "GET …/recommendations (100k tracks, size 10, cached: recommendation_cache = true)"
row reco10u "GET …/recommendations (100k tracks, size 10, uncached: recommendation_cache = false)"
row reco50 "GET …/recommendations?size=50 (100k tracks, cached)"
row reco50u "GET …/recommendations?size=50 (100k tracks, uncached)"
row interactions "POST …/interactions (64 listeners, like/dislike/play, committed before reply)"
bare=$(echo "${R[bare]}" | awk 'NF {print $1}' | median); status=$(echo "${R[status]}" | awk 'NF {print $1}' | median)
echo
echo "GET /status / bare handler: $(awk -v a="$status" -v b="$bare" 'BEGIN {printf "%.2f", a / b}')"
echo
echo "Recommendations: the cached rows come from the daemon with the default recommendation_cache = true"
echo "(ranking reused; discovery draw and reasons per request: answers equal the uncached ones), the uncached"
echo "rows from a second daemon with recommendation_cache = false, in the same rounds. Cache outcomes of the"
echo "cached daemon: ${CACHE_COUNTS:-not available}."
echo
echo "Group commit per interactions round: ${GROUP_COMMIT:-not available}"

# ---- Start-up of a 1M-track station -----------------------------------------------------------------
stop_daemon
cp "$WORK/huge.csv" "$WORK/stations/huge.csv"
station_json huge huge.csv >"$WORK/stations/huge.json"
: >"$WORK/daemon.log"
t0=$(now); start_daemon
ready=$(wait_for "$t0" "$BASE/stations/huge/listeners?limit=1" 120)
curl -sf -X POST "$BASE/stations/huge/listeners" -H 'Content-Type: application/json' -d '{"user_id":"first"}' >/dev/null
served=$(elapsed "$t0")
copied="not finished in 300 s"
if [ "$QUICK" = 1 ]; then copied="not waited for (BENCH_QUICK)"; elif wait_log "huge: 1000000 tracks copied" 300; then copied="$(elapsed "$t0") s"; fi
echo
echo "| start-up (restart with a new 1M-track station file, 100k station already in PostgreSQL) | seconds |"
echo "|---|---:|"
echo "| process start → 1M station answering (embedded PostgreSQL start, parse, catalog, HTTP) | $(printf '%.2f' "$ready") |"
echo "| … → first listener joined with a queue of 10 | $(printf '%.2f' "$served") |"
echo "| … → the 1M tracks copied to PostgreSQL in the background | $copied |"
log "daemon log and wrk output kept in $WORK until exit"
