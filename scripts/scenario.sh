#!/usr/bin/env bash
# The demo scenario on a fresh hub, measured: starts the hub the way `./mvnw spring-boot:run` does (embedded
# broker and H2 in a temporary data dir, free ports, demo registry), lets it replay a year of partner cases
# (docs/scenario.md), prints the hub's summary line (time, submissions, refusals, stored figures, messages by
# status) and what GET /api/v1/statistics answers (on the hub's HTTPS port, as the admin operator: the hub gets a first
# admin password generated for the run, see scripts/lib/hub.sh), then stops that hub.
#
#   scripts/scenario.sh [--cases N] [--seed S] [--concurrency C] [--start YYYY-MM-DD]
#
# Defaults: those of application.yaml (hub.demo.scenario.*). Environment: SCENARIO_TIMEOUT (1800 s) for the
# replay, SCENARIO_START_TIMEOUT (180 s) for readiness, SCENARIO_KEEP_DATA=1 keeps the data dir (and the admin
# password file next to it), HUB_* pass through to the hub (its rate limits are raised to 100000/s unless HUB_RATE_* say
# otherwise: the replay submits from this one address). Exit code: 0 when no submission was refused, 1 when some were,
# 3 when the run failed.
set -euo pipefail

cd "$(dirname "$0")/.."
log() { printf '[scenario.sh] %s\n' "$*" >&2; }

while (( $# > 0 )); do
  case "$1" in
    --cases) export HUB_DEMO_SCENARIO_CASES="$2"; shift 2 ;;
    --seed) export HUB_DEMO_SCENARIO_SEED="$2"; shift 2 ;;
    --concurrency) export HUB_DEMO_SCENARIO_CONCURRENCY="$2"; shift 2 ;;
    --start) export HUB_DEMO_SCENARIO_START="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) log "unknown option $1 (--help)"; exit 3 ;;
  esac
done

source scripts/lib/hub.sh
hub_prepare scenario "" "" "${SCENARIO_KEEP_DATA:-0}"

log "compiling (./mvnw -B -q compile)"
./mvnw -B -q compile

started=$SECONDS
HUB_DEMO=true HUB_DEMO_SCENARIO=true hub_start

wait_for() { # pattern timeout what
  local deadline=$(( SECONDS + $2 ))
  until grep -qE "$1" "$hub_log" 2>/dev/null; do
    if ! hub_alive; then log "the hub exited while waiting for $3; last lines:"; tail -n 40 "$hub_log" >&2; exit 3; fi
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

# a read: HTTPS only, trusting the hub CA, with an operator token (docs/interfaces.md §18.3)
stats="token refused"$'\n'"000"
if token=$(hub_token); then
  stats=$(curl -s -w '\n%{http_code}' --cacert "$hub_ca" -H "Authorization: Bearer $token" \
            "https://127.0.0.1:$tls_port/api/v1/statistics" || true)
fi
if [[ "${stats##*$'\n'}" == 200 ]]; then
  log "GET /api/v1/statistics: ${stats%$'\n'*}"
else
  log "GET /api/v1/statistics: HTTP ${stats##*$'\n'} ${stats%$'\n'*}"
fi

summary=$(grep -m1 'Scenario finished' "$hub_log")
echo "Scenario finished${summary#*Scenario finished}"
refused=$(sed -nE 's/.*submissions \(([0-9]+) refused.*/\1/p' <<<"$summary")
if [[ "$refused" != 0 ]]; then exit 1; fi
