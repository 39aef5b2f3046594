package cn.courtmediation.hub.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * The hub phases of scripts/benchmark.sh against one running hub: warm-up, the raw Artemis baseline on the hub's broker,
 * open-model fixed rates (latency from each message's intended send time), and the closed-model maximum throughput
 * (optionally under a JFR recording); REST intake to the partner's AMQP queue, signed messages, one case per message.
 * Writes every phase's figures as JSON (--out) for the doc generator, and prints a progress line a second.
 */
public final class BenchTool {
    static final String USAGE = """
            usage: BenchTool --url URL --tls-url URL --ca-file FILE --admin-password-file FILE --amqp URL
                             --amqp-user USER --amqp-password-file FILE --out FILE [options]
              --phases LIST          comma-separated, run in order (default warmup,baseline,rate:50,rate:200,max,rate:1000):
                                     warmup (closed, unrecorded), baseline (raw Artemis durable sends), rate:R (open model
                                     at R msg/s), max (closed model, maximum throughput; under JFR with --jfr)
              --seconds S            sending time of each rate/max/baseline phase (default 25)
              --warmup-seconds S     (default 15)
              --drain-seconds S      after a phase's last send, how long its messages may still arrive (default 30)
              --settle-seconds S     before a phase, how long to wait for the previous phase's stragglers (default 60)
              --concurrency C        senders of the closed-model phases (default 16)
              --baseline-producers P raw Artemis producers (default 8)
              --in-flight N          open model: most requests outstanding at once (default 2000)
              --hub-pid PID          the hub's process on this machine: CPU per message from /proc/PID/stat
              --clock-ticks N        /proc clock ticks per second (getconf CLK_TCK, default 100)
              --jfr FILE             record the hub (jcmd PID JFR.start) during the max phase into FILE
              --jfr-settings NAME    the JFR settings: default (low overhead, 20 ms samples) or profile (default default)
              --sender CODE (C110105)  --recipient CODE (PBOC, a queue partner)  --baseline-queue NAME (bench.baseline)
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final Map<String, String> o;
    private final HubAdmin admin;
    private final BenchMessages messages;
    private final HttpClient http;
    private final HubGauges gauges;
    private final ConnectionFactory broker;
    private final int seconds;
    private final int drainSeconds;
    private final List<Map<String, Object>> phases = new ArrayList<>();
    /** The hub phase before: the next one waits (up to --settle-seconds) until its messages have all arrived. */
    private Run previous;

    private BenchTool(Map<String, String> o) throws IOException, InterruptedException {
        this.o = o;
        this.admin = HubAdmin.connect(need("tls-url"), Path.of(need("ca-file")), o.getOrDefault("admin-user", "admin"),
                Path.of(need("admin-password-file")));
        String sender = o.getOrDefault("sender", "C110105");
        this.messages = new BenchMessages(need("url"), sender, o.getOrDefault("recipient", "PBOC"), LoadSigner.fetch(admin, sender));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.gauges = new HubGauges(admin, Long.parseLong(o.getOrDefault("hub-pid", "0")),
                Integer.parseInt(o.getOrDefault("clock-ticks", "100")));
        JmsConnectionFactory f = new JmsConnectionFactory(need("amqp"));
        f.setUsername(o.get("amqp-user"));
        if (o.containsKey("amqp-password-file")) {
            f.setPassword(Files.readString(Path.of(o.get("amqp-password-file"))).trim());
        }
        this.broker = f;
        this.seconds = number("seconds", 25);
        this.drainSeconds = number("drain-seconds", 30);
    }

    public static void main(String[] args) {
        int code;
        try {
            Map<String, String> o = BenchArgs.parse(args);
            if (o.containsKey("help")) {
                System.out.print(USAGE);
                code = 0;
            } else {
                code = new BenchTool(o).execute();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(USAGE);
            code = 64;
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            code = 3;
        }
        System.out.flush();
        System.exit(code);
    }

    private int execute() throws Exception {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("startedAt", Instant.now().toString());
        meta.put("cpus", Runtime.getRuntime().availableProcessors());
        meta.put("loadBefore", LoadSupport.loadAverage());
        meta.put("heapLimitMb", gauges.heapLimitMb());
        String queue = "partner." + o.getOrDefault("recipient", "PBOC") + ".from-hub";
        meta.put("queue", queue);
        meta.put("payloadBytes", messages.payload(UUID.randomUUID().toString()).length);
        try (Receiver rx = new Receiver(broker, queue, "hubMessageId")) {
            int drained = rx.drain(1000);
            meta.put("drainedBefore", drained);
            rx.start();
            for (String phase : o.getOrDefault("phases", "warmup,baseline,rate:50,rate:200,max,rate:1000").split(",")) {
                phase = phase.trim();
                if (phase.equals("warmup")) {
                    phases.add(closed("warm-up", number("warmup-seconds", 15), rx, null));
                } else if (phase.equals("max")) {
                    phases.add(closed("max", seconds, rx, o.get("jfr")));
                } else if (phase.equals("baseline")) {
                    phases.add(baseline());
                } else if (phase.startsWith("rate:")) {
                    phases.add(open(Integer.parseInt(phase.substring(5)), rx));
                } else {
                    throw new IllegalArgumentException("unknown phase " + phase);
                }
                write(meta);
            }
            meta.put("strays", rx.strays());
        } finally {
            gauges.close();
        }
        meta.put("heapMaxOverallMb", gauges.heapMaxOverallMb());
        meta.put("loadAfter", LoadSupport.loadAverage());
        meta.put("finishedAt", Instant.now().toString());
        meta.put("gaugeError", gauges.lastError());
        write(meta);
        System.out.println("bench: results in " + o.get("out"));
        return 0;
    }

    // ---- closed model: C senders as fast as the hub answers, for S seconds ------------------------------------------

    private Map<String, Object> closed(String name, int sendSeconds, Receiver rx, String jfr) throws Exception {
        double settled = settle();
        Run run = new Run(name, 0);
        rx.track(run);
        int concurrency = number("concurrency", 16);
        System.out.printf(Locale.ROOT, "== phase %s: closed model, %d senders, %d s%s%n", name, concurrency, sendSeconds,
                jfr != null ? ", JFR into " + jfr : "");
        if (jfr != null) {
            jcmd("JFR.start", "name=bench", "settings=" + o.getOrDefault("jfr-settings", "default"), "filename=" + jfr);
        }
        Phase p = new Phase(run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(sendSeconds);
        ExecutorService senders = Executors.newFixedThreadPool(concurrency, LoadSupport.daemon("sender"));
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(senders.submit(() -> {
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    BenchMessages.Prepared m = messages.next();
                    long t0 = run.sending(m.id());
                    try {
                        HttpResponse<String> r = http.send(m.request(), HttpResponse.BodyHandlers.ofString());
                        answered(run, m.id(), t0, r.statusCode(), r.body());
                    } catch (IOException e) {
                        run.failed(m.id(), e.getClass().getSimpleName(), String.valueOf(e));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        try {
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            senders.shutdownNow();
            run.sendingDone();
        }
        Map<String, Object> r = p.finish(rx, sendSeconds);
        if (jfr != null) {
            jcmd("JFR.stop", "name=bench");
        }
        r.put("kind", "closed");
        r.put("concurrency", concurrency);
        r.put("settleSeconds", settled);
        previous = run;
        return r;
    }

    // ---- open model: one message every 1/R s at its intended time, sent asynchronously --------------------------------

    private Map<String, Object> open(int rate, Receiver rx) throws Exception {
        double settled = settle();
        int n = rate * seconds;
        Run run = new Run("rate " + rate, n);
        rx.track(run);
        int inFlightCap = number("in-flight", 2000);
        System.out.printf(Locale.ROOT, "== phase rate %d/s: open model, %d messages over %d s (at most %d in flight)%n",
                rate, n, seconds, inFlightCap);
        // messages are built and signed ahead of their send time by two threads, so that the sender keeps the schedule
        BlockingQueue<BenchMessages.Prepared> ready = new ArrayBlockingQueue<>(Math.max(64, rate / 2));
        AtomicBoolean preparing = new AtomicBoolean(true);
        ExecutorService preparers = Executors.newFixedThreadPool(2, LoadSupport.daemon("prepare"));
        for (int i = 0; i < 2; i++) {
            preparers.submit(() -> {
                while (preparing.get()) {
                    try {
                        ready.put(messages.next());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        long fillBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (ready.remainingCapacity() > 0 && System.nanoTime() < fillBy) {
            Thread.sleep(10);
        }
        Semaphore inFlight = new Semaphore(inFlightCap);
        Histogram service = new ConcurrentHistogram(1, TimeUnit.HOURS.toMicros(1), 3);
        AtomicLong maxLag = new AtomicLong();
        AtomicInteger late = new AtomicInteger();
        AtomicInteger capReached = new AtomicInteger();
        AtomicInteger notPrepared = new AtomicInteger();
        Phase p = new Phase(run);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        double interval = 1e9 / rate;
        try {
            for (int i = 0; i < n; i++) {
                long intended = start + (long) (i * interval);
                for (long d = intended - System.nanoTime(); d > 0; d = intended - System.nanoTime()) {
                    LockSupport.parkNanos(d);
                }
                BenchMessages.Prepared polled = ready.poll();
                if (polled == null) {
                    notPrepared.incrementAndGet();
                    polled = ready.take();
                }
                BenchMessages.Prepared m = polled;
                if (!inFlight.tryAcquire()) {
                    capReached.incrementAndGet();
                    inFlight.acquire();
                }
                long actual = System.nanoTime();
                long lag = actual - intended;
                maxLag.accumulateAndGet(lag, Math::max);
                if (lag > TimeUnit.MILLISECONDS.toNanos(10)) {
                    late.incrementAndGet();
                }
                run.sendingAt(m.id(), intended);
                http.sendAsync(m.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    inFlight.release();
                    if (e == null && r.statusCode() == 202) {
                        service.recordValue(Math.max(1, Math.min(TimeUnit.HOURS.toMicros(1), (System.nanoTime() - actual) / 1000)));
                    }
                    if (e != null) {
                        Throwable c = e.getCause() != null ? e.getCause() : e;
                        run.failed(m.id(), c.getClass().getSimpleName(), String.valueOf(c));
                    } else {
                        answered(run, m.id(), intended, r.statusCode(), r.body());
                    }
                });
            }
            // every request answered (or timed out) before the phase's sending counts as done
            if (!inFlight.tryAcquire(inFlightCap, 90, TimeUnit.SECONDS)) {
                System.out.println("  some requests still unanswered 90 s after the last send");
            }
        } finally {
            preparing.set(false);
            preparers.shutdownNow();
            run.sendingDone();
        }
        Map<String, Object> r = p.finish(rx, seconds);
        r.put("kind", "open");
        r.put("targetRate", rate);
        r.put("httpService", percentiles(service)); // accepted requests only, from their actual send
        r.put("maxSendLagMs", maxLag.get() / 1e6);
        r.put("sendsLateOver10ms", late.get());
        r.put("inFlightCap", inFlightCap);
        r.put("sendsWaitingForInFlightCap", capReached.get());
        r.put("sendsWaitingForSigning", notPrepared.get());
        r.put("settleSeconds", settled);
        previous = run;
        return r;
    }

    /**
     * Waits until every accepted message of the hub phase before has arrived and the hub has gone quiet, at most
     * --settle-seconds (default 60) in all, so that a phase does not pay for the backlog of the one before; returns the
     * seconds waited.
     */
    private double settle() throws InterruptedException {
        Run p = previous;
        if (p == null) {
            return 0;
        }
        int cap = number("settle-seconds", 60);
        long start = System.nanoTime();
        awaitArrivals(p, cap, start);
        awaitQuietHub(cap, start);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The hub also delivers what the tool does not see (the EVIDENCE messages it pushes to the sending court): waits
     * until it has prepared no delivery (counter hub.delivery.prepared) for two seconds, within the same cap.
     */
    private void awaitQuietHub(int cap, long start) throws InterruptedException {
        double last = gauges.count("hub.delivery.prepared");
        if (last < 0) {
            return;
        }
        long quietSince = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(cap);
        boolean said = false;
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(2) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            double now = gauges.count("hub.delivery.prepared");
            if (now != last) {
                if (!said) {
                    System.out.println("== settling: the hub is still delivering (hub.delivery.prepared rising), waiting for it to go quiet");
                    said = true;
                }
                last = now;
                quietSince = System.nanoTime();
            }
        }
        if (System.nanoTime() >= deadline) {
            System.out.printf(Locale.ROOT, "   the hub was still delivering after %d s: the next phase starts with a backlog%n", cap);
        }
    }

    private void awaitArrivals(Run p, int cap, long start) throws InterruptedException {
        if (p.complete()) {
            return;
        }
        long nextTick = start;
        System.out.printf(Locale.ROOT, "== settling: waiting up to %d s for the %d message(s) of %s still to arrive%n",
                cap, p.lostIds().size(), p.name);
        while (!p.complete() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(cap)) {
            Thread.sleep(100);
            if (System.nanoTime() >= nextTick) {
                System.out.println(progress(p) + "  settling");
                nextTick += TimeUnit.SECONDS.toNanos(1);
            }
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (!p.complete()) {
            System.out.printf(Locale.ROOT, "   %d message(s) of %s still not arrived after %.0f s: the next phase starts with a backlog%n",
                    p.lostIds().size(), p.name, waited);
        }
    }

    private static void answered(Run run, String id, long t0, int status, String body) {
        if (status == 202) {
            run.accepted(id, t0);
        } else {
            run.failed(id, "HTTP " + status, "HTTP " + status + " " + LoadSupport.abbreviate(body, 200));
        }
    }

    // ---- baseline: raw Artemis, durable synchronous sends by P producers, one consumer --------------------------------

    private Map<String, Object> baseline() throws Exception {
        double settled = settle();
        String queue = o.getOrDefault("baseline-queue", "bench.baseline");
        int producers = number("baseline-producers", 8);
        System.out.printf(Locale.ROOT, "== phase baseline: raw Artemis %s, %d producers, durable synchronous sends, %d s%n",
                queue, producers, seconds);
        Run run = new Run("baseline", 0);
        try (Receiver rx = new Receiver(broker, queue, "loadId")) {
            rx.drain(500);
            rx.start();
            rx.track(run);
            Phase p = new Phase(run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService threads = Executors.newFixedThreadPool(producers, LoadSupport.daemon("baseline"));
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                workers.add(threads.submit(() -> {
                    Connection c = broker.createConnection();
                    try {
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageProducer producer = s.createProducer(s.createQueue(queue));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        while (System.nanoTime() < deadline) {
                            String id = UUID.randomUUID().toString();
                            TextMessage m = s.createTextMessage(new String(messages.payload(id), StandardCharsets.UTF_8));
                            m.setStringProperty("loadId", id);
                            long t0 = run.sending(id);
                            try {
                                producer.send(m);
                                run.accepted(id, t0);
                            } catch (JMSException e) {
                                run.failed(id, e.getClass().getSimpleName(), String.valueOf(e));
                            }
                        }
                    } finally {
                        c.close();
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> w : workers) {
                    w.get();
                }
            } finally {
                threads.shutdownNow();
                run.sendingDone();
            }
            Map<String, Object> r = p.finish(rx, seconds);
            r.put("kind", "baseline");
            r.put("settleSeconds", settled);
            r.put("producers", producers);
            r.put("queue", queue);
            return r;
        }
    }

    // ---- a phase's measurement: CPU, heap, progress, arrivals ---------------------------------------------------------

    /** Starts the phase's clocks and progress line on creation; finish() waits for arrivals and returns the figures. */
    private final class Phase {
        private final Run run;
        private final double cpuBefore;
        private final String loadBefore = LoadSupport.loadAverage();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(LoadSupport.daemon("progress"));

        Phase(Run run) {
            this.run = run;
            gauges.resetPhase();
            this.cpuBefore = gauges.cpuSeconds();
            ticker.scheduleAtFixedRate(() -> System.out.println(progress(run)), 1, 1, TimeUnit.SECONDS);
        }

        Map<String, Object> finish(Receiver rx, int sendSeconds) throws InterruptedException {
            boolean capped = false;
            try {
                while (!run.complete() && rx.failure() == null) {
                    if (run.secondsSinceSendingDone() >= drainSeconds) {
                        capped = true;
                        break;
                    }
                    Thread.sleep(50);
                }
                // a second copy of a message would come shortly after the first
                Thread.sleep(500);
            } finally {
                ticker.shutdownNow();
            }
            double cpuAfter = gauges.cpuSeconds();
            System.out.println(progress(run) + (capped ? "  gave up waiting after " + drainSeconds + " s" : "  all arrived"));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", run.name);
            r.put("sendSeconds", sendSeconds);
            r.put("sent", run.sent());
            r.put("accepted", run.acceptedCount());
            r.put("failed", run.failedCount());
            r.put("failureKinds", run.failureKinds());
            r.put("failureSamples", List.copyOf(run.failureSampleByKind().values()));
            r.put("received", run.receivedCount());
            r.put("receivedWithout202", run.receivedUnaccepted());
            r.put("notArrived", run.lostIds().size());
            r.put("duplicates", run.duplicates());
            r.put("drainCapped", capped);
            r.put("drainSeconds", drainSeconds);
            r.put("acceptRate", run.acceptRate());
            r.put("endToEndThroughput", run.throughput());
            r.put("durationSeconds", run.durationSeconds());
            r.put("http", percentiles(run.requestLatency()));
            r.put("endToEnd", percentiles(run.endToEndLatency()));
            List<Map<String, Object>> trend = new ArrayList<>();
            run.endToEndBySendSecond().forEach((second, h) -> {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("second", second);
                t.put("n", h.getTotalCount());
                t.put("p50Ms", h.getValueAtPercentile(50) / 1000.0);
                t.put("p99Ms", h.getValueAtPercentile(99) / 1000.0);
                trend.add(t);
            });
            r.put("endToEndBySendSecond", trend);
            double cpu = cpuBefore >= 0 && cpuAfter >= 0 ? cpuAfter - cpuBefore : -1;
            r.put("hubCpuSeconds", cpu);
            r.put("hubCpuMsPerMessage", cpu >= 0 && run.acceptedCount() > 0 ? cpu * 1000 / run.acceptedCount() : -1);
            r.put("heapMaxMb", gauges.heapMaxInPhaseMb());
            r.put("liveAfterGcMaxMb", gauges.liveMaxInPhaseMb());
            r.put("loadBefore", loadBefore);
            r.put("loadAfter", LoadSupport.loadAverage());
            if (rx.failure() != null) {
                r.put("consumerFailure", String.valueOf(rx.failure()));
            }
            return r;
        }
    }

    private String progress(Run run) {
        return String.format(Locale.ROOT, "%s  heap %.0f MB", run.progressLine(), gauges.heapUsedMb());
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return m;
        }
        for (double p : PERCENTILES) {
            m.put("p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)) + "Ms", h.getValueAtPercentile(p) / 1000.0);
        }
        m.put("maxMs", h.getMaxValue() / 1000.0);
        m.put("meanMs", h.getMean() / 1000.0);
        return m;
    }

    private void jcmd(String... command) {
        String pid = o.get("hub-pid");
        if (pid == null) {
            System.out.println("  no --hub-pid: no JFR recording");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("jcmd", pid));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.out.println("  " + String.join(" ", cmd) + " failed: " + LoadSupport.abbreviate(out, 300));
            }
        } catch (IOException e) {
            System.out.println("  jcmd failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Map<String, Object> meta) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("meta", meta);
        all.put("phases", phases);
        Path out = Path.of(need("out"));
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), all);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String need(String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private int number(String name, int dflt) {
        String v = o.get(name);
        return v == null ? dflt : Integer.parseInt(v.trim());
    }
}
