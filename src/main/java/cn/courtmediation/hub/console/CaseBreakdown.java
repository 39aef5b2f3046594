package cn.courtmediation.hub.console;

import cn.courtmediation.hub.cases.CaseStatistics;
import cn.courtmediation.hub.cases.Statistics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Statistics page's figures: the nation's lifecycle statistics of the period (cases/CaseStatistics, as
 * GET /api/v1/statistics computes them) and the same figures grouped by court, region (province), partner (mediator)
 * and dispute type, the 15 largest groups each, in one grouped query per dimension. Cached per period for 30 s.
 */
@Component
class CaseBreakdown {
    static final int TOP = 15;
    private static final Duration FRESH = Duration.ofSeconds(30);
    private static final String SECONDS = "(extract(epoch from concluded_at) - extract(epoch from accepted_at))";
    /** Dimension name to the grouped column. */
    static final Map<String, String> DIMENSIONS = Map.of("court", "court_code", "region", "substring(region, 1, 2)", "partner", "mediator_code",
            "disputeType", "dispute_type");

    /** One group: cases dispatched, decided, succeeded, the success rate of the decided and the mean mediation days. */
    record Group(String key, long dispatched, long decided, long succeeded, BigDecimal successRate, BigDecimal averageDays) {
    }

    /** The period's figures. */
    record Breakdown(Instant from, Instant to, Statistics overall, Map<String, List<Group>> by, Instant computedAt) {
    }

    private final JdbcTemplate jdbc;
    private final CaseStatistics statistics;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Breakdown> cache = new ConcurrentHashMap<>();

    CaseBreakdown(JdbcTemplate jdbc, CaseStatistics statistics) {
        this.jdbc = jdbc;
        this.statistics = statistics;
    }

    /** The first and last day a case was dispatched (indexed min and max), or null when none was. */
    java.time.LocalDate[] span() {
        java.time.LocalDate[] span = jdbc.query("select min(dispatched_at), max(dispatched_at) from cases", rs -> {
            if (!rs.next() || rs.getTimestamp(1) == null) {
                return null;
            }
            return new java.time.LocalDate[] {rs.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate(),
                    rs.getTimestamp(2).toInstant().atZone(ZoneOffset.UTC).toLocalDate()};
        });
        return span;
    }

    Breakdown of(Instant from, Instant to) {
        String key = from + "/" + to;
        Breakdown b = cache.get(key);
        if (b == null || b.computedAt().plus(FRESH).isBefore(clock.instant())) {
            if (cache.size() > 50) {
                cache.clear();
            }
            b = compute(from, to);
            cache.put(key, b);
        }
        return b;
    }

    private Breakdown compute(Instant from, Instant to) {
        Map<String, List<Group>> by = new java.util.LinkedHashMap<>();
        for (String d : List.of("court", "region", "partner", "disputeType")) {
            by.put(d, groups(DIMENSIONS.get(d), from, to));
        }
        return new Breakdown(from, to, statistics.between(from, to), by, clock.instant());
    }

    private List<Group> groups(String column, Instant from, Instant to) {
        String sql = "select " + column + " as k, count(*) as dispatched,"
                + " count(*) filter (where outcome in ('SUCCEEDED', 'FAILED', 'REFUSED', 'EXPIRED')) as decided,"
                + " count(*) filter (where outcome = 'SUCCEEDED') as succeeded, avg(" + SECONDS + ") as avg_seconds"
                + " from cases where dispatched_at is not null and dispatched_at >= ? and dispatched_at < ? and " + column + " is not null"
                + " group by " + column + " order by count(*) desc, " + column + " fetch first " + TOP + " rows only";
        return jdbc.query(sql, (rs, i) -> {
            long decided = rs.getLong("decided");
            long succeeded = rs.getLong("succeeded");
            Object avg = rs.getObject("avg_seconds");
            return new Group(rs.getString("k"), rs.getLong("dispatched"), decided, succeeded,
                    decided == 0 ? null : BigDecimal.valueOf(succeeded).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP),
                    avg == null ? null : new BigDecimal(avg.toString()).divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP));
        }, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }
}
