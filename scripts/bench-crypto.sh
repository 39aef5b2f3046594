#!/usr/bin/env bash
# JMH benchmark of the hub's detached CMS signing and verification (trust/Cms) per signature suite
# (ECDSA P-256/SHA-256, SM2/SM3, RSA-2048/SHA-256), one thread, ops/s, with a crypto-only baseline in the same run:
# a bare java.security.Signature (provider BC) over the payload's SHA-256. Source src/jmh/java, profile "jmh",
# built into target/jmh; never part of the default build.
#
#   scripts/bench-crypto.sh                 the defaults: fork 1, warmup 2 x 2 s, measurement 3 x 3 s, 1 thread
#                                           (12 benchmarks, about 3 minutes plus the build)
#   scripts/bench-crypto.sh [JMH options]   replace the defaults, e.g.  CmsBenchmark.cms -p suite=SM2_SM3 -f 1 -i 5
#                                           (give the benchmark regex first; "-h" lists JMH's options)
#   scripts/bench-crypto.sh RawKeySetupBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s
#                                           diagnostic: the bare signature with the per-call key set-up Cms does
#                                           (new Signature + initSign; public key decoded per verify)
#
# The CMS benchmarks need about 15 s of warm-up on a busy 2-core machine before the JIT settles; for steadier
# figures than the quick defaults give, use e.g.  CmsBenchmark -f 1 -wi 5 -w 3s -i 5 -r 3s -rf json -rff target/jmh/result.json
#
# Results: the JMH table on stdout, JSON in target/jmh/result.json (with the default options), and a
# cms/raw ratio per suite computed from that JSON. uptime is printed before and after: a loaded machine
# (other builds) lowers and scatters the figures.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[bench-crypto.sh] %s\n' "$*" >&2; }

source scripts/lib/jmh.sh
result=target/jmh/result.json
jmh_run "$result" "CmsBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s -t 1" "$@"

if jmh_has_result "$result"; then
  python3 - "$result" <<'PY' || log "could not compute the cms/raw ratios from $result"
import json, sys
runs = json.load(open(sys.argv[1]))
score = {}
for r in runs:
    name = r["benchmark"].rsplit(".", 1)[1]
    suite = r.get("params", {}).get("suite", "-")
    m = r["primaryMetric"]
    # JMH writes "NaN" (a string) as the error of a single iteration
    score[(suite, name)] = (float(m["score"]), float(m["scoreError"]), m["scoreUnit"])
suites = []
for s, _ in score:
    if s not in suites:
        suites.append(s)
print("\nCMS / raw (ops/s ratio: 1.00 = no CMS overhead; cost factor = raw/cms)")
print(f"{'suite':<20}{'op':<8}{'cms ops/s':>22}{'raw ops/s':>24}{'cms/raw':>9}{'raw/cms':>9}")
for s in suites:
    for op in ("sign", "verify"):
        c = score.get((s, "cms" + op.capitalize()))
        r = score.get((s, "raw" + op.capitalize()))
        if not c or not r:
            continue
        print(f"{s:<20}{op:<8}{c[0]:>12.1f} ± {c[1]:>7.1f}{r[0]:>14.1f} ± {r[1]:>7.1f}{c[0] / r[0]:>9.2f}{r[0] / c[0]:>9.2f}")
PY
fi
exit $jmh_rc
