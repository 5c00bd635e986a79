#!/usr/bin/env bash
# `make bench`: every figure of issue 7 from release binaries, as Markdown on stdout (progress on stderr).
# Full run ≈ 18 minutes (the scheduler alone runs 10 wall-clock minutes, DECISIONS 25);
# BENCH_QUICK=1 ≈ 3 minutes (smaller run counts, a 1-minute scheduler run, 5-second wrk runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release}
QUICK=${BENCH_QUICK:-0}
started=$(date +%s)
section() { echo; echo "## $1"; echo; echo "\`$2\`"; echo; }

echo "# airwave bench $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, BENCH_QUICK=$QUICK"
if [ "$QUICK" = 1 ]; then
    scoring=(--tracks 10000,100000,1000000 --runs 30 --naive-seconds 2)
    scheduler=(--listeners 100000 --stations 20 --tracks 5000 --speed 60 --seconds 60)
else
    scoring=(--tracks 10000,100000,1000000 --runs 300 --naive-seconds 10)
    scheduler=(--listeners 100000 --stations 20 --tracks 5000 --speed 60 --seconds 600)
fi

section "Recommendation latency (playlist of 50, discovery 0.2, reasons)" "$BIN/airwave-bench scoring ${scoring[*]}"
"$BIN/airwave-bench" scoring "${scoring[@]}"

section "Memory of a 1M-track station" "$BIN/airwave-bench memory --tracks 1000000"
"$BIN/airwave-bench" memory --tracks 1000000

section "Interaction reply (the whole profile as JSON)" "$BIN/airwave-bench reply-json"
"$BIN/airwave-bench" reply-json

section "Scheduler" "$BIN/airwave-bench scheduler ${scheduler[*]}"
"$BIN/airwave-bench" scheduler "${scheduler[@]}"

section "HTTP, durable interactions, start-up (real airwaved, embedded PostgreSQL)" "BENCH_QUICK=$QUICK scripts/bench/daemon.sh"
BENCH_QUICK=$QUICK BIN=$BIN bash scripts/bench/daemon.sh

if [ "$QUICK" = 1 ]; then restore_listeners=3000; else restore_listeners=20000; fi
section "Restart with saved listeners" "LISTENERS=$restore_listeners scripts/bench/restore.sh"
LISTENERS=$restore_listeners BIN=$BIN bash scripts/bench/restore.sh

echo
echo "whole bench: $(( $(date +%s) - started )) s"
