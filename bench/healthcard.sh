#!/usr/bin/env bash
# 电子健康卡 verification benchmark, all in one run on this machine (issue 4 §9):
#   1. JMH, one thread: raw Bouncy Castle SM3withSM2 verify, then the offline verifier class (target ≥ 90 % of raw);
#   2. the platform on PostgreSQL: POST /api/v1/healthcard/verifications with use recording, at saturation and then
#      paced at the target rate (target ≥ 40 % of raw single-core throughput × cores, with p99 < 20 ms);
#   3. use records written vs. 200 answers received (none may be lost);
#   4. offline verification: uses reported afterwards in batches (POST /api/v1/healthcard/uses), per second;
#   5. the ceiling of the set-up: the platform's simplest JSON answer under the same load generator.
# Usage: bash bench/healthcard.sh [seconds] [connections]   (needs wrk, python3, curl, a local PostgreSQL)
# SKIP_BUILD=1 reuses target/; it creates and drops its own database onecity_bench_<time>. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-30}"
CONNS="${2:-16}"
PORT=8098
CORES=$(nproc)
PGUSER="${PGUSER:-postgres}"
DB="onecity_bench_$(date +%s)"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
DATA="$(mktemp -d)"
cleanup() { [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null; wait "${APP:-}" 2>/dev/null || true
            psql -h 127.0.0.1 -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests package
  mvn -q -B test-compile
fi
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$DATA/cp.txt" -Dmdep.includeScope=test >/dev/null

if [ -n "${RAW_RATE:-}" ]; then   # iterate on the endpoint only: RAW_RATE=<raw verifies/s from an earlier JMH run>
  RAW=$RAW_RATE; OFFLINE=$RAW_RATE
else
echo "== 1. JMH (1 thread, 1 fork, 5 × 5 s after 3 × 5 s warm-up): raw SM2 verify vs. the offline verifier"
java -cp "target/test-classes:target/classes:$(cat "$DATA/cp.txt")" org.openjdk.jmh.Main HealthCodeBenchmark \
  -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1 -rf json -rff "$DATA/jmh.json" 2>&1 | grep -E '^(Benchmark|HealthCodeBenchmark)'
read -r RAW OFFLINE < <(python3 - "$DATA/jmh.json" <<'PY'
import json, sys
r = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"]["score"] for b in json.load(open(sys.argv[1]))}
print(round(r["rawSm2Verify"]), round(r["offlineVerifier"]))
PY
)
fi
TARGET=$(python3 -c "print(round(0.4 * $RAW * $CORES))")
echo "raw ${RAW}/s, offline verifier ${OFFLINE}/s = $(python3 -c "print(round(100 * $OFFLINE / $RAW, 1))") % of raw (target ≥ 90 %)"
echo "endpoint target: 40 % × ${RAW}/s × ${CORES} cores = ${TARGET}/s with p99 < 20 ms"

echo "== 2. the platform on PostgreSQL"
psql -h 127.0.0.1 -U "$PGUSER" -q -c "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0"
ONECITY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" ONECITY_DB_USER="$PGUSER" ONECITY_DB_PASSWORD="" \
  java -Xmx1g ${JAVA_OPTS:-} -jar target/onecity-0.1.0-SNAPSHOT.jar --spring.profiles.active=postgres --server.port=$PORT \
  --onecity.data-dir="$DATA" --onecity.healthcard.code-validity=PT30M \
  --onecity.healthcard.verify-rate=1000000 --onecity.healthcard.verify-burst=1000000 ${APP_ARGS:-} >"$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
BASE="http://127.0.0.1:$PORT"
ID=$(python3 -c "
b='430302198503151' + '23'
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
print(b + '10X98765432'[sum(int(c)*x for c,x in zip(b,w)) % 11])")
curl -sf -u resident:onecity2026 -H 'Content-Type: application/json' \
  -d "{\"name\":\"陈示例\",\"idNumber\":\"$ID\",\"phone\":\"13900002222\",\"homeCityCode\":\"430300\"}" \
  "$BASE/api/v1/healthcard/cards" >/dev/null
# 500 fresh codes (each signed with its own nonce), so that no two requests in a row carry the same payload
python3 - "$BASE/api/v1/healthcard/cards/me/code" >"$DATA/payloads.txt" <<'PY'
import base64, json, sys, urllib.request
auth = "Basic " + base64.b64encode(b"resident:onecity2026").decode()
for _ in range(500):
    with urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={"Authorization": auth})) as r:
        print(json.load(r)["payload"])
PY
T1=$(date +%s)   # every code was issued by now
PAYLOAD=$(head -n1 "$DATA/payloads.txt")
b64() { printf '%s' "$1" | base64 -w0; }
export PAYLOAD_FILE="$DATA/payloads.txt"
export AUTHS="Basic $(b64 hospital:onecity2026),Basic $(b64 zz-hospital:onecity2026),Basic $(b64 xt-hospital:onecity2026)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: ${AUTHS%%,*}" -H 'Content-Type: application/json' \
  -d "{\"payload\":\"$PAYLOAD\",\"purpose\":\"挂号\"}" "$BASE/api/v1/healthcard/verifications")
