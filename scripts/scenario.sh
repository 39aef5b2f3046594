#!/usr/bin/env bash
# The demo scenario on a fresh hub, measured: starts the hub the way `./mvnw spring-boot:run` does (embedded
# broker and H2 in a temporary data dir, free ports, demo registry), lets it replay a year of partner cases
# (docs/scenario.md), prints the hub's summary line (time, submissions, refusals, stored figures, messages by
# status) and what GET /api/v1/statistics answers, then stops that hub.
#
#   scripts/scenario.sh [--cases N] [--seed S] [--concurrency C] [--start YYYY-MM-DD]
#
# Defaults: those of application.yaml (hub.demo.scenario.*). Environment: SCENARIO_TIMEOUT (1800 s) for the
# replay, SCENARIO_START_TIMEOUT (180 s) for readiness, SCENARIO_KEEP_DATA=1 keeps the data dir, HUB_* pass
# through to the hub. Exit code: 0 when no submission was refused, 1 when some were, 3 when the run failed.
set -euo pipefail

cd "$(dirname "$0")/.."
log() { printf '[scenario.sh] %s\n' "$*" >&2; }

while (( $# > 0 )); do
  case "$1" in
    --cases) export HUB_DEMO_SCENARIO_CASES="$2"; shift 2 ;;
    --seed) export HUB_DEMO_SCENARIO_SEED="$2"; shift 2 ;;
    --concurrency) export HUB_DEMO_SCENARIO_CONCURRENCY="$2"; shift 2 ;;
    --start) export HUB_DEMO_SCENARIO_START="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) log "unknown option $1 (--help)"; exit 3 ;;
  esac
done

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  log "no free port found"; return 1
}

http_port=$(free_port)
broker_port=$(free_port)
while [[ "$broker_port" == "$http_port" ]]; do broker_port=$(free_port); done
work=$(mktemp -d "${TMPDIR:-/tmp}/hub-scenario.XXXXXX")
hub_log="$work/hub.log"
hub_pgid=""

stop_hub() {
  if [[ -n "$hub_pgid" ]] && kill -0 -- "-$hub_pgid" 2>/dev/null; then
    log "stopping the hub (process group $hub_pgid)"
    kill -TERM -- "-$hub_pgid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 -- "-$hub_pgid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$hub_pgid" 2>/dev/null || true
  fi
  hub_pgid=""
  if [[ "${SCENARIO_KEEP_DATA:-0}" != 1 ]]; then rm -rf "$work/data"; fi
}
trap stop_hub EXIT
trap 'exit 130' INT TERM

log "compiling (./mvnw -B -q compile)"
./mvnw -B -q compile

log "starting a hub: HTTP $http_port, broker $broker_port, data $work/data, log $hub_log"
started=$SECONDS
# its own process group, so that stopping it stops Maven and the forked hub JVM, and nothing else;
# optimizedLaunch=false: otherwise spring-boot:run limits the hub JVM to the C1 compiler
HUB_DATA_DIR="$work/data" SERVER_PORT="$http_port" HUB_BROKER_PORT="$broker_port" HUB_DEMO=true HUB_DEMO_SCENARIO=true \
  setsid ./mvnw -B -q spring-boot:run -Dspring-boot.run.optimizedLaunch=false >"$hub_log" 2>&1 </dev/null &
hub_pgid=$!

wait_for() { # pattern timeout what
  local deadline=$(( SECONDS + $2 ))
  until grep -qE "$1" "$hub_log" 2>/dev/null; do
    if ! kill -0 "$hub_pgid" 2>/dev/null; then log "the hub exited while waiting for $3; last lines:"; tail -n 40 "$hub_log" >&2; exit 3; fi
    if (( SECONDS >= deadline )); then log "no $3 within $2 s; last lines:"; tail -n 40 "$hub_log" >&2; exit 3; fi
    sleep 1
  done
}

readiness() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/actuator/health/readiness" || true; }

wait_for 'Started MediationHubApplication' "${SCENARIO_START_TIMEOUT:-180}" "start"
log "hub started after $(( SECONDS - started )) s; readiness answers HTTP $(readiness) while the scenario runs"
wait_for 'Scenario finished|Demo scenario failed|Demo scenario stopped' "${SCENARIO_TIMEOUT:-1800}" "scenario end"
log "scenario ended $(( SECONDS - started )) s after the hub was launched"
for _ in $(seq 1 30); do [[ "$(readiness)" == 200 ]] && break; sleep 1; done
log "readiness answers HTTP $(readiness) $(( SECONDS - started )) s after the hub was launched"
grep -E 'Scenario day |REFUSED|Demo scenario' "$hub_log" | sed -E 's/^.*(Scenario|Demo scenario)/\1/' >&2 || true

if grep -q 'Demo scenario failed' "$hub_log"; then
  grep -A 20 'Demo scenario failed' "$hub_log" >&2 || true
  exit 3
fi

stats=$(curl -s -w '\n%{http_code}' "http://127.0.0.1:$http_port/api/v1/statistics" || true)
if [[ "${stats##*$'\n'}" == 200 ]]; then
  log "GET /api/v1/statistics: ${stats%$'\n'*}"
else
  log "GET /api/v1/statistics: HTTP ${stats##*$'\n'} (not available in this build)"
fi

summary=$(grep -m1 'Scenario finished' "$hub_log")
echo "Scenario finished${summary#*Scenario finished}"
refused=$(sed -nE 's/.*submissions \(([0-9]+) refused.*/\1/p' <<<"$summary")
if [[ "$refused" != 0 ]]; then exit 1; fi
