#!/usr/bin/env bash
# What one warm order read costs: the packaged hub alone (local profile, rate limits lifted), wrk on GET
# /api/v1/orders/1001 for WARMUP then DURATION, and the CPU the hub's JVM and its PostgreSQL spent per answered
# request over the measured part, beside req/s, p50 and p99. APP names an extracted jar, so that two builds can be
# compared on the same machine one after the other; extra arguments go to the hub.
#   bench/read-cost.sh
#   APP=/tmp/other-build SKIP_BUILD=1 bench/read-cost.sh --management.tracing.enabled=false
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/local-hub.sh

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-40s}
CONNECTIONS=${CONNECTIONS:-32}
HUB_JVM=${HUB_JVM:--XX:+UseParallelGC -Xms256m -Xmx512m}
APP=${APP:-target/read-cost-app}
DATA=target/read-cost-data
LOG=target/read-cost-hub.log
PORT=18780

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -B package -DskipTests
  java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
fi

hub=
trap '[ -n "$hub" ] && kill $hub 2>/dev/null; wait $hub 2>/dev/null || true' EXIT
start_local_hub "$APP" $PORT "$DATA" "$LOG" 18760 "$@"
export TOKEN=$hub_token

wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/order.lua http://127.0.0.1:$PORT >/dev/null
# CPU ticks (user + system) of the hub's JVM, and of its embedded PostgreSQL (the server and its backends)
jvm_ticks() { awk '{print $14 + $15}' /proc/$hub/stat; }
postmaster=$(comm -12 <(pgrep -x postgres | sort) <(pgrep -f "read-cost-data/postgres" | sort) | head -1)
pg_ticks() {
  local sum=0 p
  for p in $postmaster $(pgrep -P "$postmaster"); do
    sum=$((sum + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0)))
  done
  echo $sum
}
load=$(cut -d' ' -f1 /proc/loadavg)
jvm0=$(jvm_ticks); pg0=$(pg_ticks)
out=$(wrk --latency -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/order.lua http://127.0.0.1:$PORT)
jvm1=$(jvm_ticks); pg1=$(pg_ticks)
requests=$(awk '/requests in/ {print $1}' <<<"$out")
per_request() { echo $(( ($1) * 1000000 / $(getconf CLK_TCK) / requests )); }
echo "| req/s | p50 | p99 | JVM CPU per read (us) | PostgreSQL CPU per read (us) | load average at the start |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| $(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out") | $(awk '$1=="50%" {print $2}' <<<"$out") | $(awk '$1=="99%" {print $2}' <<<"$out") | $(per_request $((jvm1 - jvm0))) | $(per_request $((pg1 - pg0))) | $load |"
