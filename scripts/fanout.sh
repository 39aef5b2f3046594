#!/usr/bin/env bash
# Fan-out to every court: FanoutIT with 3,502 simulated courts (the default test run uses 300), through the real
# hub (embedded broker, H2) to the in-process court simulator, which verifies the hub's signature on each delivery;
# asserts every court received the notice once and prints "FANOUT <n> courts delivered in <ms> ms" (from the
# accepted group message to the last recipient DELIVERED). Maven profile "fanout-full" (only FanoutIT, no unit tests).
#
#   scripts/fanout.sh                       3,502 courts
#   scripts/fanout.sh -Dfanout.courts=1000  another size; any other Maven options pass through, e.g.
#                                           -Dfanout.argLine="-XX:StartFlightRecording=filename=target/fanout.jfr"
#                                           (a JFR recording of the test JVM, which runs the hub)
#   HUB_DELIVERY_CONCURRENCY=8 scripts/fanout.sh
#                                           the hub's HUB_* settings pass through as usual
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[fanout.sh] %s\n' "$*" >&2; }

log "uptime before: $(uptime)"
out=target/fanout.log
mkdir -p target
set +e
./mvnw -B -Pfanout-full verify "$@" 2>&1 | tee "$out" | grep -E 'FANOUT|Tests run:|BUILD|ERROR'
rc=${PIPESTATUS[0]}
set -e
log "uptime after: $(uptime)"
log "full output in $out"
exit $rc
