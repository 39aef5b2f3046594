#!/usr/bin/env bash
# Benchmark of the hub (issue 14): one run measures everything and regenerates docs/performance.md from it, keeping the
# raw outputs and the profile under target/benchmark/<timestamp>/. Takes about 10-15 minutes (--quick: a few).
#
#   scripts/benchmark.sh                 start the built jar (target/mediation-hub.jar; built if missing) with -Xmx512m,
#                                        measure, stop it, write docs/performance.md
#   scripts/benchmark.sh --quick         short phases (5 s), for trying the tool; the doc says it was a quick run
#   scripts/benchmark.sh --full          also delivery to courts (REST and SOAP, CourtLoadTool) and fan-out to 3,502
#                                        courts (scripts/fanout.sh, Maven FanoutIT on the source tree): slow
#   scripts/benchmark.sh --jar FILE      measure another build of the hub
#   scripts/benchmark.sh --compare-jar FILE
#                                        run the main phases against FILE as well (same run, same machine) and print
#                                        and document the ratios FILE / main jar
#   scripts/benchmark.sh --url URL --tls-url URL --ca-file FILE --admin-password-file FILE --amqp URL --amqp-user U
#                        --amqp-password-file FILE [--hub-pid PID]
#                                        against a hub that is already running (as scripts/load.sh); with --hub-pid
#                                        (same machine) also CPU per message and the JFR profile; no readiness figures
# Other options: --seconds S (25; quick 5) sending time of each phase; --drain-seconds S (30; quick 15); --rates LIST
#   (50,200,1000); --concurrency C (16, as in issue 14's load.sh run) closed-model senders: 16 at 150 ms each cap the
#   max phase near 107/s, 64 raised the hub's CPU per message 2-3x in quick runs; --xmx SIZE (512m) the hub's heap;
#   --starts N (3; quick 1) restarts timed for readiness; --doc FILE (docs/performance.md); --no-doc (the doc goes into the run directory only);
#   --jfr-settings NAME (default: JFR's low-overhead "default"; "profile" samples twice as often, costs more) or --no-jfr
#   (the max phase without a recording, to see what the recording costs).
# Environment: LOAD_HUB_JVM_ARGS adds JVM options to the hub; LOAD_START_TIMEOUT (300 s) for each start; HUB_* pass
#   through to the hub (e.g. HUB_DELIVERY_CONCURRENCY).
# What each phase measures and how: docs/performance.md ("How it is measured"). Exit code 0, or 3 when a hub did not start.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[benchmark.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

quick=false full=false doc=docs/performance.md write_doc=true jfr=true jfr_settings=default
jar="" compare_jar="" xmx=512m starts="" rates=50,200,1000 concurrency=16 seconds="" drain=""
ext_url="" ext_tls="" ext_ca="" ext_pw="" ext_amqp="" ext_amqp_user="" ext_amqp_pw="" ext_pid=""
while (( $# > 0 )); do
  case "$1" in
    --quick) quick=true ;;
    --no-jfr) jfr=false ;;
    --jfr-settings) jfr_settings=$2; shift ;;
    --full) full=true ;;
    --jar) jar=$2; shift ;;
    --compare-jar) compare_jar=$2; shift ;;
    --xmx) xmx=$2; shift ;;
    --starts) starts=$2; shift ;;
    --rates) rates=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --drain-seconds) drain=$2; shift ;;
    --doc) doc=$2; shift ;;
    --no-doc) write_doc=false ;;
    --url) ext_url=$2; shift ;;
    --tls-url) ext_tls=$2; shift ;;
    --ca-file) ext_ca=$2; shift ;;
    --admin-password-file) ext_pw=$2; shift ;;
    --amqp) ext_amqp=$2; shift ;;
    --amqp-user) ext_amqp_user=$2; shift ;;
    --amqp-password-file) ext_amqp_pw=$2; shift ;;
    --hub-pid) ext_pid=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) log "unknown option $1 (--help lists them)"; exit 64 ;;
  esac
  shift
done
if $quick; then
  seconds=${seconds:-5}; drain=${drain:-15}; settle=20; warmup=5; base_seconds=3; base_warmup=2; starts=${starts:-1}
else
  seconds=${seconds:-25}; drain=${drain:-30}; settle=60; warmup=15; base_seconds=10; base_warmup=5; starts=${starts:-3}
