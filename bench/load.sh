#!/usr/bin/env bash
# Load test against a running OneCity on this machine (loopback only; bounded in time).
# Usage: start the platform (README command 1), then: bash bench/load.sh [base-url] [seconds]
# Needs wrk (apt-get install wrk). Results go to stdout; copy them into docs/benchmarks.md with the date.
set -euo pipefail
BASE="${1:-http://127.0.0.1:8080}"
SECS="${2:-20}"
case "$BASE" in http://127.*|http://localhost*) ;; *) echo "refusing a non-loopback target: $BASE" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
AUTH="Authorization: Basic $(printf 'office:onecity2026' | base64)"

run() {
  local name="$1"; shift
  echo "== $name"
  wrk -t2 -c16 -d"${SECS}s" --latency "$@" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors' || true
}

# warm-up so the JIT and the connection pool are settled
wrk -t2 -c8 -d5s "$BASE/api/v1/calendar/due-date?start=2026-09-28&workingDays=20" >/dev/null

run "working-day due date (public API)" "$BASE/api/v1/calendar/due-date?start=2026-09-28&workingDays=20"
run "5th meeting summary as of 2024-12-10 (60 items, status derived live)" -H "$AUTH" \
    "$BASE/api/v1/cooperation/summary?meeting=5&asOf=2024-12-10"
run "public dashboard figures (JSON)" "$BASE/api/v1/dashboard/cooperation"
run "public dashboard page (HTML)" "$BASE/dashboard"
