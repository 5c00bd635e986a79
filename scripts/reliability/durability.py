"""Scenarios 1-3: kill -9 under load, PostgreSQL outage under load, SIGTERM with streams open."""
from __future__ import annotations

import os
import random
import socket
import threading
import time

import requests

from harness import Acks, Daemon, Results, fold_profiles, note, profile_matches
from load import Load, join_all

STATION = "eclectic"


def verify_state(results: Results, daemon: Daemon, acks: Acks, users: list[str], label: str,
                 check_queues: bool = True) -> None:
    """Every acknowledged id is in the database; every profile equals its fold; every listener plays."""
    acked = acks.all()
    stored = {int(r[0]) for r in daemon.psql("SELECT id FROM interactions")}
    missing = acked - stored
    results.check(f"{label}: acknowledged interactions durable", not missing,
                  f"{len(acked)} acknowledged, {len(missing)} missing" + (f" e.g. {sorted(missing)[:5]}" if missing else ""))

    # Implicit plays keep arriving (clock speed 60), so read the profile, fold, and read again: compare only
    # when the version did not move in between.
    mismatches: list[str] = []
    compared = 0
    pending = list(users)
    s = requests.Session()
    for _ in range(6):
        if not pending:
            break
        before = {u: s.get(f"{daemon.base}/profiles/{u}", headers=daemon.headers(), timeout=15).json() for u in pending}
        folds = fold_profiles(daemon, pending)
        after = {u: s.get(f"{daemon.base}/profiles/{u}", headers=daemon.headers(), timeout=15).json() for u in pending}
        unstable = []
        for u in pending:
            if before[u].get("version") != after[u].get("version") or u not in folds:
                unstable.append(u)
                continue
            compared += 1
            diff = profile_matches(after[u], folds[u])
            if diff:
                mismatches.append(f"{u}: {diff}")
        pending = unstable
    mismatches += [f"{u}: never stable long enough to compare" for u in pending]
    results.check(f"{label}: profiles equal the fold of their events", not mismatches,
                  f"{compared} compared, {len(mismatches)} differ" + (f"; {mismatches[0]}" if mismatches else ""))
    if check_queues:
        all_users = sorted(set(users) | set(acks.ids))
        no_track = [u for u in all_users
                    if not (s.get(f"{daemon.base}/stations/{STATION}/listeners/{u}/queue", headers=daemon.headers(),
                                  timeout=15).json() or {}).get("now_playing")]
        results.check(f"{label}: listeners restored with now_playing", not no_track,
                      f"{len(all_users)} listeners, {len(no_track)} without now_playing")


def kill9_rounds(results: Results, daemon: Daemon, users: list[str], rounds: int, rate: float) -> Acks:
    acks = Acks()
    restart_times = []
    for rnd in range(1, rounds + 1):
        load = Load(daemon, STATION, users, rate=rate, threads=8, acks=acks, timeout=10).start()
        before = len(acks.all())
        at = random.uniform(1.0, 4.0)
        time.sleep(at)
        daemon.kill9()
        load.stop()
        started = time.monotonic()
        daemon.start(wait=True, timeout=60)
        restart_times.append(time.monotonic() - started)
        note(f"round {rnd}: SIGKILL after {at:.2f}s, {len(acks.all()) - before} acknowledged this round, "
             f"{load.sent} requests ({load.summary()}), restart {restart_times[-1]:.2f}s")
        verify_state(results, daemon, acks, users, f"kill -9 round {rnd}")
    results.check("kill -9: daemon restarts on the same state dir", True,
                  f"{rounds} rounds, restart to healthy max {max(restart_times):.2f}s, "
                  f"{len(acks.all())} acknowledged interactions in total")
    return acks


