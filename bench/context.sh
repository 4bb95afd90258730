#!/usr/bin/env bash
# Context fan-out benchmark: every upstream sandbox (Shopify, HubSpot, Zendesk) answers 50 ms late; the customer
# cache is off, so each request asks all three. Parallel branches should take about 50 ms, not 150.
#   DURATION=15s bench/context.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-4}
DELAY_MS=${DELAY_MS:-50}
APP=target/bench-app
DATA=target/bench-data
LOG=target/bench-context.log

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
./mvnw -q -B package -DskipTests
java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
rm -rf "$DATA"
: > "$LOG"   # emptied first: the background redirect may come after the readiness wait's first read
java -XX:+UseParallelGC -Xms256m -Xmx512m -jar "$APP"/switchboard-*.jar \
  --spring.profiles.active=local \
  --switchboard.local.postgres.data-directory="$DATA/postgres" \
  --spring.artemis.embedded.data-directory="$DATA/artemis" \
  --camel.main.routes-reload-enabled=false \
  --switchboard.security.rate-limits.per-ip.rate=1000000 --switchboard.security.rate-limits.per-ip.burst=1000000 \
  --switchboard.security.rate-limits.per-client.rate=1000000 --switchboard.security.rate-limits.per-client.burst=1000000 \
  --switchboard.cache.customers.ttl=0s > "$LOG" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
until grep -q "Switchboard is ready" "$LOG"; do sleep 0.2; kill -0 "$hub"; done
export TOKEN=$(grep -o "Bearer [^']*" "$LOG" | head -1 | cut -d' ' -f2)
for port in 8091 8092 8093; do
  until curl -s -o /dev/null "http://127.0.0.1:$port/__admin/health"; do sleep 0.2; done
  curl -s -X POST -d "{\"fixedDelay\": $DELAY_MS}" "http://127.0.0.1:$port/__admin/settings" >/dev/null
done

wrk -t1 -c4 -d5s -s bench/context.lua http://127.0.0.1:8080 >/dev/null   # warm-up
out=$(wrk --latency -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/context.lua http://127.0.0.1:8080)
echo "$out" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
curl -s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/customers/207119551/context | head -c 300; echo
