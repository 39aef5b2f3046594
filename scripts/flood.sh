#!/usr/bin/env bash
# Does a flood from one court cost the others anything (issue 13 item 5)? Starts a hub with the DEFAULT rate limits
# (200 reads/s per participant), then runs the FloodCheck tool (src/load/java/.../load/FloodCheck.java, profile "load"):
# court C310115 reads (20/s) alone, then while court C110105 floods from many threads (429 beyond its limit), twice; prints the
# quiet court's latencies and their ratios flood/alone, and what the flooder got.
#
#   scripts/flood.sh [--threads 32] [--reads 1000] [--flood-rate 1000 (0: as fast as its threads go)] [--quiet-rate 20]
# FLOOD_RATE_READS overrides the reads limit (default: application.yaml's)
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[flood.sh] %s\n' "$*" >&2; }
tool_args=()
while (($#)); do
  case "$1" in
    --threads|--reads|--flood-rate|--quiet-rate) tool_args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument $1 (--help)"; exit 64 ;;
  esac
done
source scripts/lib/hub.sh
hub_prepare flood
log "compiling the hub and the tool"
./mvnw -B -q compile
./mvnw -B -q -Pload test-compile
# the defaults of application.yaml, not the load scripts' 100000: the limit is what is measured
HUB_RATE_READS="${FLOOD_RATE_READS:-$(sed -n "s/.*reads-per-second: \${HUB_RATE_READS:\([0-9]*\)}.*/\1/p" src/main/resources/application.yaml)}" \
  HUB_RATE_SUBMISSIONS=200 HUB_RATE_UNAUTHENTICATED=1000 HUB_DEMO_SCENARIO=false hub_start
deadline=$(( SECONDS + ${FLOOD_START_TIMEOUT:-240} ))
until curl -fsS "http://127.0.0.1:$http_port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
  if ! hub_alive || (( SECONDS >= deadline )); then log "the hub did not get ready; last lines:"; tail -n 40 "$hub_log" >&2; exit 3; fi
  sleep 1
done
log "hub ready; flooding"
cp_file=target/load/faults.classpath
if [[ ! -s "$cp_file" || pom.xml -nt "$cp_file" ]]; then
  ./mvnw -B -q -Pload dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
fi
java -cp "target/load/test-classes:target/load/classes:$(cat "$cp_file")" cn.courtmediation.hub.load.FloodCheck \
  --tls-url "https://127.0.0.1:$tls_port" --ca-file "$hub_ca" --admin-password-file "$admin_password_file" "${tool_args[@]}"
