package cn.courtmediation.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Gives each hub started by a test its own data directory, broker port and in-VM broker id, and short retry timings. */
public final class HubTestEnvironment {
    /** The first admin's password on every test hub (HUB_ADMIN_PASSWORD); support/Operators gets tokens with it. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private static final AtomicInteger SERVER_IDS = new AtomicInteger(100);
    /** The settings of the shared hubs, one set per database, made once per JVM (SharedHub). */
    private static final Map<String, Map<String, Object>> SHARED = new ConcurrentHashMap<>();

    private HubTestEnvironment() {
    }

    /** Registers the properties and returns the broker port the hub will accept AMQP/CORE on. */
    public static int register(DynamicPropertyRegistry registry) {
        int brokerPort = freePort();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("hub-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("hub.broker.port", () -> brokerPort);
        // the broker's AMQP TLS acceptor on a free port of its own (not 5671: several hubs run at once)
        int brokerTlsPort = freePort();
        registry.add("hub.broker.tls-port", () -> brokerTlsPort);
        // the HTTPS port on a free port (published as local.hub.tls.port), and a known first admin
        registry.add("hub.access.tls-port", () -> 0);
        registry.add("hub.access.initial-admin-password", () -> ADMIN_PASSWORD);
        registry.add("spring.artemis.embedded.server-id", SERVER_IDS::incrementAndGet);
        registry.add("hub.relay.sweep-interval", () -> 300);
        registry.add("hub.relay.stale-after", () -> "PT1S");
        registry.add("hub.delivery.redelivery-delay", () -> 50);
        registry.add("hub.delivery.max-redeliveries", () -> 2);
        registry.add("hub.partner.refresh-interval", () -> 500);
        registry.add("hub.intake.max-payload-bytes", () -> 65536);
        // Spring keeps every test context open until the JVM ends: each idle pool shrinks to nothing after 10 s, so
        // the PostgreSQL contexts together stay under the server's 100 connections ("too many clients" otherwise)
        registry.add("spring.datasource.hikari.minimum-idle", () -> 0);
        registry.add("spring.datasource.hikari.idle-timeout", () -> 10_000);
        // the demo scenario moves the hub's clock through a past year: only ScenarioIT runs it, and on its own
        registry.add("hub.demo.scenario.enabled", () -> false);
        // the JVM exits after the last test while cached contexts close: don't wait for in-flight timers
        registry.add("camel.main.shutdown-timeout", () -> 5);
        return brokerPort;
    }

    /**
     * The settings of the one hub that all integration tests on this database share (key "h2" or "postgres"): made on
     * the first call and the same afterwards, so that Spring's test context cache starts one hub per database.
     * The settings below are the union of what the sharing tests need; none of them depends on the defaults replaced.
     */
    static Map<String, Object> shared(String database) {
        return SHARED.computeIfAbsent(database, d -> {
            Map<String, Object> props = new LinkedHashMap<>();
            DynamicPropertyRegistry registry = (name, value) -> props.put(name, value.get());
            register(registry);
            if (d.equals("postgres")) {
                PostgresSchema.register(registry);
            }
            // TrustIT: a signature 3 hours old is STALE_MESSAGE; no test signs further from the hub's clock than a minute
            // (Lifecycle*IT sign at the moved clock's time)
            registry.add("hub.trust.signing-time-window", () -> "PT1H");
            // Lifecycle*IT: the deadline scan sees a moved clock within 200 ms
            registry.add("hub.lifecycle.scan-interval", () -> 200);
            // MetricsIT: Spring Boot's tests export no metrics unless told (management.defaults.metrics.export.enabled=false);
            // the hub's Prometheus endpoint is part of what they test
            registry.add("management.prometheus.metrics.export.enabled", () -> true);
            return Map.copyOf(props);
        });
    }

    /**
     * The properties of a hub a test starts itself, as command-line arguments: they take precedence over the profiles'
     * own settings (the postgres profile's datasource, for one).
     */
    public static String[] arguments(java.util.Map<String, Object> props) {
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
