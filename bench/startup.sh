#!/usr/bin/env bash
# Start time and memory: from the command's launch to readiness 200 (/actuator/health/readiness), and the resident
# memory (VmRSS) of the hub's JVM after 20 warm requests and 10 s idle, for the README's command and for the packaged
# jar in several ways (fat jar; extracted; extracted with a class data sharing archive from a training run; the same
# with the local run's small-footprint JVM flags), all in the local profile; and as deployed (cases "deployed",
# "deployed_cds", "deployed_aot"): the extracted jar in the production profile, with the JVM options the image gets in
# the Kubernetes Deployment's 1 GiB pod, on Java 17 without and with a CDS archive, and on Java 25 with the image's
# ahead-of-time cache (trained as the Dockerfile trains it; $JAVA25 names that java), against an Artemis broker, a
# PostgreSQL and the default providers' sandboxes run as plain processes (bench/deployed-parts.sh).
# The README's command first on a fresh data directory (initdb, migrations), then every case restarted on it, RUNS
# times each; prints a Markdown table of the medians, with the load average of each case.
#   RUNS=3 bench/startup.sh
#   CASES="extracted extracted_cds readme" FRESH=extracted bench/startup.sh
#   CASES="deployed deployed_cds deployed_aot" FRESH=none bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/local-hub.sh

RUNS=${RUNS:-1}
# which ways of starting, and which one makes the data directory (its fresh start is reported apart)
CASES=${CASES:-readme fat extracted extracted_cds small small_cds}
FRESH=${FRESH:-readme}
PORT=18280
APP=target/startup-app
WORK=target/startup
# the JVM flags spring-boot:run uses (pom.xml), for the jar cases that say "small"
SMALL_JVM=${SMALL_JVM:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=64m -Xms32m -Xmx256m -Xmn12m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dio.netty.allocator.numHeapArenas=1}
PROD_JVM=${PROD_JVM:--XX:+UseParallelGC -Xms256m -Xmx512m}
# the image's JVM options (JAVA_TOOL_OPTIONS, and its entry point's native memory trim) in a pod with a 1 GiB memory
# limit and no CPU limit (k8s/base/hub/deployment.yaml): below 1,792 MiB the JVM picks the serial collector itself
IMAGE_JVM=${IMAGE_JVM:--XX:MaxRAM=1g -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000}
# the image's Java: Temurin 25, where this machine has it
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)/bin/java}

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -B package -DskipTests
fi
# FRESH=none: restart on the data directory a previous run left
[ "$FRESH" = none ] || rm -rf "$WORK"
rm -rf "$APP"; mkdir -p "$WORK"
java -Djarmode=tools -jar target/switchboard-*.jar extract --destination "$APP" --force >/dev/null
JAR=$(ls "$APP"/switchboard-*.jar)

# the local profile on ports of its own
args() { # data directory
  printf '%s\n' "--server.port=$PORT" "--switchboard.local.postgres.data-directory=$1/postgres" \
    "--spring.artemis.embedded.data-directory=$1/artemis" "--switchboard.local.broker.tcp-port=0" \
    "--switchboard.local.mail.port=0" "--camel.main.routes-reload-enabled=false"
  sandbox_ports 18290
}

pid=
parts=()
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  for part in "${parts[@]}"; do kill "$part" 2>/dev/null || true; done
  [[ " $CASES " == *" deployed"* ]] && stop_postgres "$PG"
  return 0
}
trap cleanup EXIT

# waits until the hub on $PORT answers ready; fails if the process given ends first
until_ready() { # pid
  until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/actuator/health/readiness)" = 200 ]; do
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.05
  done
}

