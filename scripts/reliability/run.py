#!/usr/bin/env python3
"""Airwave reliability and security checks (issue 8): `make reliability` runs all seven scenarios with a
2-minute soak; `make soak` runs the 10-minute soak with 1,000 listeners alone.

Each scenario prints PASS/FAIL lines with figures; the last line is `reliability: N passed, N failed` and
the exit status is non-zero on any failure. Traffic goes to 127.0.0.1 only. See docs/RELIABILITY.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import BINARY, Results, make_state_root  # noqa: E402

SCENARIOS = ["durability", "hostile", "access", "fuzz", "soak"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(SCENARIOS),
                        help=f"comma-separated subset of {','.join(SCENARIOS)} (durability = scenarios 1-3)")
    parser.add_argument("--rounds", type=int, default=5, help="kill -9 rounds")
    parser.add_argument("--soak-seconds", type=float, default=120)
    parser.add_argument("--soak-listeners", type=int, default=300)
    parser.add_argument("--soak-rate", type=float, default=200, help="interactions per second in the soak")
    parser.add_argument("--soak-warmup", type=float, default=40, help="seconds before RSS/fd baselines are taken")
    parser.add_argument("--soak-binary", default=os.environ.get("AIRWAVED_SOAK"),
                        help="airwaved for the soak (a release build: debug Swift is several times slower)")
    parser.add_argument("--fuzz-examples", type=int, default=12, help="schemathesis --max-examples per operation")
    parser.add_argument("--keep", action="store_true", help="keep the state directories for inspection")
    args = parser.parse_args()

    if not os.access(BINARY, os.X_OK):
        print(f"reliability: {BINARY} is missing; build it with `swift build --product airwaved`", file=sys.stderr)
        return 2
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    results = Results()
    root = make_state_root()
    print(f"reliability: binary {BINARY}, state under {root}", flush=True)
    started = time.monotonic()
    for name in chosen:
        t0 = time.monotonic()
        print(f"== {name}", flush=True)
        try:
            if name == "durability":
                import durability
                durability.run(results, root, rounds=args.rounds)
            elif name == "hostile":
                import hostile
                hostile.run(results, root)
            elif name == "access":
                import access
                access.run(results, root)
            elif name == "fuzz":
                import fuzz
                fuzz.run(results, root, max_examples=args.fuzz_examples)
            elif name == "soak":
                import soak
                soak.run(results, root, seconds=args.soak_seconds, listeners=args.soak_listeners,
                         rate=args.soak_rate, warmup=args.soak_warmup, binary=args.soak_binary)
            else:
                results.check(f"{name}: known scenario", False, f"choose from {SCENARIOS}")
        except Exception as e:  # a broken scenario is a failure, and the others still run
            traceback.print_exc()
            results.check(f"{name}: scenario ran to the end", False, f"{type(e).__name__}: {e}"[:300])
        print(f"   ({name} took {time.monotonic() - t0:.0f}s)", flush=True)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    print(f"   (total {time.monotonic() - started:.0f}s)")
    print(f"reliability: {results.passed} passed, {results.failed} failed", flush=True)
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
