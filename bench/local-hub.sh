# Sourced by the bench scripts: the packaged hub in the local profile, on ports of the script's own.

# One argument a line: every vendor sandbox (each folder of sandbox/ with mappings) on a port of its own from $1 on,
# so that none takes a port the script gives something else.
sandbox_ports() { # first port
  local port=$1 mappings
  for mappings in sandbox/*/mappings; do
    echo "--switchboard.local.sandbox.ports.$(basename "$(dirname "$mappings")")=$port"
    port=$((port + 1))
  done
}

# Starts the extracted jar in the background on a fresh data directory, its rate limits lifted (the load generator
# is one client), more hub arguments after the fifth, and waits until it is ready; sets $hub (its pid) and
# $hub_token (the local run's chat token). $HUB_JVM: its JVM flags.
start_local_hub() { # extracted jar's folder, HTTP port, data directory, log, first sandbox port, more arguments
  local app=$1 port=$2 data=$3 log=$4 sandboxes=()
  mapfile -t sandboxes < <(sandbox_ports "$5")
  shift 5
  rm -rf "$data"
  : > "$log"   # emptied first: the background redirect may come after the readiness wait's first read
  java $HUB_JVM -jar "$app"/switchboard-*.jar --spring.profiles.active=local --server.port="$port" \
    --switchboard.local.postgres.data-directory="$data/postgres" --spring.artemis.embedded.data-directory="$data/artemis" \
    --switchboard.local.broker.tcp-port=0 --switchboard.local.mail.port=0 --camel.main.routes-reload-enabled=false \
    "${sandboxes[@]}" \
    --switchboard.security.rate-limits.per-ip.rate=1000000 --switchboard.security.rate-limits.per-ip.burst=1000000 \
    --switchboard.security.rate-limits.per-client.rate=1000000 --switchboard.security.rate-limits.per-client.burst=1000000 \
    "$@" > "$log" 2>&1 &
  hub=$!
  until grep -q "Switchboard is ready" "$log"; do
    sleep 0.5
    kill -0 "$hub" 2>/dev/null || { tail -50 "$log"; exit 1; }
  done
  hub_token=$(grep -o "Bearer [^']*" "$log" | head -1 | cut -d' ' -f2)
}
