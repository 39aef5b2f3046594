#!/usr/bin/env python3
"""Writes docs/performance.md from one run of scripts/benchmark.sh (its directory target/benchmark/<timestamp>/), keeping
the hand-written section between <!-- manual:start --> and <!-- manual:end --> of the existing file.

    performance_doc.py RUN_DIR DOC          write DOC
    performance_doc.py --summary RUN_DIR    print the main figures (and the compare-jar ratios) to stdout
"""
import json
import os
import re
import statistics
import sys

MANUAL_START = "<!-- manual:start -->"
MANUAL_END = "<!-- manual:end -->"
DEFAULT_MANUAL = """## Changes and their measured effect

(Hand-written; scripts/benchmark.sh keeps this section when it regenerates the file. For each change: what it is, the
figures before and after from two runs of this benchmark, or from one run with --compare-jar, and whether it was kept.)
"""

# targets of issue 14
TARGET_RATIO = 1.0
TARGET_P99_MS = 50.0
TARGET_P99_RATE = 200
TARGET_FANOUT_MS = 5000
TARGET_READY_MS = 8000
TARGET_HEAP_MB = 512
# the hub's signatures per accepted message, counted from the code (see "How it is measured")
SIGNATURES = 6


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def text(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return ""


def num(v, fmt="{:,.1f}"):
    if v is None or (isinstance(v, (int, float)) and v < 0):
        return "n/a"
    return fmt.format(v)


def ms(h, key):
    if not h or key not in h:
        return "n/a"
    v = h[key]
    return "{:,.0f}".format(v) if v >= 100 else "{:,.1f}".format(v)


class Run:
    """The figures of one suite (main or compare) of a benchmark run."""

    def __init__(self, d):
        self.dir = d
        self.hub = load(os.path.join(d, "hub.json")) or {"meta": {}, "phases": []}
        self.base = load(os.path.join(d, "baselines.json")) or {}
        self.ready = load(os.path.join(d, "readiness.json"))
        self.profile = load(os.path.join(d, "profile.json"))
        self.courts = text(os.path.join(d, "courts.out"))
        self.warnings = text(os.path.join(d, "hub-warnings.log")).splitlines()
        log = text(os.path.join(d, "hub.log"))
        self.oom = "OutOfMemoryError" in log
        self.phases = {p["name"]: p for p in self.hub.get("phases", [])}

    def phase(self, name):
        return self.phases.get(name)

    def rates(self):
        return sorted((p for p in self.hub.get("phases", []) if p.get("kind") == "open"), key=lambda p: p["targetRate"])

    def max_e2e(self):
        p = self.phase("max")
        return p["endToEndThroughput"] if p else None

    def baseline_e2e(self):
        p = self.phase("baseline")
        return p["endToEndThroughput"] if p else None

    def ratio(self):
        h, b = self.max_e2e(), self.baseline_e2e()
        return h / b if h and b else None

    def ready_median(self):
        if not self.ready or not self.ready.get("restartsMs"):
            return None
        return statistics.median(self.ready["restartsMs"])

    def heap_max(self):
        vals = [p.get("heapMaxMb", -1) for p in self.hub.get("phases", []) if p.get("kind") != "baseline"]
        vals = [v for v in vals if v is not None and v >= 0]
        return max(vals) if vals else None

    def live_max(self):
        vals = [p.get("liveAfterGcMaxMb", -1) for p in self.hub.get("phases", [])]
        vals = [v for v in vals if v is not None and v >= 0]
        return max(vals) if vals else None

    def p99_at(self, rate):
        for p in self.rates():
            if p["targetRate"] == rate:
                return p["http"].get("p99Ms")
        return None


def trend(p):
    """e2e p50 in the first and the last fifth of the sending time, and whether the queue grew."""
    t = [x for x in p.get("endToEndBySendSecond", []) if x["n"] > 0]
    if len(t) < 2:
        return None, None, False
    k = max(1, len(t) // 5)
    first = statistics.median(x["p50Ms"] for x in t[:k])
    last = statistics.median(x["p50Ms"] for x in t[-k:])
    return first, last, last > 2 * first and last > 100


def sustained(p):
    first, last, growing = trend(p)
    target = p.get("targetRate", 0)
    achieved = p.get("acceptRate", 0)
    problems = []
    if growing:
        problems.append("end-to-end latency grows from {} to {} ms over the phase".format(num(first, "{:,.0f}"), num(last, "{:,.0f}")))
    if target and achieved < 0.95 * target:
        problems.append("202s at {:.0f}/s of {}/s".format(achieved, target))
    if p.get("notArrived"):
        problems.append("{:,} not arrived within {} s of the last send".format(p["notArrived"], p.get("drainSeconds")))
    if p.get("failed"):
        problems.append("{:,} failed".format(p["failed"]))
    return ("yes" if not problems else "**NO**: " + "; ".join(problems))


def errors(p):
    """The failed count with its kinds, e.g. 12 (HTTP 503: 10, IOException: 2)."""
    if not p.get("failed"):
        return "0"
    kinds = ", ".join("{}: {:,}".format(k, v) for k, v in sorted((p.get("failureKinds") or {}).items(), key=lambda kv: -kv[1]))
    return "{:,} ({})".format(p["failed"], kinds) if kinds else "{:,}".format(p["failed"])


def verdict_le(value, limit, unit):
    if value is None:
        return "n/a", "NOT MEASURED"
    if value <= limit:
        return "{:,.1f} {}".format(value, unit), "MET"
    return "{:,.1f} {}".format(value, unit), "MISSED by {:,.1f} {} ({:.2f}x the limit)".format(value - limit, unit, value / limit)


def fanout_ms(run_dir):
    m = re.search(r"FANOUT (\d+) courts delivered in (\d+) ms", text(os.path.join(run_dir, "fanout.out")))
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def fanout_failure(run_dir):
    """The test summary when scripts/fanout.sh failed, else None."""
    out = text(os.path.join(run_dir, "fanout.out"))
    if "BUILD FAILURE" not in out:
        return None
    runs = re.findall(r"Tests run: \d+, Failures: \d+, Errors: \d+, Skipped: \d+", out)
    return runs[-1] if runs else "BUILD FAILURE"


def targets(r, run_dir):
    rows = []
    ratio = r.ratio()
    if ratio is None:
        rows.append(("End-to-end signed throughput / raw Artemis baseline (same run)", ">= 1.0x", "n/a", "NOT MEASURED"))
    else:
        v = "{:.3f}x ({} / {} msg/s)".format(ratio, num(r.max_e2e()), num(r.baseline_e2e()))
        rows.append(("End-to-end signed throughput / raw Artemis baseline (same run)", ">= 1.0x", v,
                     "MET" if ratio >= TARGET_RATIO else "MISSED: {:.3f}x, {:.1f} times too slow".format(ratio, 1 / ratio if ratio else float("inf"))))
    v, s = verdict_le(r.p99_at(TARGET_P99_RATE), TARGET_P99_MS, "ms")
    rows.append(("HTTP p99 (POST -> 202, from the intended send time) at {} msg/s".format(TARGET_P99_RATE), "<= 50 ms", v, s))
    courts, fms = fanout_ms(run_dir)
    if fms is None:
        rows.append(("Fan-out to 3,502 courts", "<= 5 s", "not run", "NOT MEASURED (scripts/benchmark.sh --full)"))
    else:
        v, s = verdict_le(fms / 1000.0, TARGET_FANOUT_MS / 1000.0, "s")
        if fanout_failure(run_dir):
            s += "; FanoutIT failed ({}), see fanout.out".format(fanout_failure(run_dir))
        rows.append(("Fan-out to {:,} courts".format(courts), "<= 5 s", v, s))
    med = r.ready_median()
    if med is None and r.ready:
        v, s = verdict_le(r.ready["firstStartMs"] / 1000.0, TARGET_READY_MS / 1000.0, "s")
        v += " (first start only: --starts 0)"
    else:
        v, s = verdict_le(med / 1000.0 if med is not None else None, TARGET_READY_MS / 1000.0, "s")
    if med is not None:
        n = len(r.ready["restartsMs"])
        v += " (median of {} restart{}; first start {:.1f} s)".format(n, "" if n == 1 else "s", r.ready["firstStartMs"] / 1000.0)
    rows.append(("Ready without the demo replay (process start -> readiness UP)", "<= 8 s", v, s))
    heap = r.heap_max()
    limit = r.hub.get("meta", {}).get("heapLimitMb")
    if heap is None:
        rows.append(("Heap under load", "<= 512 MB", "n/a", "NOT MEASURED"))
    else:
        live = r.live_max()
        v = "max used {:,.0f} MB, live after GC {}, -Xmx {}".format(heap, "{:,.0f} MB".format(live) if live else "n/a (no old-generation GC)",
                                                                          (r.ready or {}).get("xmx", num(limit, "{:,.0f} MB")))
        ok = heap <= TARGET_HEAP_MB and not r.oom
        rows.append(("Heap under load (all hub phases)", "<= 512 MB", v,
                     "MET" if ok else ("MISSED: OutOfMemoryError in the hub log" if r.oom else "MISSED by {:,.0f} MB".format(heap - TARGET_HEAP_MB))))
    out = ["| Target | Goal | Measured | Verdict |", "|---|---|---|---|"]
    out += ["| {} | {} | {} | {} |".format(*row) for row in rows]
    return out


def latency_cells(h):
    return "{} / {} / {}".format(ms(h, "p50Ms"), ms(h, "p99Ms"), ms(h, "p99.9Ms"))


def measurements(r):
    out = []
    meta = r.hub.get("meta", {})
    mx = r.phase("max")
    out.append("### Maximum throughput (closed model)")
    out.append("")
    if mx:
        out.append("{} senders, each POSTs its next signed message when the previous one is answered, for {} s; then up to {} s "
                   "for the last arrivals. JFR recorded the hub meanwhile (Profile, below).".format(
                       mx.get("concurrency"), mx["sendSeconds"], mx["drainSeconds"]))
        out.append("")
        out.append("| | Value |")
        out.append("|---|---|")
        out.append("| End to end (first POST -> last AMQP arrival) | **{} msg/s** ({:,} of {:,} accepted arrived{}) |".format(
            num(mx["endToEndThroughput"]), mx["received"], mx["accepted"],
            "; gave up waiting" if mx.get("drainCapped") else ""))
        out.append("| Intake alone (202s) | **{} msg/s** |".format(num(mx["acceptRate"])))
        out.append("| HTTP POST -> 202 p50 / p99 / p99.9 | {} ms |".format(latency_cells(mx["http"])))
        out.append("| End to end p50 / p99 / p99.9 | {} ms |".format(latency_cells(mx["endToEnd"])))
        out.append("| Errors | {:,} failed {}; {:,} duplicates |".format(mx["failed"], mx.get("failureKinds") or "", mx["duplicates"]))
        out.append("| Hub CPU | {} ms per accepted message ({} s over the phase) |".format(
            num(mx.get("hubCpuMsPerMessage"), "{:,.2f}"), num(mx.get("hubCpuSeconds"))))
        out.append("| Heap | max used {} MB, live after GC {} MB |".format(
            num(mx.get("heapMaxMb"), "{:,.0f}"), num(mx.get("liveAfterGcMaxMb"), "{:,.0f}")))
    else:
        out.append("Not measured.")
    out.append("")
    out.append("### Fixed rates (open model)")
    out.append("")
    out.append("Each message has an intended send time (i / rate); both latencies are measured from it, so a send that "
               "waited (for the client, a connection or the hub) counts its wait: coordinated omission does not hide the queue. "
               "HTTP service time is from the actual send, of the accepted requests. A rate the hub cannot sustain shows as latency growing over the phase.")
    out.append("")
    out.append("| Rate | Achieved (202/s) | Errors | HTTP p50 / p99 / p99.9 ms | HTTP service p50 / p99 ms | End to end p50 / p99 / p99.9 ms "
               "| Arrived of 202s | e2e p50 first -> last 5th | CPU ms/msg | Heap max MB | Client send lag max ms | Sustained |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for p in r.rates():
        first, last, _ = trend(p)
        out.append("| {}/s | {} | {} | {} | {} / {} | {} | {:,} of {:,}{} | {} -> {} | {} | {} | {} | {} |".format(
            p["targetRate"], num(p["acceptRate"]), errors(p), latency_cells(p["http"]),
            ms(p.get("httpService"), "p50Ms"), ms(p.get("httpService"), "p99Ms"), latency_cells(p["endToEnd"]),
            p["received"] - p.get("receivedWithout202", 0), p["accepted"],
            " (+{:,} whose POST failed)".format(p["receivedWithout202"]) if p.get("receivedWithout202") else "", num(first, "{:,.0f}"), num(last, "{:,.0f}"),
            num(p.get("hubCpuMsPerMessage"), "{:,.2f}"), num(p.get("heapMaxMb"), "{:,.0f}"), num(p.get("maxSendLagMs"), "{:,.1f}"),
            sustained(p)))
    for p in r.rates():
        if (p.get("maxSendLagMs") or 0) > 100:
            out.append("")
            if "sendsWaitingForInFlightCap" in p:
                why = ("{:,} sends waited for the cap of {:,} open requests, {:,} for a signed message; the rest is the "
                       "shared CPU".format(p["sendsWaitingForInFlightCap"], p.get("inFlightCap", 0), p.get("sendsWaitingForSigning", 0)))
            else:
                why = ("the tool reached its cap of {:,} open requests, or its signing ahead or the shared CPU could not keep "
                       "up".format(p.get("inFlightCap", 0)))
            out.append("At {}/s the tool's sends fell up to {:,.0f} ms behind their schedule ({:,} sends more than 10 ms late): "
                       "{}. The latencies above still count from the intended times.".format(
                           p["targetRate"], p["maxSendLagMs"], p.get("sendsLateOver10ms", 0), why))
    seen = set()
    for p in r.rates():
        for s in p.get("failureSamples", []):
            kind = re.sub(r"^[0-9a-f-]{36}: ", "", s)[:60]
            if kind not in seen:
                seen.add(kind)
                out.append("")
                out.append("Failure at {}/s, e.g.: `{}`".format(p["targetRate"], s.replace("`", "'")[:300]))
    out.append("")
    out.append("### Baselines (same run)")
    out.append("")
    out.append("| Baseline | What | Throughput | Latency | Hub ÷ baseline |")
    out.append("|---|---|---|---|---|")
    b = r.phase("baseline")
    hub = r.max_e2e()

    def ratio(x):
        if not hub or not x:
            return "n/a"
        return "{:.3f}".format(hub / x) if hub / x >= 0.001 else "{:.1e}".format(hub / x)
    if b:
        out.append("| Raw Artemis (the hub's broker) | {} producers, durable synchronous sends ({} s), 1 consumer | {} msg/s end to end "
                   "(sends {} msg/s) | send p50 / p99 / p99.9 {} ms; end to end {} ms | {} |".format(
                       b.get("producers"), b["sendSeconds"], num(b["endToEndThroughput"]), num(b["acceptRate"]),
                       latency_cells(b["http"]), latency_cells(b["endToEnd"]), ratio(b["endToEndThroughput"])))
    c = r.base.get("crypto")
    if c:
        out.append("| Crypto only (trust/Cms of the jar) | 1 Cms.verify + {} Cms.sign per message (ECDSA P-256), {} threads, {} s "
                   "| {} msg/s | | {} |".format(c["signaturesPerMessage"], c["threads"], c["seconds"], num(c["messagesPerSecond"]),
                                               ratio(c["messagesPerSecond"])))
    for key, label in (("camelDirect", "Empty Camel route, direct:"), ("camelSeda", "Empty Camel route, seda:")):
        e = r.base.get(key)
        if e:
            out.append("| {} | a no-op processor, ProducerTemplate from {} threads | {} msg/s | | {} |".format(
                label, e["threads"], num(e["messagesPerSecond"]), ratio(e["messagesPerSecond"])))
    if not (b or c):
        out.append("| (none measured) | | | | |")
    out.append("")
    out.append("### CPU and heap per phase")
    out.append("")
    out.append("Hub CPU: user + system time of the hub process (/proc/<pid>/stat) from the phase's start to its last arrival, "
               "divided by the messages accepted. Heap: /actuator/metrics/jvm.memory.used (area heap), polled every second "
               "over HTTPS as the admin operator; live after GC: jvm.gc.live.data.size. The hub ran with {} (limit reported: {} MB).".format(
                   (r.ready or {}).get("jvm", "its own settings"), num(meta.get("heapLimitMb"), "{:,.0f}")))
    out.append("")
    out.append("| Phase | Waited for the phase before, s | Accepted | Hub CPU s | CPU ms/msg | Heap max MB | Live after GC MB "
               "| Load average before -> after |")
    out.append("|---|---|---|---|---|---|---|---|")
    for p in r.hub.get("phases", []):
        live = p.get("liveAfterGcMaxMb")
        out.append("| {} | {} | {:,} | {} | {} | {} | {} | {} -> {} |".format(
            p["name"], num(p.get("settleSeconds"), "{:,.0f}"), p["accepted"], num(p.get("hubCpuSeconds")),
            num(p.get("hubCpuMsPerMessage"), "{:,.2f}"), num(p.get("heapMaxMb"), "{:,.0f}"),
            num(live, "{:,.0f}") if live else "- (no old-generation GC yet)", p.get("loadBefore"), p.get("loadAfter")))
    out.append("")
    out.append("### Time to readiness")
    out.append("")
    if r.ready:
        out.append("From the `java -jar` call to `/actuator/health/readiness` answering UP (polled every 0.1 s), demo scenario "
                   "off, {}: first start on an empty data directory {:.1f} s; restarts on the same data: {}.".format(
                       r.ready.get("jvm"), r.ready["firstStartMs"] / 1000.0,
                       "{} s (median {:.1f} s)".format(", ".join("{:.1f}".format(x / 1000.0) for x in r.ready["restartsMs"]),
                                                       r.ready_median() / 1000.0) if r.ready["restartsMs"] else "none timed"))
    else:
        out.append("Not measured (the benchmark ran against a hub it did not start).")
    if r.warnings:
        out.append("")
        out.append("### WARN and ERROR lines the hub logged under load")
        out.append("")
        out.append("{:,} line(s) between readiness and the stop (hub.log in the run directory), grouped (ids and numbers "
                   "replaced):".format(len(r.warnings)))
        out.append("")
        out.append("| Count | Level, logger: message |")
        out.append("|---|---|")
        for line, count in warning_groups(r.warnings)[:8]:
            out.append("| {:,} | `{}` |".format(count, line.replace("|", "/").replace("`", "'")))
    return out


def warning_groups(lines):
    groups = {}
    for line in lines:
        m = re.search(r" (WARN|ERROR) \d+ --- \[[^\]]*\] \[[^\]]*\] (\S+)\s*: (.*)", line)
        key = "{} {}: {}".format(m.group(1), m.group(2), m.group(3)) if m else line
        key = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", key)
        key = re.sub(r"\d+", "N", key)[:160]
        groups[key] = groups.get(key, 0) + 1
    return sorted(groups.items(), key=lambda kv: -kv[1])


def courts_section(r, run_dir):
    out = []
    if r.courts:
        out.append("### Delivery to courts (REST and SOAP)")
        out.append("")
        out.append("CourtLoadTool (scripts/load-courts.sh) against a fresh hub from the same jar: signed NOTICE messages from PBOC over "
                   "REST to courts served by an in-process simulator over their registered channels (REST and SOAP); run a: all to "
                   "one court, run b: round-robin over every court.")
        out.append("")
        for line in r.courts.splitlines():
            if line.startswith("Courts in the registry"):
                out.append(line.replace("channels", "their channels") + ".")
                out.append("")
        out.append("```")
        keep = False
        for line in r.courts.splitlines():
            if line.startswith("================ Court delivery load report"):
                keep = True
            if keep:
                out.append(line)
        out.append("```")
        out.append("")
    courts, fms = fanout_ms(run_dir)
    if fms is not None:
        out.append("### Fan-out")
        out.append("")
        out.append("scripts/fanout.sh (FanoutIT on the source tree, not the jar): {:,} courts delivered in {:,} ms, from the accepted group "
                   "message to the last recipient DELIVERED.".format(courts, fms))
        if fanout_failure(run_dir):
            out.append("")
            out.append("FanoutIT itself failed in this run ({}): see `fanout.out` in the run directory; the time above is "
                       "the one it printed.".format(fanout_failure(run_dir)))
        out.append("")
    return out


def profile_section(r, settings):
    p = r.profile
    m = re.search(r"jfr-settings=(\S+)", settings)
    # runs from before --jfr-settings existed recorded with settings=profile
    jfr_settings = m.group(1) if m else "profile"
    out = ["## Profile", ""]
    if not p or not p.get("samples"):
        out.append("No profile in this run (it needs the hub's pid: a hub the benchmark started, or --hub-pid).")
        return out
    out.append("JFR (`jcmd JFR.start`, settings={}) of the hub during the maximum-throughput phase, {:,} execution samples: `{}` in the run "
               "directory. From `jfr print --stack-depth 80 --events jdk.ExecutionSample` (scripts/lib/jfr_summary.py). "
               "Inclusive: a sample counts once for each package or method anywhere on its stack (up to 80 frames), so the "
               "column does not add up to 100%.".format(jfr_settings, p["samples"], os.path.join(r.dir, "hub.jfr")))

    def table(title, rows, what):
        res = ["", "### " + title, "", "| {} | Samples | % |".format(what), "|---|---|---|"]
        res += ["| `{}` | {:,} | {:.1f} |".format(x["name"], x["samples"], x["percent"]) for x in rows]
        return res
    out += table("By package, inclusive", p["packagesInclusive"][:20], "Package")
    out += table("The hub's own methods (cn.courtmediation.*), inclusive", p["hubMethodsInclusive"][:25], "Method")
    out += table("By package, self (the executing frame)", p["packagesSelf"][:12], "Package")
    out += table("Hottest frames, self", p["topFramesSelf"][:15], "Method")
    out += table("Threads (digits replaced by N)", p["threads"][:12], "Thread")
    return out


def how_measured():
    return """## How it is measured

- **One run**: `scripts/benchmark.sh` starts the built jar (`java -Xmx512m -jar target/mediation-hub.jar`, a temporary data
  directory, free ports, rate limits raised to 100,000/s because all load comes from one address, demo scenario off), times
  its readiness, then runs the hub phases (`src/load/java/.../BenchTool.java`) and stops it; then the in-process baselines
  (`BenchBaselines.java`) on the classes of the same jar. The load tools run on the same 2-core machine as the hub.
- **Messages**: `schemas/examples/case-dispatch.json` from C110105 to the queue partner PBOC, a new messageId and caseId per
  message, signed by the sender (detached CMS, ECDSA P-256, X-Hub-Signature) with sandbox credentials from the admin API; the
  signing is done before the clock starts. Arrival: an AMQP 1.0 consumer on `partner.PBOC.from-hub` (property hubMessageId).
- **Phases, in order**: warm-up (closed, not counted); raw Artemis baseline; the fixed rates below 1,000/s; maximum throughput
  (closed model, under JFR); 1,000/s last, because a rate the hub cannot sustain leaves a backlog behind it.
- **Throughput end to end** = arrivals / (first send -> last arrival); **intake alone** = 202s / (first send -> last 202).
  The raw Artemis baseline is measured the same way on the same broker (the hub's embedded one): 8 producers on their own
  connections, durable synchronous sends of the same bytes, one consumer.
- **Between phases** the tool waits (at most 60 s, quick 20 s) until the previous phase's messages have all arrived and
  the hub has prepared no delivery for 2 s (counter `hub.delivery.prepared`: it also delivers the EVIDENCE messages it
  pushes, which the tool does not see), so that a phase does not pay for the backlog of the one before; the per-phase
  table shows the wait.
- **Crypto-only baseline**: per message one `Cms.verify` (the sender's signature) and {n} `Cms.sign` (the hub's), 2 threads,
  with the jar's own `trust/Cms`. N = {n}, counted from the code for a message accepted over REST and delivered to a queue
  partner: the receipt (`RestEdge.receipt`), the SUBMISSION_ACCEPTED, RELAYED and DELIVERED evidences (`Evidences.record`),
  the delivery signature (`DeliveryPlanner.prepare`), and the delivery signature of the EVIDENCE message pushed to the sender
  for DELIVERED (`EvidencePush`; the hub's own messages get no evidences). Its store, relay and delivery are extra work the
  baseline leaves out. The sending court C110105 is served by the demo trial system built into the hub, so that EVIDENCE
  delivery, and the demo court's verification of the hub's signature on it, run in the hub process and show in its profile
  and CPU (`DemoCourtController`, `HubDeliveries.verify`).
- **Empty Camel route**: a `DefaultCamelContext` in the tool with one route doing nothing, driven from 2 threads.
- **Heap**: the hub runs with `-Xmx512m` (`--xmx`), because the target is a heap of at most 512 MB under load. With that
  limit the heap used cannot exceed 512 MB, so the target counts as met when the hub carried every phase within it (no
  OutOfMemoryError in its log); the maximum used and the live data after GC show the headroom.
- **Readiness**: process start (`java -jar`) -> readiness UP; the first start on an empty data directory (keys, CA, registry,
  schema) is reported separately from the restarts, whose median is the target's figure.
- **Fan-out** (--full): `scripts/fanout.sh`, i.e. Maven's FanoutIT with 3,502 courts on the source tree (not the jar), its line "FANOUT n courts delivered in t ms". **Delivery to courts** (--full): CourtLoadTool against a fresh hub from the jar, runs a and b.
""".format(n=SIGNATURES)


def fig(v):
    """A figure for the comparison: three decimals below 10, two above."""
    return num(v, "{:,.3f}" if v is not None and abs(v) < 10 else "{:,.2f}")


def compare_section(main, other, run_dir):
    jar_a = text(os.path.join(run_dir, "jar.txt"))
    jar_b = text(os.path.join(run_dir, "compare-jar.txt"))
    out = ["## Comparison of two builds (same run)", "",
           "A = `{}`, B = `{}`, run one after the other on the same machine (A first); B ÷ A above 1 is better for "
           "throughput, below 1 is better for latency, CPU and time. The other sections of this file are A's.".format(jar_a, jar_b), "",
           "| Figure | A | B | B ÷ A |", "|---|---|---|---|"]
    for label, a, b in compare_rows(main, other):
        out.append("| {} | {} | {} | {} |".format(label, fig(a), fig(b),
                                                   "{:.3f}".format(b / a) if a and b else "n/a"))
    return out + [""]


def compare_rows(a, b):
    rows = [("End to end msg/s (max)", a.max_e2e(), b.max_e2e()),
            ("Intake 202/s (max)", (a.phase("max") or {}).get("acceptRate"), (b.phase("max") or {}).get("acceptRate")),
            ("Raw Artemis msg/s", a.baseline_e2e(), b.baseline_e2e()),
            ("Hub / Artemis ratio", a.ratio(), b.ratio()),
            ("CPU ms/msg (max)", (a.phase("max") or {}).get("hubCpuMsPerMessage"), (b.phase("max") or {}).get("hubCpuMsPerMessage"))]
    for p in a.rates():
        q = next((x for x in b.rates() if x["targetRate"] == p["targetRate"]), None)
        if q:
            rows.append(("HTTP p99 ms at {}/s".format(p["targetRate"]), p["http"].get("p99Ms"), q["http"].get("p99Ms")))
            rows.append(("End-to-end p99 ms at {}/s".format(p["targetRate"]), p["endToEnd"].get("p99Ms"), q["endToEnd"].get("p99Ms")))
    rows.append(("Ready s (median restart)", (a.ready_median() or 0) / 1000.0 or None, (b.ready_median() or 0) / 1000.0 or None))
    rows.append(("Heap max MB", a.heap_max(), b.heap_max()))
    rows.append(("Crypto baseline msg/s", (a.base.get("crypto") or {}).get("messagesPerSecond"), (b.base.get("crypto") or {}).get("messagesPerSecond")))
    return rows


def manual_part(doc):
    try:
        with open(doc) as f:
            old = f.read()
    except OSError:
        return DEFAULT_MANUAL
    i, j = old.find(MANUAL_START), old.find(MANUAL_END)
    if i < 0 or j < i:
        return DEFAULT_MANUAL
    return old[i + len(MANUAL_START):j].strip("\n") + "\n"


def write(run_dir, doc):
    main = Run(os.path.join(run_dir, "main"))
    other = Run(os.path.join(run_dir, "compare")) if os.path.isdir(os.path.join(run_dir, "compare")) else None
    meta = main.hub.get("meta", {})
    commit = text(os.path.join(run_dir, "commit.txt")).splitlines() or ["unknown"]
    machine = text(os.path.join(run_dir, "machine.txt")).splitlines()
    settings = text(os.path.join(run_dir, "settings.txt"))
    quick = "quick=true" in settings
    before = text(os.path.join(run_dir, "uptime-before.txt"))
    after = text(os.path.join(run_dir, "uptime-after.txt"))
    stamp = os.path.basename(os.path.normpath(run_dir))
    lines = ["# Performance", "",
             "<!-- Generated by scripts/benchmark.sh (scripts/lib/performance_doc.py): edit only the manual section below;"
             " the rest is rewritten by the next run. -->", "",
             "Generated by `scripts/benchmark.sh` from run `{}` (raw outputs and the JFR profile: `target/benchmark/{}/`, not "
             "committed).".format(stamp, stamp), "",
             "- Commit: `{}`{}; jar `{}`".format(commit[0][:12], " (with uncommitted changes)" if "dirty" in commit else "",
                                                 text(os.path.join(run_dir, "jar.txt")) or "of the running hub"),
             "- Date: {} (UTC)".format(meta.get("startedAt", stamp)),
             "- Machine: {}".format("; ".join(machine)),
             "- Load average before: `{}`".format(before.split("load average:")[-1].strip() if before else "?"),
             "- Load average after: `{}`".format(after.split("load average:")[-1].strip() if after else "?"),
             "- Settings: `{}`".format(settings.replace("\n", " ")), ""]
    if quick:
        lines += ["> **Quick run** (--quick: 5-second phases): for trying the tool, not for the figures. The lead's real run "
                  "uses the defaults on a quiet machine.", ""]
    load1 = before.split("load average:")[-1].split(",")[0].strip() if before else ""
    try:
        if float(load1) > 0.5 * (os.cpu_count() or 2):
            lines += ["> **Busy machine**: the 1-minute load average was {} before the run on {} CPUs; other work shared the "
                      "cores, so the figures are low and scattered.".format(load1, os.cpu_count()), ""]
    except ValueError:
        pass
    lines += ["## Targets (issue 14)", ""] + targets(main, run_dir) + [""]
    lines += ["## Measurements", ""] + measurements(main) + [""] + courts_section(main, run_dir)
    if other:
        lines += compare_section(main, other, run_dir)
    lines += profile_section(main, settings) + [""]
    lines += [how_measured(), MANUAL_START, manual_part(doc).rstrip("\n"), MANUAL_END, ""]
    os.makedirs(os.path.dirname(os.path.abspath(doc)), exist_ok=True)
    with open(doc, "w") as f:
        f.write("\n".join(lines))


def summary(run_dir):
    main = Run(os.path.join(run_dir, "main"))
    print("== benchmark summary ({})".format(run_dir))
    for row in targets(main, run_dir)[2:]:
        print("  " + row.strip("| ").replace(" | ", "  |  "))
    if os.path.isdir(os.path.join(run_dir, "compare")):
        other = Run(os.path.join(run_dir, "compare"))
        print("== compare-jar / main jar")
        for label, a, b in compare_rows(main, other):
            print("  {:<32} {:>12} {:>12}  {}".format(label, fig(a), fig(b),
                                                      "{:.3f}".format(b / a) if a and b else "n/a"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--summary":
        summary(sys.argv[2])
    elif len(sys.argv) == 3:
        write(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
