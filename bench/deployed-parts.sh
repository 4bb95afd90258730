# Sourced by the bench scripts that run the hub as deployed: ActiveMQ Artemis from its official distribution,
# Debian's PostgreSQL run as the postgres user, WireMock standalone for the vendors, and the production profile's
# settings, each part a plain process on this machine.

ARTEMIS_VERSION=2.40.0
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client; }
command -v pg_ctl >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql; }

# Unpacks the distribution (from Maven Central) into the folder and creates a broker instance in <folder>/broker:
# one CORE acceptor on 127.0.0.1:<port>, login required.
create_artemis() { # folder, port, user, password
  ./mvnw -q -B dependency:copy -Dartifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin \
    -DoutputDirectory="$1"
  tar xzf "$1"/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz -C "$1"
  "$1/apache-artemis-$ARTEMIS_VERSION/bin/artemis" create --silent --force --name standalone \
    --user "$3" --password "$4" --require-login --host 127.0.0.1 --default-port "$2" \
    --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --java-memory 512M "$1/broker" >/dev/null
}

# Runs the folder's broker instance in the background and waits until it is active; sets $broker (its pid).
run_artemis() { # folder, log
  "$1/broker/bin/artemis" run > "$2" 2>&1 &
  broker=$!
  for _ in $(seq 1 240); do grep -q "AMQ221007" "$2" && return 0; sleep 0.5; done
  echo "the broker did not start" >&2; exit 1
}

# A fresh PostgreSQL cluster in the folder (made here, owned by the postgres user) on 127.0.0.1:<port>, with a
# database "switchboard" owned by the login "switchboard". CREATEROLE: the migrations create the catalog's
# read-only role.
start_postgres() { # folder, port, password
  rm -rf "$1"; mkdir -p "$1"; chown postgres "$1"
  su postgres -c "initdb -D $1/data -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null"
  su postgres -c "pg_ctl -D $1/data -o '-p $2 -k $1 -c listen_addresses=127.0.0.1' -l $1/log -w start" >/dev/null
  su postgres -c "psql -h $1 -p $2 -q -c \"CREATE ROLE switchboard LOGIN CREATEROLE PASSWORD '$3'\" -c 'CREATE DATABASE switchboard OWNER switchboard'"
}

stop_postgres() { # folder
  su postgres -c "pg_ctl -D $1/data stop -m fast" >/dev/null 2>&1 || true
}

# WireMock standalone (the version the hub embeds, fetched once) serving a vendor's sandbox folder in the
# background; prints its pid.
start_wiremock() { # vendor, port, log
  local version jar
  version=$(sed -n 's:.*<wiremock.version>\(.*\)</wiremock.version>.*:\1:p' pom.xml)
  jar=~/.m2/repository/org/wiremock/wiremock-standalone/$version/wiremock-standalone-$version.jar
  [ -f "$jar" ] || ./mvnw -q -B dependency:get -Dartifact="org.wiremock:wiremock-standalone:$version" >&2
  java -Xmx128m -jar "$jar" --bind-address 127.0.0.1 --port "$2" --root-dir "sandbox/$1" \
    --disable-banner --max-request-journal-entries 100000 > "$3" 2>&1 &
  echo $!
}

# A chat token for the sandbox's customer with the given scope, signed with the secret prod_env sets.
chat_token() { # scope
  python3 -c 'import sys; sys.path.insert(0, "bench"); import standalone_load as l; print(l.token(l.CUSTOMER, sys.argv[1]))' "$1"
}

# The production profile's environment, one VAR=value a line: the broker, the database, the chat token secret
# (the one bench/standalone_load.py signs with), the encryption key (the same for every instance), and the default
# providers (Shopify, HubSpot, Zendesk) at sandboxes on plain HTTP, their request rates lifted.
prod_env() { # broker URL, broker user, broker password, PostgreSQL port, database password, encryption key,
             # Shopify, HubSpot, Zendesk ports
  cat <<ENV
SPRING_PROFILES_ACTIVE=prod
SWITCHBOARD_TLS_TERMINATEDATPROXY=true
SPRING_ARTEMIS_BROKERURL=$1
SPRING_ARTEMIS_USER=$2
SPRING_ARTEMIS_PASSWORD=$3
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$4/switchboard
SPRING_DATASOURCE_USERNAME=switchboard
SPRING_DATASOURCE_PASSWORD=$5
SWITCHBOARD_SECURITY_JWT_SECRET=bench-only-hs256-secret-0123456789abcdef
SWITCHBOARD_PRIVACY_ENCRYPTIONKEY=$6
SWITCHBOARD_VENDORS_SHOPIFY_BASEURL=http://127.0.0.1:$7
SWITCHBOARD_VENDORS_SHOPIFY_ALLOWINSECUREHTTP=true
SWITCHBOARD_VENDORS_SHOPIFY_ACCESSTOKEN=shpat_sandbox_not_a_secret
SWITCHBOARD_VENDORS_SHOPIFY_REQUESTSPERSECOND=1000
SWITCHBOARD_VENDORS_HUBSPOT_BASEURL=http://127.0.0.1:$8
SWITCHBOARD_VENDORS_HUBSPOT_ALLOWINSECUREHTTP=true
SWITCHBOARD_VENDORS_HUBSPOT_ACCESSTOKEN=pat-sandbox-not-a-secret
SWITCHBOARD_VENDORS_HUBSPOT_REQUESTSPERSECOND=1000
SWITCHBOARD_VENDORS_ZENDESK_BASEURL=http://127.0.0.1:$9
SWITCHBOARD_VENDORS_ZENDESK_ALLOWINSECUREHTTP=true
SWITCHBOARD_VENDORS_ZENDESK_EMAIL=agent@example.com
SWITCHBOARD_VENDORS_ZENDESK_APITOKEN=sandbox-not-a-secret
SWITCHBOARD_VENDORS_ZENDESK_REQUESTSPERSECOND=1000
ENV
}
