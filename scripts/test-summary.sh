#!/usr/bin/env bash
# Runs the test binary once and ends with one plain line "tests: N passed, N failed" summing XCTest and
# Swift Testing, so a reader (or CI) sees the total at the end. Exits with swift test's status.
set -uo pipefail
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"${SWIFT:-swift}" test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Swift Testing: "✔ Test run with 126 tests in 22 suites passed" / "✘ Test run with 126 tests … failed … with N issues".
total=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -1 | sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/')
failed=$(grep -E "^✘ Test .* failed after" "$log" | grep -vc "^✘ Test run with")
xc_total=$(grep -E "Executed [0-9]+ tests?" "$log" | tail -1 | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
xc_failed=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -1 | sed -E 's/.*with ([0-9]+) failures?.*/\1/')
total=$(( ${total:-0} + ${xc_total:-0} ))
failed=$(( failed + ${xc_failed:-0} ))
echo "tests: $(( total - failed )) passed, $failed failed"
exit "$status"
