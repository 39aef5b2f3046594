package cn.courtmediation.hub.load;

import cn.courtmediation.hub.simulator.CourtSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Load tool for delivery to courts: starts an in-process {@link CourtSimulator} trusting the hub CA, points the
 * national registry (3,502 courts) at it, then sends signed messages through the REST intake to (a) one court,
 * (b) every court round-robin, (c) every court with every 10th court down. End-to-end latency per message is
 * the hub's deliveredAt (recorded once the simulator has answered the delivery) minus the wall-clock time the tool
 * started the POST; both clocks are this machine's. Invoked as {@code LoadTool --to-courts [options]}.
 */
public final class CourtLoadTool {
    static final String USAGE = """
            usage: LoadTool --to-courts [options]
              --url URL                 hub base URL, plain port: readiness and signed submissions (default http://127.0.0.1:8080)
              --tls-url URL             the hub's HTTPS port: admin calls and status reads (default https://127.0.0.1:8443)
              --ca-file FILE            hub CA (<data-dir>/pki/hub-ca.pem), required: the HTTPS client and the simulator trust it
              --admin-password-file F   password of the admin operator (first line; the hub's HUB_ADMIN_PASSWORD), required:
                                        the tool gets a token once (POST /admin/tokens) and uses it for every admin call and read
              --admin-user NAME         operator with the admin role (default admin)
              --messages N              messages per measured run (default 3502)
              --concurrency C           concurrent HTTP senders (default 16)
              --rate R                  offered load in messages/s per measured run, open loop (message i is sent
                                        at start + i/R; default 0: as fast as the senders go). Below the hub's
                                        capacity, latency is the hub's own rather than the wait in a backlog
              --warmup N                unmeasured warm-up messages to the single court (default 300)
              --sender CODE             sender (default PBOC; falls back to C110105 + NOTICE if PBOC is refused)
              --template FILE           message template (default schemas/examples/mediation-result.json)
              --court CODE              the single court of run a (default C110105)
              --down-every K            run c: every K-th court (in registry order) is down (default 10)
              --timeout SECONDS         how long after the last send deliveries may still arrive (default 120)
              --down-grace SECONDS      run c: extra wait for healthy stragglers before counting (default 5)
              --seed N                  national registry seed (default 2026)
              --runs LIST               which runs, e.g. a,b,c (default a,b,c)
            """;

    private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Map<String, String> opt;
    private final String url;
    private final HubAdmin admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int messages;
    private final int concurrency;
    private final int timeoutSeconds;
    private String sender;
    private ObjectNode template;
    private LoadSigner signer;
    private CourtSimulator sim;

