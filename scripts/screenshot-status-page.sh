#!/usr/bin/env bash
# Screenshots the status page (GET /): starts the built airwaved on a temporary state directory with the demo
# stations at 60x, joins a few listeners with curl, sends some feedback, lets station time pass, and shoots
# the page with headless Chromium (apt-get install -y chromium).
#
#   scripts/screenshot-status-page.sh [OUT.png]      default docs/status-page.png
#   WAIT=120 WIDTH=1280 HEIGHT=900 scripts/screenshot-status-page.sh /tmp/page.png
#
# Needs .build/debug/airwaved (swift build --product airwaved), curl and jq.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/status-page.png}"
wait_seconds="${WAIT:-90}"
width="${WIDTH:-1280}"
height="${HEIGHT:-900}"
bin="$root/.build/debug/airwaved"
[ -x "$bin" ] || { echo "screenshot: $bin is missing; run: swift build --product airwaved" >&2; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "screenshot: no chromium; run: apt-get install -y chromium" >&2; exit 1; }
for tool in curl jq; do command -v "$tool" >/dev/null || { echo "screenshot: $tool is missing" >&2; exit 1; }; done

state="$(mktemp -d /tmp/airwave-screenshot.XXXXXX)"
# The embedded PostgreSQL runs as postgres when we are root: let it into the state directory.
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then chown postgres "$state"; chmod 755 "$state"; fi
port=$(( 20000 + RANDOM % 20000 ))
base="http://127.0.0.1:$port"
"$bin" --state-dir "$state" --stations "$root/stations" --listen "127.0.0.1:$port" --clock-speed 60 \
    >"$state/airwaved.log" 2>&1 &
pid=$!
cleanup() {
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$state"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "screenshot: airwaved exited:" >&2; cat "$state/airwaved.log" >&2; exit 1; }
    sleep 0.5
done
curl -fsS "$base/health" >/dev/null || { echo "screenshot: airwaved did not come up" >&2; cat "$state/airwaved.log" >&2; exit 1; }

post() { curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d "$2" "$base$1"; }
listeners=(
    "jazz-lounge ana {\"genres\":{\"jazz\":0.9},\"energy_level\":0.4}"
    "jazz-lounge ben {\"genres\":{\"soul\":0.8,\"blues\":0.6}}"
    "jazz-lounge chloe {}"
    "eclectic dmitri {\"genres\":{\"metal\":0.9},\"energy_level\":0.9}"
    "eclectic elena {\"genres\":{\"pop\":0.8},\"discovery_factor\":0.4}"
    "indie-rock farid {\"genres\":{\"indie\":0.9}}"
    "indie-rock grace {}"
    "classical-electronic hana {\"genres\":{\"classical\":0.9},\"energy_level\":0.2}"
)
for entry in "${listeners[@]}"; do
    read -r station user prefs <<<"$entry"
    post "/stations/$station/listeners" "{\"user_id\":\"$user\",\"preferences\":$prefs}"
done

# Station time runs 60x: send heartbeats so nobody goes idle, and some likes and skips along the way.
feedback() {
    local station=$1 user=$2 type=$3 track
    track="$(curl -fsS "$base/stations/$station/listeners/$user/queue" | jq -r '.now_playing.track_id // empty')"
    [ -n "$track" ] && post "/stations/$station/listeners/$user/interactions" "{\"track_id\":\"$track\",\"type\":\"$type\"}" || true
}
elapsed=0
while [ "$elapsed" -lt "$wait_seconds" ]; do
    for entry in "${listeners[@]}"; do
        read -r station user _ <<<"$entry"
        post "/stations/$station/listeners/$user/heartbeat" '{}' || true
    done
    case $(( elapsed / 5 % 4 )) in
        0) feedback jazz-lounge ana like; feedback eclectic elena skip ;;
        1) feedback eclectic dmitri like; feedback indie-rock grace skip ;;
        2) feedback jazz-lounge chloe skip; feedback classical-electronic hana favorite ;;
        3) feedback indie-rock farid like ;;
    esac
    sleep 5
    elapsed=$(( elapsed + 5 ))
done

"$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$out" --window-size="$width,$height" "$base/" >/dev/null 2>&1
echo "screenshot: wrote $out ($(du -k "$out" | cut -f1) KB)" >&2
