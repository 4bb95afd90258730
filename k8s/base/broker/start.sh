#!/bin/bash
# Starts this pod's broker: artemis-0 is the primary, artemis-1 its backup. The instance (scripts, users, logging)
# is made anew at every start in an emptyDir, so that a change to this ConfigMap applies on restart; the journal
# stays on the persistent volume (broker-*.xml point there).
set -euo pipefail
role=backup
if [ "${POD_NAME##*-}" = "0" ]; then
  role=primary
fi
instance=/var/lib/artemis-instance
/opt/activemq-artemis/bin/artemis create "$instance" --force --silent --require-login \
  --user "$ARTEMIS_USER" --password "$ARTEMIS_PASSWORD" \
  --http-host 0.0.0.0 --relax-jolokia --java-memory "${ARTEMIS_JAVA_MEMORY:-1G}"
cp "/opt/switchboard/broker-$role.xml" "$instance/etc/broker.xml"
exec "$instance/bin/artemis" run
