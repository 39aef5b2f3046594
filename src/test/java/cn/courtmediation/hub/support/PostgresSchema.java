package cn.courtmediation.hub.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a test hub at the machine's PostgreSQL (127.0.0.1:5432, user postgres) in a fresh schema that Flyway creates. */
public final class PostgresSchema {
    private PostgresSchema() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        register(registry, host());
    }

    /** The same through another host:port that forwards to host() (a TcpProxy that a test can cut). */
    public static void register(DynamicPropertyRegistry registry, String host) {
        String schema = "hub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + host + "/postgres?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("PGUSER_IT", "postgres"));
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> true);
    }

    /** The machine's PostgreSQL, host:port. */
    public static String host() {
        return System.getenv().getOrDefault("PGHOST_IT", "127.0.0.1:5432");
    }
}
