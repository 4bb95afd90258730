#!/usr/bin/env bash
# Crash test: signed deliveries under load, the hub killed with SIGKILL mid-run (its embedded PostgreSQL too, as in
# a machine crash), restarted on the same data, the load going on as vendors retry. Then every delivery that got a
# 200 must be processed exactly once: one row in webhook_processed (the workers' record of applied events), and
# the queues drained; and its domain event must have reached switchboard.events (a durable subscription opened
# before the load, bench/EventTally.java), at least once: the relay can publish a row twice after a crash, with the
# event's id for consumers to dedupe.
#   COUNT=20000 KILL_AFTER=6 bench/crash.sh
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-20000}
KILL_AFTER=${KILL_AFTER:-6}
PG_PORT=55439
APP=target/bench-app
DATA=target/crash-data
OUT=target/crash
LOG=$OUT/hub.log

command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client; }
./mvnw -q -B package -DskipTests
java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
rm -rf "$DATA" "$OUT"; mkdir -p "$OUT"

start_hub() {
  java -XX:+UseParallelGC -Xmx512m -jar "$APP"/switchboard-*.jar \
    --spring.profiles.active=local \
    --switchboard.local.postgres.data-directory="$DATA/postgres" \
    --switchboard.local.postgres.port=$PG_PORT \
    --spring.artemis.embedded.data-directory="$DATA/artemis" \
    --camel.main.routes-reload-enabled=false >> "$LOG" 2>&1 &
  hub=$!
  until curl -s -o /dev/null http://127.0.0.1:8080/actuator/health/readiness; do sleep 0.2; kill -0 "$hub"; done
}
sql() { psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -Atc "$1"; }

start_hub
java -cp "$APP/lib/*" bench/EventTally.java subscribe
python3 bench/crash_load.py --port 8080 --count "$COUNT" --acked "$OUT/acked.txt" > "$OUT/load.txt" &
load=$!
sleep "$KILL_AFTER"
before=$(grep -c "" "$OUT/acked.txt" 2>/dev/null || true)
kill -9 "$hub"
pkill -9 -f "$DATA/postgres" || true   # the embedded postgres dies with the machine
echo "killed the hub with SIGKILL after ${KILL_AFTER}s"
sleep 1
start_hub
echo "restarted"
wait "$load"
cat "$OUT/load.txt"

# wait for the workers to drain
acked=$(grep -c . "$OUT/acked.txt")
for _ in $(seq 1 120); do
  processed=$(sql "SELECT count(*) FROM webhook_processed WHERE source = 'acme'")
  [ "$processed" -ge "$acked" ] && break
  sleep 1
done
sql "CREATE TEMP TABLE acked(event_id text); COPY acked FROM STDIN;" < /dev/null >/dev/null 2>&1 || true
missing=$( (echo "CREATE TEMP TABLE acked(event_id text PRIMARY KEY);"; echo "COPY acked FROM STDIN;"; \
  grep . "$OUT/acked.txt"; echo '\.'; \
  echo "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM webhook_processed p WHERE p.source = 'acme' AND p.event_id = a.event_id);") \
  | psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -At | tail -1)
extra=$(sql "SELECT count(*) - count(DISTINCT event_id) FROM webhook_processed WHERE source = 'acme'")
# the domain events, once the outbox is empty
for _ in $(seq 1 60); do [ "$(sql "SELECT count(*) FROM event_outbox")" = 0 ] && break; sleep 1; done
java -cp "$APP/lib/*" bench/EventTally.java drain > "$OUT/published.txt"
unpublished=$(sort -u "$OUT/published.txt" | comm -13 - <(sort -u "$OUT/acked.txt") | grep -c . || true)
republished=$(( $(grep -c . "$OUT/published.txt") - $(sort -u "$OUT/published.txt" | grep -c .) ))
dead=$(curl -s http://127.0.0.1:8080/actuator/prometheus | awk '/^switchboard_webhooks_dead_lettered_total\{source="acme"/ {print $2}')
kill "$hub"; wait "$hub" 2>/dev/null || true
pkill -f "$DATA/postgres" || true

echo
echo "| deliveries | acknowledged (200) | processed | acknowledged but not processed | processed twice | dead-lettered | acknowledged but not published | published twice |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| $COUNT | $acked | $processed | $missing | $extra | ${dead:-0} | $unpublished | $republished |"
