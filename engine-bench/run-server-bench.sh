#!/usr/bin/env bash
# The REST server's benchmark (issue 12): wrk on loopback, 64 connections, against the standalone
# server (engine-server/target/governor-server.jar, memory store) on a free port:
#   GET  /health                  the server's floor: routing, no body, one catalog read
#   POST /owners/{o}/check        a depth-3 chain org -> team -> user, one budget per level
#   POST /owners/{o}/consume      the same chain, amount 1 (limits never reached)
# each first warmed up, then measured, in one run. Writes the raw wrk lines to
# engine-bench/results/wrk-server.txt and prints the ratios. About 2 minutes.
#
# Needs wrk and curl (Debian: apt-get install -y wrk curl; installed here when missing and run as root).
# Environment: SKIP_BUILD=1 reuses the jar; DURATION (default 20s), WARMUP (default 10s),
# SERVER_ARGS (extra server options, e.g. --threads 8), SERVER_JVM_OPTS (default -XX:+UseParallelGC: the
# throughput collector's short young pauses keep the 2-core tail lower than G1's), CONNECTIONS (default 64), THREADS (wrk threads, default 2), RESULT (default engine-bench/results/wrk-server.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk curl; do
  if ! command -v "$tool" >/dev/null; then
    if [[ $(id -u) == 0 ]]; then
      apt-get update -q && apt-get install -y -q "$tool"
    else
      echo "$tool is missing: sudo apt-get install -y $tool" >&2
      exit 1
    fi
  fi
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -q -B ${MVN_FLAGS:-} -pl engine-server -am package -DskipTests -Dmaven.javadoc.skip=true
fi

DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
RESULT="${RESULT:-engine-bench/results/wrk-server.txt}"
TOKEN="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export TOKEN

LOG=$(mktemp)
GOVERNOR_API_TOKENS="$TOKEN" java ${SERVER_JVM_OPTS:--XX:+UseParallelGC} -jar engine-server/target/governor-server.jar --port 0 --store memory ${SERVER_ARGS:-} >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -f "$LOG"' EXIT
URL=""
for _ in $(seq 1 200); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG" | head -1 || true)
  [[ -n "$URL" ]] && break
  sleep 0.1
done
[[ -n "$URL" ]] || { echo "the server did not start:"; cat "$LOG"; exit 1; }

api() { # method path body
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -X "$1" "$URL$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$3")
  [[ "$code" == 200 ]] || { echo "setup $1 $2 answered $code" >&2; exit 1; }
}
LIMIT=2305843009213693951 # Long.MAX_VALUE / 4: never reached
api PUT /entity-types '{"types": [{"id": "org", "displayName": "Org"}, {"id": "team", "displayName": "Team"}, {"id": "user", "displayName": "User"}]}'
api PUT /capabilities '{"capabilities": [{"id": "ai-tokens", "type": "METER"}]}'
api PUT /owners/cus-bench/entities '{"entities": [{"id": "org-1", "typeRefId": "org"}, {"id": "team-1", "typeRefId": "team", "parentId": "org-1"}, {"id": "user-1", "typeRefId": "user", "parentId": "team-1"}]}'
api PUT /owners/cus-bench/assignments "{\"assignments\": [{\"entityId\": \"org-1\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": $LIMIT, \"cadence\": \"P1M\"}, {\"entityId\": \"team-1\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": $LIMIT, \"cadence\": \"P1M\"}, {\"entityId\": \"user-1\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": $LIMIT, \"cadence\": \"P1M\"}]}"

CHECK='{"entityIds": ["user-1"], "capabilityId": "ai-tokens", "requestedAmount": 1}'
CONSUME='{"entityIds": ["user-1"], "capabilityId": "ai-tokens", "amount": 1}'

run() { # name method path body duration
  METHOD=$2 BODY=$4 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$5" -s engine-bench/wrk/report.lua "$URL$3" | tail -1
}

mkdir -p "$(dirname "$RESULT")"
{
  echo "# wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), $CONNECTIONS connections, $THREADS threads, $DURATION each after $WARMUP warm-up; $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores"
  for shape in health check consume; do
    case $shape in
      health) args=(GET /health "") ;;
      check) args=(POST /owners/cus-bench/check "$CHECK") ;;
      consume) args=(POST /owners/cus-bench/consume "$CONSUME") ;;
    esac
    run "$shape" "${args[@]}" "$WARMUP" >/dev/null
    echo "$shape $(run "$shape" "${args[@]}" "$DURATION")"
  done
} | tee "$RESULT"

python3 - "$RESULT" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    if line.startswith('#'):
        continue
    name, data = line.split(' ', 1)
    rows[name] = json.loads(data)
h, c, k = rows['health'], rows['check'], rows['consume']
print(f"check:   {c['rps']:,.0f}/s = {c['rps'] / h['rps']:.2f}x /health ({h['rps']:,.0f}/s); p50 {c['p50_us'] / 1000:.2f} ms, p99 {c['p99_us'] / 1000:.2f} ms, p99.9 {c['p999_us'] / 1000:.2f} ms; errors {c['errors']}")
print(f"consume: {k['rps']:,.0f}/s = {k['rps'] / h['rps']:.2f}x /health; p50 {k['p50_us'] / 1000:.2f} ms, p99 {k['p99_us'] / 1000:.2f} ms, p99.9 {k['p999_us'] / 1000:.2f} ms; errors {k['errors']}")
print(f"health:  p50 {h['p50_us'] / 1000:.2f} ms, p99 {h['p99_us'] / 1000:.2f} ms, p99.9 {h['p999_us'] / 1000:.2f} ms; errors {h['errors']}")
PY
