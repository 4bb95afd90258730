#!/usr/bin/env bash
# The hub as deployed, as separate processes on this machine: a standalone ActiveMQ Artemis broker from the official
# distribution, a standalone PostgreSQL (Debian's, run as the postgres user), the vendor sandbox (WireMock standalone
# serving sandbox/), and two hub instances from the packaged jar in the production profile, configured by
# environment variables only, as a compose file or a Deployment configures them. Instance A reaches the broker over
# plain TCP, instance B over TLS (an acceptor with sslEnabled=true); both with a URL that reconnects by itself.
#
# Under load split across both (signed webhooks, and each conversation's ticket asked of both at once), instance A
# is killed with SIGKILL and started again; after the load the broker is stopped and started again. Asserted:
#   - every acknowledged delivery processed exactly once (webhook_processed), its event published (switchboard.events,
#     a durable subscription opened before the load; the relay may publish a row twice after a SIGKILL)
#   - one ticket per conversation across both instances (both answers name it; the helpdesk sandbox saw no
#     conversation created twice), and every success answer a ticket
#   - a webhook's cache eviction seen by both instances (both read the order from the vendor again)
#   - the retention purge (a scheduled job) done by one instance at a time
#   - webhooks answered 503, never 200, while the broker is away, and 200 again after it is back, by itself; readiness
#     DOWN while it is away and UP again after
# Prints a Markdown table; docs/benchmarks.md records the numbers. Exits non-zero when an assertion fails.
#   COUNT=20000 KILL_AFTER=10 CONVERSATIONS=100 [READY_WAIT=600] bench/standalone.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/deployed-parts.sh

COUNT=${COUNT:-20000}
KILL_AFTER=${KILL_AFTER:-10}
CONVERSATIONS=${CONVERSATIONS:-100}
OUTAGE=${OUTAGE:-10}
OUT=$PWD/target/standalone
APP=target/bench-app
PG=/tmp/switchboard-standalone-pg      # owned by the postgres user, which PostgreSQL runs as
BROKER_PORT=61627
BROKER_TLS_PORT=61628
PG_PORT=55449
A=18081
B=18082
SHOPIFY=18091
HUBSPOT=18092
ZENDESK=18093
# throwaway secrets of this run
BROKER_PASSWORD=$(openssl rand -hex 12)
STORE_PASSWORD=$(openssl rand -hex 12)
DB_PASSWORD=$(openssl rand -hex 12)
ENCRYPTION_KEY=$(openssl rand -base64 32)

if [ -z "${SKIP_BUILD:-}" ]; then   # SKIP_BUILD=1: the jar already extracted in target/bench-app
  ./mvnw -q -B package -DskipTests
  java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
fi
rm -rf "$OUT"; mkdir -p "$OUT"

pids=()
hubs=()
pg_started=
stop_all() { # SIGTERM, then SIGKILL what is still there after 30 s
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 60); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 0.5
  done
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; done
}
cleanup() {   # the hubs first, while their broker and database are still there
  stop_all "${hubs[@]}"
  stop_all "${pids[@]}"
  [ -n "$pg_started" ] && stop_postgres "$PG"
}
trap cleanup EXIT
ready() { curl -s -o /dev/null -w '%{http_code}' "$1" | grep -q 200; }
# how long an instance may take to become ready: 7 s on a quiet machine, 222 s seen on a shared one
READY_WAIT=${READY_WAIT:-600}
wait_for() {
  local until=$((SECONDS + READY_WAIT))
  while [ $SECONDS -lt $until ]; do ready "$1" && return 0; sleep 0.5; done
  echo "no answer from $1 within ${READY_WAIT}s" >&2; exit 1
}
sql() { PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p $PG_PORT -U switchboard -d switchboard -Atc "$1"; }

# --- ActiveMQ Artemis, from the official distribution on Maven Central -------------------------------------------
create_artemis "$OUT" $BROKER_PORT switchboard "$BROKER_PASSWORD"
keytool -genkeypair -alias broker -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$OUT/broker.p12" \
  -storepass "$STORE_PASSWORD" -keypass "$STORE_PASSWORD" 2>/dev/null
keytool -exportcert -alias broker -keystore "$OUT/broker.p12" -storepass "$STORE_PASSWORD" -file "$OUT/broker.crt" 2>/dev/null
keytool -importcert -noprompt -alias broker -file "$OUT/broker.crt" -storetype PKCS12 \
  -keystore "$OUT/broker-trust.p12" -storepass "$STORE_PASSWORD" 2>/dev/null
# the TLS acceptor beside the plain one
sed -i "s#</acceptors>#   <acceptor name=\"tls\">tcp://127.0.0.1:$BROKER_TLS_PORT?sslEnabled=true;keyStorePath=$OUT/broker.p12;keyStorePassword=$STORE_PASSWORD;keyStoreType=PKCS12;protocols=CORE</acceptor>\n      </acceptors>#" \
  "$OUT/broker/etc/broker.xml"
