#!/usr/bin/env python3
"""Summarises `jfr print --stack-depth 80 --events jdk.ExecutionSample FILE` (on stdin) as JSON (on stdout): samples by
package (inclusive: a sample counts once for each package on its stack), the hub's own methods (cn.courtmediation.*) by
inclusive samples, the hottest top frames (self samples), and the threads. Used by scripts/benchmark.sh."""
import collections
import json
import re
import sys

# packages reported under one name (first match wins); anything else is grouped by its first two or three segments
GROUPS = [
    "cn.courtmediation", "org.bouncycastle", "org.h2", "org.apache.camel", "org.apache.activemq", "org.apache.qpid",
    "org.apache.cxf", "org.apache.tomcat", "org.apache.coyote", "org.apache.catalina", "org.springframework",
    "com.fasterxml.jackson", "com.networknt", "com.zaxxer.hikari", "io.netty", "io.micrometer", "ch.qos.logback",
    "org.flywaydb", "java.util.zip", "java.util.jar", "jdk.internal.loader", "java.util.concurrent", "sun.nio",
    "sun.security", "java.security", "javax.crypto", "java.math",
]
FRAME = re.compile(r"^\s+([\w$.<>\[\]/]+)\.([\w$<>]+)\((.*)\)(\s+line:.*)?$")
THREAD = re.compile(r'^\s+sampledThread = "(.*)" \(')


def group(cls):
    for g in GROUPS:
        if cls == g or cls.startswith(g + "."):
            return g
    parts = cls.split(".")
    if parts[0] in ("org", "com", "io", "net") and len(parts) > 3:
        return ".".join(parts[:3])
    return ".".join(parts[:2]) if len(parts) > 2 else cls


def thread_kind(name):
    return re.sub(r"\d+", "N", name)


def main():
    samples = 0
    inclusive = collections.Counter()
    own = collections.Counter()
    top = collections.Counter()
    top_pkg = collections.Counter()
    threads = collections.Counter()
    frames, thread, in_stack = [], None, False

    def flush():
        nonlocal samples
        if thread is None and not frames:
            return
        samples += 1
        threads[thread_kind(thread or "?")] += 1
        if frames:
            top["%s.%s" % frames[0]] += 1
            top_pkg[group(frames[0][0])] += 1
        for g in {group(c) for c, _ in frames}:
            inclusive[g] += 1
        for m in {"%s.%s" % f for f in frames if f[0].startswith("cn.courtmediation.")}:
            own[m] += 1

    for line in sys.stdin:
        if line.startswith("jdk.ExecutionSample"):
            flush()
            frames, thread, in_stack = [], None, False
            continue
        m = THREAD.match(line)
        if m:
            thread = m.group(1)
            continue
        if "stackTrace = [" in line:
            in_stack = True
            continue
        if in_stack:
            if line.strip() == "]":
                in_stack = False
                continue
            f = FRAME.match(line)
            if f:
                frames.append((f.group(1), f.group(2)))
    flush()

    def table(counter, n):
        return [{"name": k, "samples": v, "percent": round(100.0 * v / samples, 1) if samples else 0}
                for k, v in counter.most_common(n)]

    json.dump({
        "samples": samples,
        "packagesInclusive": table(inclusive, 25),
        "packagesSelf": table(top_pkg, 15),
        "hubMethodsInclusive": table(own, 30),
        "topFramesSelf": table(top, 20),
        "threads": table(threads, 15),
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
