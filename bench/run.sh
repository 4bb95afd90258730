#!/usr/bin/env bash
# Order and product endpoint benchmark: the hub (packaged jar, extracted, production-like JVM) beside the bare JDK server
# (bench/BareServer.java), in the same run on the same machine, with wrk sharing the cores.
# Rate limits are lifted: one client hammering is what the bench does. Prints a Markdown table; docs/benchmarks.md
# records the numbers.
#   DURATION=20s CONNECTIONS=32 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
# long enough for the JIT compiler to settle (with 10 s the warm order read measured at half its speed)
WARMUP=${WARMUP:-40s}
CONNECTIONS=${CONNECTIONS:-32}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-4}
PACE_MS=${PACE_MS:-3}
HUB_JVM=${HUB_JVM:--XX:+UseParallelGC -Xms256m -Xmx512m}
APP=target/bench-app
DATA=target/bench-data
LOG=target/bench-hub.log

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
./mvnw -q -B package -DskipTests
java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null

pids=()
# waits for them to exit, so that a next run finds the ports free
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait || true; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.25; done; echo "no answer from $1" >&2; exit 1; }

start_hub() {
  rm -rf "$DATA"
  : > "$LOG"   # emptied first: the background redirect may come after the readiness wait's first read
  java $HUB_JVM -jar "$APP"/switchboard-*.jar \
    --spring.profiles.active=local \
    --switchboard.local.postgres.data-directory="$DATA/postgres" \
    --spring.artemis.embedded.data-directory="$DATA/artemis" \
    --camel.main.routes-reload-enabled=false \
    --switchboard.security.rate-limits.per-ip.rate=1000000 --switchboard.security.rate-limits.per-ip.burst=1000000 \
    --switchboard.security.rate-limits.per-client.rate=1000000 --switchboard.security.rate-limits.per-client.burst=1000000 "$@" > "$LOG" 2>&1 &
  hub=$!; pids+=("$hub")
  until grep -q "Switchboard is ready" "$LOG"; do sleep 0.2; kill -0 "$hub" || { cat "$LOG"; exit 1; }; done
  TOKEN=$(grep -o "Bearer [^']*" "$LOG" | head -1 | cut -d' ' -f2); export TOKEN
  wait_for http://127.0.0.1:8091/__admin/health
}

stop_hub() { kill "$hub"; wait "$hub" 2>/dev/null || true; }

# wrk output -> "req/s | p50 | p99"
measure() {
  local out
  out=$(wrk --latency "$@")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps | $p50 | $p99"
}

run_case() { # name, url, script
  local name=$1 url=$2 script=$3
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$script" "$url" >/dev/null
  local saturated paced
  saturated=$(measure -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$script" "$url")
  paced=$(PACE_MS=$PACE_MS measure -t2 -c"$PACED_CONNECTIONS" -d"$DURATION" -s "$script" "$url")
  echo "| $name | $saturated | $paced |"
}

# nodelay: without it, the JDK server's two writes per response meet delayed ACKs (40 ms per request)
java -Dsun.net.httpserver.nodelay=true bench/BareServer.java 8099 & pids+=("$!")
wait_for http://127.0.0.1:8099/

echo "| endpoint | req/s (wrk -t2 -c$CONNECTIONS) | p50 | p99 | req/s paced (-c$PACED_CONNECTIONS, ${PACE_MS} ms gaps) | p50 | p99 |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
run_case "bare JDK server, constant 200" http://127.0.0.1:8099/ bench/bare.lua

start_hub
startup=$(grep -o "process running for [0-9.]*" "$LOG" | awk '{print $4}')
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/orders/1001
run_case "order 1001, warm cache" http://127.0.0.1:8080 bench/order.lua
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/products/IPOD2008GREEN
run_case "product IPOD2008GREEN, warm cache" http://127.0.0.1:8080 bench/product.lua
sleep 5
rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' /proc/"$hub"/status)
stop_hub

start_hub --switchboard.cache.orders.ttl=0s
run_case "order 1001, cold (cache off: every call to the Shopify sandbox)" http://127.0.0.1:8080 bench/order.lua
stop_hub

echo
echo "hub jar started in ${startup}s (process start to ready); RSS after the warm run: ${rss} MiB; JVM: $HUB_JVM"