def pg_outage(results: Results, daemon: Daemon, users: list[str], acks: Acks, rate: float) -> None:
    s = requests.Session()
    h = daemon.headers()
    load = Load(daemon, STATION, users, rate=rate, threads=6, acks=acks, timeout=12).start()
    time.sleep(1.5)
    stopped = daemon.stop_postgres()
    if not results.check("pg outage: pg_ctl stop -m fast", stopped.returncode == 0, stopped.stderr.strip()[-200:]):
        load.stop()
        return
    t_stop = time.monotonic()
    time.sleep(0.5)
    r = s.get(f"{daemon.base}/health", timeout=10)
    body = r.json() if r.headers.get("Content-Type", "").startswith("application/json") else {}
    results.check("pg outage: /health says 503 degraded", r.status_code == 503 and body.get("status") == "degraded"
                  and body.get("database") == "down", f"{r.status_code} {r.text[:100]}")

    # Writes while PostgreSQL is down: 503 + Retry-After, quickly.
    write_codes, write_slowest, retry_after = [], 0.0, []
    for i in range(6):
        u = random.choice(users)
        started = time.monotonic()
        try:
            w = s.post(f"{daemon.base}/stations/{STATION}/listeners/{u}/interactions",
                       json={"track_id": "ec-0001", "type": "like"}, headers=h, timeout=11)
            write_codes.append(w.status_code)
            retry_after.append(w.headers.get("Retry-After"))
        except requests.RequestException as e:
            write_codes.append(type(e).__name__)
        write_slowest = max(write_slowest, time.monotonic() - started)
    results.check("pg outage: writes answer 503 with Retry-After, never hang > 10 s",
                  all(c == 503 for c in write_codes) and all(retry_after) and write_slowest <= 10,
                  f"codes {write_codes}, Retry-After {retry_after[:3]}, slowest {write_slowest:.2f}s")
    reads = []
    for u in users[:5]:
        q = s.get(f"{daemon.base}/stations/{STATION}/listeners/{u}/queue", headers=h, timeout=10)
        rec = s.get(f"{daemon.base}/stations/{STATION}/listeners/{u}/recommendations", headers=h, timeout=10)
        reads += [q.status_code, rec.status_code]
    results.check("pg outage: reads (queue, recommendations) keep working", all(c == 200 for c in reads),
                  f"codes {reads}")
    time.sleep(max(0.0, 3 - (time.monotonic() - t_stop)))
    started_pg = daemon.start_postgres()
    results.check("pg outage: cluster started again with postmaster.opts", started_pg.returncode == 0,
                  (started_pg.stderr or started_pg.stdout).strip()[-200:])
    t_up = time.monotonic()
    recovered = None
    while time.monotonic() - t_up < 15:
        try:
            w = s.post(f"{daemon.base}/stations/{STATION}/listeners/{users[0]}/interactions",
                       json={"track_id": "ec-0002", "type": "play"}, headers=h, timeout=10)
            if 200 <= w.status_code < 300:
                acks.add(users[0], int(w.json()["interaction_id"]))
                recovered = time.monotonic() - t_up
                break
        except requests.RequestException:
            pass
        time.sleep(0.1)
    results.check("pg outage: writes succeed again within 5 s, no restart",
                  recovered is not None and recovered <= 5 and daemon.running(),
                  f"first 2xx write {recovered:.2f}s after start" if recovered is not None else "no 2xx write in 15 s")
    time.sleep(2)
    load.stop()
    results.check("pg outage: no hang and no crash under load",
                  daemon.running() and load.max_latency <= 10 + 0.5 and load.server_errors(allow_503=True) == 0
                  and load.statuses.get("timeout", 0) == 0 and load.retry_after_missing == 0,
                  f"{load.sent} requests ({load.summary()}), slowest {load.max_latency:.2f}s, "
                  f"503 without Retry-After {load.retry_after_missing}")
    verify_state(results, daemon, acks, users, "pg outage", check_queues=False)


class Follower:
    """A log-follow client reading until the server closes the stream."""

    def __init__(self, daemon: Daemon, station: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", daemon.port), timeout=30)
        auth = f"Authorization: Bearer {daemon.token}\r\n" if daemon.token else ""
        self.sock.sendall(f"GET /stations/{station}/log?follow=true HTTP/1.1\r\nHost: x\r\n{auth}\r\n".encode())
        self.bytes = 0
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                self.bytes += len(chunk)
        except OSError:
            pass
        self.closed.set()


def sigterm(results: Results, daemon: Daemon, users: list[str]) -> None:
    followers = [Follower(daemon, STATION) for _ in range(3)]
    load = Load(daemon, STATION, users, rate=80, threads=6, timeout=10).start()
    time.sleep(2)
    code, took = daemon.terminate(timeout=15)
    load.stop()
    closed = sum(1 for f in followers if f.closed.wait(2))
    results.check("SIGTERM: exit 0 within 5 s", code == 0 and took <= 5, f"exit {code} after {took:.2f}s")
    results.check("SIGTERM: log-follow streams closed", closed == len(followers),
                  f"{closed}/{len(followers)} closed, {sum(f.bytes for f in followers)} bytes received")
    time.sleep(0.5)
    results.check("SIGTERM: embedded PostgreSQL stopped", not daemon.postmaster_running(),
                  "no postmaster.pid" if not daemon.postmaster_running() else "postmaster.pid still there")
    results.check("SIGTERM: in-flight requests answered or refused, no 5xx", load.server_errors() == 0,
                  f"{load.sent} requests ({load.summary()})")


def run(results: Results, root: str, rounds: int = 5) -> None:
    daemon = Daemon(os.path.join(root, "durability"), clock_speed=60)
    try:
        daemon.start()
        users = [f"crash-{i:03d}" for i in range(40)]
        failed = join_all(daemon, STATION, users)
        results.check("setup: 40 listeners joined", failed == 0, f"{failed} joins failed")
        acks = kill9_rounds(results, daemon, users, rounds, rate=60)
        pg_outage(results, daemon, users, acks, rate=40)
        sigterm(results, daemon, users)
    finally:
        daemon.cleanup()