    private CourtLoadTool(Map<String, String> opt) throws IOException {
        this.opt = opt;
        this.url = opt.getOrDefault("url", "http://127.0.0.1:8080").replaceAll("/+$", "");
        String passwordFile = opt.get("admin-password-file");
        String caFile = opt.get("ca-file");
        if (passwordFile == null || caFile == null) {
            throw new IllegalArgumentException("--admin-password-file and --ca-file are required");
        }
        try {
            this.admin = HubAdmin.connect(opt.getOrDefault("tls-url", "https://127.0.0.1:8443"), Path.of(caFile),
                    opt.getOrDefault("admin-user", "admin"), Path.of(passwordFile));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        this.messages = Integer.parseInt(opt.getOrDefault("messages", "3502"));
        this.concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "16"));
        this.timeoutSeconds = Integer.parseInt(opt.getOrDefault("timeout", "120"));
        this.sender = opt.getOrDefault("sender", "PBOC");
        this.template = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of(
                // a NOTICE: a MEDIATION_RESULT would need a case in mediation with each court (the lifecycle refuses it otherwise)
                opt.getOrDefault("template", "schemas/examples/notice.json"))));
    }

    public static void main(String[] args) {
        int code;
        try {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    o.put(name.substring(0, eq), name.substring(eq + 1));
                } else {
                    o.put(name, args[++i]);
                }
            }
            code = new CourtLoadTool(o).execute();
        } catch (Exception e) {
            System.out.flush();
            System.err.println("court load: failed: " + e);
            e.printStackTrace();
            code = 3;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    // ---- one message ------------------------------------------------------------------------------------------

    /** One message: where it went, when the POST started (wall clock, µs), the intake answer, and its hub times. */
    static final class Msg {
        final String id;
        final String court;
        final boolean toDownCourt;
        long postStartMicros;
        long intakeMicros;
        int http;
        String error;
        String status;
        long receivedAtMicros;
        long deliveredAtMicros;
        long relayedAtMicros;
        int attempts;
        String lastError;

        Msg(String id, String court, boolean toDownCourt) {
            this.id = id;
            this.court = court;
            this.toDownCourt = toDownCourt;
        }
    }

    private static long nowMicros() {
        Instant n = Instant.now();
        return n.getEpochSecond() * 1_000_000L + n.getNano() / 1000;
    }

    private static long micros(String iso) {
        if (iso == null || iso.isEmpty() || "null".equals(iso)) {
            return 0;
        }
        Instant n = Instant.parse(iso);
        return n.getEpochSecond() * 1_000_000L + n.getNano() / 1000;
    }

    // ---- setup --------------------------------------------------------------------------------------------------

    private int execute() throws Exception {
        checkReady();
        sim = CourtSimulator.start(0, admin.ca());
        try {
            return measure();
        } finally {
            sim.close();
        }
    }

    private int measure() throws Exception {
        System.out.printf(Locale.ROOT, "Court load: hub %s, simulator %s (in process), %d CPUs, load average %s%n",
                url, sim.baseUrl(), Runtime.getRuntime().availableProcessors(), LoadSupport.loadAverage());
        long seed = Long.parseLong(opt.getOrDefault("seed", "2026"));
        String nat = "/admin/registry/national?seed=" + seed + "&simulatorUrl="
                + URLEncoder.encode(sim.baseUrl(), StandardCharsets.UTF_8) + "&overwrite=true";
        long t = System.nanoTime();
        HttpResponse<String> r = admin.send(admin.request(nat).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("national registry load: HTTP " + r.statusCode() + " " + r.body());
        }
        System.out.printf(Locale.ROOT, "National registry loaded in %.1f s: %s%n", (System.nanoTime() - t) / 1e9, r.body());

        List<String> courts = new ArrayList<>();
        Map<String, String> channel = new TreeMap<>();
        for (int page = 0; ; page++) {
            JsonNode p = JSON.readTree(admin.get("/admin/registry/participants?kind=COURT&page=" + page + "&size=1000"));
            for (JsonNode it : p.path("items")) {
                courts.add(it.path("code").asText());
                channel.put(it.path("code").asText(), it.path("channel").asText());
            }
            if (p.path("items").size() < 1000) {
                break;
            }
        }
        Map<String, Integer> mix = new TreeMap<>();
        channel.values().forEach(c -> mix.merge(c, 1, Integer::sum));
        System.out.printf(Locale.ROOT, "Courts in the registry: %d, channels %s%n", courts.size(), mix);
        String single = opt.getOrDefault("court", "C110105");
        if (!channel.containsKey(single)) {
            throw new IOException("court " + single + " is not in the registry");
        }

        signer = LoadSigner.fetch(admin, sender);
        // probe: may this sender submit over REST to a court?
        Msg probe = new Msg(UUID.randomUUID().toString(), single, false);
        post(probe);
        if (probe.http != 202) {
            System.out.println("Sender " + sender + " refused over REST (" + probe.error + "); falling back to C110105 + NOTICE");
            sender = "C110105";
            template = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("schemas/examples/notice.json")));
            signer = LoadSigner.fetch(admin, sender);
            if (single.equals(sender)) {
                single = courts.stream().filter(c -> !c.equals(sender)).findFirst().orElseThrow();
            }
            probe = new Msg(UUID.randomUUID().toString(), single, false);
            post(probe);
            if (probe.http != 202) {
                throw new IOException("fallback refused too: " + probe.error);
            }
        }
        for (int i = 0; i < 100 && !"DELIVERED".equals(probe.status); i++) {
            Thread.sleep(100);
            fetchStatuses(List.of(probe));
        }
        System.out.println("Probe " + probe.id + " to " + single + ": " + probe.status);
        System.out.printf(Locale.ROOT, "Sender %s, type %s, over REST POST /api/v1/messages (signed, ECDSA P-256); single court %s (%s)%n",
                sender, template.path("type").asText(), single, channel.get(single));

        int warm = Integer.parseInt(opt.getOrDefault("warmup", "300"));
        final String one = single;
        sim.reset();
        Result w = run("warm-up (single court " + one + ")", warm, i -> one, Set.of(), false);
        System.out.println(w.shortLine());

        String runs = opt.getOrDefault("runs", "a,b,c");
        Result a = null;
        Result b = null;
        Result c = null;
        if (runs.contains("a")) {
            a = run("a: all to " + one, messages, i -> one, Set.of(), true);
        }
        if (runs.contains("b")) {
            b = run("b: round-robin over " + courts.size() + " courts", messages, i -> courts.get(i % courts.size()), Set.of(), true);
        }
        if (runs.contains("c")) {
            int k = Integer.parseInt(opt.getOrDefault("down-every", "10"));
            Set<String> down = new HashSet<>();
            for (int i = 0; i < courts.size(); i += k) {
                down.add(courts.get(i));
            }
            down.forEach(d -> sim.down(d, true));
            Map<String, Integer> downMix = new TreeMap<>();
            down.forEach(d -> downMix.merge(channel.get(d), 1, Integer::sum));
            System.out.printf(Locale.ROOT, "Run c: %d courts down (every %d-th, channels %s)%n", down.size(), k, downMix);
            c = run("c: round-robin over " + courts.size() + " courts, " + down.size() + " down", messages,
                    i -> courts.get(i % courts.size()), down, true);
        }

        System.out.println();
        System.out.println("================ Court delivery load report ================");
        System.out.printf(Locale.ROOT, "Hub %s; simulator in process; sender %s %s over REST; concurrency %d; %d CPUs%n",
                url, sender, template.path("type").asText(), concurrency, Runtime.getRuntime().availableProcessors());
        System.out.println("End-to-end latency = hub deliveredAt (after the simulator answered) - wall-clock start of the POST (same host clock)");
        for (Result x : new Result[] {a, b, c}) {
            if (x != null) {
                x.print();
            }
        }
        System.out.println("---- comparisons ----");
        if (a != null && b != null) {
            System.out.printf(Locale.ROOT, "Throughput b/a (distinct courts vs one court): %.2f  (%.1f vs %.1f msg/s)%n",
                    b.throughput / a.throughput, b.throughput, a.throughput);
            System.out.printf(Locale.ROOT, "Latency    b/a  p50 %.2f  p99 %.2f%n", ratio(b.e2e, a.e2e, 50), ratio(b.e2e, a.e2e, 99));
        }
        if (b != null && c != null) {
            System.out.printf(Locale.ROOT, "Latency c-healthy vs b: p50 %.2f vs %.2f ms (x%.2f), p90 %.2f vs %.2f ms (x%.2f), p99 %.2f vs %.2f ms (x%.2f), max %.2f vs %.2f ms%n",
                    ms(c.e2e, 50), ms(b.e2e, 50), ratio(c.e2e, b.e2e, 50), ms(c.e2e, 90), ms(b.e2e, 90), ratio(c.e2e, b.e2e, 90),
                    ms(c.e2e, 99), ms(b.e2e, 99), ratio(c.e2e, b.e2e, 99), c.e2e.getMaxValue() / 1000.0, b.e2e.getMaxValue() / 1000.0);
            System.out.printf(Locale.ROOT, "Throughput c-healthy / b: %.2f  (%.1f vs %.1f msg/s)%n", c.throughput / b.throughput,
                    c.throughput, b.throughput);
        }
        System.out.printf(Locale.ROOT, "Simulator totals (all runs since last reset, run c only): %s%n", sim.totals());
        System.out.println("Load average (1/5/15 min) at the end: " + LoadSupport.loadAverage());
        System.out.println("=============================================================");
        boolean bad = (a != null && a.unhealthyLost > 0) || (b != null && b.unhealthyLost > 0) || (c != null && c.unhealthyLost > 0);
        return bad ? 1 : 0;
    }

    private static double ms(Histogram h, double p) {
        return h.getValueAtPercentile(p) / 1000.0;
    }

    private static double ratio(Histogram x, Histogram y, double p) {
        return (double) x.getValueAtPercentile(p) / Math.max(1, y.getValueAtPercentile(p));
    }

    // ---- a run ---------------------------------------------------------------------------------------------------

    final class Result {
        final String name;
        final int planned;
        final List<Msg> all;
        final Histogram e2e = new Histogram(1, HIGHEST_MICROS, 3);
        final Histogram intake = new Histogram(1, HIGHEST_MICROS, 3);
        final Histogram hubInternal = new Histogram(1, HIGHEST_MICROS, 3);
        final Histogram toRelayed = new Histogram(1, HIGHEST_MICROS, 3);
        final Histogram relayedToDelivered = new Histogram(1, HIGHEST_MICROS, 3);
        final Map<String, Integer> failures = new TreeMap<>();
        final Map<String, Integer> downStatuses = new TreeMap<>();
        final Map<Integer, Integer> downAttempts = new TreeMap<>();
        final List<String> samples = new ArrayList<>();
        double throughput;
        double intakeRate;
        double sendSeconds;
        double e2eSeconds;
        double simSeconds;
        int accepted;
        int healthyAccepted;
        int healthyDelivered;
        int downAccepted;
        int unhealthyLost;
        int distinctCourts;
        String lastErrorSample;

        Result(String name, int planned, List<Msg> all) {
            this.name = name;
            this.planned = planned;
            this.all = all;
        }

        String shortLine() {
            return String.format(Locale.ROOT, "[%s] %d/%d accepted, %d delivered, %.1f msg/s end to end, e2e p50 %.2f ms p99 %.2f ms",
                    name, accepted, planned, healthyDelivered, throughput, ms(e2e, 50), ms(e2e, 99));
        }

        void print() {
            System.out.println("---- " + name + " ----");
            System.out.printf(Locale.ROOT, "Messages          %d sent, %d accepted (202), failures %s; %d distinct courts%n",
                    all.size(), accepted, failures.isEmpty() ? "none" : failures, distinctCourts);
            if (!samples.isEmpty()) {
                System.out.println("  e.g. " + samples);
            }
            System.out.printf(Locale.ROOT, "Healthy courts    %d accepted, %d DELIVERED, %d not delivered by the end%n",
                    healthyAccepted, healthyDelivered, unhealthyLost);
            System.out.printf(Locale.ROOT, "Throughput        %.1f msg/s end to end (%d delivered, first POST -> last deliveredAt %.2f s);"
                            + " intake %.1f msg/s (sending took %.2f s); simulator saw the last one after %.2f s%n",
                    throughput, healthyDelivered, e2eSeconds, intakeRate, sendSeconds, simSeconds);
            System.out.println("End-to-end        " + Run.percentiles(e2e));
            System.out.println("  HTTP intake     " + Run.percentiles(intake));
            System.out.println("  hub recv->deliv " + Run.percentiles(hubInternal));
            System.out.println("    recv->relayed " + Run.percentiles(toRelayed));
            System.out.println("    relayed->dlvd " + Run.percentiles(relayedToDelivered));
            if (downAccepted > 0) {
                System.out.printf(Locale.ROOT, "Down courts       %d accepted messages; status at the end %s; attempts %s%n",
                        downAccepted, downStatuses, downAttempts);
                if (lastErrorSample != null) {
                    System.out.println("  lastError e.g.  " + LoadSupport.abbreviate(lastErrorSample, 200));
                }
            }
        }
    }

    private Result run(String name, int n, IntFunction<String> target, Set<String> down, boolean progress) throws Exception {
        List<Msg> msgs = new ArrayList<>(n);
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String court = target.apply(i);
            distinct.add(court);
            msgs.add(new Msg(UUID.randomUUID().toString(), court, down.contains(court)));
        }
        Result res = new Result(name, n, msgs);
        res.distinctCourts = distinct.size();
        sim.reset();
        if (progress) {
            System.out.printf(Locale.ROOT, "Run %s: %d messages to %d courts at concurrency %d (load average %s)%n",
                    name, n, distinct.size(), concurrency, LoadSupport.loadAverage());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, LoadSupport.daemon("court-sender"));
        // the warm-up goes as fast as it can; measured runs keep to --rate when given
        double rate = progress ? Double.parseDouble(opt.getOrDefault("rate", "0")) : 0;
        if (progress && rate > 0) {
            System.out.printf(Locale.ROOT, "  offered load %.1f msg/s (open loop)%n", rate);
        }
        long start = System.nanoTime();
        long firstPost = nowMicros();
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    post(msgs.get(i));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        long lastPrint = System.nanoTime();
        for (Future<?> f : fs) {
            while (true) {
                try {
                    f.get(1, TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException e) {
                    if (progress) {
                        System.out.printf(Locale.ROOT, "  [%s] %5.1f s  sent %d/%d  simulator distinct %d%n", name,
                                (System.nanoTime() - start) / 1e9, done.get(), n, sim.totals().distinct());
                    }
                }
            }
        }
        pool.shutdownNow();
        res.sendSeconds = (System.nanoTime() - start) / 1e9;
        for (Msg m : msgs) {
            if (m.http == 202) {
                res.accepted++;
                res.intake.recordValue(clamp(m.intakeMicros));
                if (m.toDownCourt) {
                    res.downAccepted++;
                } else {
                    res.healthyAccepted++;
                }
            } else {
                res.failures.merge(m.http == 0 ? "IO" : "HTTP " + m.http, 1, Integer::sum);
                if (res.samples.size() < 3) {
                    res.samples.add(m.error);
                }
            }
        }
        // wait until the simulator has accepted every delivery to a healthy court (in process, no load on the hub)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long seen;
        while ((seen = sim.totals().distinct()) < res.healthyAccepted && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (progress && System.nanoTime() - lastPrint > 1_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  [%s] %5.1f s  all sent; simulator distinct %d/%d%n", name,
                        (System.nanoTime() - start) / 1e9, seen, res.healthyAccepted);
            }
        }
        res.simSeconds = (System.nanoTime() - start) / 1e9;
        if (res.downAccepted > 0) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(opt.getOrDefault("down-grace", "5"))));
        }
        // statuses, after the run: receivedAt / deliveredAt of every accepted message; the hub records DELIVERED
        // just after the simulator answered, so re-read those to healthy courts not yet DELIVERED for a few seconds
        fetchStatuses(msgs);
        for (int retry = 0; retry < 20; retry++) {
            List<Msg> open = msgs.stream().filter(m -> m.http == 202 && !m.toDownCourt && !"DELIVERED".equals(m.status)).toList();
            if (open.isEmpty()) {
                break;
            }
            Thread.sleep(500);
            fetchStatuses(open);
        }
        long lastDelivered = 0;
        for (Msg m : msgs) {
            if (m.http != 202) {
                continue;
            }
            if (m.toDownCourt) {
                res.downStatuses.merge(m.status, 1, Integer::sum);
                res.downAttempts.merge(m.attempts, 1, Integer::sum);
                if (m.lastError != null && res.lastErrorSample == null) {
                    res.lastErrorSample = m.lastError;
                }
                continue;
            }
            if ("DELIVERED".equals(m.status) && m.deliveredAtMicros > 0) {
                res.healthyDelivered++;
                res.e2e.recordValue(clamp(m.deliveredAtMicros - m.postStartMicros));
                res.hubInternal.recordValue(clamp(m.deliveredAtMicros - m.receivedAtMicros));
                if (m.relayedAtMicros > 0) {
                    res.toRelayed.recordValue(clamp(m.relayedAtMicros - m.receivedAtMicros));
                    res.relayedToDelivered.recordValue(clamp(m.deliveredAtMicros - m.relayedAtMicros));
                }
                lastDelivered = Math.max(lastDelivered, m.deliveredAtMicros);
            } else {
                res.unhealthyLost++;
            }
        }
        res.e2eSeconds = Math.max(0, lastDelivered - firstPost) / 1e6;
        res.throughput = res.e2eSeconds > 0 ? res.healthyDelivered / res.e2eSeconds : 0;
        res.intakeRate = res.sendSeconds > 0 ? res.accepted / res.sendSeconds : 0;
        if (progress) {
            System.out.println(res.shortLine());
        }
        return res;
    }

    private static long clamp(long micros) {
        return Math.min(HIGHEST_MICROS, Math.max(1, micros));
    }

    private void post(Msg m) {
        ObjectNode t = template.deepCopy();
        t.put("messageId", m.id);
        t.put("sender", sender);
        t.put("recipient", m.court);
        // one case per message under the sender's code: before a dispatch only the caseId's owner writes under it
        t.put("caseId", sender + "-L-" + m.court + "-" + m.id.substring(0, 18));
        t.put("correlationId", UUID.randomUUID().toString());
        t.put("sentAt", SENT_AT.format(OffsetDateTime.now(ZoneOffset.ofHours(8))));
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(t);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long wall = nowMicros();
        long t0 = System.nanoTime();
        // the sender signs each message, as a partner would; the time is part of the measurement
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Hub-Signature", signer.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        m.postStartMicros = wall;
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            m.intakeMicros = (System.nanoTime() - t0) / 1000;
            m.http = r.statusCode();
            if (r.statusCode() != 202) {
                m.error = m.id + " -> " + m.court + ": HTTP " + r.statusCode() + " " + LoadSupport.abbreviate(r.body(), 300);
            }
        } catch (IOException e) {
            m.error = m.id + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.error = "interrupted";
        }
    }

    private void fetchStatuses(List<Msg> msgs) throws Exception {
        ConcurrentLinkedQueue<Msg> q = new ConcurrentLinkedQueue<>();
        msgs.stream().filter(m -> m.http == 202).forEach(q::add);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, LoadSupport.daemon("status"));
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            fs.add(pool.submit(() -> {
                Msg m;
                while ((m = q.poll()) != null) {
                    JsonNode s = JSON.readTree(admin.get("/api/v1/messages/" + m.id));
                    m.status = s.path("status").asText();
                    m.receivedAtMicros = micros(s.path("receivedAt").asText(null));
                    m.deliveredAtMicros = micros(s.path("deliveredAt").asText(null));
                    m.relayedAtMicros = micros(s.path("relayedAt").asText(null));
                    m.attempts = s.path("attempts").asInt();
                    m.lastError = s.path("lastError").isNull() ? null : s.path("lastError").asText(null);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdownNow();
    }

    // ---- small things ------------------------------------------------------------------------------------------

    /** GET on the plain port (readiness). */
    private String get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + LoadSupport.abbreviate(r.body(), 300));
        }
        return r.body();
    }

    private void checkReady() throws IOException, InterruptedException {
        String s = get("/actuator/health/readiness");
        if (!s.contains("UP")) {
            throw new IOException("hub not ready: " + s);
        }
    }



}
