"""Scenario 6: hostile station files and catalogs, hostile requests, idle and surplus connections, and a
log-follow client that stops reading."""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time

import requests

from harness import STATIONS, Daemon, Results, note
from load import join_all

HEADER = "track_id,title,artist,album,genre,mood,energy,tempo,duration,year,key,bpm\n"
GOOD = "h-{n:04d},Good Song {n},Artist {a},Album,jazz,mellow,0.5,medium,200,1999,C,100\n"


def station_json(station_id: str, catalog: str) -> str:
    return json.dumps({"id": station_id, "name": f"Hostile {station_id}", "timezone": "UTC", "catalog": catalog,
                       "context_weight": 0.3, "queue_size": 10})


def write_stations(directory: str) -> dict[str, list[int]]:
    """Good demo station plus hostile ones; returns, per hostile CSV, the lines that must be reported."""
    os.makedirs(directory)
    for name in ("jazz-lounge.json", "jazz-lounge.csv"):
        shutil.copy(os.path.join(STATIONS, name), directory)
    expected: dict[str, list[int]] = {}

    # Bad rows among good ones: each bad row is reported by line; the good rows load.
    rows: list[bytes] = [HEADER.encode()]
    bad_lines = []
    good = 0

    def add(row: bytes, bad: bool) -> None:
        nonlocal good
        rows.append(row)
        if bad:
            bad_lines.append(len(rows))  # 1-based line number (header is line 1)
        else:
            good += 1

    for n in range(1, 6):
        add(GOOD.format(n=n, a=n % 3).encode(), False)
    add(b"h-0100,Wrong Type,A,Al,jazz,mellow,loud,medium,200,1999,C,100\n", True)        # energy not a number
    add(b"h-0101,Not A Number,A,Al,jazz,mellow,NaN,medium,200,1999,C,100\n", True)       # NaN
    add(b"h-0102,Out Of Range,A,Al,jazz,mellow,1.5,medium,200,1999,C,100\n", True)       # energy > 1
    add(b"h-0103,Negative,A,Al,jazz,mellow,0.5,medium,-3,1999,C,100\n", True)            # duration <= 0
    add(b"h-0104,Infinite,A,Al,jazz,mellow,0.5,medium,inf,1999,C,100\n", True)           # duration inf
    add(b"h-0105,Bad Tempo,A,Al,jazz,mellow,0.5,andante,200,1999,C,100\n", True)         # tempo
    add(b"h-0001,Duplicate,A,Al,jazz,mellow,0.5,medium,200,1999,C,100\n", True)          # duplicate id
    add(b"h-0106,\xff\xfe bad utf8,A,Al,jazz,mellow,0.5,medium,200,1999,C,100\n", True)  # invalid UTF-8
    add(b"h-0107,Short Row,A\n", True)                                                   # missing columns
    add(b"bad id with spaces,Bad Id,A,Al,jazz,mellow,0.5,medium,200,1999,C,100\n", True)  # invalid id
    add(b"h-0108," + b"x" * 2_000_000 + b",A,Al,jazz,mellow,0.5,medium,200,1999,C,100\n", True)  # enormous line
    add(b"h-0109,Huge Year,A,Al,jazz,mellow,0.5,medium,200,99999999999999999999,C,100\n", True)  # year overflow
    for n in range(6, 9):
        add(GOOD.format(n=n, a=n % 3).encode(), False)
    with open(os.path.join(directory, "bad-rows.csv"), "wb") as f:
        f.writelines(rows)
    with open(os.path.join(directory, "bad-rows.json"), "w") as f:
        f.write(station_json("bad-rows", "bad-rows.csv"))
    expected["bad-rows.csv"] = bad_lines
    expected["bad-rows.csv good"] = [good]

    # A header without required columns: nothing loads, one issue for line 1.
    with open(os.path.join(directory, "no-duration.csv"), "w") as f:
        f.write("track_id,title,artist,genre,mood,energy,tempo\nn-1,T,A,jazz,calm,0.3,slow\n")
    with open(os.path.join(directory, "no-duration.json"), "w") as f:
        f.write(station_json("no-duration", "no-duration.csv"))
    expected["no-duration.csv"] = [1]

    # Broken station files: not JSON, wrong types, a catalog that does not exist, NaN in JSON.
    with open(os.path.join(directory, "broken.json"), "w") as f:
        f.write('{"id": "broken", "name": ')
    with open(os.path.join(directory, "wrong-types.json"), "w") as f:
        f.write('{"id": 42, "name": ["x"], "timezone": 7, "catalog": false}')
    with open(os.path.join(directory, "missing-catalog.json"), "w") as f:
        f.write(station_json("missing-catalog", "does-not-exist.csv"))
    with open(os.path.join(directory, "nan-weight.json"), "w") as f:
        f.write('{"id": "nan-weight", "name": "N", "timezone": "UTC", "catalog": "jazz-lounge.csv", '
                '"context_weight": NaN, "queue_size": 1e999}')
    with open(os.path.join(directory, "bad-zone.json"), "w") as f:
        f.write(station_json("bad-zone", "jazz-lounge.csv").replace('"UTC"', '"Mars/Olympus_Mons"'))
    return expected


