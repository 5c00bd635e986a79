"""Steady interaction load from client threads, recording every acknowledged interaction id."""
from __future__ import annotations

import csv
import os
import random
import threading
import time
from collections import Counter

import requests

from harness import STATIONS, Acks, Daemon

TYPES = ["play", "skip", "like", "dislike", "favorite", "rate"]


def track_ids(station: str = "eclectic") -> list[str]:
    with open(os.path.join(STATIONS, f"{station}.csv"), newline="") as f:
        return [row["track_id"] for row in csv.DictReader(f)]


def join_all(daemon: Daemon, station: str, users: list[str], threads: int = 4) -> int:
    """Joins every user to `station` (in parallel); returns how many joins failed."""
    failures = [0]
    lock = threading.Lock()

    def work(chunk: list[str]) -> None:
        s = requests.Session()
        for u in chunk:
            body = {"user_id": u, "preferences": {"genres": {random.choice(["jazz", "metal", "rock"]): 0.8}}}
            try:
                r = s.post(f"{daemon.base}/stations/{station}/listeners", json=body, headers=daemon.headers(), timeout=30)
                ok = r.status_code in (200, 201)
            except requests.RequestException:
                ok = False
            if not ok:
                with lock:
                    failures[0] += 1

    chunks = [users[i::threads] for i in range(threads)]
    ts = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return failures[0]


class Load:
    """`threads` clients sending interactions for `users` at `rate` per second in total, until stopped."""

    def __init__(self, daemon: Daemon, station: str, users: list[str], rate: float, threads: int = 8,
                 acks: Acks | None = None, timeout: float = 15) -> None:
        self.daemon = daemon
        self.station = station
        self.users = users
        self.rate = rate
        self.threads = threads
        self.acks = acks or Acks()
        self.timeout = timeout
        self.stop_event = threading.Event()
        self.statuses: Counter = Counter()
        self.max_latency = 0.0
        self.retry_after_missing = 0
        self.lock = threading.Lock()
        self.tracks = track_ids(station)
        self.workers: list[threading.Thread] = []
        self.sent = 0

    def start(self) -> "Load":
        for i in range(self.threads):
            t = threading.Thread(target=self._run, args=(i,), daemon=True)
            t.start()
            self.workers.append(t)
        return self

    def stop(self) -> None:
        self.stop_event.set()
        for t in self.workers:
            t.join(self.timeout + 5)

    def _run(self, index: int) -> None:
        rng = random.Random(index * 7919 + int(time.time()))
        session = requests.Session()
        users = self.users[index::self.threads] or self.users
        interval = self.threads / self.rate
        next_at = time.monotonic() + rng.random() * interval
        while not self.stop_event.is_set():
            delay = next_at - time.monotonic()
            if delay > 0:
                if self.stop_event.wait(delay):
                    break
            next_at = max(next_at + interval, time.monotonic() - 1)  # do not burst to catch up after a stall
            user = rng.choice(users)
            kind = rng.choice(TYPES)
            body: dict = {"track_id": rng.choice(self.tracks), "type": kind}
            if kind == "rate":
                body["rating"] = round(rng.random(), 3)
            url = f"{self.daemon.base}/stations/{self.station}/listeners/{user}/interactions"
            started = time.monotonic()
            try:
                r = session.post(url, json=body, headers=self.daemon.headers(), timeout=self.timeout)
                status = r.status_code
                if 200 <= status < 300:
                    self.acks.add(user, int(r.json()["interaction_id"]))
                elif status == 503 and "Retry-After" not in r.headers:
                    with self.lock:
                        self.retry_after_missing += 1
            except requests.Timeout:
                status = "timeout"
            except requests.RequestException:
                status = "conn_error"
                session = requests.Session()
            latency = time.monotonic() - started
            with self.lock:
                self.sent += 1
                self.statuses[status] += 1
                self.max_latency = max(self.max_latency, latency)

    def server_errors(self, allow_503: bool = False) -> int:
        with self.lock:
            return sum(n for s, n in self.statuses.items()
                       if isinstance(s, int) and s >= 500 and not (allow_503 and s == 503))

    def summary(self) -> str:
        with self.lock:
            return ", ".join(f"{k}={v}" for k, v in sorted(self.statuses.items(), key=lambda kv: str(kv[0])))