[ "$code" = "200" ] || { echo "the probe verification answered $code" >&2; exit 1; }
uses() { psql -h 127.0.0.1 -U "$PGUSER" -d "$DB" -tA -c "SELECT COUNT(*) FROM hc_use WHERE department = 'bench'"; }
DELAY_MS=0 wrk -t2 -c"$CONNS" -d"${WARMUP:-60}s" -s bench/healthcard.lua "$BASE" >/dev/null   # warm-up: JIT, pools, password cache

# CPU seconds used so far by the platform's JVM and by all PostgreSQL processes (utime + stime from /proc)
cpu() { python3 - "$APP" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
def ticks(pid):
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12]) + int(f[13]) + int(f[14])
    except OSError:
        return 0
pg = 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if open(f"/proc/{pid}/comm").read().strip() in ("postgres", "postmaster"):
            pg += ticks(pid)
    except OSError:
        pass
idle = sum(int(x) for x in open("/proc/stat").readline().split()[4:6])   # idle + iowait, all cores
print(ticks(sys.argv[1]) / hz, pg / hz, idle / hz)
PY
}
run() { # label, connections, delay
  local before after out okr c0 c1
  before=$(uses)
  c0=$(cpu)
  [ -n "${THREADS:-}" ] && python3 bench/threads.py snap "$APP" >"$DATA/t0"
  out=$(DELAY_MS="$3" wrk -t2 -c"$2" -d"${SECS}s" --latency -s bench/healthcard.lua "$BASE")
  c1=$(cpu)
  [ -n "${THREADS:-}" ] && python3 bench/threads.py snap "$APP" >"$DATA/t1"
  after=$(uses)
  okr=$(echo "$out" | awk '/^ok_responses/ {print $2}')
  echo "-- $1"
  echo "$out" | grep -E 'Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors|requests in'
  python3 -c "import sys; a=list(map(float,'$c0'.split())); b=list(map(float,'$c1'.split())); print(f'CPU over the run: platform JVM {(b[0]-a[0])/$SECS:.2f} cores, PostgreSQL {(b[1]-a[1])/$SECS:.2f} cores, idle {(b[2]-a[2])/$SECS:.2f} cores (of $CORES)')"
  [ -n "${THREADS:-}" ] && { echo "CPU of the platform's threads (THREADS=1):"; python3 bench/threads.py diff "$DATA/t0" "$DATA/t1" "$SECS" | head -6; }
  echo "200 answers $okr, use records written $((after - before)) (in flight at the cut-off: at most $2 more)"
  [ $((after - before)) -ge "$okr" ] || { echo "LOST USE RECORDS" >&2; exit 1; }
}
# JFR=<file>: profile the saturation run (JDK Flight Recorder, "profile" settings)
# ASPROF=<asprof binary> PROFILE=<file>: async-profiler CPU profile of the saturation run (collapsed stacks)
[ -n "${ASPROF:-}" ] && "$ASPROF" -d "$SECS" -i "${ASPROF_INTERVAL:-1ms}" -e "${ASPROF_EVENT:-itimer}" -o collapsed -f "$PROFILE" "$APP" >/dev/null 2>&1 &
[ -n "${JFR:-}" ] && jcmd "$APP" JFR.start duration="${SECS}s" filename="$JFR" settings="${JFR_SETTINGS:-default}" >/dev/null
run "saturation, $CONNS connections" "$CONNS" 0
# pace: each connection waits so that all of them together offer about the target rate
PACE=$(python3 -c "print(max(0, round(8 * 1000 / $TARGET - 4)))")
run "paced near the target rate (8 connections, ${PACE} ms pause each)" 8 "$PACE"
# offline verification: the hospitals report the uses they verified offline, in batches; every item is a new use,
# re-checked by the platform (signature, validity at the time of use, card, loss reports) and committed before the answer
offline_uses() { psql -h 127.0.0.1 -U "$PGUSER" -d "$DB" -tA -c "SELECT COUNT(*) FROM hc_use WHERE department = 'bench-offline'"; }
echo "-- offline reports: POST /api/v1/healthcard/uses, ${BATCH:-100} uses per request, $CONNS connections (after 10 s of warm-up)"
export FROM=$((T1 - 25)) BATCH="${BATCH:-100}"   # uses from 25 s before the last code's issue (30 s of skew allowed)
M0=0 wrk -t2 -c"$CONNS" -d10s -s bench/healthcard-report.lua "$BASE" >/dev/null
before=$(offline_uses)
c0=$(cpu)
out=$(M0="$before" wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s bench/healthcard-report.lua "$BASE")
c1=$(cpu)
after=$(offline_uses)
echo "$out" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors|requests in'
okr=$(echo "$out" | awk '/^ok_responses/ {print $2}')
echo "uses recorded $((after - before)) = $(( (after - before) / SECS )) /s; sent in 200 answers $((okr * BATCH)) (in flight at the cut-off: at most $((CONNS * BATCH)) more)"
python3 -c "import sys; a=list(map(float,'$c0'.split())); b=list(map(float,'$c1'.split())); print(f'CPU over the run: platform JVM {(b[0]-a[0])/$SECS:.2f} cores, PostgreSQL {(b[1]-a[1])/$SECS:.2f} cores, idle {(b[2]-a[2])/$SECS:.2f} cores (of $CORES)')"
[ $((after - before)) -ge $((okr * BATCH)) ] || {
  psql -h 127.0.0.1 -U "$PGUSER" -d "$DB" -tA -c "SELECT regexp_replace(detail, '.*：', ''), COUNT(*) FROM idn_operation_log
    WHERE action = '上报离线用卡记录' AND NOT success GROUP BY 1" >&2
  echo "LOST OR REFUSED OFFLINE USES" >&2; exit 1; }

# the ceiling of this set-up, for comparison with the endpoint target: the platform's simplest JSON answer
# (GET /actuator/health/liveness: no database, no authentication, no body to read) under the same load generator
# on the same cores
echo "-- ceiling: GET /actuator/health/liveness, $CONNS connections (after a warm-up of its own)"
wrk -t2 -c"$CONNS" -d"${WARMUP:-60}s" "$BASE/actuator/health/liveness" >/dev/null
c0=$(cpu)
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$BASE/actuator/health/liveness" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors'
c1=$(cpu)
python3 -c "import sys; a=list(map(float,'$c0'.split())); b=list(map(float,'$c1'.split())); print(f'CPU over the run: platform JVM {(b[0]-a[0])/$SECS:.2f} cores, PostgreSQL {(b[1]-a[1])/$SECS:.2f} cores, idle {(b[2]-a[2])/$SECS:.2f} cores (of $CORES)')"
