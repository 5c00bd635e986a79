"""Shared pieces of the reliability checks: the daemon under test, HTTP and psql helpers, results.

Everything talks to 127.0.0.1 only. The daemon is the debug (or AIRWAVED-given) binary run on a state
directory under a temporary root, so the embedded PostgreSQL is the one under test.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field

import requests

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("AIRWAVED", os.path.join(REPO, ".build", "debug", "airwaved"))
STATIONS = os.path.join(REPO, "stations")
IS_ROOT = os.geteuid() == 0


def free_port() -> int:
    """A free loopback port (bound, read back, released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Results:
    """PASS/FAIL lines with figures, and the final tally."""

    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0
        self.lines: list[str] = []
        self.lock = threading.Lock()

    def check(self, name: str, ok: bool, figures: str = "") -> bool:
        line = f"{'PASS' if ok else 'FAIL'} {name}" + (f": {figures}" if figures else "")
        with self.lock:
            if ok:
                self.passed += 1
            else:
                self.failed += 1
            self.lines.append(line)
        print(line, flush=True)
        return ok

    def skip(self, name: str, why: str) -> None:
        line = f"SKIP {name}: {why}"
        self.lines.append(line)
        print(line, flush=True)


def note(text: str) -> None:
    print(f"  .. {text}", flush=True)


class Daemon:
    """One airwaved process on a state directory; restartable on the same directory."""

    def __init__(self, state_dir: str, stations: str = STATIONS, clock_speed: float = 60,
                 env: dict[str, str] | None = None, listen_host: str = "127.0.0.1", token: str | None = None,
                 binary: str = BINARY) -> None:
        self.binary = binary
        self.state_dir = state_dir
        self.stations = stations
        self.clock_speed = clock_speed
        self.extra_env = dict(env or {})
        self.listen_host = listen_host
        self.token = token
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.stderr_path = os.path.join(state_dir + ".logs", "stderr.log")
        os.makedirs(state_dir, exist_ok=True)
        os.makedirs(state_dir + ".logs", exist_ok=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def start(self, wait: bool = True, timeout: float = 90) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIRWAVE_")}
        env.update(self.extra_env)
        if self.token:
            env["AIRWAVE_API_TOKEN"] = self.token
        args = [self.binary, "--state-dir", self.state_dir, "--stations", self.stations,
                "--listen", f"{self.listen_host}:{self.port}", "--clock-speed", str(self.clock_speed)]
        self.log_offset = os.path.getsize(self.stderr_path) if os.path.exists(self.stderr_path) else 0
        err = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen(args, stdout=err, stderr=err, env=env, stdin=subprocess.DEVNULL)
        err.close()
        if wait and not self.wait_healthy(timeout):
            raise RuntimeError(f"airwaved did not become healthy in {timeout}s; stderr:\n{self.stderr_tail()}")

    def stderr_text(self) -> str:
        """Stderr of the current run."""
        with open(self.stderr_path, "rb") as f:
            f.seek(getattr(self, "log_offset", 0))
            return f.read().decode("utf-8", "replace")

    def stderr_tail(self, n: int = 30) -> str:
        return "\n".join(self.stderr_text().splitlines()[-n:])

    def wait_healthy(self, timeout: float = 90) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                return False
            try:
                if requests.get(self.base + "/health", timeout=2).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.1)
        return False

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill9(self) -> None:
        if self.running():
            os.kill(self.pid, signal.SIGKILL)
            self.proc.wait(10)

    def terminate(self, timeout: float = 15) -> tuple[int | None, float]:
        """SIGTERM; returns (exit status or None on timeout, seconds taken)."""
        if not self.running():
            return (self.proc.returncode if self.proc else None, 0.0)
        started = time.monotonic()
        os.kill(self.pid, signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.pid, signal.SIGKILL)
            self.proc.wait(10)
            return (None, time.monotonic() - started)
        return (code, time.monotonic() - started)

    # --- process figures -------------------------------------------------------------------------------
    def rss_kib(self) -> int:
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def fd_count(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    # --- embedded PostgreSQL ---------------------------------------------------------------------------
    @property
    def pgdata(self) -> str:
        return os.path.join(self.state_dir, "postgres")

    @property
    def dsn(self) -> str:
        return f"host={os.path.join(self.state_dir, 'run')} dbname=airwave user=postgres"

    def psql(self, sql: str) -> list[list[str]]:
        """Rows of a query (tab-separated, unaligned)."""
        out = subprocess.run(["psql", self.dsn, "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr.strip()}")
        return [line.split("\t") for line in out.stdout.splitlines() if line != ""]

    def pg_ctl(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        pg_ctl = os.path.join(pg_bin_dir(), "pg_ctl")
        cmd = [pg_ctl, "-D", self.pgdata, *args]
        if IS_ROOT:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)

    def postmaster_options(self) -> str:
        """The server options the daemon started PostgreSQL with, from postmaster.opts (without -D)."""
        with open(os.path.join(self.pgdata, "postmaster.opts")) as f:
            parts = shlex.split(f.read().strip())
        opts: list[str] = []
        skip = False
        for part in parts[1:]:
            if skip:
                skip = False
                continue
            if part == "-D":
                skip = True
                continue
            opts.append(part)
        return " ".join(shlex.quote(p) if p else "''" for p in opts)

    def stop_postgres(self) -> subprocess.CompletedProcess:
        return self.pg_ctl("stop", "-m", "fast", "-w")

    def start_postgres(self) -> subprocess.CompletedProcess:
        log = os.path.join(self.state_dir + ".logs", "pg.log")
        open(log, "a").close()
        if IS_ROOT:
            shutil.chown(log, "postgres", "postgres")  # pg_ctl runs as postgres and appends to it
        return self.pg_ctl("-o", self.postmaster_options(), "-l", log, "-w", "start")

    def postmaster_running(self) -> bool:
        return os.path.exists(os.path.join(self.pgdata, "postmaster.pid"))

    def cleanup(self) -> None:
        """Stops the daemon and any PostgreSQL a SIGKILL left behind."""
        if self.running():
            self.terminate(20)
        if self.postmaster_running():
            self.pg_ctl("stop", "-m", "immediate", "-w")


def pg_bin_dir() -> str:
    base = "/usr/lib/postgresql"
    versions = sorted((d for d in os.listdir(base) if d.isdigit()), key=int)
    return os.path.join(base, versions[-1], "bin")


def make_state_root() -> str:
    root = os.environ.get("RELIABILITY_DIR") or f"/tmp/airwave-reliability-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    os.chmod(root, 0o755)  # the embedded cluster runs as `postgres` when we are root
    return root


@dataclass
class Acks:
    """Interaction ids the daemon acknowledged (2xx), per user; filled from many threads."""
    ids: dict[str, list[int]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, user: str, interaction_id: int) -> None:
        with self.lock:
            self.ids.setdefault(user, []).append(interaction_id)

    def all(self) -> set[int]:
        with self.lock:
            return {i for v in self.ids.values() for i in v}


STRENGTH = {"play": 0.05, "skip": -0.05, "like": 0.1, "dislike": -0.1, "favorite": 0.2}


def fold_profiles(daemon: Daemon, users: list[str]) -> dict[str, dict]:
    """Each user's genres/artists/moods and interaction count, folded in Python from the interactions table
    (non-redacted, id > reset_after, by id) over profiles.initial, with the DESIGN.md learning rule."""
    if not users:
        return {}
    quoted = ",".join("'" + u.replace("'", "''") + "'" for u in users)
    folded: dict[str, dict] = {}
    for user, initial, reset_after in daemon.psql(
            f"SELECT user_id, initial::text, reset_after FROM profiles WHERE user_id IN ({quoted})"):
        init = json.loads(initial)
        folded[user] = {"genres": dict(init.get("genres", {})), "artists": dict(init.get("artists", {})),
                        "moods": dict(init.get("moods", {})), "total": int(init.get("total_interactions", 0)),
                        "reset_after": int(reset_after)}
    rows = daemon.psql(
        "SELECT i.user_id, i.genre, i.artist, i.mood, i.type, coalesce(i.rating::text, '') FROM interactions i "
        f"JOIN profiles p USING (user_id) WHERE i.user_id IN ({quoted}) AND NOT i.redacted AND i.id > p.reset_after "
        "ORDER BY i.id")
    for user, genre, artist, mood, kind, rating in rows:
        p = folded[user]
        s = (float(rating) - 0.5) * 0.2 if kind == "rate" else STRENGTH[kind]
        for table, key in (("genres", genre), ("artists", artist), ("moods", mood)):
            p[table][key] = min(1.0, max(0.0, p[table].get(key, 0.5) + s))
        p["total"] += 1
    return folded


def profile_matches(api: dict, fold: dict, tol: float = 1e-9) -> str | None:
    """None when the API profile equals the fold; otherwise what differs."""
    for table in ("genres", "artists", "moods"):
        a, b = api.get(table, {}), fold[table]
        if set(a) != set(b):
            return f"{table} keys differ: api-only {sorted(set(a) - set(b))[:3]}, fold-only {sorted(set(b) - set(a))[:3]}"
        for k in a:
            if abs(a[k] - b[k]) > tol:
                return f"{table}[{k}] api {a[k]} fold {b[k]}"
    if api.get("total_interactions") != fold["total"]:
        return f"total_interactions api {api.get('total_interactions')} fold {fold['total']}"
    return None
