#!/usr/bin/env bash
# Fault runs (issue 9, item 7): a fresh hub from the built jar, a fixed load of signed NOTICE messages (5 per case, in
# sequence) from an independent client that retries with the same messageId and bytes, a fault, then sent, acknowledged,
# received, LOST, DUPLICATED, client-visible errors and out-of-order pairs; the table in docs/reliability.md is
# regenerated between <!-- fault-runs:begin --> and <!-- fault-runs:end --> (src/load/java/.../load/faults, profile "load").
#
#   scripts/fault-run.sh all [options]               every scenario, one after the other
#   scripts/fault-run.sh SCENARIO [SCENARIO...] [options]
#
# Scenarios: kill9-h2 kill9-postgres broker-kill db-refuse court-down sigterm (= all); no-fault is the control run
#   (the same load without a fault, e.g. to tell out-of-order pairs a fault causes from those the hub has anyway)
# Options:   --messages N (5000)  --per-case K (5)  --concurrency C (8)  --drain-timeout S (180)  --no-doc (leave the doc alone)
# Environment: FAULT_START_TIMEOUT (300 s per hub start); FAULT_KEEP=1 keeps the whole work dir (data dirs); FAULT_PG_HOST/PORT/USER (127.0.0.1/5432/postgres).
# Logs of the last run of each scenario: target/faults/logs/<scenario>-hub.log (and -artemis.log).
# Each hub: an HTTPS port on a free port, a first admin password generated for the run (<work>/<scenario>/admin-password;
#   the tool gets a token with it for the admin calls and reads, over HTTPS trusting <data>/pki/hub-ca.pem), rate limits
#   raised to 100000/s (the load comes from one address).
# Needs: JDK 17+, PostgreSQL with trust auth for kill9-postgres and db-refuse (createdb/dropdb on the PATH).
# Exit code: 0 nothing lost or duplicated in any scenario; 1 something was; 3 a scenario could not be set up; 64 usage.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[fault-run] %s\n' "$*" >&2; }