broker_starts=0
start_broker() {
  broker_starts=$((broker_starts + 1))
  run_artemis "$OUT" "$OUT/broker-$broker_starts.log"
  pids+=("$broker")
}
start_broker

# --- PostgreSQL, Debian's server run as the postgres user ---------------------------------------------------------
start_postgres "$PG" $PG_PORT "$DB_PASSWORD"
pg_started=1

# --- the vendor sandbox ------------------------------------------------------------------------------------------
for vendor in shopify:$SHOPIFY hubspot:$HUBSPOT zendesk:$ZENDESK; do
  pids+=("$(start_wiremock "${vendor%%:*}" "${vendor#*:}" "$OUT/${vendor%%:*}.log")")
done
for port in $SHOPIFY $HUBSPOT $ZENDESK; do wait_for "http://127.0.0.1:$port/__admin/health"; done

# --- the hub: the packaged jar, production profile, environment only -------------------------------------------
RECONNECT="ha=true&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2&maxRetryInterval=5000"
hub_env() { # port, broker URL; exec, so that the background job's pid is the hub's
  local settings
  mapfile -t settings < <(prod_env "$2" switchboard "$BROKER_PASSWORD" $PG_PORT "$DB_PASSWORD" "$ENCRYPTION_KEY" \
    $SHOPIFY $HUBSPOT $ZENDESK)
  exec env -i PATH="$PATH" HOME="$HOME" "${settings[@]}" \
    SERVER_PORT="$1" \
    SWITCHBOARD_WEBHOOKS_SOURCES_ACME_SCHEME=standard \
    SWITCHBOARD_WEBHOOKS_SOURCES_ACME_SECRETS_0_=whsec_c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh \
    SWITCHBOARD_WEBHOOKS_SOURCES_SHOPIFY_SCHEME=shopify \
    SWITCHBOARD_WEBHOOKS_SOURCES_SHOPIFY_SECRETS_0_=sandbox-shopify-webhook-secret \
    SWITCHBOARD_SECURITY_RATELIMITS_PERCLIENT_RATE=100000 SWITCHBOARD_SECURITY_RATELIMITS_PERCLIENT_BURST=100000 \
    SWITCHBOARD_RETENTION_PURGEEVERY=1000 SWITCHBOARD_RETENTION_AUDITLOG=10s \
    LOGGING_LEVEL_IO_SWITCHBOARD_PRIVACY_RETENTIONPURGE=DEBUG \
    java -XX:+UseParallelGC -Xmx384m -jar "$APP"/switchboard-*.jar
}
start_hub() { # name, port, broker URL
  hub_env "$2" "$3" >> "$OUT/hub-$1.log" 2>&1 &
  eval "hub_$1=$!"; hubs+=("$!")
}
BROKER_A="(tcp://127.0.0.1:$BROKER_PORT)?$RECONNECT"
BROKER_B="(tcp://127.0.0.1:$BROKER_TLS_PORT)?$RECONNECT&sslEnabled=true&verifyHost=true&trustStorePath=$OUT/broker-trust.p12&trustStorePassword=$STORE_PASSWORD&trustStoreType=PKCS12"
start_hub a $A "$BROKER_A"
wait_for http://127.0.0.1:$A/actuator/health/readiness    # A migrates the database first
start_hub b $B "$BROKER_B"
wait_for http://127.0.0.1:$B/actuator/health/readiness
echo "broker, PostgreSQL, sandbox and two hub instances (prod profile) up"

java -cp "$APP/lib/*" bench/EventTally.java subscribe "tcp://127.0.0.1:$BROKER_PORT" switchboard "$BROKER_PASSWORD"

# --- load; instance A killed with SIGKILL and started again ------------------------------------------------------
python3 bench/standalone_load.py --ports $A,$B --count "$COUNT" --conversations "$CONVERSATIONS" --out "$OUT" \
  > "$OUT/load.json" &
load=$!
sleep "$KILL_AFTER"
kill -9 "$hub_a"
echo "killed instance A with SIGKILL after ${KILL_AFTER}s"
sleep 3
start_hub a $A "$BROKER_A"
wait_for http://127.0.0.1:$A/actuator/health/readiness
echo "instance A restarted"
wait "$load"
cat "$OUT/load.json"

# --- the broker stopped and started again ------------------------------------------------------------------------
deliver() { # port, id -> HTTP status
  local body='{"type":"invoice.paid"}' ts sig
  ts=$(date +%s)
  sig=$(printf '%s' "$2.$ts.$body" | openssl dgst -sha256 -mac HMAC \
    -macopt hexkey:$(echo c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh | base64 -d | xxd -p -c 256) -binary | base64)
  curl -s -o /dev/null -w '%{http_code}' -m 10 -H "webhook-id: $2" -H "webhook-timestamp: $ts" \
    -H "webhook-signature: v1,$sig" -d "$body" "http://127.0.0.1:$1/webhooks/acme" || true
}
kill "$broker"; wait "$broker" 2>/dev/null || true
echo "broker stopped"
outage_200=0; outage_503=0; outage_other=0; not_ready=0; n=0
end=$((SECONDS + OUTAGE))
while [ $SECONDS -lt $end ]; do
  for port in $A $B; do
    n=$((n + 1)); status=$(deliver $port "msg_outage_$n")
    case $status in 200) outage_200=$((outage_200 + 1)); echo "msg_outage_$n $port" >> "$OUT/acked.txt";;
                    503) outage_503=$((outage_503 + 1));; *) outage_other=$((outage_other + 1));; esac
    ready http://127.0.0.1:$port/actuator/health/readiness || not_ready=$((not_ready + 1))
  done
