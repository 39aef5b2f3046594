package cn.courtmediation.hub.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Load tool for a running hub: N messages through the REST intake to an AMQP 1.0 consumer on the partner's address at
 * concurrency C, then the same payload through raw Artemis (durable synchronous sends) as a baseline; prints
 * throughput, latency percentiles and the hub/baseline ratio, and exits non-zero when a message was lost.
 */
public final class LoadTool {
    static final String USAGE = """
            usage: LoadTool [options]   (each option may also be given as a system property load.<name>)
                   LoadTool --to-courts [options]   delivery to courts via an in-process simulator (--to-courts --help)
              --url URL                 hub base URL, plain port: readiness and signed submissions (default http://127.0.0.1:8080)
              --tls-url URL             the hub's HTTPS port: admin calls and reads (default https://127.0.0.1:8443)
              --ca-file FILE            hub CA the HTTPS client trusts (<data-dir>/pki/hub-ca.pem; GET <url>/pki/hub-ca.pem)
              --admin-password-file F   password of the operator (first line; the hub's HUB_ADMIN_PASSWORD): the tool gets a
                                        token once (POST /admin/tokens), fetches sandbox credentials for the sender and
                                        signs every message (without it, messages go unsigned); needs --ca-file
              --admin-user NAME         operator with the admin role (default admin)
              --amqp URL                hub broker, AMQP 1.0 (default amqp://127.0.0.1:61616)
              --amqp-user USER          broker login for the receiver and the baseline (the hub's broker requires one):
                                        the recipient's broker account, or the hub's own account (HUB_BROKER_USER, hub),
                                        which the baseline needs to create its queue
              --amqp-password-file FILE its password (e.g. data/pki/broker-hub-password of the hub's own account)
              --messages N              measured messages through the hub (default 5000)
              --concurrency C           concurrent HTTP senders (default 16)
              --warmup N                unmeasured warm-up messages, hub and baseline each (default 200)
              --sender CODE             sending court (default C110105)
              --recipient CODE          queue partner (default PBOC); consumed from partner.<CODE>.from-hub
              --timeout SECONDS         how long after the last send a message may still arrive (default 60)
              --same-case               every message names the example's caseId (default: a new case per message)
              --template FILE           message to send (default schemas/examples/case-dispatch.json)
              --skip-baseline           do not measure the raw Artemis baseline
              --baseline-producers P    baseline producers (default 8)
              --baseline-messages N     baseline messages (default: --messages)
              --baseline-url URL        baseline broker: amqp://... (qpid-jms) or tcp://... (Artemis CORE) (default: --amqp)
              --baseline-queue NAME     baseline queue (default load.baseline)
            exit code: 0 all delivered; 1 a message was lost; 2 none lost but some sends failed; 3 setup error; 64 usage
            """;

    private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DUPLICATE_GRACE_MILLIS = 1000;

    private final Options o;
    private final ObjectNode template;
    private final HttpClient http;
    private final URI intake;
    private final LoadSigner signer;
    /** The operator on the HTTPS port (null without --admin-password-file): sandbox credentials, lost messages' status. */
    private final HubAdmin admin;
    private String loadBefore = "unknown";
    private String loadAfter = "unknown";

