"""Scenario 7: the operator token guards every route but /health and /metrics; a public bind without a
token is refused at start-up; one user's profile routes never show another user's data."""
from __future__ import annotations

import json
import os
import subprocess
import time

import requests

from harness import BINARY, REPO, STATIONS, Daemon, Results, free_port

TOKEN = "reliability-token-0123456789abcdef"

# Every route the daemon serves, with concrete ids (method, path, body).
ROUTES = [
    ("GET", "/", None), ("GET", "/status", None), ("GET", "/stations", None),
    ("POST", "/stations", {"id": "x1", "name": "X", "timezone": "UTC"}),
    ("GET", "/stations/eclectic", None), ("DELETE", "/stations/eclectic", None),
    ("POST", "/stations/eclectic/tracks", {"tracks": []}), ("DELETE", "/stations/eclectic/tracks/ec-0001", None),
    ("POST", "/stations/eclectic/listeners", {"user_id": "alice-iso"}), ("GET", "/stations/eclectic/listeners", None),
    ("DELETE", "/stations/eclectic/listeners/alice-iso", None),
    ("GET", "/stations/eclectic/listeners/alice-iso/queue", None),
    ("POST", "/stations/eclectic/listeners/alice-iso/queue/refresh", None),
    ("GET", "/stations/eclectic/listeners/alice-iso/recommendations", None),
    ("POST", "/stations/eclectic/listeners/alice-iso/interactions", {"track_id": "ec-0001", "type": "like"}),
    ("POST", "/stations/eclectic/listeners/alice-iso/heartbeat", None),
    ("POST", "/stations/eclectic/listeners/alice-iso/pause", None),
    ("POST", "/stations/eclectic/listeners/alice-iso/resume", None),
    ("GET", "/stations/eclectic/log", None),
    ("GET", "/profiles/alice-iso", None), ("PATCH", "/profiles/alice-iso", {"energy_level": 0.2}),
    ("GET", "/profiles/alice-iso/analytics", None), ("GET", "/profiles/alice-iso/overrides", None),
    ("POST", "/profiles/alice-iso/overrides", {"genres": {"jazz": 0.5}}),
    ("DELETE", "/profiles/alice-iso/overrides/genres/jazz", None),
    ("GET", "/profiles/alice-iso/export", None), ("DELETE", "/profiles/alice-iso", None),
    ("POST", "/profiles/alice-iso/redactions", {"interaction_ids": [1]}),
    ("DELETE", "/profiles/alice-iso/redactions/1", None), ("POST", "/profiles/alice-iso/reset", None),
    ("GET", "/no/such/route", None),
]