done
start_broker
restarted=$SECONDS
recovered=
for _ in $(seq 1 120); do
  ok=0
  for port in $A $B; do
    n=$((n + 1)); status=$(deliver $port "msg_recovery_$n")
    [ "$status" = 200 ] && { ok=$((ok + 1)); echo "msg_recovery_$n $port" >> "$OUT/acked.txt"; }
  done
  [ $ok = 2 ] && ready http://127.0.0.1:$A/actuator/health/readiness && ready http://127.0.0.1:$B/actuator/health/readiness \
    && { recovered=$((SECONDS - restarted)); break; }
  sleep 0.5
done
echo "broker back; both instances ready and taking webhooks again after ${recovered:-never} s"

# --- a webhook's cache eviction, seen by both instances ---------------------------------------------------------
ORDER_TOKEN=$(chat_token orders:read)
vendor_reads() {
  curl -s -X POST -d '{"method":"GET","urlPath":"/admin/api/2025-07/orders.json","queryParameters":{"name":{"equalTo":"#1001"}}}' \
    "http://127.0.0.1:$SHOPIFY/__admin/requests/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}
read_order() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ORDER_TOKEN" "http://127.0.0.1:$1/api/v1/orders/1001"; }
read_order $A >/dev/null; read_order $B >/dev/null
cached=$(vendor_reads)
read_order $A >/dev/null; read_order $B >/dev/null
[ "$(vendor_reads)" = "$cached" ] || echo "order 1001 was not cached" >&2
order=$(python3 -c 'import json; print(json.dumps(json.load(open("sandbox/shopify/__files/orders/1001.json"))["orders"][0]))')
sig=$(printf '%s' "$order" | openssl dgst -sha256 -hmac sandbox-shopify-webhook-secret -binary | base64)
# sent again until acknowledged, as Shopify retries a 503 (just after the broker's restart, A's enqueue may still be
# reconnecting)
webhook_id="wh-standalone-$RANDOM"
for _ in $(seq 1 60); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H "X-Shopify-Hmac-Sha256: $sig" \
    -H "X-Shopify-Topic: orders/updated" -H "X-Shopify-Webhook-Id: $webhook_id" -H 'Content-Type: application/json' \
    -d "$order" "http://127.0.0.1:$A/webhooks/shopify" || true)
  [ "$status" = 200 ] && break
  sleep 1
done
[ "$status" = 200 ] || echo "the orders/updated webhook was not acknowledged: $status" >&2
evicted=0
for _ in $(seq 1 20); do
  sleep 0.5
  read_order $A >/dev/null; read_order $B >/dev/null
  evicted=$(( $(vendor_reads) - cached ))
  [ $evicted -ge 2 ] && break
done

# --- counts ------------------------------------------------------------------------------------------------------
acked=$(grep -c . "$OUT/acked.txt")
cut -d' ' -f1 "$OUT/acked.txt" | sort -u > "$OUT/acked-ids.txt"
for _ in $(seq 1 180); do
  processed=$(sql "SELECT count(*) FROM webhook_processed WHERE source = 'acme'")
  [ "$processed" -ge "$acked" ] && break
  sleep 1
done
missing=$( (echo "CREATE TEMP TABLE acked(event_id text PRIMARY KEY);"; echo "COPY acked FROM STDIN;"; \
  cat "$OUT/acked-ids.txt"; echo '\.'; \
  echo "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM webhook_processed p WHERE p.source = 'acme' AND p.event_id = a.event_id);") \
  | PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p $PG_PORT -U switchboard -d switchboard -At | tail -1)
twice=$(sql "SELECT count(*) - count(DISTINCT event_id) FROM webhook_processed WHERE source = 'acme'")
for _ in $(seq 1 60); do [ "$(sql "SELECT count(*) FROM event_outbox")" = 0 ] && break; sleep 1; done
java -cp "$APP/lib/*" bench/EventTally.java drain "tcp://127.0.0.1:$BROKER_PORT" switchboard "$BROKER_PASSWORD" \
  > "$OUT/published.txt"
