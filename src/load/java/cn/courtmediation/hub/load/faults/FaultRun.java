package cn.courtmediation.hub.load.faults;

import cn.courtmediation.hub.load.HubAdmin;
import cn.courtmediation.hub.load.LoadSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One fault run (scripts/fault-run.sh): a fresh hub from the built jar, a fixed load of signed messages from an
 * independent client, the scenario's faults, then the figures (lost, duplicated, errors, order) printed and written
 * into docs/reliability.md. Exit code: 0 nothing lost or duplicated, 1 something was, 3 setup failed, 64 usage.
 */
public final class FaultRun {
    static final String USAGE = """
            usage: FaultRun --scenario ID --jar FILE --work DIR [options]
              --scenario ID          kill9-h2 | kill9-postgres | broker-kill | db-refuse | court-down | sigterm | no-fault
              --messages N           signed messages (default 5000)
              --per-case K           messages per case, each sent after the previous one was acknowledged (default 5)
              --concurrency C        cases sent at once (default 8)
              --drain-timeout S      how long after the last acknowledgement a message may still arrive (default 180)
              --jar FILE             the hub (target/mediation-hub.jar)
              --work DIR             temporary directory of this run (data dirs, logs)
              --artemis-home DIR     unpacked apache-artemis-2.40.0 (broker-kill)
              --broker-xml FILE      broker settings to apply (docker/artemis/etc-override/broker.xml)
              --database NAME        PostgreSQL database to create (and drop) for this run
              --doc FILE             docs/reliability.md to update (omit: no update)
              --commit SHA           commit of the hub under test, for the table
              --summary FILE         append the result's row to this plain-text table
            environment: FAULT_START_TIMEOUT seconds a hub (re)start may take until ready (default 300)
            """;
    private static final String SENDER = "C110105";
    private static final String PARTNER = "PBOC";
    private static final String COURT = "CFAULT01";
    private static final Duration QUIET = Duration.ofSeconds(60);

    private FaultRun() {
    }

    public static void main(String[] args) {
        quietLogging();
        int code;
        try {
            Map<String, String> o = parse(args);
            code = run(o);
        } catch (IllegalArgumentException e) {
            System.err.println("fault run: " + e.getMessage());
            System.err.print(USAGE);
            code = 64;
        } catch (Exception e) {
            System.out.flush();
            System.err.println("fault run: failed: " + e.getMessage());
            if (!(e instanceof IOException)) {
                // not one of the tool's own explanations (those are IOExceptions with the hub log's tail): show where
                e.printStackTrace();
            }
            code = 3;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static int run(Map<String, String> o) throws Exception {
        Scenario scenario = Scenario.byId(require(o, "scenario"))
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + o.get("scenario")));
        int messages = Integer.parseInt(o.getOrDefault("messages", "5000"));
        int perCase = Integer.parseInt(o.getOrDefault("per-case", "5"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "8"));
        Duration drain = Duration.ofSeconds(Long.parseLong(o.getOrDefault("drain-timeout", "180")));
        Path jar = Path.of(require(o, "jar")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(require(o, "work")).resolve(scenario.id));
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no hub jar at " + jar);
        }
        String runTag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase(Locale.ROOT);
        System.out.printf(Locale.ROOT, "== fault run %s: %s; %d messages (%d per case, %d at once); work %s%n",
                scenario.id, scenario.setup(), messages, perCase, concurrency, work);

