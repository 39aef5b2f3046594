package cn.courtmediation.hub.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Overview's numbers, from the stored messages and the quarantine with indexed time-range queries: accepted,
 * delivered, refused and failed per minute over the last hour, delivery latency (p50, p99) per minute from the latest
 * deliveries, and the pending, retrying, parked and dead-lettered counts. Computed at most once per refresh period
 * however many consoles poll (each poll would otherwise read the hour again).
 */
@Component
class TrafficSummary {
    static final int MINUTES = 60;
    // latency from at most this many of the latest deliveries: bounded work with a million stored messages
    private static final int LATENCY_SAMPLES = 10_000;
    private static final Duration FRESH = Duration.ofSeconds(4);

    /** One minute of traffic; latency in ms (null without deliveries that minute). */
    record Minute(Instant at, long accepted, long delivered, long refused, long failed, Long p50, Long p99) {
    }

    /** What the Overview shows. */
    record Summary(Instant at, List<Minute> minutes, Map<String, Long> counts, Long p50, Long p99, int latencySamples) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();
    private volatile Summary last;

    TrafficSummary(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Summary current() {
        Summary s = last;
        if (s == null || s.at().plus(FRESH).isBefore(clock.instant())) {
            s = compute();
            last = s;
        }
        return s;
    }

    private Summary compute() {
        Instant now = clock.instant();
        Instant from = now.truncatedTo(ChronoUnit.MINUTES).minus(MINUTES - 1, ChronoUnit.MINUTES);
        Map<Instant, Long> accepted = perMinute("messages", "received_at", from);
        Map<Instant, Long> delivered = perMinute("messages", "delivered_at", from);
        Map<Instant, Long> failed = perMinute("messages", "failed_at", from);
        Map<Instant, Long> refused = perMinute("quarantine", "received_at", from);
        Map<Instant, List<Long>> latencies = new HashMap<>();
        List<Long> all = new ArrayList<>();
        jdbc.query("select received_at, delivered_at from messages where delivered_at >= ? order by delivered_at desc fetch first "
                + LATENCY_SAMPLES + " rows only", rs -> {
                    Instant received = rs.getTimestamp(1).toInstant();
                    Instant done = rs.getTimestamp(2).toInstant();
                    long ms = Math.max(0, Duration.between(received, done).toMillis());
                    latencies.computeIfAbsent(done.truncatedTo(ChronoUnit.MINUTES), k -> new ArrayList<>()).add(ms);
                    all.add(ms);
                }, Timestamp.from(from));
        List<Minute> minutes = new ArrayList<>();
        for (int i = 0; i < MINUTES; i++) {
            Instant m = from.plus(i, ChronoUnit.MINUTES);
            List<Long> l = latencies.get(m);
            minutes.add(new Minute(m, accepted.getOrDefault(m, 0L), delivered.getOrDefault(m, 0L), refused.getOrDefault(m, 0L),
                    failed.getOrDefault(m, 0L), percentile(l, 50), percentile(l, 99)));
        }
        // the last five minutes' latency, or what the samples hold
        List<Long> recent = new ArrayList<>();
        Instant fiveAgo = now.minus(5, ChronoUnit.MINUTES);
        latencies.forEach((m, l) -> {
            if (!m.isBefore(fiveAgo.truncatedTo(ChronoUnit.MINUTES))) {
                recent.addAll(l);
            }
        });
        return new Summary(now, minutes, counts(), percentile(recent, 50), percentile(recent, 99), all.size());
    }

    private Map<String, Long> counts() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("pending", count("select count(*) from messages where status in ('ACCEPTED', 'RELAYED', 'EXPANDING') and attempts = 0"));
        c.put("retrying", count("select count(*) from messages where status = 'RELAYED' and attempts > 0"));
        c.put("parked", count("select count(*) from messages where status = 'PARKED'"));
        c.put("deadLettered", count("select count(*) from messages where status = 'FAILED'"));
        return c;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private Map<Instant, Long> perMinute(String table, String column, Instant from) {
        Map<Instant, Long> out = new HashMap<>();
        jdbc.query("select date_trunc('minute', " + column + ") m, count(*) from " + table + " where " + column + " >= ? group by date_trunc('minute', "
                + column + ")", rs -> {
                    out.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
                }, Timestamp.from(from));
        return out;
    }

    static Long percentile(List<Long> values, int p) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
