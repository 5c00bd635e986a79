# Airwave: the two commands a new user needs are `make run` and `make test`.
SWIFT ?= swift
STATE_DIR ?= $(CURDIR)/var
PORT ?= 8750
CLOCK_SPEED ?= 1

.PHONY: all build release deps test run bench clean migrations reliability soak classifier-report

all: build

deps:
	@bash scripts/install-deps.sh --minimal

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## All tests: pure core tests plus storage and HTTP tests against a real PostgreSQL the harness starts.
test: deps
	$(SWIFT) build --build-tests
	@bash scripts/verify-unit.sh .build/debug/airwaved
	@SWIFT=$(SWIFT) bash scripts/test-summary.sh

## Builds a release binary and runs the daemon on an embedded PostgreSQL under ./var with the demo stations.
run: release
	@mkdir -p $(STATE_DIR)
	@echo "Airwave on http://127.0.0.1:$(PORT) (Ctrl-C stops it). Try, in another terminal:"
	@echo "  curl -s localhost:$(PORT)/status"
	@echo "  curl -s -X POST localhost:$(PORT)/stations/eclectic/listeners -d '{\"user_id\":\"ana\",\"preferences\":{\"genres\":{\"jazz\":0.9}}}'"
	@echo "  curl -s localhost:$(PORT)/stations/eclectic/listeners/ana/queue"
	@echo "  curl -s 'localhost:$(PORT)/stations/eclectic/log?follow=true'"
	./.build/release/airwaved --state-dir $(STATE_DIR) --stations stations --listen 127.0.0.1:$(PORT) --clock-speed $(CLOCK_SPEED)

## Benchmarks (release build): every figure of issue 7, ≤ 20 minutes; BENCH_QUICK=1 for a ≤ 3-minute version.
## Results go to docs/BENCHMARKS.md by hand (the tables print as Markdown).
BENCH_QUICK ?= 0
bench: release
	@command -v wrk >/dev/null || bash scripts/install-deps.sh
	BENCH_QUICK=$(BENCH_QUICK) bash scripts/bench/run.sh

## Reliability and security checks (kill -9, PostgreSQL outage, SIGTERM, 2-minute soak, fuzz, hostile input,
## access) against the debug daemon on 127.0.0.1; see docs/RELIABILITY.md. Bounded to about 8 minutes.
reliability:
	$(SWIFT) build --product airwaved
	$(SWIFT) build -c release --product airwaved
	python3 scripts/reliability/run.py --soak-binary .build/release/airwaved

## The 10-minute soak: 1,000 listeners, 200 interactions/s, clock speed 60 (outside CI).
soak:
	$(SWIFT) build -c release --product airwaved
	python3 scripts/reliability/run.py --only soak --soak-seconds 600 --soak-listeners 1000 --soak-warmup 120 \
		--soak-binary .build/release/airwaved

## Held-out accuracy and macro-F1 of the text-query classifier on its fixed split (docs/queries.md).
classifier-report:
	$(SWIFT) build -c release --product airwave-bench
	./.build/release/airwave-bench classify data/query-labels.tsv

## Regenerates the migrations embedded in the binary from sql/*.sql.
migrations:
	bash scripts/embed-migrations.sh

clean:
	rm -rf .build