fi
# the unsustainable rate goes last: its backlog would otherwise delay the phases after it
phases="warmup,baseline"
for r in ${rates//,/ }; do (( r < 1000 )) && phases+=",rate:$r"; done
phases+=",max"
for r in ${rates//,/ }; do (( r >= 1000 )) && phases+=",rate:$r"; done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="target/benchmark/$stamp"
mkdir -p "$out"
log "raw outputs in $out; uptime before: $(uptime)"
uptime >"$out/uptime-before.txt"
git rev-parse HEAD >"$out/commit.txt" 2>/dev/null || echo unknown >"$out/commit.txt"
git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo dirty >>"$out/commit.txt" || true
{ echo "cpus $(nproc)"; grep -m1 'model name' /proc/cpuinfo || true; grep MemTotal /proc/meminfo || true; uname -sr; java -version 2>&1 | head -1; } \
  >"$out/machine.txt"
printf '%s\n' "quick=$quick full=$full seconds=$seconds drain=$drain settle=$settle warmup=$warmup rates=$rates concurrency=$concurrency xmx=$xmx" \
  "phases=$phases jfr=$jfr jfr-settings=$jfr_settings jvm=${LOAD_HUB_JVM_ARGS:-}" >"$out/settings.txt"

# ---- build: the jar (if none is given) and the load tools, with their classpath ------------------------------------
if [[ -z "$jar" ]]; then
  jar=target/mediation-hub.jar
  if [[ ! -f "$jar" ]]; then log "building $jar (./mvnw package -DskipTests)"; ./mvnw -B -q package -DskipTests; fi
fi
for j in "$jar" ${compare_jar:+"$compare_jar"}; do [[ -f "$j" ]] || { log "no jar $j"; exit 64; }; done
source scripts/lib/bench-tools.sh
bench_tools_build

source scripts/lib/hub.sh

# bench_hub DIR ARGS...: the hub phases (BenchTool) with the given connection arguments
bench_hub() {
  local dir=$1
  shift
  java -cp "$tool_cp" cn.courtmediation.hub.load.BenchTool "$@" --phases "$phases" --seconds "$seconds" \
    --drain-seconds "$drain" --settle-seconds "$settle" --warmup-seconds "$warmup" --concurrency "$concurrency" --clock-ticks "$clk" \
    --out "$dir/hub.json" 2>&1 | tee "$dir/bench.out" | grep -E '^(==|bench)|\] +[0-9.]+ s +sent' || true
  [[ -s "$dir/hub.json" ]]
}

# baselines DIR JAR: the crypto loop and the empty Camel route on the classes of JAR (unpacked into DIR/jar)
baselines() {
  local dir=$1 j=$2
  rm -rf "$dir/jar"
  unzip -q "$j" 'BOOT-INF/*' -d "$dir/jar"
  log "baselines: crypto (1 verification + 6 signatures per message, 2 threads) and an empty Camel route"
  java -cp "$dir/jar/BOOT-INF/classes:$dir/jar/BOOT-INF/lib/*:target/load/test-classes" cn.courtmediation.hub.load.BenchBaselines \
    --seconds "$base_seconds" --warmup-seconds "$base_warmup" --threads 2 --signatures 6 --out "$dir/baselines.json" \
    >"$dir/baselines.out" 2>&1 || log "baselines failed: see $dir/baselines.out"
  grep -E '^(==|   )' "$dir/baselines.out" >&2 || true
  rm -rf "$dir/jar"
}

# suite LABEL JAR: readiness (first start + N restarts), the hub phases under JFR, the baselines; all into $out/LABEL
suite() {
  local label=$1 j=$2 dir="$out/$1"
  mkdir -p "$dir"
  # each jar runs the routes it was built with (a copy is inside the jar): the routes/ folder of this checkout belongs
  # to this build, and an older jar failed to start on newer route files (a bean they call did not exist yet)
  export HUB_ROUTES="${BENCH_HUB_ROUTES:-classpath:routes/*.camel.yaml}"
  local jvm=(-Xmx"$xmx")
  if [[ -n "${LOAD_HUB_JVM_ARGS:-}" ]]; then read -r -a extra <<<"$LOAD_HUB_JVM_ARGS"; jvm+=("${extra[@]}"); fi
  hub_prepare "bench-$label" "" "" 1 ""
  local times=() t0 t1 i
  for (( i = 0; i <= starts; i++ )); do
    t0=$(date +%s%N)
    hub_start_jar "$j" "${jvm[@]}"
    hub_wait_ready "${LOAD_START_TIMEOUT:-300}" || { cp "$hub_log" "$dir/hub.log"; return 3; }
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
    log "$label: ready in ${times[-1]} ms ($( (( i == 0 )) && echo 'first start, empty data dir' || echo "restart $i"))"
    if (( i < starts )); then stop_hub; fi
  done
  local from
  from=$(wc -l <"$hub_log")
  printf '{"firstStartMs": %s, "restartsMs": [%s], "xmx": "%s", "jvm": "%s"}\n' "${times[0]}" \
    "$(IFS=,; echo "${times[*]:1}")" "$xmx" "${jvm[*]}" >"$dir/readiness.json"
  log "$label: hub pid $hub_pgid; hub phases: $phases ($seconds s each, drain up to $drain s)"
  local jfr_args=()
  if $jfr; then jfr_args=(--jfr "$PWD/$dir/hub.jfr" --jfr-settings "$jfr_settings"); fi
  local rc=0
  bench_hub "$dir" --url "http://127.0.0.1:$http_port" --tls-url "https://127.0.0.1:$tls_port" --ca-file "$hub_ca" \
    --admin-password-file "$admin_password_file" --amqp "amqp://127.0.0.1:$broker_port" --amqp-user hub \
    --amqp-password-file "$work/data/pki/broker-hub-password" --hub-pid "$hub_pgid" "${jfr_args[@]}" || rc=$?
  local lines
  lines=$(wc -l <"$hub_log")
  stop_hub
  cp "$hub_log" "$dir/hub.log"
  # WARN/ERROR lines the hub logged under load (not at its starts and stops)
  sed -n "$(( from + 1 )),${lines}p" "$hub_log" | grep -E ' (WARN|ERROR) ' >"$dir/hub-warnings.log" || true
  if (( rc != 0 )); then log "$label: the hub phases failed (see $dir/bench.out)"; fi
  # courts() prepares a hub of its own (a new $work): remove this one's first
  rm -rf "$work"
  baselines "$dir" "$j"
  if $full && [[ "$label" == main ]]; then courts "$dir" "$j" "${jvm[@]}"; fi
}

# courts DIR JAR JVM...: delivery to courts (REST and SOAP) with CourtLoadTool against a fresh hub
courts() {
  local dir=$1 j=$2
  shift 2
  hub_prepare "bench-courts" "" "" 0 ""
  hub_start_jar "$j" "$@"
  hub_wait_ready "${LOAD_START_TIMEOUT:-300}" || return 0
  log "delivery to courts: CourtLoadTool (runs a, b; $(( $($quick && echo 1000 || echo 3502) )) messages each)"
  java -cp "$tool_cp" cn.courtmediation.hub.load.LoadTool --to-courts --url "http://127.0.0.1:$http_port" \
    --tls-url "https://127.0.0.1:$tls_port" --ca-file "$hub_ca" --admin-password-file "$admin_password_file" \
    --messages "$($quick && echo 1000 || echo 3502)" --runs a,b >"$dir/courts.out" 2>&1 || log "court load failed: see $dir/courts.out"
  grep -E '^(----|Throughput|End-to-end)' "$dir/courts.out" >&2 || true
  stop_hub
  cp "$hub_log" "$dir/courts-hub.log"
  rm -rf "$work"
}

if [[ -n "$ext_url" ]]; then
  mkdir -p "$out/main"
  log "against the running hub $ext_url (no readiness figures)"
  args=(--url "$ext_url" --tls-url "$ext_tls" --ca-file "$ext_ca" --admin-password-file "$ext_pw" --amqp "$ext_amqp")
  [[ -n "$ext_amqp_user" ]] && args+=(--amqp-user "$ext_amqp_user")
  [[ -n "$ext_amqp_pw" ]] && args+=(--amqp-password-file "$ext_amqp_pw")
  [[ -n "$ext_pid" ]] && args+=(--hub-pid "$ext_pid")
  [[ -n "$ext_pid" ]] && $jfr && args+=(--jfr "$PWD/$out/main/hub.jfr" --jfr-settings "$jfr_settings")
  bench_hub "$out/main" "${args[@]}" || log "the hub phases failed (see $out/main/bench.out)"
  baselines "$out/main" "$jar"
else
  echo "$jar" >"$out/jar.txt"
  suite main "$jar" || exit 3
  if [[ -n "$compare_jar" ]]; then
    echo "$compare_jar" >"$out/compare-jar.txt"
    suite compare "$compare_jar" || exit 3
  fi
fi

if $full; then
  log "fan-out to 3,502 courts (scripts/fanout.sh: Maven FanoutIT on the source tree)"
  scripts/fanout.sh >"$out/fanout.out" 2>&1 || log "fan-out failed: see $out/fanout.out"
  grep -E 'FANOUT' "$out/fanout.out" >&2 || true
fi

for d in "$out"/main "$out"/compare; do
  if [[ -s "$d/hub.jfr" ]]; then
    log "summarising the profile $d/hub.jfr (jfr print --stack-depth 80 --events jdk.ExecutionSample)"
    jfr print --stack-depth 80 --events jdk.ExecutionSample "$d/hub.jfr" | python3 scripts/lib/jfr_summary.py >"$d/profile.json" \
      || log "could not summarise $d/hub.jfr"
  fi
done
uptime >"$out/uptime-after.txt"
log "uptime after: $(uptime)"

if $write_doc; then
  python3 scripts/lib/performance_doc.py "$out" "$doc"
  log "wrote $doc"
else
  python3 scripts/lib/performance_doc.py "$out" "$out/performance.md"
  log "wrote $out/performance.md"
fi
python3 scripts/lib/performance_doc.py --summary "$out" >&2 || true