unpublished=$(sort -u "$OUT/published.txt" | comm -13 - "$OUT/acked-ids.txt" | grep -c . || true)
republished=$(( $(grep -c . "$OUT/published.txt") - $(sort -u "$OUT/published.txt" | grep -c .) ))
read -r conversations one_ticket twice_ticketed same_again not_a_ticket <<<"$(python3 - "$OUT/tickets.json" <<'PY'
import json, sys
ids, again, not_a_ticket = {}, {}, 0
for t in json.load(open(sys.argv[1])):
    if t["status"] in (200, 201):
        try:
            ticket = json.loads(t["answer"])["ticketId"]
        except (ValueError, KeyError):   # a success without the contract's answer
            not_a_ticket += 1
            continue
        (again if t.get("again") else ids).setdefault(t["conversation"], set()).add(ticket)
conversations = {t["conversation"] for t in json.load(open(sys.argv[1]))}
print(len(conversations), sum(1 for c in conversations if len(ids.get(c, ())) == 1),
      sum(1 for c in conversations if len(ids.get(c, set()) | again.get(c, set())) > 1),
      sum(1 for c in conversations if c in ids and again.get(c) == ids[c]), not_a_ticket)
PY
)"
# the helpdesk's creates, and the conversations it was asked to open more than one ticket for (by external_id)
read -r ticket_creates created_twice <<<"$(curl -s -X POST -d '{"method":"POST","urlPath":"/api/v2/tickets.json"}' \
  "http://127.0.0.1:$ZENDESK/__admin/requests/find" | python3 -c '
import collections, json, sys
creates = [json.loads(r["body"])["ticket"]["external_id"] for r in json.load(sys.stdin)["requests"]]
print(len(creates), sum(1 for n in collections.Counter(creates).values() if n > 1))')"
purges_a=$(grep -c "Retention purge deleted" "$OUT/hub-a.log" || true)
purges_b=$(grep -c "Retention purge deleted" "$OUT/hub-b.log" || true)
skipped=$(cat "$OUT"/hub-*.log | grep -c "Retention purge skipped" || true)
rate=$(python3 -c 'import json; l=json.load(open("'"$OUT"'/load.json")); print(l["acknowledged_per_second"], *l["by_instance"].values(), l["seconds"])')
read -r per_second by_a by_b seconds <<<"$rate"

echo
echo "| deliveries | acknowledged (200) | in | acknowledged/s (both) | by A / by B | acknowledged but not processed | processed twice | acknowledged but not published | published twice |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| $COUNT + probes | $acked | ${seconds} s | $per_second | $by_a / $by_b | $missing | $twice | $unpublished | $republished |"
echo
echo "| conversations | opened (one answer with a ticket, the other 409 or the same) | with two tickets | asked again at the other instance: the same ticket | ticket creates at the helpdesk (conversations created twice) | cache eviction reads (2 = both) | purges by A / by B (skipped: other held it) | broker away: 200 / 503 / other | readiness not UP while away | recovered after broker start | 200/201 without a ticket |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| $conversations | $one_ticket | $twice_ticketed | $same_again | $ticket_creates ($created_twice) | $evicted | $purges_a / $purges_b ($skipped) | $outage_200 / $outage_503 / $outage_other | $not_ready | ${recovered:-never} s | $not_a_ticket |"

failed=0
check() { if ! eval "$1"; then echo "FAILED: $2" >&2; failed=1; fi; }
check '[ "$missing" = 0 ]' "acknowledged deliveries not processed: $missing"
check '[ "$twice" = 0 ]' "deliveries processed twice: $twice"
check '[ "$unpublished" = 0 ]' "acknowledged deliveries whose event was not published: $unpublished"
# a create whose answer timed out at the hub leaves a ticket that the conversation's next request finds: creates may
# outnumber the tickets answered, but no conversation may have two
check '[ "$twice_ticketed" = 0 ] && [ "$created_twice" = 0 ] && [ "$same_again" = "$one_ticket" ]' "tickets: $twice_ticketed conversations answered with two, $created_twice created twice at the helpdesk, $same_again of $one_ticket the same when asked again"
check '[ "$not_a_ticket" = 0 ]' "$not_a_ticket ticket answers were a success (200/201) without a ticket in them"
check '[ "$evicted" -ge 2 ]' "cache eviction seen by $evicted of 2 instances"
check '[ "$outage_200" = 0 ]' "$outage_200 deliveries answered 200 while the broker was away"
check '[ "$not_ready" -gt 0 ]' "readiness stayed UP while the broker was away"
check '[ -n "$recovered" ]' "the instances were not ready and taking webhooks again after the broker restart"
exit $failed