def raw(port: int, data: bytes, timeout: float = 15) -> tuple[int | None, bytes]:
    """Sends raw bytes; returns the status code (or None when the connection broke) and the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            pass
        reply = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        except OSError:
            pass
    try:
        return int(reply.split(b" ", 2)[1]), reply
    except (IndexError, ValueError):
        return None, reply


def post(port: int, path: str, body: bytes) -> tuple[int | None, bytes]:
    return raw(port, b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def get(port: int, path: str) -> tuple[int | None, bytes]:
    return raw(port, b"GET " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")


def run(results: Results, root: str) -> None:
    stations = os.path.join(root, "hostile-stations")
    expected = write_stations(stations)
    body_limit = 65536
    daemon = Daemon(os.path.join(root, "hostile"), stations=stations, clock_speed=3000,
                    env={"AIRWAVE_CONNECTION_TIMEOUT": "2", "AIRWAVE_BODY_LIMIT": str(body_limit),
                         "AIRWAVE_CONNECTION_LIMIT": "64",
                         # At clock speed 3000 the default idle_timeout pauses listeners after 0.6 s.
                         "AIRWAVE_IDLE_TIMEOUT": "86400000"})
    try:
        started = time.monotonic()
        daemon.start(timeout=60)
        results.check("hostile files: daemon starts", True, f"healthy after {time.monotonic() - started:.2f}s")
        err = daemon.stderr_text()
        for csv_name in ("bad-rows.csv", "no-duration.csv"):
            missing = [n for n in expected[csv_name] if f"{csv_name}:{n}:" not in err]
            results.check(f"hostile files: {csv_name} rows reported as file:line: reason", not missing,
                          f"{len(expected[csv_name]) - len(missing)}/{len(expected[csv_name])} reported"
                          + (f", missing lines {missing}" if missing else ""))
        for name in ("broken.json", "wrong-types.json", "missing-catalog.json", "nan-weight.json", "bad-zone.json"):
            results.check(f"hostile files: {name} reported on stderr", name in err,
                          next((line.strip()[:160] for line in err.splitlines() if name in line), "not mentioned"))
        huge = [line for line in err.splitlines() if len(line) > 4096]
        results.check("hostile files: stderr lines stay short (no 2 MB line echoed)", not huge,
                      f"longest stderr line {max((len(line) for line in err.splitlines()), default=0)} chars")
        good = requests.get(f"{daemon.base}/stations/jazz-lounge", timeout=10)
        results.check("hostile files: good station served", good.status_code == 200, f"GET /stations/jazz-lounge {good.status_code}")
        bad_rows = requests.get(f"{daemon.base}/stations/bad-rows", timeout=10)
        tracks = (bad_rows.json() or {}).get("track_count") if bad_rows.status_code == 200 else None
        want = expected["bad-rows.csv good"][0]
        results.check("hostile files: good rows of a partly bad catalog load", bad_rows.status_code == 200 and tracks == want,
                      f"GET /stations/bad-rows {bad_rows.status_code}, tracks {tracks} (want {want})")

        # --- hostile requests --------------------------------------------------------------------------
        code, _ = post(daemon.port, "/stations/jazz-lounge/listeners", b'{"user_id":"' + b"a" * (body_limit * 2) + b'"}')
        results.check("hostile requests: oversized body → 413", code == 413, f"{body_limit * 2} byte body → {code}")
        nested = b"[" * 10_000 + b"]" * 10_000
        code, _ = post(daemon.port, "/stations/jazz-lounge/listeners", nested)
        results.check("hostile requests: 10,000-level nested JSON → 4xx", code is not None and 400 <= code < 500, f"→ {code}")
        nested_obj = b'{"user_id":"n1","preferences":' + b'{"a":' * 5_000 + b"1" + b"}" * 5_001
        code, _ = post(daemon.port, "/stations/jazz-lounge/listeners", nested_obj)
        results.check("hostile requests: 5,000-level nested object → 4xx", code is not None and 400 <= code < 500, f"→ {code}")
        cases = [
            ("60,000-char user_id in body", lambda: post(daemon.port, "/stations/jazz-lounge/listeners",
                                                         b'{"user_id":"' + b"u" * 60_000 + b'"}')),
            ("5,000-char station id in path", lambda: get(daemon.port, "/stations/" + "s" * 5_000)),
            ("5,000-char user id in path", lambda: get(daemon.port, "/profiles/" + "p" * 5_000)),
            ("30,000-char query string", lambda: get(daemon.port, "/stations/jazz-lounge/log?limit=" + "9" * 30_000)),
            ("NaN in JSON", lambda: post(daemon.port, "/stations/jazz-lounge/listeners",
                                         b'{"user_id":"nan1","preferences":{"energy_level":NaN}}')),
            ("1e999 in JSON", lambda: post(daemon.port, "/stations/jazz-lounge/listeners",
                                           b'{"user_id":"big1","preferences":{"energy_level":1e999}}')),
            ("invalid UTF-8 in JSON", lambda: post(daemon.port, "/stations/jazz-lounge/listeners",
                                                   b'{"user_id":"\xff\xfe"}')),
            ("percent-encoded NUL in path", lambda: get(daemon.port, "/profiles/a%00b")),
            ("not JSON at all", lambda: post(daemon.port, "/stations/jazz-lounge/listeners", b"\x00\x01garbage")),
        ]
        for label, send in cases:
            code, _ = send()
            results.check(f"hostile requests: {label} → 4xx", code is not None and 400 <= code < 500, f"→ {code}")
        results.check("hostile requests: daemon alive after hostile requests",
                      daemon.running() and requests.get(f"{daemon.base}/health", timeout=5).status_code == 200)

        # --- idle connection closed after connection_timeout=2 -----------------------------------------
        s = socket.create_connection(("127.0.0.1", daemon.port), timeout=20)
        t0 = time.monotonic()
        try:
            closed_by_server = s.recv(1) == b""
        except OSError:
            closed_by_server = True
        idle = time.monotonic() - t0
        s.close()
        results.check("connections: idle connection closed after connection_timeout (2 s)",
                      closed_by_server and 1.5 <= idle <= 6, f"closed after {idle:.2f}s")

        # --- more connections than connection_limit=64 --------------------------------------------------
        # Each connection asks for /health at once; with the limit, at most 64 are served (the rest wait in
        # the kernel's accept queue or are closed) until slots free up; afterwards the server still answers.
        held: list[socket.socket] = []
        refused = 0
        for _ in range(160):
            try:
                c = socket.create_connection(("127.0.0.1", daemon.port), timeout=2)
                c.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                held.append(c)
            except OSError:
                refused += 1
        time.sleep(1.0)
        served = closed = waiting = 0
        for c in held:
            c.setblocking(False)
            try:
                data = c.recv(4096)
                if data.startswith(b"HTTP/1.1 200"):
                    served += 1
                else:
                    closed += 1
            except BlockingIOError:
                waiting += 1
            except OSError:
                closed += 1
        for c in held:
            c.close()
        time.sleep(0.5)
        alive = daemon.running() and requests.get(f"{daemon.base}/health", timeout=5).status_code == 200
        results.check("connections: no more than connection_limit (64) served at once, server unharmed",
                      alive and served <= 64 + 2 and served + closed + waiting + refused == 160,
                      f"160 opened within 1 s: {served} served, {waiting} waiting unaccepted, {closed} closed, "
                      f"{refused} refused; health afterwards {'200' if alive else 'failed'}")

        # --- a log-follow client that stops reading ------------------------------------------------------
        users = [f"flood-{i:03d}" for i in range(80)]
        join_all(daemon, "jazz-lounge", users)
        slow = socket.socket()
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        slow.connect(("127.0.0.1", daemon.port))
        slow.sendall(b"GET /stations/jazz-lounge/log?follow=true HTTP/1.1\r\nHost: x\r\n\r\n")
        base_rss = daemon.rss_kib()
        samples = []
        plays0 = int(daemon.psql("SELECT count(*) FROM plays WHERE station_id = 'jazz-lounge'")[0][0])
        for _ in range(12):
            time.sleep(2)
            samples.append(daemon.rss_kib())
        plays = int(daemon.psql("SELECT count(*) FROM plays WHERE station_id = 'jazz-lounge'")[0][0]) - plays0
        slow.close()
        sample = requests.get(f"{daemon.base}/stations/jazz-lounge/log?limit=200", timeout=10).text.splitlines()
        line_bytes = sum(len(line) + 1 for line in sample) / max(1, len(sample))
        volume_mib = plays * line_bytes / (1 << 20)
        growth = max(samples) - base_rss
        late_growth = samples[-1] - samples[len(samples) // 2]
        results.check("slow log follower: RSS bounded while plays keep coming",
                      growth < 48 * 1024 and late_growth < 8 * 1024 and daemon.running(),
                      f"{plays} plays in 24 s (~{volume_mib:.1f} MiB of log the client did not read; the server "
                      f"buffers at most 1 MiB per stream); RSS {base_rss // 1024} → max {max(samples) // 1024} MiB, "
                      f"last 12 s {late_growth // 1024:+d} MiB")
    finally:
        daemon.cleanup()
