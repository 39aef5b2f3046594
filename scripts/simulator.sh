#!/usr/bin/env bash
# Court-system simulator: one process serving the trial-system endpoints of every court, tribunal and unit the
# registry names (POST <base>/courts/<code>/rest, <base>/courts/<code>/soap, <base>/units/<code>). It verifies the
# hub's signature on each delivery against the hub CA, counts per court (received, duplicates, bad signatures,
# failures) and answers with a configurable latency and failure rate (src/test/java/.../simulator, profile "sim").
#
#   scripts/simulator.sh [--port 9090] [--hub http://127.0.0.1:8080 | --ca hub-ca.pem] [--latency-ms 0]
#                        [--failure-rate 0] [--threads 64] [--remember 1000000]; --help lists them all.
#
# The hub must be up (or come up within --wait-seconds, 60) to serve its CA certificate at <hub>/pki/hub-ca.pem.
# Prints totals every 5 s; Ctrl-C stops it. While it runs:
#   curl -s localhost:9090/sim/stats[?court=CODE]
#   curl -s -XPOST 'localhost:9090/sim/config?court=CODE&latencyMs=200&failureRate=0.1&down=false'   (no court: the default)
#   curl -s -XPOST localhost:9090/sim/reset
set -euo pipefail

cd "$(dirname "$0")/.."

# exec.args is split by the exec plugin, which honours double quotes
args=""
for a in "$@"; do
  if [[ "$a" =~ [[:space:]] ]]; then args+=" \"$a\""; else args+=" $a"; fi
done

exec ./mvnw -B -q -Psim test-compile exec:java -Dexec.args="$args"