# launches "$@" (its output in $log), waits for readiness; sets ready_ms, rss_mib, process_s (the log's own figure)
measure() {
  local log=$1; shift
  local t0 now hub
  t0=$(date +%s%N)
  "$@" > "$log" 2>&1 &
  pid=$!
  until_ready "$pid" || { tail -40 "$log"; exit 1; }
  now=$(date +%s%N)
  ready_ms=$(( (now - t0) / 1000000 ))
  process_s=$(grep -o "process running for [0-9.]*" "$log" | awk '{print $4}' | tail -1)
  # the local run prints a chat token; a deployed hub takes one signed with its secret
  token=${TOKEN:-$(grep -o "Bearer [^']*" "$log" | head -1 | cut -d' ' -f2)}
  for _ in $(seq 1 20); do
    curl -s -o /dev/null -H "Authorization: Bearer $token" http://127.0.0.1:$PORT/api/v1/orders/1001
  done
  sleep 10
  # the hub's JVM: the launched java itself, or spring-boot:run's forked one
  hub=$(pgrep -f "server.port=$PORT" | while read -r p; do
    [ "$(readlink /proc/$p/exe 2>/dev/null | xargs -r basename)" = java ] && grep -qa SwitchboardApplication /proc/$p/cmdline \
      && echo "$p"; done | head -1 || true)
  [ -z "$hub" ] && hub=$(pgrep -f "server.port=$PORT" | while read -r p; do
    [ "$(readlink /proc/$p/exe 2>/dev/null | xargs -r basename)" = java ] && echo "$p"; done | tail -1 || true)
  rss_mib=$(awk '/VmRSS/ {printf "%d", $2/1024}' /proc/"$hub"/status)
  # the hub first (spring-boot:run's forked JVM outlives its wrapper otherwise), then what was launched
  kill "$hub" 2>/dev/null || true
  while kill -0 "$hub" 2>/dev/null; do sleep 0.2; done
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  pid=
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# every case restarts on the same data directory, made by the first (fresh) start of the README's command
data=$WORK/data
case_run() { # case, title, command...
  local case=$1 name=$2; shift 2
  local restart=() rss=() proc=() load
  load=$(cut -d' ' -f1 /proc/loadavg)
  for r in $(seq 1 "$RUNS"); do
    measure "$WORK/$case-$r.log" "$@"; restart+=("$ready_ms"); rss+=("$rss_mib"); proc+=("$process_s")
  done
  printf '| %s | %s | %s | %s | %s |\n' "$name" \
    "$(printf '%s\n' "${restart[@]}" | median | awk '{printf "%.1f", $1/1000}')" \
    "$(printf '%s\n' "${proc[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)" "$load"
}

mapfile -t hub_args < <(args "$data")
# commands read ${hub_args[@]} when they run
mvn_run() { ./mvnw -q -B -o spring-boot:run -Dspring-boot.run.arguments="$(printf '%s ' "${hub_args[@]}")"; }
fat() { java $PROD_JVM -jar target/switchboard-*.jar --spring.profiles.active=local "${hub_args[@]}"; }
extracted() { java $PROD_JVM -jar "$JAR" --spring.profiles.active=local "${hub_args[@]}"; }
extracted_cds() { java $PROD_JVM -XX:SharedArchiveFile="$WORK/prod.jsa" -jar "$JAR" --spring.profiles.active=local "${hub_args[@]}"; }
small() { java $SMALL_JVM -jar "$JAR" --spring.profiles.active=local "${hub_args[@]}"; }
small_cds() { java $SMALL_JVM -XX:SharedArchiveFile="$WORK/small.jsa" -jar "$JAR" --spring.profiles.active=local "${hub_args[@]}"; }
# as deployed: the environment only, as the image gets it (exec: the background job's pid is the hub's)
deployed() { exec env -i PATH="$PATH" HOME="$HOME" "${prod_settings[@]}" java $IMAGE_JVM -jar "$JAR" --server.port=$PORT; }
deployed_cds() {
  exec env -i PATH="$PATH" HOME="$HOME" "${prod_settings[@]}" \
    java $IMAGE_JVM -XX:SharedArchiveFile="$WORK/image.jsa" -Xshare:auto -jar "$JAR" --server.port=$PORT
}
deployed_aot() {
  exec env -i PATH="$PATH" HOME="$HOME" "${prod_settings[@]}" \
    "$JAVA25" $IMAGE_JVM -XX:AOTCache="$WORK/image.aot" -jar "$JAR" --server.port=$PORT
}

# the deployed cases' broker, database and sandboxes, and a chat token their hub accepts
if [[ " $CASES " == *" deployed"* ]]; then
  source bench/deployed-parts.sh
  PG=/tmp/switchboard-startup-pg     # owned by the postgres user, which PostgreSQL runs as
  broker_password=$(openssl rand -hex 12); db_password=$(openssl rand -hex 12)
  create_artemis "$WORK" 61637 switchboard "$broker_password"
  run_artemis "$WORK" "$WORK/broker.log"; parts+=("$broker")
  start_postgres "$PG" 55459 "$db_password"
  for vendor in shopify:18391 hubspot:18392 zendesk:18393; do
    parts+=("$(start_wiremock "${vendor%%:*}" "${vendor#*:}" "$WORK/${vendor%%:*}.log")")
  done
  mapfile -t prod_settings < <(prod_env "tcp://127.0.0.1:61637?reconnectAttempts=-1" switchboard "$broker_password" \
    55459 "$db_password" "$(openssl rand -base64 32)" 18391 18392 18393)
  TOKEN=$(chat_token orders:read)
fi

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $RUNS runs each, medians."
echo
declare -A command=([readme]=mvn_run [fat]=fat [extracted]=extracted [extracted_cds]=extracted_cds [small]=small
  [small_cds]=small_cds [deployed]=deployed [deployed_cds]=deployed_cds [deployed_aot]=deployed_aot)
declare -A title=([readme]="\`./mvnw spring-boot:run\` (README)" [fat]="fat jar, \`$PROD_JVM\`"
  [extracted]="extracted jar, \`$PROD_JVM\`" [extracted_cds]="extracted jar + CDS archive, \`$PROD_JVM\`"
  [small]="extracted jar, \`$SMALL_JVM\`" [small_cds]="extracted jar + CDS archive, \`$SMALL_JVM\`"
  [deployed]="as deployed: extracted jar, production profile, \`$IMAGE_JVM\`"
  [deployed_cds]="as deployed, with a CDS archive"
  [deployed_aot]="as deployed on Java 25 with the image's AOT cache")
load=$(cut -d' ' -f1 /proc/loadavg)
[ "$FRESH" = none ] || measure "$WORK/fresh.log" "${command[$FRESH]}"
[ "$FRESH" = none ] || echo "${title[$FRESH]} on a fresh data directory (initdb, migrations): ready in $(awk -v m="$ready_ms" 'BEGIN {printf "%.1f", m/1000}') s (the log: $process_s s), RSS $rss_mib MiB (load average $load)."
echo
# the training runs: start until the context is refreshed, then exit, writing the classes loaded (Spring Boot's CDS).
# That exit halts the JVM without closing the context, so the embedded PostgreSQL it started is stopped here
stop_left_postgres() {
  local pid
  pid=$(head -1 "$data/postgres/postmaster.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  return 0
}
if [[ " $CASES " == *" extracted_cds "* ]]; then
  java $PROD_JVM -XX:ArchiveClassesAtExit="$WORK/prod.jsa" -Dspring.context.exit=onRefresh -jar "$JAR" \
    --spring.profiles.active=local "${hub_args[@]}" > "$WORK/train-prod.log" 2>&1 || true
  stop_left_postgres
fi
if [[ " $CASES " == *" small_cds "* ]]; then
  java $SMALL_JVM -XX:ArchiveClassesAtExit="$WORK/small.jsa" -Dspring.context.exit=onRefresh -jar "$JAR" \
    --spring.profiles.active=local "${hub_args[@]}" > "$WORK/train-small.log" 2>&1 || true
  stop_left_postgres
fi
# the image's training runs (Dockerfile): the local profile, everything embedded and no sandbox, on data of its own.
# The CDS archive's (the image until Java 25) stopped at the refreshed context; the AOT cache's runs until the hub is
# ready, so that the routes Camel builds after the refresh, and Tomcat, are in the cache too, then is stopped
train_image() { # java, its option that writes the archive or cache, log, "refreshed" or "ready"
  rm -rf "$WORK/training"
  local exit_at=() training
  [ "$4" = refreshed ] && exit_at=(-Dspring.context.exit=onRefresh)
  "$1" $IMAGE_JVM "$2" "${exit_at[@]}" -jar "$JAR" --server.port=$PORT \
    --spring.profiles.active=local --switchboard.local.sandbox.enabled=false \
    --switchboard.local.postgres.data-directory="$WORK/training/postgres" \
    --spring.artemis.embedded.data-directory="$WORK/training/artemis" --switchboard.local.broker.tcp-port=0 \
    --switchboard.local.mail.port=0 --camel.main.routes-reload-enabled=false > "$3" 2>&1 &
  training=$!
  if [ "$4" = ready ]; then
    until_ready "$training" || true
    kill "$training" 2>/dev/null || true
  fi
  wait "$training" || true
  data=$WORK/training stop_left_postgres
}
[[ " $CASES " == *" deployed_cds "* ]] && train_image java -XX:ArchiveClassesAtExit="$WORK/image.jsa" "$WORK/train-cds.log" refreshed
[[ " $CASES " == *" deployed_aot "* ]] && train_image "$JAVA25" -XX:AOTCacheOutput="$WORK/image.aot" "$WORK/train-aot.log" ready
# the deployed cases' database migrated by a first start, as the README's fresh start does for the local ones
if [[ " $CASES " == *" deployed"* ]]; then
  load=$(cut -d' ' -f1 /proc/loadavg)
  measure "$WORK/deployed-fresh.log" deployed
  echo "As deployed, on a fresh database (migrations): ready in $(awk -v m="$ready_ms" 'BEGIN {printf "%.1f", m/1000}') s (the log: $process_s s), RSS $rss_mib MiB (load average $load)."
  echo
fi
echo "| how (restart on existing data) | ready (s) | the log's \"process running for\" (s) | RSS after 20 requests and 10 s idle (MiB) | load average at the start |"
echo "| --- | --- | --- | --- | --- |"
for c in $CASES; do
  case_run "$c" "${title[$c]}" "${command[$c]}"
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
