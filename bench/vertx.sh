#!/usr/bin/env bash
# The warm order read on today's stack (the packaged hub: Camel's REST DSL on platform-http, Spring MVC, Tomcat)
# beside Vert.x, in one run on the same machine with wrk sharing the cores: a bare Vert.x server (the goal's
# yardstick), the bare JDK server (bench/BareServer.java, run.sh's yardstick), and the same Camel REST DSL routes
# (bench/vertx/: a constant route, and a route doing the order read's steps: token check, cache, ownership,
# projection, JSON; without the hub's filters, audit write, rate limiters, metrics and tracing) on each HTTP stack:
# served by Vert.x (camel-platform-http-vertx) and by the hub's own stack (Camel Spring Boot's platform-http on Spring
# MVC and Tomcat). Prints a Markdown table with each case's ratio to bare Vert.x, and the load average.
#   DURATION=20s WARMUP=40s CONNECTIONS=32 bench/vertx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/local-hub.sh

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-40s}
CONNECTIONS=${CONNECTIONS:-32}
HUB_JVM=${HUB_JVM:--XX:+UseParallelGC -Xms256m -Xmx512m}
BENCH_JVM=${BENCH_JVM:--XX:+UseParallelGC -Xms256m -Xmx512m}
APP=target/bench-app
DATA=target/vertx-bench-data
LOG=target/vertx-bench-hub.log
HUB=18480 BARE_JDK=18499 BARE_VERTX=18498 CAMEL_VERTX=18497 CAMEL_TOMCAT=18496

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -B package -DskipTests
  java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
fi
# each stack on a classpath of its own (bench/vertx/pom.xml's profiles)
for stack in vertx tomcat; do
  (cd bench/vertx && ../../mvnw -q -B -P$stack package dependency:copy-dependencies -DoutputDirectory=target/$stack/lib)
done
VERTX_CP="bench/vertx/target/vertx/classes:bench/vertx/target/vertx/lib/*"
TOMCAT_CP="bench/vertx/target/tomcat/classes:bench/vertx/target/tomcat/lib/*"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait || true; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

# wrk -> "req/s | p50 | p99"
measure() {
  local out
  out=$(wrk --latency -t2 -c"$CONNECTIONS" -d"$DURATION" "$@")
  echo "$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out") | $(awk '$1=="50%" {print $2}' <<<"$out") | $(awk '$1=="99%" {print $2}' <<<"$out")"
}
declare -A rps
run_case() { # name, key, url, script
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$4" "$3" >/dev/null
  local load result
  load=$(cut -d' ' -f1 /proc/loadavg)
  result=$(measure -s "$4" "$3")
  rps[$2]=${result%% *}
  echo "| $1 | $result | RATIO_$2 | $load |"
}

# the hub first, alone while it starts; the local profile on ports of its own, rate limits lifted (one client)
# every vendor sandbox (each folder of sandbox/ with mappings) on ports apart from the bare servers' (18497-18499)
start_local_hub "$APP" $HUB "$DATA" "$LOG" 18460
pids+=("$hub"); HUB_TOKEN=$hub_token

java -Dsun.net.httpserver.nodelay=true bench/BareServer.java $BARE_JDK & pids+=("$!")
java $BENCH_JVM -cp "$VERTX_CP" bench.vertx.BareVertx $BARE_VERTX > target/vertx-bench-bare.log 2>&1 & pids+=("$!")
java $BENCH_JVM -cp "$VERTX_CP" bench.vertx.CamelOnVertx $CAMEL_VERTX > target/vertx-bench-camel.log 2>&1 & pids+=("$!")
java $BENCH_JVM -cp "$TOMCAT_CP" bench.tomcat.CamelOnTomcat $CAMEL_TOMCAT > target/vertx-bench-tomcat.log 2>&1 & pids+=("$!")
wait_for http://127.0.0.1:$BARE_JDK/
wait_for http://127.0.0.1:$BARE_VERTX/
wait_for http://127.0.0.1:$CAMEL_VERTX/constant
wait_for http://127.0.0.1:$CAMEL_TOMCAT/constant
# both print a token signed with the same bench secret
CAMEL_TOKEN=$(grep -a '^TOKEN ' target/vertx-bench-camel.log | cut -d' ' -f2 | tr -d '\r')

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; wrk -t2 -c$CONNECTIONS, $WARMUP warm-up then $DURATION each."
echo
echo "| endpoint | req/s | p50 | p99 | share of bare Vert.x | load average at the start |"
echo "| --- | --- | --- | --- | --- | --- |"
{
  run_case "bare Vert.x, constant 200 (one event loop per core)" vertx http://127.0.0.1:$BARE_VERTX/ bench/bare.lua
  run_case "bare JDK server, constant 200" jdk http://127.0.0.1:$BARE_JDK/ bench/bare.lua
  run_case "Camel REST DSL on Vert.x, constant" camel_constant http://127.0.0.1:$CAMEL_VERTX/constant bench/bare.lua
  curl -s -o /dev/null -H "Authorization: Bearer $CAMEL_TOKEN" http://127.0.0.1:$CAMEL_VERTX/api/v1/orders/1001
  TOKEN=$CAMEL_TOKEN run_case "Camel REST DSL on Vert.x, the order read's steps (no audit, no limiters)" camel_order \
    http://127.0.0.1:$CAMEL_VERTX bench/order.lua
  run_case "Camel REST DSL on Spring MVC/Tomcat (the hub's stack), constant" tomcat_constant \
    http://127.0.0.1:$CAMEL_TOMCAT/constant bench/bare.lua
  curl -s -o /dev/null -H "Authorization: Bearer $CAMEL_TOKEN" http://127.0.0.1:$CAMEL_TOMCAT/api/v1/orders/1001
  TOKEN=$CAMEL_TOKEN run_case "Camel REST DSL on Spring MVC/Tomcat, the order read's steps (no audit, no limiters)" \
    tomcat_order http://127.0.0.1:$CAMEL_TOMCAT bench/order.lua
  curl -s -o /dev/null -H "Authorization: Bearer $HUB_TOKEN" http://127.0.0.1:$HUB/api/v1/orders/1001
  TOKEN=$HUB_TOKEN run_case "the hub: order 1001, warm cache (platform-http on Spring MVC/Tomcat)" hub \
    http://127.0.0.1:$HUB bench/order.lua
} > target/vertx-bench-table.md
while IFS= read -r line; do
  for key in "${!rps[@]}"; do
    line=${line/RATIO_$key/$(awk -v a="${rps[$key]}" -v b="${rps[vertx]}" 'BEGIN {printf "%.1f %%", 100 * a / b}')}
  done
  echo "$line"
done < target/vertx-bench-table.md
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
