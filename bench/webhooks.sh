#!/usr/bin/env bash
# Webhook ingress benchmark: signed Standard Webhooks deliveries (~600-byte body, each with a new id, signed with
# the current time) to the local run's "acme" source, beside the bare JDK server in the same run. Afterwards it
# waits for the workers to drain the queue, then for the domain events' consumers to take every delivery's event,
# and reports how long each took and what a delivery cost in CPU. A first run at the same load, not reported, warms
# the hub up.
# HUB_PORT, BARE_PORT and HUB_ARGS (more arguments for the hub, e.g. its sandbox and broker ports) let it run beside
# a local run on the default ports (bench/door-vs-artemis.sh does). SOURCE=order-status posts the local run's
# in-house order source instead: each delivery an order's status change, which announces a domain event
# (order.status_changed, no reaction) and evicts the order from the caches, where an "acme" delivery announces none.
#   DURATION=20s CONNECTIONS=32 bench/webhooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
# the first run, not reported: long enough for the JIT compiler to settle at this load
WARMUP=${WARMUP:-60s}
CONNECTIONS=${CONNECTIONS:-32}
COUNT=${COUNT:-800000}
HUB_JVM=${HUB_JVM:--XX:+UseParallelGC -Xms256m -Xmx512m}
APP=target/bench-app
DATA=target/bench-data
LOG=target/bench-hub.log
WORK=target/bench-webhooks
HUB_PORT=${HUB_PORT:-8080}
BARE_PORT=${BARE_PORT:-8099}
HUB_ARGS=${HUB_ARGS:-}
SOURCE=${SOURCE:-acme}
export THREADS=2 DELIVERIES=$WORK/deliveries.txt BODY=$WORK/body.json SOURCE

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -z "${SKIP_BUILD:-}" ]; then   # SKIP_BUILD=1: the jar already extracted in target/bench-app
  ./mvnw -q -B package -DskipTests
  java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
fi
mkdir -p "$WORK"

pids=()
# waits for them to exit, so that a next run finds the ports free
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait || true; }
trap cleanup EXIT

java -Dsun.net.httpserver.nodelay=true bench/BareServer.java "$BARE_PORT" & pids+=("$!")
rm -rf "$DATA"
: > "$LOG"   # emptied first: the background redirect may come after the readiness wait's first read
java $HUB_JVM -jar "$APP"/switchboard-*.jar \
  --spring.profiles.active=local \
  --switchboard.local.postgres.data-directory="$DATA/postgres" \
  --spring.artemis.embedded.data-directory="$DATA/artemis" \
  --camel.main.routes-reload-enabled=false --server.port="$HUB_PORT" --switchboard.metrics.queue-depth-every=1s \
  $HUB_ARGS > "$LOG" 2>&1 &
hub=$!; pids+=("$hub")
until grep -q "Switchboard is ready" "$LOG"; do sleep 0.2; kill -0 "$hub"; done