all_scenarios=(kill9-h2 kill9-postgres broker-kill db-refuse court-down sigterm)
scenarios=()
tool_args=()
doc=docs/reliability.md
while (($#)); do
  case "$1" in
    all) scenarios+=("${all_scenarios[@]}") ;;
    kill9-h2|kill9-postgres|broker-kill|db-refuse|court-down|sigterm|no-fault) scenarios+=("$1") ;;
    --messages|--per-case|--concurrency|--drain-timeout)
      (($# >= 2)) || { log "$1 needs a value"; exit 64; }
      tool_args+=("$1" "$2"); shift ;;
    --no-doc) doc="" ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown argument: $1 (see --help)"; exit 64 ;;
  esac
  shift
done
((${#scenarios[@]})) || { log "name a scenario or 'all' (see --help)"; exit 64; }

jar=target/mediation-hub.jar
# rebuild the hub when anything it is built from is newer than the jar (the lead reruns this after merging fixes)
if [[ ! -f "$jar" ]] || [[ -n "$(find pom.xml src/main routes schemas -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
  log "building the hub jar (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
log "compiling the fault-run tool (./mvnw -Pload test-compile, into target/load)"
./mvnw -B -q -Pload test-compile
cp_file=target/load/faults.classpath
if [[ ! -s "$cp_file" || pom.xml -nt "$cp_file" ]]; then
  ./mvnw -B -q -Pload dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
fi
classpath="target/load/test-classes:target/load/classes:$(cat "$cp_file")"

artemis_home=target/faults/apache-artemis-2.40.0
if [[ " ${scenarios[*]} " == *" broker-kill "* && ! -x "$artemis_home/bin/artemis" ]]; then
  log "fetching the Artemis 2.40.0 distribution from Maven Central into target/faults"
  mkdir -p target/faults
  ./mvnw -B -q dependency:copy -Dartifact=org.apache.activemq:apache-artemis:2.40.0:tar.gz:bin -DoutputDirectory=target/faults
  tar -xzf target/faults/apache-artemis-2.40.0-bin.tar.gz -C target/faults
fi
if [[ " ${scenarios[*]} " == *" kill9-postgres "* || " ${scenarios[*]} " == *" db-refuse "* ]]; then
  command -v createdb >/dev/null || { log "createdb not found: PostgreSQL client tools are needed for the PostgreSQL scenarios"; exit 3; }
  pg_isready -q -h "${FAULT_PG_HOST:-127.0.0.1}" -p "${FAULT_PG_PORT:-5432}" \
    || { log "PostgreSQL is not accepting connections on ${FAULT_PG_HOST:-127.0.0.1}:${FAULT_PG_PORT:-5432}"; exit 3; }
fi

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git status --porcelain -- src/main routes pom.xml 2>/dev/null)" ]]; then commit+="+dirty"; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hub-faults.XXXXXX")
db_prefix="faults_$(date +%Y%m%d%H%M%S)_$$"
tool_pid=""

cleanup() {
  local rc=$?
  if [[ -n "$tool_pid" ]] && kill -0 "$tool_pid" 2>/dev/null; then
    # the tool's shutdown hook kills the hub and broker it started; then the rest of its process group
    kill -TERM "$tool_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$tool_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$tool_pid" 2>/dev/null || true
  fi
  if command -v psql >/dev/null 2>&1; then
    for db in $(psql -h "${FAULT_PG_HOST:-127.0.0.1}" -p "${FAULT_PG_PORT:-5432}" -U "${FAULT_PG_USER:-postgres}" -At \
                  -c "select datname from pg_database where datname like '${db_prefix}%'" 2>/dev/null); do
      dropdb --force -h "${FAULT_PG_HOST:-127.0.0.1}" -p "${FAULT_PG_PORT:-5432}" -U "${FAULT_PG_USER:-postgres}" "$db" 2>/dev/null || true
    done
  fi
  if [[ "${FAULT_KEEP:-0}" == 1 ]]; then log "kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

overall=0
summary=()
for s in "${scenarios[@]}"; do
  log "scenario $s (work dir $work/$s)"
  args=(--scenario "$s" --jar "$jar" --work "$work" --artemis-home "$artemis_home"
        --broker-xml docker/artemis/etc-override/broker.xml --database "${db_prefix}_${s//-/_}" --commit "$commit"
        --summary "$work/summary.txt" "${tool_args[@]}")
  [[ -n "$doc" ]] && args+=(--doc "$doc")
  set +e
  # its own process group, so that cleanup can take down whatever it started and nothing else
  setsid java -cp "$classpath" cn.courtmediation.hub.load.faults.FaultRun "${args[@]}" </dev/null &
  tool_pid=$!
  wait "$tool_pid"
  rc=$?
  set -e
  tool_pid=""
  # the logs outlive the work dir: target/faults/logs/<scenario>-hub.log (and -artemis.log)
  mkdir -p target/faults/logs
  for f in hub artemis; do
    if [[ -f "$work/$s/$f.log" ]]; then cp "$work/$s/$f.log" "target/faults/logs/$s-$f.log"; fi
  done
  case "$rc" in
    0) summary+=("$s: nothing lost or duplicated") ;;
    1) summary+=("$s: LOST or DUPLICATED messages"); overall=1 ;;
    *) summary+=("$s: failed (exit $rc)"); ((overall == 1)) || overall=3
       log "last lines of the hub log:"; tail -n 30 "$work/$s/hub.log" 2>/dev/null >&2 || true ;;
  esac
done

echo
if [[ -s "$work/summary.txt" ]]; then cat "$work/summary.txt"; fi
log "summary:"
for line in "${summary[@]}"; do log "  $line"; done
[[ -n "$doc" ]] && log "table updated in $doc"
exit "$overall"
