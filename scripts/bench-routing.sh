#!/usr/bin/env bash
# JMH benchmark of the registry look-ups routing does (registry/RegistryLookupBenchmark), on the embedded H2 file
# database holding the whole national registry (80,006 participants, seed 2026), one thread, ns/op:
# Registry.find with a warm cache (what a delivery does) against the same call on a cache miss (a database read),
# the bare primary-key SELECT, the RoutingPolicy check alone, and intake's routing (two cached finds + the policy),
# all in the same run. Source src/jmh/java, profile "jmh", built into target/jmh; never part of the default build.
#
#   scripts/bench-routing.sh                 the defaults: fork 1, warmup 3 x 2 s, measurement 5 x 2 s, 1 thread
#                                            (5 benchmarks, about 2 minutes plus the build; the first run also
#                                            fills the database, about 30 s, kept in target/jmh/registry-db)
#   scripts/bench-routing.sh [JMH options]   replace the defaults, e.g.  RegistryLookupBenchmark.find -f 1 -i 5
#                                            (give the benchmark regex first; "-h" lists JMH's options)
#
# Results: the JMH table on stdout, JSON in target/jmh/routing.json (with the default options), and the ratios
# computed from it (uncached/cached: what the cache saves per look-up). uptime is printed before and after.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[bench-routing.sh] %s\n' "$*" >&2; }

source scripts/lib/jmh.sh
result=target/jmh/routing.json
jmh_run "$result" "RegistryLookupBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1" "$@"

if jmh_has_result "$result"; then
  python3 - "$result" <<'PY' || log "could not compute the ratios from $result"
import json, sys
score = {}
for r in json.load(open(sys.argv[1])):
    m = r["primaryMetric"]
    score[r["benchmark"].rsplit(".", 1)[1]] = (float(m["score"]), m["scoreUnit"])
print("\nregistry look-ups (same run)")
for name, (s, unit) in score.items():
    print(f"  {name:<14}{s:>12.1f} {unit}")
def ratio(a, b, what):
    if a in score and b in score:
        print(f"  {a}/{b}: {score[a][0] / score[b][0]:.1f}  ({what})")
ratio("findUncached", "findCached", "a cache miss costs this many cached look-ups")
ratio("findUncached", "jdbcSelect", "a miss against the bare SELECT it runs")
ratio("intakeRoute", "findCached", "intake's routing against one cached look-up")
PY
fi
exit $jmh_rc