# signs COUNT deliveries for one run into $1 with the current time: made just before the run, so that a long wait
# before it (the events' backlog drained) cannot age them past the source's tolerance (5 minutes)
sign_deliveries() { # file, run name
python3 - "$COUNT" "$1" "$2" <<'PY'
import base64, hashlib, hmac, json, os, sys, time
count = int(sys.argv[1])
order_status = os.environ["SOURCE"] == "order-status"
if order_status:   # the sandbox's in-house order event, a status change that announces no reaction
    key = b"sandbox-order-status-secret"
    body = json.dumps({"order_number": "1001", "status": "processing", "previous_status": "pending",
                       "customer_id": "207119551", "updated_at": "2008-01-12T14:30:00Z"}).encode()
else:
    key = base64.b64decode("c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh")   # the local profile's "acme" sandbox secret
    body = json.dumps({"type": "invoice.paid", "timestamp": "2026-11-24T06:00:00Z", "data": {
    "id": "in_1MtHbELkdIwHu7ixl4OzzPMv", "object": "invoice", "customer": "cus_NeZwdNtLEOXuvB",
    "amount_due": 999, "currency": "usd", "status": "paid", "lines": [{"id": "il_1", "amount": 999,
    "description": "1 x Pro plan (at $9.99 / month)", "period": {"start": 1680644467, "end": 1683236467}}],
    "customer_email": "jenny.rosen@example.com", "hosted_invoice_url": "https://invoice.example.com/i/acct_1/test_1",
    "footer": "Thank you for your business.", "metadata": {"order": "1001", "source": "bench", "plan": "pro-monthly"}}}).encode()
open(os.environ["BODY"], "wb").write(body)
ts = str(int(time.time()))
path, run = sys.argv[2], sys.argv[3]
with open(path, "w") as out:
    for i in range(count):
        msg_id = f"msg_{run}_{ts}_{i}"
        if order_status:   # sha256=<hex of ts.body>: the id is not signed
            sig = "sha256=" + hmac.new(key, f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
        else:
            sig = "v1," + base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
        out.write(f"{msg_id} {ts} {sig}\n")
print(f"{count} deliveries, body {len(body)} bytes", file=sys.stderr)
PY
}

measure() {
  local out rps p50 p99 errors
  out=$(wrk --latency -t2 -c"$CONNECTIONS" -d"${2:-$DURATION}" -s bench/webhook.lua "$1")
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out"); errors=${errors:-0}
  echo "$rps | $p50 | $p99 | $errors"
}

# CPU seconds x 100 used so far by the hub's JVM and its PostgreSQL (backends included)
cpu_ticks() {
  local total=0 pid postmaster
  postmaster=$(pgrep -f -- "-D $DATA/postgres" | head -1)
  for pid in "$hub" $postmaster $(pgrep -P "$postmaster" || true); do
    [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{print $14+$15+$16+$17}' "/proc/$pid/stat") ))
  done
  echo "$total"
}

# the domain events' consumers, one subscription each on switchboard.events, take every delivery's domain events
# after the workers have published them: the fan-out keeps up only if they are done too. The backlog is the fullest
# subscription's depth, as the hub's own gauges report it (read every second here); -1 while they read NaN
backlog() {
  curl -s http://127.0.0.1:$HUB_PORT/actuator/prometheus | awk '
    /^switchboard_queue_messages\{.*queue="switchboard-/ { seen = 1; if ($2 == "NaN") nan = 1; else if ($2 > most) most = $2 }
    END { if (!seen || nan) print -1; else printf "%d\n", most }'
}
drained() {
  local waiting
  waiting=$(backlog)
  [ "$waiting" -ge 0 ] || { echo "the hub reports no depth for the events' subscriptions" >&2; exit 1; }
  [ "$waiting" -eq 0 ]
}

counter() { curl -s http://127.0.0.1:$HUB_PORT/actuator/prometheus | awk -v m="$1" -v s="$SOURCE" '$1 ~ "^"m"\\{source=\""s"\"" {printf "%d", $2}'; }

echo "| endpoint | req/s (wrk -t2 -c$CONNECTIONS) | p50 | p99 | non-2xx |"
echo "| --- | --- | --- | --- | --- |"
echo "| bare JDK server, constant 200 | $(measure http://127.0.0.1:$BARE_PORT) |"
# a first run, not reported, so that the measured one finds the hub's code compiled (JIT) and its pools full
sign_deliveries "$DELIVERIES.warm" warm
DELIVERIES=$DELIVERIES.warm measure http://127.0.0.1:$HUB_PORT "$WARMUP" >/dev/null
until [ "$(counter switchboard_webhooks_processed_total)" -ge "$(counter switchboard_webhooks_accepted_total)" ]; do sleep 1; done
until drained; do sleep 1; done
warm=$(counter switchboard_webhooks_accepted_total)
sign_deliveries "$DELIVERIES" bench
ticks_before=$(cpu_ticks)
echo "| POST /webhooks/$SOURCE, durable | $(measure http://127.0.0.1:$HUB_PORT) |"
total=$(counter switchboard_webhooks_accepted_total)
accepted=$(( total - warm ))
start=$(date +%s)
until [ "$(counter switchboard_webhooks_processed_total)" -ge "$total" ]; do sleep 1; done
echo
echo "accepted $accepted; all processed $(( $(date +%s) - start )) s after the load stopped"
ticks=$(( $(cpu_ticks) - ticks_before ))
# what a delivery costs the machine, taken in and applied, whatever else shares the cores
echo "hub CPU (JVM and PostgreSQL) per delivery, taken in and processed: $(( ticks * 10000 / accepted )) us"

left=$(backlog)
start=$(date +%s)
until drained; do sleep 1; done
echo "domain events' subscriptions: $left events waiting in the fullest when the workers were done, all taken" \
  "$(( $(date +%s) - start )) s later"
ticks=$(( $(cpu_ticks) - ticks_before ))
echo "hub CPU (JVM and PostgreSQL) per delivery, with the domain events' consumers: $(( ticks * 10000 / accepted )) us"
