#!/usr/bin/env bash
# A/B measurement of one change (issue 14: "remove the costs, measuring each step"): two or more variants of the hub
# (another jar, other HUB_* settings, other JVM options) measured alternately in the same run, A B A B ..., each on a
# fresh hub (empty data dir) with the benchmark's closed-model max phase (BenchTool: warm-up, then C senders for S
# seconds, end to end to the partner's AMQP queue). Alternating spreads the machine's drift over all variants; the
# summary gives each variant's median and its ratio to the first.
#
#   scripts/ab.sh [options] NAME=SPEC NAME=SPEC ...
#   SPEC: space-separated words, each one of  jar:FILE  (default target/mediation-hub.jar)  java:PATH  (the java binary)
#         KEY=VALUE (an environment variable of the hub, e.g. HUB_RELAY_BATCH_SIZE=1)  or a JVM option (-Xmx512m, -XX:...)
#   e.g. scripts/ab.sh batch64= batch1="HUB_RELAY_BATCH_SIZE=1"
#        scripts/ab.sh old="jar:/tmp/old.jar" new=
# Options: --rounds N (2) rounds of all variants; --seconds S (20) sending time; --warmup S (10); --concurrency C (16);
#   --xmx SIZE (512m, as scripts/benchmark.sh); --phases LIST (warmup,max; BenchTool's phases, e.g. warmup,rate:50);
#   --out DIR (target/ab/<timestamp>). Results: DIR/<name>-<round>/hub.json (BenchTool) and DIR/summary.md.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[ab.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

rounds=2 seconds=20 warmup=10 concurrency=16 xmx=512m phases=warmup,max out=""
variants=()
while (( $# > 0 )); do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --concurrency) concurrency=$2; shift ;;
    --xmx) xmx=$2; shift ;;
    --phases) phases=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *=*) variants+=("$1") ;;
    *) log "unknown argument $1 (--help)"; exit 64 ;;
  esac
  shift
done
(( ${#variants[@]} >= 1 )) || { log "name at least one variant, NAME=SPEC (--help)"; exit 64; }
out=${out:-target/ab/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"

[[ -f target/mediation-hub.jar ]] || ./mvnw -B -q package -DskipTests
source scripts/lib/bench-tools.sh
bench_tools_build

source scripts/lib/hub.sh

# run_variant NAME SPEC ROUND: a fresh hub of the variant, the phases, the hub stopped
run_variant() {
  local name=$1 spec=$2 round=$3 dir="$out/$1-$3"
  local j=target/mediation-hub.jar javabin=java jvm=(-Xmx"$xmx") envs=() w
  for w in $spec; do
    case "$w" in
      jar:*) j=${w#jar:} ;;
      java:*) javabin=${w#java:} ;;
      -*) jvm+=("$w") ;;
      *=*) envs+=("$w") ;;
    esac
  done
  mkdir -p "$dir"
  export HUB_ROUTES="classpath:routes/*.camel.yaml"
  hub_prepare "ab-$name" "" "" 0 ""
  log "$name round $round: $j, java $javabin, env ${envs[*]:-(none)}, JVM ${jvm[*]}"
  # the variant's environment and java only for the hub's start (hub_start_jar passes HUB_* through)
  local saved_path=$PATH e
  PATH="$(dirname "$(command -v "$javabin")"):$PATH"
  for e in "${envs[@]}"; do export "${e?}"; done
  hub_start_jar "$j" "${jvm[@]}"
  for e in "${envs[@]}"; do unset "${e%%=*}"; done
  PATH=$saved_path
  if ! hub_wait_ready 300; then cp "$hub_log" "$dir/hub.log"; stop_hub; return 1; fi
  java -cp "$tool_cp" cn.courtmediation.hub.load.BenchTool --url "http://127.0.0.1:$http_port" \
    --tls-url "https://127.0.0.1:$tls_port" --ca-file "$hub_ca" --admin-password-file "$admin_password_file" \
    --amqp "amqp://127.0.0.1:$broker_port" --amqp-user hub --amqp-password-file "$work/data/pki/broker-hub-password" \
    --hub-pid "$hub_pgid" --phases "$phases" --seconds "$seconds" --drain-seconds 60 --settle-seconds 30 \
    --warmup-seconds "$warmup" --concurrency "$concurrency" --clock-ticks "$clk" --out "$dir/hub.json" \
    >"$dir/bench.out" 2>&1 || log "$name round $round: the tool failed (see $dir/bench.out)"
  stop_hub
  cp "$hub_log" "$dir/hub.log"
  rm -rf "$work"
}

for (( r = 1; r <= rounds; r++ )); do
  for v in "${variants[@]}"; do
    run_variant "${v%%=*}" "${v#*=}" "$r" || log "${v%%=*} round $r did not run"
  done
done

python3 - "$out" "${variants[@]}" <<'EOF' | tee "$out/summary.md"
import json, statistics, sys, os
out, variants = sys.argv[1], [v.split('=', 1)[0] for v in sys.argv[2:]]
specs = {v.split('=', 1)[0]: v.split('=', 1)[1] for v in sys.argv[2:]}
rows, med = [], {}
for v in variants:
    per = []
    for d in sorted(os.listdir(out)):
        if not d.startswith(v + '-') or not d[len(v) + 1:].isdigit():
            continue
        try:
            doc = json.load(open(os.path.join(out, d, 'hub.json')))
        except (OSError, ValueError):
            continue
        for p in doc.get('phases', []):
            if p.get('name') == 'warm-up' or p.get('kind') == 'baseline':
                continue
            rows.append((v, d, p))
            per.append(p)
    med[v] = per
print('| variant | run | phase | e2e msg/s | intake 202/s | CPU ms/msg | HTTP p50 / p99 ms | e2e p50 / p99 ms | failed | not arrived | dup |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
for v, d, p in rows:
    h, e = p.get('http', {}), p.get('endToEnd', {})
    print(f"| {v} | {d} | {p.get('name')} | {p.get('endToEndThroughput', 0):.1f} | {p.get('acceptRate', 0):.1f} | "
          f"{p.get('hubCpuMsPerMessage', -1):.1f} | {h.get('p50Ms', 0):.0f} / {h.get('p99Ms', 0):.0f} | "
          f"{e.get('p50Ms', 0):.0f} / {e.get('p99Ms', 0):.0f} | {p.get('failed')} | {p.get('notArrived')} | {p.get('duplicates')} |")
print()
print('| variant | spec | phase | median e2e msg/s | median intake 202/s | median CPU ms/msg | e2e ratio to first |')
print('|---|---|---|---|---|---|---|')
first = {}
for v in variants:
    ps = med[v]
    if not ps:
        print(f'| {v} | `{specs[v]}` | | no result | | | |'); continue
    for name in dict.fromkeys(p.get('name') for p in ps):
        pp = [p for p in ps if p.get('name') == name]
        e2e = statistics.median(p.get('endToEndThroughput', 0) for p in pp)
        acc = statistics.median(p.get('acceptRate', 0) for p in pp)
        cpu = statistics.median(p.get('hubCpuMsPerMessage', -1) for p in pp)
        first.setdefault(name, e2e)
        print(f'| {v} | `{specs[v] or "(as built)"}` | {name} | {e2e:.1f} | {acc:.1f} | {cpu:.1f} | {e2e / first[name]:.2f} |')
EOF
log "summary: $out/summary.md"