    private LoadTool(Options o) throws IOException {
        this.o = o;
        this.template = loadTemplate(o.template);
        this.intake = URI.create(o.url.replaceAll("/+$", "") + "/api/v1/messages");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            this.admin = o.adminPasswordFile == null ? null
                    : HubAdmin.connect(o.tlsUrl, Path.of(o.caFile), o.adminUser, Path.of(o.adminPasswordFile));
            this.signer = admin == null ? null : LoadSigner.fetch(admin, o.sender);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static void main(String[] args) {
        quietLogging();
        if (java.util.Arrays.asList(args).contains("--to-courts")) {
            // delivery to courts through an in-process court simulator (see CourtLoadTool)
            CourtLoadTool.main(java.util.Arrays.stream(args).filter(a -> !"--to-courts".equals(a)).toArray(String[]::new));
            return;
        }
        int code;
        try {
            code = new LoadTool(Options.parse(args)).execute();
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            code = e.help ? 0 : 64;
        } catch (Exception e) {
            System.out.flush();
            System.err.println("load: setup failed: " + e);
            e.printStackTrace();
            code = 3;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private int execute() throws Exception {
        String queue = "partner." + o.recipient + ".from-hub";
        int payloadBytes = payload(UUID.randomUUID().toString()).length;
        System.out.printf(Locale.ROOT, "Hub load: %s -> %s queue %s; %d messages (+%d warm-up) at concurrency %d;"
                        + " payload %d bytes; %d CPUs%n", o.url, o.amqp, queue, o.messages, o.warmup, o.concurrency,
                payloadBytes, Runtime.getRuntime().availableProcessors());
        checkReadiness();
        loadBefore = LoadSupport.loadAverage();

        Run warmHub = new Run("hub warm-up", o.warmup);
        Run hub = new Run("hub", o.messages);
        int drainedHub;
        long hubStrays;
        try (Receiver rx = new Receiver(brokerFactory(o.amqp, o), queue, "hubMessageId")) {
            drainedHub = rx.drain(1000);
            System.out.printf(Locale.ROOT, "Drained %d message(s) left on %s before the run%n", drainedHub, queue);
            rx.start();
            ExecutorService senders = Executors.newFixedThreadPool(o.concurrency, LoadSupport.daemon("http-sender"));
            try {
                rx.track(warmHub);
                driveHub(senders, warmHub);
                await(warmHub, rx, false);
                System.out.println(shortLine(warmHub));
                if (warmHub.planned > 0 && warmHub.receivedCount() == 0) {
                    System.out.println(warmHub.acceptedCount() == 0
                            ? "The hub accepted none of the warm-up messages, e.g. " + warmHub.failureSamples()
                            : "None of the accepted warm-up messages arrived on " + queue + " within " + o.timeoutSeconds
                                    + " s: is " + o.recipient + " a QUEUE partner of this hub? e.g. "
                                    + warmHub.lostIds().get(0) + " has hub status " + status(warmHub.lostIds().get(0)));
                    return 3;
                }
                rx.track(hub);
                driveHub(senders, hub);
                await(hub, rx, true);
            } finally {
                senders.shutdownNow();
            }
            hubStrays = rx.strays();
            if (rx.failure() != null) {
                System.out.println("AMQP consumer failed: " + rx.failure());
            }
        }

        Run base = null;
        long baseStrays = 0;
        int drainedBase = 0;
        if (!o.skipBaseline) {
            Run warmBase = new Run("baseline warm-up", o.warmup);
            base = new Run("baseline", o.baselineMessages);
            ConnectionFactory factory = brokerFactory(o.baselineUrl, o);
            try (Receiver rx = new Receiver(factory, o.baselineQueue, "loadId")) {
                drainedBase = rx.drain(1000);
                rx.start();
                List<Producer> producers = new ArrayList<>();
                ExecutorService threads = Executors.newFixedThreadPool(o.baselineProducers, LoadSupport.daemon("baseline-producer"));
                try {
                    for (int i = 0; i < o.baselineProducers; i++) {
                        producers.add(new Producer(factory, o.baselineQueue));
                    }
                    rx.track(warmBase);
                    driveBaseline(threads, producers, warmBase);
                    await(warmBase, rx, false);
                    System.out.println(shortLine(warmBase));
                    rx.track(base);
                    driveBaseline(threads, producers, base);
                    await(base, rx, true);
                } finally {
                    threads.shutdownNow();
                    producers.forEach(Producer::close);
                }
                baseStrays = rx.strays();
                if (rx.failure() != null) {
                    System.out.println("Baseline consumer failed: " + rx.failure());
                }
            }
        }

        loadAfter = LoadSupport.loadAverage();
        return report(queue, payloadBytes, hub, drainedHub, hubStrays, base, drainedBase, baseStrays);
    }


    // ---- hub: REST intake -> partner AMQP consumer --------------------------------------------------------------

    private void driveHub(ExecutorService senders, Run run) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < o.concurrency; w++) {
            workers.add(senders.submit(() -> {
                while (next.getAndIncrement() < run.planned) {
                    String id = UUID.randomUUID().toString();
                    byte[] body = payload(id);
                    HttpRequest.Builder b = HttpRequest.newBuilder(intake)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    if (signer != null) {
                        // the sender signs each message, as a court would; the time is part of the measurement
                        b.header("X-Hub-Signature", signer.sign(body));
                    }
                    HttpRequest request = b.build();
                    long t0 = run.sending(id);
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            run.accepted(id, t0);
                        } else {
                            run.failed(id, "HTTP " + response.statusCode(), "HTTP " + response.statusCode() + " "
                                    + LoadSupport.abbreviate(response.body(), 300));
                        }
                    } catch (IOException e) {
                        run.failed(id, e.getClass().getSimpleName(), String.valueOf(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        watch(run, workers);
    }

    // ---- baseline: raw Artemis, durable synchronous sends -> one consumer ---------------------------------------

    private void driveBaseline(ExecutorService threads, List<Producer> producers, Run run) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (Producer p : producers) {
            workers.add(threads.submit(() -> {
                while (next.getAndIncrement() < run.planned) {
                    String id = UUID.randomUUID().toString();
                    try {
                        TextMessage m = p.session.createTextMessage(new String(payload(id), StandardCharsets.UTF_8));
                        m.setStringProperty("loadId", id);
                        long t0 = run.sending(id);
                        p.producer.send(m);
                        run.accepted(id, t0);
                    } catch (JMSException e) {
                        run.failed(id, e.getClass().getSimpleName(), String.valueOf(e));
                    }
                }
            }));
        }
        watch(run, workers);
    }

    /** A connection, session and producer of its own for each baseline producer thread (JMS sessions are single-threaded). */
    private static final class Producer {
        final Connection connection;
        final Session session;
        final MessageProducer producer;

        Producer(ConnectionFactory factory, String queue) throws JMSException {
            connection = factory.createConnection();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(queue));
            // persistent (durable): qpid-jms and the Artemis CORE client both block until the broker has it on disk
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        void close() {
            try {
                connection.close();
            } catch (JMSException ignored) {
                // closing anyway
            }
        }
    }

    /** A connection factory for the URL, logging in with --amqp-user / --amqp-password-file when given. */
    private static ConnectionFactory brokerFactory(String url, Options o) throws java.io.IOException {
        String password = o.amqpPasswordFile == null ? null
                : java.nio.file.Files.readString(java.nio.file.Path.of(o.amqpPasswordFile)).trim();
        if (url.startsWith("tcp://") || url.startsWith("vm://")) {
            ActiveMQConnectionFactory core = new ActiveMQConnectionFactory(url, o.amqpUser, password);
            core.setBlockOnDurableSend(true);
            return core;
        }
        JmsConnectionFactory f = new JmsConnectionFactory(url);
        if (o.amqpUser != null) {
            f.setUsername(o.amqpUser);
            f.setPassword(password);
        }
        return f;
    }

    // ---- shared: progress, waiting for arrivals, report ---------------------------------------------------------

    /** Waits for the senders of a run, printing its progress every second. */
    private static void watch(Run run, List<Future<?>> workers) throws Exception {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(LoadSupport.daemon("progress"));
        ticker.scheduleAtFixedRate(() -> System.out.println(run.progressLine()), 1, 1, TimeUnit.SECONDS);
        try {
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            run.sendingDone();
            ticker.shutdownNow();
        }
    }

    /** Waits until every accepted message of the run has arrived, or timeout seconds after its last send. */
    private void await(Run run, Receiver rx, boolean progress) throws InterruptedException {
        long nextTick = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!run.complete() && run.secondsSinceSendingDone() < o.timeoutSeconds && rx.failure() == null) {
            Thread.sleep(20);
            if (progress && System.nanoTime() >= nextTick) {
                System.out.println(run.progressLine() + "  waiting for arrivals");
                nextTick += TimeUnit.SECONDS.toNanos(1);
            }
        }
        if (progress) {
            System.out.println(run.progressLine() + (run.complete() ? "  all arrived" : "  gave up waiting"));
        }
        // a second copy of a message would come shortly after the first
        Thread.sleep(DUPLICATE_GRACE_MILLIS);
    }

    private int report(String queue, int payloadBytes, Run hub, int drainedHub, long hubStrays, Run base,
                       int drainedBase, long baseStrays) {
        List<String> hubLost = hub.lostIds();
        System.out.println();
        System.out.println("==================================== HUB LOAD REPORT ====================================");
        System.out.printf(Locale.ROOT, "Hub                %s (REST intake) -> %s queue %s%n", o.url, o.amqp, queue);
        System.out.printf(Locale.ROOT, "Messages           %d measured (+%d warm-up), concurrency %d, payload %d bytes, %s%n",
                o.messages, o.warmup, o.concurrency, payloadBytes, o.sameCase ? "one case for all" : "one case per message");
        System.out.printf(Locale.ROOT, "Machine            %d CPUs; load average (1/5/15 min) %s before the run, %s after%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "Accepted (202)     %d of %d sent; failed %d %s%n", hub.acceptedCount(), hub.sent(),
                hub.failedCount(), hub.failedCount() > 0 ? hub.failureKinds() : "");
        hub.failureSamples().forEach(s -> System.out.println("  failure          " + s));
        System.out.printf(Locale.ROOT, "Received (AMQP)    %d; lost %d; duplicates %d; received without 202 %d;"
                        + " strays %d; drained before run %d%n", hub.receivedCount(), hubLost.size(), hub.duplicates(),
                hub.receivedUnaccepted(), hubStrays, drainedHub);
        System.out.printf(Locale.ROOT, "Duration           %.3f s (first POST -> last arrival)%n", hub.durationSeconds());
        System.out.printf(Locale.ROOT, "Throughput         %.1f msg/s end to end   (intake alone: %.1f msg/s accepted)%n",
                hub.throughput(), hub.acceptRate());
        System.out.println("HTTP latency       " + Run.percentiles(hub.requestLatency()) + "   POST -> 202");
        System.out.println("End-to-end latency " + Run.percentiles(hub.endToEndLatency()) + "   POST -> AMQP consumer");
        if (!hubLost.isEmpty()) {
            System.out.printf(Locale.ROOT, "LOST               %d message(s) accepted but not received within %d s of the last send, e.g.:%n",
                    hubLost.size(), o.timeoutSeconds);
            hubLost.stream().limit(5).forEach(id -> System.out.println("  " + id + "  hub status: " + status(id)));
        }

        List<String> baseLost = base == null ? List.of() : base.lostIds();
        if (base != null) {
            System.out.println("---------------------------------------- baseline ----------------------------------------");
            System.out.printf(Locale.ROOT, "Baseline           raw Artemis %s queue %s: %d producers, durable synchronous sends, 1 consumer%n",
                    o.baselineUrl, o.baselineQueue, o.baselineProducers);
            System.out.printf(Locale.ROOT, "Messages           %d measured (+%d warm-up); sent %d, failed %d %s%n",
                    o.baselineMessages, o.warmup, base.sent(), base.failedCount(),
                    base.failedCount() > 0 ? base.failureKinds() : "");
            base.failureSamples().forEach(s -> System.out.println("  failure          " + s));
            System.out.printf(Locale.ROOT, "Received           %d; lost %d; duplicates %d; strays %d; drained before run %d%n",
                    base.receivedCount(), baseLost.size(), base.duplicates(), baseStrays, drainedBase);
            System.out.printf(Locale.ROOT, "Duration           %.3f s (first send -> last arrival)%n", base.durationSeconds());
            System.out.printf(Locale.ROOT, "Throughput         %.1f msg/s end to end   (sends alone: %.1f msg/s)%n",
                    base.throughput(), base.acceptRate());
            System.out.println("Send latency       " + Run.percentiles(base.requestLatency()) + "   send() returns");
            System.out.println("End-to-end latency " + Run.percentiles(base.endToEndLatency()) + "   send -> consumer");
            double ratio = base.throughput() > 0 ? hub.throughput() / base.throughput() : 0;
            System.out.println("------------------------------------------------------------------------------------------");
            System.out.printf(Locale.ROOT, "Ratio hub/baseline %.3f   (%.1f msg/s / %.1f msg/s end-to-end throughput)%n",
                    ratio, hub.throughput(), base.throughput());
        }
        int code;
        String verdict;
        if (!hubLost.isEmpty() || !baseLost.isEmpty()) {
            code = 1;
            verdict = "FAIL: " + hubLost.size() + " hub message(s) and " + baseLost.size() + " baseline message(s) lost";
        } else if (hub.failedCount() > 0 || (base != null && base.failedCount() > 0)) {
            code = 2;
            verdict = "FAIL: nothing lost, but " + hub.failedCount() + " POST(s)"
                    + (base != null ? " and " + base.failedCount() + " baseline send(s)" : "") + " failed";
        } else {
            code = 0;
            verdict = "OK: every accepted message arrived";
        }
        System.out.println("Result             " + verdict + " (exit " + code + ")");
        System.out.println("==========================================================================================");
        return code;
    }

    private static String shortLine(Run r) {
        return String.format(Locale.ROOT, "%s: %d sent, %d accepted, %d received, %d failed, %d not arrived; %.1f s from first send to last arrival",
                r.name, r.sent(), r.acceptedCount(), r.receivedCount(), r.failedCount(), r.lostIds().size(),
                r.durationSeconds());
    }

    private void checkReadiness() {
        URI readiness = URI.create(o.url.replaceAll("/+$", "") + "/actuator/health/readiness");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.out.println("Warning: hub readiness answered " + r.statusCode() + " " + LoadSupport.abbreviate(r.body(), 200));
            }
        } catch (IOException e) {
            System.out.println("Warning: hub readiness not reachable at " + readiness + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The hub's stored status of a message, for lost messages (a read: HTTPS, as the operator). */
    private String status(String id) {
        if (admin == null) {
            return "unknown (reading it needs --admin-password-file)";
        }
        try {
            HttpResponse<String> r = admin.fetch("/api/v1/messages/" + id);
            return r.statusCode() + " " + LoadSupport.abbreviate(r.body(), 400);
        } catch (IOException e) {
            return String.valueOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    // ---- payload ------------------------------------------------------------------------------------------------

    /** The template with a fresh messageId, the chosen sender and recipient, a fresh caseId (unless --same-case) and sentAt now. */
    private byte[] payload(String id) {
        ObjectNode m = template.deepCopy();
        m.put("messageId", id);
        m.put("sender", o.sender);
        m.put("recipient", o.recipient);
        if (!o.sameCase) {
            m.put("caseId", o.sender + "-L-" + id);
        }
        m.put("sentAt", SENT_AT.format(OffsetDateTime.now(ZoneOffset.ofHours(8))));
        JsonNode body = m.path("body");
        if ("CASE_DISPATCH".equals(m.path("type").asText()) && body instanceof ObjectNode b && b.has("courtCode")) {
            b.put("courtCode", o.sender);
        }
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode loadTemplate(String file) throws IOException {
        if (file != null) {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of(file)));
        }
        Path local = Path.of("schemas/examples/case-dispatch.json");
        if (Files.isRegularFile(local)) {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(local));
        }
        try (InputStream in = LoadTool.class.getClassLoader().getResourceAsStream("schemas/examples/case-dispatch.json")) {
            if (in == null) {
                throw new IOException("No message template: give --template FILE");
            }
            return (ObjectNode) JSON.readTree(in);
        }
    }

    // ---- small things -------------------------------------------------------------------------------------------



    /** Keeps client libraries (qpid-jms, Netty, Artemis) at WARN when Logback is the logging backend. */
    private static void quietLogging() {
        try {
            org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        } catch (LinkageError ignored) {
            // another backend: leave it as configured
        }
    }

    /** Command-line options, each defaulting to the system property load.<name>, then to the built-in default. */
    static final class Options {
        String url;
        String amqp;
        int messages;
        int concurrency;
        int warmup;
        String sender;
        String recipient;
        int timeoutSeconds;
        boolean sameCase;
        String template;
        String tlsUrl;
        String caFile;
        String adminUser;
        String adminPasswordFile;
        String amqpUser;
        String amqpPasswordFile;
        boolean skipBaseline;
        int baselineProducers;
        int baselineMessages;
        String baselineUrl;
        String baselineQueue;

        private static final List<String> FLAGS = List.of("skip-baseline", "same-case", "help");
        private static final List<String> VALUED = List.of("url", "amqp", "messages", "concurrency", "warmup", "sender", "tls-url", "ca-file",
                "admin-user", "admin-password-file",
                "recipient", "timeout", "template", "baseline-producers", "baseline-messages", "baseline-url",
                "baseline-queue", "amqp-user", "amqp-password-file");

        static Options parse(String[] args) throws UsageException {
            Map<String, String> given = new LinkedHashMap<>();
            for (String name : FLAGS) {
                addProperty(given, name);
            }
            for (String name : VALUED) {
                addProperty(given, name);
            }
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.isBlank()) {
                    continue;
                }
                if (!a.startsWith("--")) {
                    throw new UsageException("Unexpected argument: " + a, false);
                }
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (FLAGS.contains(name)) {
                    given.put(name, value == null ? "true" : value);
                } else if (VALUED.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("Option --" + name + " needs a value", false);
                        }
                        value = args[++i];
                    }
                    given.put(name, value);
                } else {
                    throw new UsageException("Unknown option: " + a, false);
                }
            }
            if (Boolean.parseBoolean(given.get("help"))) {
                throw new UsageException("Load tool of the Court Mediation Integration Hub", true);
            }
            Options o = new Options();
            o.url = given.getOrDefault("url", "http://127.0.0.1:8080");
            o.tlsUrl = given.getOrDefault("tls-url", "https://127.0.0.1:8443");
            o.caFile = given.get("ca-file");
            o.adminUser = given.getOrDefault("admin-user", "admin");
            o.adminPasswordFile = given.get("admin-password-file");
            if (o.adminPasswordFile != null && o.caFile == null) {
                throw new UsageException("--admin-password-file needs --ca-file (the hub CA, <data-dir>/pki/hub-ca.pem)", false);
            }
            o.amqp = given.getOrDefault("amqp", "amqp://127.0.0.1:61616");
            o.amqpUser = given.get("amqp-user");
            o.amqpPasswordFile = given.get("amqp-password-file");
            o.messages = positive(given, "messages", 5000);
            o.concurrency = positive(given, "concurrency", 16);
            o.warmup = number(given, "warmup", 200);
            o.sender = given.getOrDefault("sender", "C110105");
            o.recipient = given.getOrDefault("recipient", "PBOC");
            o.timeoutSeconds = positive(given, "timeout", 60);
            o.sameCase = Boolean.parseBoolean(given.getOrDefault("same-case", "false"));
            o.template = given.get("template");
            o.skipBaseline = Boolean.parseBoolean(given.getOrDefault("skip-baseline", "false"));
            o.baselineProducers = positive(given, "baseline-producers", 8);
            o.baselineMessages = positive(given, "baseline-messages", o.messages);
            o.baselineUrl = given.getOrDefault("baseline-url", o.amqp);
            o.baselineQueue = given.getOrDefault("baseline-queue", "load.baseline");
            return o;
        }

        private static void addProperty(Map<String, String> given, String name) {
            String v = System.getProperty("load." + name);
            if (v != null && !v.isBlank()) {
                given.put(name, v.trim());
            }
        }

        private static int positive(Map<String, String> given, String name, int dflt) throws UsageException {
            int n = number(given, name, dflt);
            if (n <= 0) {
                throw new UsageException("--" + name + " must be positive", false);
            }
            return n;
        }

        private static int number(Map<String, String> given, String name, int dflt) throws UsageException {
            String v = given.get(name);
            if (v == null) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n < 0) {
                    throw new UsageException("--" + name + " must not be negative", false);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " is not a number: " + v, false);
            }
        }
    }

    /** A bad command line (or --help). */
    static final class UsageException extends Exception {
        final boolean help;

        UsageException(String message, boolean help) {
            super(message);
            this.help = help;
        }
    }
}
