#!/usr/bin/env bash
# Intake benchmark of 跨市通办 (issue: ≥ 500 submissions/s sustained, p99 < 200 ms on this 2-core machine):
# the platform on PostgreSQL with the workflow engine, multipart submissions with two small PDF files each,
# and in the same run a plain JDBC insert of the same rows as the floor to compare with.
# Usage: bash bench/intake.sh [seconds] [connections]    (needs wrk, python3, a local PostgreSQL; builds the jar)
# It creates and drops its own database onecity_bench_<time>. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-30}"
CONNS="${2:-16}"
PORT=8099
PGUSER="${PGUSER:-postgres}"
DB="onecity_bench_$(date +%s)"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
psql -h 127.0.0.1 -U "$PGUSER" -q -c "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0"
DATA="$(mktemp -d)"
cleanup() { [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null; wait "${APP:-}" 2>/dev/null || true
            psql -h 127.0.0.1 -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT

[ -n "${SKIP_BUILD:-}" ] || mvn -q -B -DskipTests package
ONECITY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" ONECITY_DB_USER="$PGUSER" ONECITY_DB_PASSWORD="" \
  java -Xmx1g -jar target/onecity-0.1.0-SNAPSHOT.jar --spring.profiles.active=postgres --server.port=$PORT \
  --onecity.data-dir="$DATA" ${APP_ARGS:-} >"$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
BASE="http://127.0.0.1:$PORT"
printf '%%PDF-1.4\n%% probe\n%%%%EOF\n' >"$DATA/probe.pdf"
ITEM=$(curl -sf "$BASE/api/v1/services/items?mode=PROXY&q=%E5%BC%82%E5%9C%B0%E8%BD%AC%E7%A7%BB%E6%8E%A5%E7%BB%AD%E4%BD%8F%E6%88%BF%E5%85%AC%E7%A7%AF%E9%87%91" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["content"][0]["id"])')
MATS=$(curl -sf "$BASE/api/v1/services/items/$ITEM" \
  | python3 -c 'import json,sys; print(",".join(str(m["id"]) for m in json.load(sys.stdin)["materials"] if m["required"]))')
FIELDS=$(curl -sf "$BASE/api/v1/services/items/$ITEM" \
  | python3 -c 'import json,sys; print("|".join(f["label"] for f in json.load(sys.stdin)["formFields"]))')
export ITEM_ID="$ITEM" MATERIALS="$MATS" FORM_FIELDS="$FIELDS" AUTH="Basic $(printf 'resident:onecity2026' | base64)"
echo "item $ITEM, required materials $MATS (two small PDFs per submission)"

# one submission first: it must be accepted (201), or the figures below would measure error answers
curl -s -o /dev/null -w '%{http_code}' -u resident:onecity2026 -F itemId="$ITEM" -F mode=PROXY -F acceptCity=430300 \
  -F handleCity=430100 -F applicantName=张示例 -F idNumber=430304199211200073 -F phone=13900001111 \
  $(IFS='|'; for f in $FIELDS; do printf -- "-F form[%s]=示例 " "$f"; done) \
  $(IFS=','; for m in $MATS; do printf -- "-F material-%s=@%s;type=application/pdf " "$m" "$DATA/probe.pdf"; done) \
  "$BASE/api/v1/services/applications" >"$DATA/probe.code" || true
[ "$(cat "$DATA/probe.code")" = "201" ] || { echo "the probe submission answered $(cat "$DATA/probe.code")" >&2; exit 1; }
wrk -t2 -c"$CONNS" -d60s -s bench/intake.lua "$BASE" >/dev/null   # warm-up (60 s: the JIT needs it on 2 cores), pools, password cache
echo "== platform: POST /api/v1/services/applications (HTTP Basic, multipart, SM3 + file store, SM4 personal data, Flowable process start, timeline, notice)"
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s bench/intake.lua "$BASE" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors|requests in'
echo "== rows written"
psql -h 127.0.0.1 -U "$PGUSER" -d "$DB" -tA -c "SELECT 'applications ' || COUNT(*) FROM svc_application" \
  -c "SELECT 'running processes ' || COUNT(*) FROM act_ru_execution WHERE parent_id_ IS NULL"

ACCOUNT=$(psql -h 127.0.0.1 -U "$PGUSER" -d "$DB" -tA -c "SELECT id FROM idn_account WHERE username = 'resident'")
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
echo "== baseline: the same rows with plain JDBC ($CONNS connections)"
java -cp "$PGJAR" bench/JdbcBaseline.java "jdbc:postgresql://127.0.0.1:5432/$DB" "$PGUSER" "" "$ITEM" "$ACCOUNT" "$CONNS" "$SECS"