        Ledger ledger = new Ledger();
        Rig rig = new Rig();
        Thread hook = new Thread(() -> {
            // only a signal (or System.exit elsewhere) gets here: say so, since the run's figures are then incomplete
            System.err.println("fault run: the tool was stopped by a signal; killing the hub and broker it started");
            rig.emergencyStop();
        }, "fault-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        FaultResult result;
        try {
            setUp(rig, scenario, o, jar, work, ledger);
            result = drive(rig, scenario, ledger, messages, perCase, concurrency, drain, runTag);
        } finally {
            rig.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        print(result);
        if (o.containsKey("summary")) {
            appendSummary(Path.of(o.get("summary")), result);
        }
        if (o.containsKey("doc")) {
            String machine = Runtime.getRuntime().availableProcessors() + " CPUs (nproc), Java " + Runtime.version().feature();
            ReliabilityDoc.update(Path.of(o.get("doc")), result, LocalDate.now().toString(), o.getOrDefault("commit", "?"), machine);
        }
        return result.clean() ? 0 : 1;
    }

    /** Database, broker, hub, receivers: everything the scenario needs, started and registered with the rig. */
    private static void setUp(Rig rig, Scenario s, Map<String, String> o, Path jar, Path work, Ledger ledger) throws Exception {
        Set<Integer> taken = new HashSet<>();
        int httpPort = freePort(taken);
        int brokerPort = freePort(taken);
        int tlsPort = freePort(taken);
        Map<String, String> env = new HashMap<>();
        env.put("HUB_BROKER_PORT", String.valueOf(brokerPort));
        env.put("HUB_BROKER_HOST", "127.0.0.1");
        // no AMQP-over-TLS acceptor: the run uses the plain one, and 5671 may be taken
        env.put("HUB_BROKER_TLS_PORT", "-1");
        List<String> profiles = new ArrayList<>();
        if (s.store != Scenario.Store.H2) {
            rig.database = rig.own(Postgres.create(require(o, "database")));
            int dbPort = Postgres.PORT;
            if (s.store == Scenario.Store.POSTGRES_PROXY) {
                rig.proxy = rig.own(new TcpProxy(freePort(taken), Postgres.HOST, Postgres.PORT));
                dbPort = rig.proxy.port();
            }
            profiles.add("postgres");
            env.put("DB_URL", rig.database.jdbcUrl(rig.proxy != null ? "127.0.0.1" : Postgres.HOST, dbPort));
            env.put("DB_USER", Postgres.USER);
            env.put("DB_PASSWORD", "");
        }
        String amqp = "amqp://127.0.0.1:" + brokerPort;
        String amqpUser = null;
        if (s.externalBroker) {
            rig.broker = rig.own(ExternalBroker.create(Path.of(require(o, "artemis-home")), Path.of(require(o, "broker-xml")), work, brokerPort));
            rig.broker.start(Duration.ofSeconds(120));
            profiles.add("external-broker");
            env.put("BROKER_URL", rig.broker.coreUrl());
            env.put("BROKER_USER", ExternalBroker.USER);
            env.put("BROKER_PASSWORD", ExternalBroker.PASSWORD);
            amqp = rig.broker.amqpUrl();
            amqpUser = ExternalBroker.USER;
        }
        if (!profiles.isEmpty()) {
            env.put("SPRING_PROFILES_ACTIVE", String.join(",", profiles));
        }
        Path projectDir = jar.getParent().getParent();
        // the first admin's password, made for this run (the hub stores only its hash); the file stays in the work dir
        Path adminPassword = work.resolve("admin-password");
        Files.writeString(adminPassword, randomPassword() + "\n");
        Files.setPosixFilePermissions(adminPassword, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        rig.hub = rig.own(new HubProcess(jar, projectDir, work.resolve("data"), work.resolve("hub.log"), httpPort, tlsPort, adminPassword, env));
        System.out.printf(Locale.ROOT, "starting the hub: HTTP %d, HTTPS %d, broker %d, log %s%n", httpPort, tlsPort, brokerPort,
                work.resolve("hub.log"));
        long t0 = System.nanoTime();
        rig.hub.start();
        rig.hub.awaitReady(HubProcess.startTimeout());
        System.out.printf(Locale.ROOT, "hub ready after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (s.target == Scenario.Target.COURT) {
            rig.court = rig.own(new CourtReceiver(freePort(taken), ledger));
            registerCourt(rig.hub.admin(), rig.court.endpoint());
        } else {
            // the embedded broker requires a login too: the hub's own account, generated into its data directory
            String amqpPassword = amqpUser != null ? ExternalBroker.PASSWORD
                    : Files.readString(work.resolve("data").resolve("pki").resolve("broker-hub-password")).trim();
            rig.queue = rig.own(new QueueReceiver(amqp, amqpUser != null ? amqpUser : "hub", amqpPassword,
                    "partner." + PARTNER + ".from-hub", ledger));
        }
    }

    /** The load, the faults, the drain; then the figures. */
    private static FaultResult drive(Rig rig, Scenario s, Ledger ledger, int messages, int perCase, int concurrency, Duration drain,
                                     String runTag) throws Exception {
        HubAdmin admin = rig.hub.admin();
        LoadSigner signer = LoadSigner.fetch(admin, SENDER);
        String recipient = s.target == Scenario.Target.COURT ? COURT : PARTNER;
        FaultClient client = new FaultClient(rig.hub.url(), signer, SENDER, recipient, runTag, ledger, Duration.ofMinutes(5));
        long t0 = System.nanoTime();
        Thread load = new Thread(() -> {
            try {
                client.run(messages, perCase, concurrency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fault-load");
        load.setDaemon(true);
        load.start();
        FaultDriver faults = new FaultDriver(s, rig, ledger, messages, load::isAlive, client::abort);
        Thread driver = faults.start();
        Progress progress = new Progress(s.id, ledger, () -> load.isAlive() ? faults.phase() : "draining (" + faults.phase() + ")", t0).start();
        try {
            load.join();
            long loadSeconds = (System.nanoTime() - t0) / 1_000_000_000L;
            driver.join(TimeUnit.MINUTES.toMillis(10));
            // the hub may still be restarting when the load ended; it must be up for the drain to mean anything
            rig.hub.awaitReady(HubProcess.startTimeout());
            long drainEnd = System.nanoTime() + drain.toNanos();
            long lastCount = -1;
            long lastChange = System.nanoTime();
            // until everything acknowledged has arrived, the drain timeout passed, or nothing arrived for QUIET (the
            // hub's retries and its relay sweep are seconds apart, so a minute of silence means nothing more is coming)
            while (!ledger.missing().isEmpty() && System.nanoTime() < drainEnd && System.nanoTime() - lastChange < QUIET.toNanos()) {
                TimeUnit.MILLISECONDS.sleep(250);
                long now = ledger.receivedDistinct();
                if (now != lastCount) {
                    lastCount = now;
                    lastChange = System.nanoTime();
                }
            }
            // late second copies arrive after the first ones: give them a moment to show
            TimeUnit.SECONDS.sleep(5);
            List<String> notes = new ArrayList<>(faults.notes());
            notes.add(0, "load " + loadSeconds + " s");
            if (ledger.lastFirstArrival() != 0) {
                notes.add(String.format(Locale.ROOT, "last arrival t=%.0fs", (ledger.lastFirstArrival() - t0) / 1e9));
            }
            if (faults.failure() != null) {
                notes.add("fault driver failed: " + faults.failure().getMessage());
            }
            List<String> missing = ledger.missing();
            if (!missing.isEmpty()) {
                notes.add("lost, hub status of e.g. " + statusSamples(admin, missing));
            }
            addCounters(notes, ledger, client, rig);
            long[] order = ledger.orderPairs();
            return new FaultResult(s.id, s.setup(), messages, ledger.sentCount(), ledger.acknowledgedCount(), ledger.receivedDistinct(),
                    missing.size(), ledger.duplicated(), ledger.errors(), ledger.slowAnswers(), order[0], order[1], String.join("; ", notes));
        } finally {
            progress.stop();
        }
    }

    private static void addCounters(List<String> notes, Ledger ledger, FaultClient client, Rig rig) {
        if (ledger.sentCount() != ledger.acknowledgedCount()) {
            notes.add((ledger.sentCount() - ledger.acknowledgedCount()) + " sent but never acknowledged (" + client.refused() + " refused, "
                    + client.givenUp() + " given up)");
        }
        if (ledger.receivedUnacknowledged() > 0) {
            notes.add(ledger.receivedUnacknowledged() + " received without an acknowledgement");
        }
        if (ledger.redeliveries() > 0) {
            notes.add(ledger.redeliveries() + " broker redeliveries of the same copy (not counted as duplicates)");
        }
        if (ledger.strays() > 0) {
            notes.add(ledger.strays() + " arrivals this client never sent");
        }
        if (rig.queue != null && rig.queue.failure() != null) {
            notes.add("receiver saw: " + abbreviate(rig.queue.failure(), 160));
        }
    }

    /** GET /api/v1/messages/{id} of up to three lost messages (HTTPS, as the admin): what the hub says became of them. */
    private static String statusSamples(HubAdmin admin, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(3, ids.size()))) {
            try {
                HttpResponse<String> r = admin.fetch("/api/v1/messages/" + id);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"").matcher(r.body());
                out.add(id.substring(0, 8) + " HTTP " + r.statusCode() + (m.find() ? " " + m.group(1) : ""));
            } catch (IOException e) {
                out.add(id.substring(0, 8) + " " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return String.join(", ", out);
    }

    /** Registers the run's REST court in the hub's registry, its endpoint our CourtReceiver. */
    private static void registerCourt(HubAdmin admin, String endpoint) throws IOException, InterruptedException {
        String body = "{\"code\":\"" + COURT + "\",\"kind\":\"COURT\",\"name\":\"Fault-run court\",\"region\":\"110105\",\"channel\":\"REST\","
                + "\"endpoint\":\"" + endpoint + "\",\"status\":\"ACTIVE\",\"courtLevel\":\"BASIC\"}";
        HttpResponse<String> r = admin.send(admin.request("/admin/registry/participants/" + COURT).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("registering court " + COURT + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** 24 random bytes, URL-safe base64: the run's first admin password. */
    private static String randomPassword() {
        byte[] b = new byte[24];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String tableHeader() {
        return String.format(Locale.ROOT, "%-15s %-55s %8s %8s %8s %6s %6s %7s %5s %10s", "scenario", "setup", "messages", "acked",
                "received", "LOST", "DUPL", "errors", "slow", "order");
    }

    private static String tableRow(FaultResult r) {
        return String.format(Locale.ROOT, "%-15s %-55s %8d %8d %8d %6d %6d %7d %5d %10s", r.scenario(), r.setup(), r.messages(),
                r.acknowledged(), r.received(), r.lost(), r.duplicated(), r.errorTotal(), r.slowAnswers(),
                r.orderPairs() == 0 ? "-" : r.outOfOrder() + "/" + r.orderPairs());
    }

    /** Appends the result's row to the summary file the script prints after all scenarios (header first when new). */
    private static void appendSummary(Path file, FaultResult r) throws IOException {
        String text = (Files.exists(file) && Files.size(file) > 0 ? "" : tableHeader() + "\n") + tableRow(r) + "\n";
        Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void print(FaultResult r) {
        System.out.println();
        System.out.println(tableHeader());
        System.out.println(tableRow(r));
        System.out.println("client-visible errors: " + r.errorText());
        System.out.println("notes: " + r.notes());
        System.out.println(r.clean() ? "RESULT " + r.scenario() + ": nothing lost or duplicated"
                : "RESULT " + r.scenario() + ": LOST " + r.lost() + ", DUPLICATED " + r.duplicated());
    }

    /** A port in 20000-32000 (below Linux's ephemeral range, so no outgoing connection takes it meanwhile) that binds now. */
    static int freePort(Set<Integer> taken) throws IOException {
        for (int i = 0; i < 500; i++) {
            int p = 20000 + ThreadLocalRandom.current().nextInt(12000);
            if (p == 8080 || taken.contains(p)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                taken.add(p);
                return p;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free port found");
    }

    /** Qpid JMS logs every reconnect attempt at INFO: during a hub restart that buries the progress lines. */
    private static void quietLogging() {
        try {
            org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(ch.qos.logback.classic.Level.WARN);
                // "failed to connect after N attempts, continuing": expected while the hub or broker is down
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.qpid.jms")).setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        } catch (LinkageError ignored) {
            // another backend: leave it as configured
        }
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }

    private static String require(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