def openapi_routes() -> list[tuple[str, str, None]]:
    """Routes named in docs/openapi.json (when present) that ROUTES lacks, with placeholders filled."""
    path = os.path.join(REPO, "docs", "openapi.json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        spec = json.load(f)
    fill = {"{id}": "eclectic", "{station_id}": "eclectic", "{user_id}": "alice-iso", "{user}": "alice-iso",
            "{track_id}": "ec-0001", "{kind}": "genres", "{name}": "jazz", "{redaction_id}": "1"}
    known = {(m, p) for m, p, _ in ROUTES}
    extra = []
    for template, ops in spec.get("paths", {}).items():
        concrete = template
        for k, v in fill.items():
            concrete = concrete.replace(k, v)
        for method in ops:
            if concrete in ("/health", "/metrics"):
                continue  # open by design (DECISIONS 19); checked separately
            if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE") and (method.upper(), concrete) not in known:
                extra.append((method.upper(), concrete, None))
    return extra


def run(results: Results, root: str) -> None:
    # A public bind without a token is refused before anything starts.
    state = os.path.join(root, "public-bind")
    os.makedirs(state)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRWAVE_")}
    started = time.monotonic()
    try:
        proc = subprocess.run([BINARY, "--state-dir", state, "--stations", STATIONS, "--listen", f"0.0.0.0:{free_port()}"],
                              capture_output=True, text=True, timeout=60, env=env)
        code, err = proc.returncode, proc.stderr.strip().splitlines()[-1:] or [""]
    except subprocess.TimeoutExpired:
        code, err = None, ["still running after 60 s"]
    results.check("access: 0.0.0.0 without api_token refused at start-up (exit 78)", code == 78,
                  f"exit {code} after {time.monotonic() - started:.2f}s: {err[0][:140]}")

    daemon = Daemon(os.path.join(root, "access"), clock_speed=60, token=TOKEN)
    try:
        daemon.start()
        s = requests.Session()
        routes = ROUTES + openapi_routes()
        open_routes = [(p, s.get(daemon.base + p, timeout=10).status_code) for p in ("/health", "/metrics")]
        results.check("access: /health and /metrics open without a token", all(c == 200 for _, c in open_routes),
                      ", ".join(f"{p} {c}" for p, c in open_routes))
        leaks = []
        for label, headers in (("no token", {}), ("wrong token", {"Authorization": "Bearer wrong-" + TOKEN}),
                               ("token as query", {})):
            for method, path, body in routes:
                url = daemon.base + path + (f"?token={TOKEN}&api_token={TOKEN}" if label == "token as query" else "")
                r = s.request(method, url, json=body, headers=headers, timeout=10)
                if r.status_code != 401:
                    leaks.append(f"{label}: {method} {path} → {r.status_code}")
        results.check("access: every other route answers 401 without / with a wrong token", not leaks,
                      f"{len(routes)} routes x 3 ways, {len(leaks)} not 401" + (f": {leaks[:4]}" if leaks else ""))
        ok = s.get(daemon.base + "/stations", headers=daemon.headers(), timeout=10).status_code
        results.check("access: the right token is accepted", ok == 200, f"GET /stations {ok}")
        isolation(results, daemon, s)
    finally:
        daemon.cleanup()


def isolation(results: Results, daemon: Daemon, s: requests.Session) -> None:
    h = daemon.headers()
    b = daemon.base
    people = {"alice-iso": ("alicegenre", "Alice Artist"), "bob-iso": ("bobsecretgenre", "Bob Secret Artist")}
    for user, (genre, artist) in people.items():
        s.post(f"{b}/stations/eclectic/listeners", headers=h, timeout=10,
               json={"user_id": user, "preferences": {"genres": {genre: 0.9}, "artists": {artist: 0.8}}})
        for track in ("ec-0001", "ec-0002", "ec-0003"):
            s.post(f"{b}/stations/eclectic/listeners/{user}/interactions", headers=h, timeout=10,
                   json={"track_id": track, "type": "like" if user == "alice-iso" else "dislike"})
        s.post(f"{b}/profiles/{user}/overrides", headers=h, timeout=10, json={"genres": {genre: 0.3}})
    time.sleep(2)  # let a few plays happen (clock speed 60)
    leaks = []
    for path in ("/profiles/alice-iso", "/profiles/alice-iso/export", "/profiles/alice-iso/analytics",
                 "/profiles/alice-iso/overrides", "/stations/eclectic/listeners/alice-iso/queue",
                 "/stations/eclectic/listeners/alice-iso/recommendations", "/stations/eclectic/log?user=alice-iso"):
        r = s.get(b + path, headers=h, timeout=10)
        text = r.text.lower()
        if r.status_code != 200:
            leaks.append(f"{path} → {r.status_code}")
        elif "bob" in text:
            leaks.append(f"{path} mentions bob")
        if path.startswith("/stations/eclectic/log"):
            users = {json.loads(line).get("user_id") for line in r.text.splitlines() if line.strip()}
            if users - {"alice-iso"}:
                leaks.append(f"log?user=alice-iso has entries of {sorted(users - {'alice-iso'})[:3]}")
    results.check("access: alice's profile routes carry none of bob's data", not leaks,
                  "7 routes checked" + (f"; {leaks}" if leaks else ""))
