#!/usr/bin/env bash
# Load test of the hub: N messages through the REST intake to an AMQP 1.0 consumer on the partner's address,
# plus a raw Artemis baseline on the same broker, with throughput and latency percentiles (src/load/java, profile "load").
#
#   scripts/load.sh [tool options]                       start a fresh hub (free ports, temporary data dir), run, stop it
#   scripts/load.sh --url URL --amqp URL [--tls-url URL --ca-file FILE --admin-password-file FILE] [tool options]
#                                                        run against a hub that is already running (with the admin's
#                                                        password the tool signs its messages and reads over HTTPS)
#   scripts/load.sh --to-courts [options]                delivery to courts instead (scripts/load-courts.sh)
#
# Tool options: --messages N (5000) --concurrency C (16) --warmup N (200) --baseline-producers P (8)
#   --baseline-messages N --baseline-url URL --baseline-queue NAME --skip-baseline --sender CODE (C110105)
#   --recipient CODE (PBOC) --timeout SECONDS (60) --same-case --template FILE; --help lists them all.
# The started hub: a first admin password generated for the run (<work>/admin-password; HUB_ADMIN_PASSWORD to choose it),
#   its HTTPS port on a free port, rate limits raised to 100000/s (scripts/lib/hub.sh: the load comes from one address);
#   the tool gets an admin token once over HTTPS (--tls-url, --ca-file <data>/pki/hub-ca.pem, --admin-password-file).
# Environment: LOAD_HTTP_PORT, LOAD_BROKER_PORT, LOAD_TLS_PORT fix the ports of the started hub (default: free ones);
#   LOAD_KEEP_DATA=1 keeps its data dir; LOAD_START_TIMEOUT (180 s); LOAD_HUB_JVM_ARGS (JVM options of the hub);
#   HUB_* variables pass through to the hub (e.g. HUB_DELIVERY_CONCURRENCY). Exit code: the tool's (0 all delivered, 1 lost, 2 sends failed, 3 setup).
set -euo pipefail

cd "$(dirname "$0")/.."

name=${LOAD_SCRIPT_NAME:-load.sh}
log() { printf '[%s] %s\n' "$name" "$*" >&2; }

# --to-courts: the tool delivers to simulated courts (no AMQP consumer); otherwise to a partner's queue
to_courts=false
for a in "$@"; do [[ "$a" == --to-courts ]] && to_courts=true; done
own_hub=true
for a in "$@"; do
  case "$a" in
    --url|--url=*|--amqp|--amqp=*) own_hub=false ;;
    --help|-h) exec ./mvnw -B -q -Pload test-compile exec:java -Dexec.args="$(if $to_courts; then echo --to-courts; fi) --help" ;;
  esac
done

# exec.args is split by the exec plugin, which honours double quotes
tool_args=""
for a in "$@"; do
  if [[ "$a" =~ [[:space:]] ]]; then tool_args+=" \"$a\""; else tool_args+=" $a"; fi
done

source scripts/lib/hub.sh

log "building the load tool (./mvnw -Pload test-compile, into target/load)"
./mvnw -B -q -Pload test-compile

if ! $own_hub; then
  log "using the running hub given by --url/--amqp"
  set +e
  ./mvnw -B -q -Pload exec:java -Dexec.args="$tool_args"
  rc=$?
  set -e
  exit $rc
fi

hub_prepare "${name%.sh}" "${LOAD_HTTP_PORT:-}" "${LOAD_BROKER_PORT:-}" "${LOAD_KEEP_DATA:-0}" "${LOAD_TLS_PORT:-}"
hub_opts=(-Pload)
if [[ -n "${LOAD_HUB_JVM_ARGS:-}" ]]; then hub_opts+=("-Dspring-boot.run.jvmArguments=$LOAD_HUB_JVM_ARGS"); fi
# the demo scenario would hold readiness for a minute and add its cases: off unless asked for
HUB_DEMO_SCENARIO="${HUB_DEMO_SCENARIO:-false}" hub_start "${hub_opts[@]}"

deadline=$(( SECONDS + ${LOAD_START_TIMEOUT:-180} ))
until curl -fsS "http://127.0.0.1:$http_port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
  if ! hub_alive; then
    log "the hub exited before it was ready; last lines of $hub_log:"; tail -n 40 "$hub_log" >&2; exit 3
  fi
  if (( SECONDS >= deadline )); then
    log "the hub was not ready within ${LOAD_START_TIMEOUT:-180} s; last lines of $hub_log:"; tail -n 40 "$hub_log" >&2; exit 3
  fi
  sleep 1
done
log "hub ready"

set +e
hub_args="--url http://127.0.0.1:$http_port --tls-url https://127.0.0.1:$tls_port --ca-file $hub_ca"
hub_args+=" --admin-password-file $admin_password_file"
# the broker requires a login: the tool reads the partner's queue and runs its baseline as the hub's own account
# (generated at first start; a partner account could not create the baseline's queue)
if ! $to_courts; then hub_args+=" --amqp amqp://127.0.0.1:$broker_port --amqp-user hub --amqp-password-file $work/data/pki/broker-hub-password"; fi
./mvnw -B -q -Pload exec:java -Dexec.args="$hub_args$tool_args"
rc=$?
set -e

# WARN/ERROR lines the hub logged while it was under load (its shutdown, below, logs a few of its own)
run_lines=$(wc -l <"$hub_log")
stop_hub
problems=$(head -n "$run_lines" "$hub_log" | grep -cE ' (WARN|ERROR) ' || true)
log "hub log: $hub_log ($problems WARN/ERROR line(s) before shutdown)"
if (( problems > 0 )); then
  # '|| true': with pipefail, head closing the pipe early would make this SIGPIPE (141) the script's exit code
  head -n "$run_lines" "$hub_log" | grep -E ' (WARN|ERROR) ' | head -n 20 >&2 || true
fi
exit $rc
