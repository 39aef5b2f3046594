#!/usr/bin/env bash
# Verifies a hub's tamper-evident message log without a running hub: walks the hash chain, recomputes every
# entry from the current messages and evidences, checks the signed checkpoints, and reports the first break.
#
#   scripts/verify-log.sh [--key=value ...]
#
# It reads the hub's own configuration (application.yaml and the same environment: HUB_DATA_DIR for the embedded
# H2 file, SPRING_PROFILES_ACTIVE=postgres with DB_URL/DB_USER/DB_PASSWORD for PostgreSQL); --key=value arguments
# override it, e.g. --spring.datasource.url=jdbc:postgresql://db:5432/hub. The embedded H2 file can only be read
# while the hub that owns it is stopped; PostgreSQL can be verified while hubs run (entries appended meanwhile
# are left to the next run). Checkpoint signers are checked against HUB_CA_CERTIFICATE (default
# $HUB_DATA_DIR/pki/hub-ca.pem, which the hub writes). Progress goes to stderr, the report to stdout.
# Exit code: 0 intact, 1 broken, 2 could not verify (no database, no log table). Builds the jar if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/mediation-hub.jar
if [[ ! -f "$jar" ]]; then
  echo "[verify-log] building $jar (./mvnw -B -q package -DskipTests)" >&2
  ./mvnw -B -q package -DskipTests >&2
fi
# the fat jar's other entry point: PropertiesLauncher runs any main class with the jar's classpath
exec java ${VERIFY_LOG_JVM_ARGS:-} -Dloader.main=cn.courtmediation.hub.messagelog.VerifyLogCommand \
  -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher --logging.level.root=WARN "$@"
