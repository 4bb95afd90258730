#!/usr/bin/env bash
# The webhook door beside ActiveMQ Artemis' own producer benchmark, in one run at the same concurrency: first the
# Artemis distribution's `artemis perf producer` (CONNECTIONS producers, persistent MESSAGE_SIZE-byte messages, each
# send waiting for the broker's acknowledgement: --max-pending 1) against a standalone broker of the same version as
# the hub's embedded one, then bench/webhooks.sh (CONNECTIONS wrk connections of signed ~600-byte deliveries, each
# answered 200 only once the broker has it durably), on its own ports. Prints both rates, their ratio and the load
# average of each.
#   CONNECTIONS=32 DURATION=20 WARMUP=60 bench/door-vs-artemis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/local-hub.sh

CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20}        # seconds, both measurements
WARMUP=${WARMUP:-60}            # seconds, both
MESSAGE_SIZE=${MESSAGE_SIZE:-600}
ARTEMIS_VERSION=2.40.0
OUT=$PWD/target/door-vs-artemis
BROKER_PORT=61647
PASSWORD=$(openssl rand -hex 12)

rm -rf "$OUT"; mkdir -p "$OUT"
./mvnw -q -B dependency:copy -Dartifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin \
  -DoutputDirectory="$OUT"
tar xzf "$OUT"/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz -C "$OUT"
ARTEMIS=$OUT/apache-artemis-$ARTEMIS_VERSION/bin/artemis
"$ARTEMIS" create --silent --force --name perf --user perf --password "$PASSWORD" --require-login \
  --host 127.0.0.1 --default-port $BROKER_PORT --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor \
  --no-hornetq-acceptor --java-memory 512M "$OUT/broker" >/dev/null

broker=
cleanup() { [ -n "$broker" ] && kill "$broker" 2>/dev/null && wait "$broker" 2>/dev/null || true; }
trap cleanup EXIT
"$OUT/broker/bin/artemis" run > "$OUT/broker.log" 2>&1 &
broker=$!
for _ in $(seq 1 240); do grep -q "AMQ221007" "$OUT/broker.log" && break; sleep 0.5; done

load_perf=$(cut -d' ' -f1 /proc/loadavg)
"$ARTEMIS" perf producer --url "tcp://127.0.0.1:$BROKER_PORT" --user perf --password "$PASSWORD" --persistent \
  --message-size "$MESSAGE_SIZE" --producers "$CONNECTIONS" --threads 2 --max-pending 1 \
  --warmup "$WARMUP" --duration $((WARMUP + DURATION)) --json "$OUT/producer.json" queue://BENCH > "$OUT/producer.txt" 2>&1
# the mean of the measured (not warm-up) seconds' send rates; the duration counts the warm-up in
perf_rate=$(python3 -c "
import json
samples = [s['sent'] for s in json.load(open('$OUT/producer.json'))
           if s.get('sampleType') == 'interval' and not s.get('warmup')]
print(int(sum(samples) / len(samples)) if samples else 'none')")
kill "$broker"; wait "$broker" 2>/dev/null || true; broker=

# the hub's door, on ports of its own
args="--switchboard.local.broker.tcp-port=0 --switchboard.local.mail.port=0 $(sandbox_ports 18660 | tr '\n' ' ')"
load_door=$(cut -d' ' -f1 /proc/loadavg)
HUB_PORT=18680 BARE_PORT=18699 HUB_ARGS=$args CONNECTIONS=$CONNECTIONS DURATION=${DURATION}s WARMUP=${WARMUP}s \
  bench/webhooks.sh | tee "$OUT/webhooks.md"
# deliveries answered 200 a second (wrk's rate counts refused ones too)
door_rate=$(awk -v d="$DURATION" '/^accepted/ {printf "%d", $2 / d}' "$OUT/webhooks.md")

echo
echo "| what ($CONNECTIONS at once, ${DURATION} s after ${WARMUP} s warm-up) | durable messages/s | load average at the start |"
echo "| --- | --- | --- |"
echo "| \`artemis perf producer\` $ARTEMIS_VERSION, $CONNECTIONS producers, persistent ${MESSAGE_SIZE}-byte messages, broker-acked (--max-pending 1), standalone broker | $perf_rate | $load_perf |"
echo "| the hub's webhook door (bench/webhooks.sh): signed deliveries, 200 once on the embedded broker | $door_rate | $load_door |"
echo
echo "door / perf producer: $(awk -v a="$door_rate" -v b="$perf_rate" 'BEGIN {printf "%.0f %%", 100 * a / b}')"
