#!/usr/bin/env bash
# Load test as a report: a mixed chat workload (order, customer, KB and context reads, ticket creation,
# conversation events) plus signed webhooks, open loop, at the expected peak, twice and three times it, a spike and
# the time after it (bench: src/test/java/io/switchboard/bench/LoadDriver.java). Then a second run with the database
# pool deliberately too small, to see that exhaustion answers with the contract's error (503 problem+json, never a
# 500) and that the hub recovers once the load falls back. Over time it records p50/p95/p99 per endpoint, error rates,
# cache hit ratios per cache, database pool usage and waits, broker queue depths and the webhook backlog (from
# /actuator/prometheus), and the load average; afterwards it checks that every accepted conversation event is stored
# and every acknowledged webhook processed. Writes docs/load/README.md with PNG plots (gnuplot).
#   PEAK=5 WEBHOOK_PEAK=5 bench/load.sh
#   PHASES="warm:30:1,peak:30:1,double:30:2,triple:30:3,spike:15:8,after:60:1" POOL_PHASES=... bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/local-hub.sh

export PEAK=${PEAK:-5}                   # chat requests a second at the expected peak (1x)
export WEBHOOK_PEAK=${WEBHOOK_PEAK:-5}   # webhook deliveries a second at the expected peak
PHASES=${PHASES:-warm:30:1,peak:30:1,double:30:2,triple:30:3,spike:15:8,after:60:1}
POOL_SIZE=${POOL_SIZE:-2}                # the too-small pool of the second run (Flyway needs 2 to start)
POOL_PHASES=${POOL_PHASES:-peak:20:1,triple:30:3,after:40:1}
# the reference: the same driver against the bare JDK server (bench/BareServer.java, a constant 200 on every path)
REFERENCE_PHASES=${REFERENCE_PHASES:-triple:20:3,spike:15:8}
BARE_PORT=18199
HUB_JVM=${HUB_JVM:--XX:+UseParallelGC -Xms256m -Xmx512m}
OUT=${OUT:-docs/load}
APP=target/bench-app
WORK=target/load
PORT=18180
PG_PORT=55451

command -v gnuplot >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends gnuplot-nox; }
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client; }
if [ -z "${SKIP_BUILD:-}" ]; then   # SKIP_BUILD=1: the jar already extracted in target/bench-app, the tests compiled
  ./mvnw -q -B package -DskipTests
  java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
fi
rm -rf "$WORK"; mkdir -p "$WORK" "$OUT"

hub=
cleanup() { [ -n "$hub" ] && kill "$hub" 2>/dev/null && wait "$hub" 2>/dev/null || true; }
trap cleanup EXIT

# the local profile on ports of its own (sandbox 181xx, no broker TCP port), rate limits lifted (one client)
start_hub() { # data directory, log, extra arguments
  local data=$1 log=$2; shift 2
  start_local_hub "$APP" $PORT "$data" "$log" 18160 --switchboard.local.postgres.port=$PG_PORT "$@"
  export TOKEN=$hub_token
}
stop_hub() { kill "$hub"; wait "$hub" 2>/dev/null || true; hub=; }
sql() { psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -Atc "$1"; }

# every conversation event answered 202 is stored, every webhook answered 200 is processed (the workers' record)
check_lost() { # run directory
  local dir=$1 stored processed events webhooks
  events=$(grep -c . "$dir/events-accepted.txt" || true)
  webhooks=$(grep -c . "$dir/webhooks-acknowledged.txt" || true)
  for _ in $(seq 1 120); do
    processed=$(sql "SELECT count(*) FROM webhook_processed WHERE source = 'acme'")
    [ "$processed" -ge "$webhooks" ] && break
    sleep 1
  done
  stored=$( (echo "CREATE TEMP TABLE accepted(id text PRIMARY KEY);"; echo "COPY accepted FROM STDIN;";
    cat "$dir/events-accepted.txt"; echo '\.';
    echo "SELECT count(*) FROM accepted a WHERE NOT EXISTS (SELECT 1 FROM conversation_events e WHERE e.id = a.id);") |
    psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -Aq -t)
  processed=$( (echo "CREATE TEMP TABLE acked(id text PRIMARY KEY);"; echo "COPY acked FROM STDIN;";
    cat "$dir/webhooks-acknowledged.txt"; echo '\.';
    echo "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM webhook_processed p WHERE p.source = 'acme' AND p.event_id = a.id);") |
    psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -Aq -t)
  {
    echo
    echo "Afterwards: $events conversation events accepted (202), **$stored** of them not stored; $webhooks webhooks"
    echo "acknowledged (200), **$processed** of them not processed once the workers had drained the queue."
  } >> "$dir/summary.md"
}

run() { # name, phases, extra hub arguments
  local name=$1 phases=$2; shift 2
  local dir=$WORK/$name
  mkdir -p "$dir"
  start_hub "$WORK/$name-data" "$dir/hub.log" "$@"
  echo "$name: hub ready, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  BASE=http://127.0.0.1:$PORT PHASES=$phases java -cp target/test-classes io.switchboard.bench.LoadDriver "$dir"
  check_lost "$dir"
  stop_hub
  for plot in latency errors pool caches queues; do
    gnuplot -e "dir='$dir'; out='$OUT/$name-$plot.png'" bench/load/$plot.gnuplot 2>> "$dir/gnuplot.log" ||
      echo "$name: no $plot plot (gnuplot: $(tail -1 "$dir/gnuplot.log"))"
  done
}

started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java -Dsun.net.httpserver.nodelay=true bench/BareServer.java $BARE_PORT & bare=$!
until curl -s -o /dev/null http://127.0.0.1:$BARE_PORT/; do sleep 0.2; done
echo "reference: bare JDK server, load average $(cut -d' ' -f1-3 /proc/loadavg)"
BASE=http://127.0.0.1:$BARE_PORT PHASES=$REFERENCE_PHASES TOKEN=none BASELINE_PHASE=none \
  java -cp target/test-classes io.switchboard.bench.LoadDriver "$WORK/reference"
kill $bare; wait $bare 2>/dev/null || true
run main "$PHASES"
run small-pool "$POOL_PHASES" --spring.datasource.hikari.maximum-pool-size="$POOL_SIZE"

commit=$(git rev-parse --short HEAD)
{
  echo "# Load test report"
  echo
  echo "Written by \`bench/load.sh\` (commit $commit, run of $started; load average before it $load_before on"
  echo "$(nproc) cores, the hub's JVM \`$HUB_JVM\`, packaged jar, local profile with its embedded broker, database and"
  echo "WireMock sandbox, the load driver on the same cores). Reproduce: \`PEAK=$PEAK WEBHOOK_PEAK=$WEBHOOK_PEAK bench/load.sh\`."
  echo
  echo "## The reference: the same driver against the bare JDK server"
  echo
  echo "What the driver and the machine give by themselves at that moment: \`bench/BareServer.java\` answers every"
  echo "path with a constant 200 at once (its pool, cache and queue columns stay empty)."
  echo
  sed -n '/^| phase | endpoint/,/^$/p' "$WORK/reference/summary.md"
  echo "## The expected peak, 2x, 3x, a spike and after it"
  echo
  cat "$WORK/main/summary.md"
  echo
  for plot in latency errors pool caches queues; do echo "![main $plot](main-$plot.png)"; echo; done
  echo "## The database pool too small (maximum-pool-size=$POOL_SIZE)"
  echo
  cat "$WORK/small-pool/summary.md"
  echo
  for plot in latency errors pool; do echo "![small pool $plot](small-pool-$plot.png)"; echo; done
} > "$OUT/README.md"
echo "wrote $OUT/README.md"
