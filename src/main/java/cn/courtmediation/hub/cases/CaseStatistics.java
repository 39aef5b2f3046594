package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.registry.Participant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Computes the case statistics (counts, success rate, mediation days, extensions, near deadlines) in SQL over the cases table. */
@Component
public class CaseStatistics {
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    /** Who can mediate a case; a court only dispatches. */
    private static final Set<String> MEDIATOR_KINDS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.stream(Participant.Kind.values())
            .filter(k -> k != Participant.Kind.COURT).map(Enum::name).toList()));

    /*
     * The counts and the mean in one pass over the filtered cases, then the p90 as the one duration at its nearest
     * rank (ORDER BY ... OFFSET), so no list of durations is ever held in memory. Not PERCENTILE_DISC: H2 2.3 does
     * not compute it as nearest rank (0.9 of 1..8 gives 7 there, 8 on PostgreSQL). Durations are epoch differences
     * in seconds because interval arithmetic differs between the two databases.
     */
    private static final String MEDIATION_SECONDS = "(extract(epoch from concluded_at) - extract(epoch from accepted_at))";
    private static final String FIGURES = "select count(*) as dispatched, count(accepted_at) as accepted,"
            + " count(*) filter (where outcome = 'SUCCEEDED') as succeeded,"
            + " count(*) filter (where outcome = 'FAILED') as failed,"
            + " count(*) filter (where outcome = 'REFUSED') as refused,"
            + " count(*) filter (where outcome = 'EXPIRED') as expired,"
            + " count(*) filter (where outcome = 'WITHDRAWN') as withdrawn,"
            + " count(filing_reason) as transferred,"
            + " count(" + MEDIATION_SECONDS + ") as measured,"
            + " avg(" + MEDIATION_SECONDS + ") as avg_seconds,"
            + " count(*) filter (where extension_days > 0) as extended,"
            + " count(*) filter (where state in ('IN_MEDIATION', 'EXTENDED') and deadline_at <= ?) as near"
            + " from cases where dispatched_at is not null";
    private static final String NTH_DAYS = "select " + MEDIATION_SECONDS + " as seconds from cases where dispatched_at is not null"
            + " and concluded_at is not null and accepted_at is not null";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration nearDeadline;
    private final Set<String> disputeTypes;

    CaseStatistics(JdbcTemplate jdbc, Clock clock, ObjectMapper json, LifecycleSettings settings) throws IOException {
        this.jdbc = jdbc;
        this.clock = clock;
        this.nearDeadline = settings.nearDeadline();
        // the dispute types are the contract's: the enum of schemas/case.schema.json, never a copy in code
        try (InputStream in = new ClassPathResource("schemas/case.schema.json").getInputStream()) {
            Set<String> types = new LinkedHashSet<>();
            json.readTree(in).at("/properties/disputeType/enum").forEach(t -> types.add(t.asText()));
            this.disputeTypes = Collections.unmodifiableSet(types);
        }
    }

    /** Checks and resolves the raw query values (MALFORMED with every problem when one is bad). */
    StatisticsFilter filter(String from, String to, String court, String region, String partner, String mediatorKind, String disputeType) {
        return StatisticsFilter.parse(from, to, court, region, partner, mediatorKind, disputeType, MEDIATOR_KINDS, disputeTypes,
                clock.getZone());
    }

    /** The figures of the cases dispatched in [from, to), unfiltered otherwise (the demo scenario reports its year with them). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Statistics between(Instant from, Instant to) {
        return compute(new StatisticsFilter(from, to, null, null, null, null, null), StatisticsScope.NATION);
    }

    /**
     * The figures of the cases in the caller's scope that match the filters (both apply: a filter outside the scope
     * counts nothing). One repeatable-read snapshot, so that the p90 is taken from the same cases as the counts.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Statistics compute(StatisticsFilter f, StatisticsScope scope) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // the precision the database keeps
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            where.append(" and dispatched_at >= ?");
            args.add(f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            where.append(" and dispatched_at < ?");
            args.add(f.to().atOffset(ZoneOffset.UTC));
        }
        equal(where, args, "court_code", f.court());
        equal(where, args, "mediator_code", f.partner());
        equal(where, args, "mediator_kind", f.mediatorKind());
        equal(where, args, "dispute_type", f.disputeType());
        region(where, args, f.region());
        equal(where, args, "court_code", scope.court());
        equal(where, args, "mediator_code", scope.mediator());
        region(where, args, scope.region());
        List<Object> figureArgs = new ArrayList<>();
        figureArgs.add(now.plus(nearDeadline).atOffset(ZoneOffset.UTC));
        figureArgs.addAll(args);
        Map<String, Object> row = jdbc.queryForMap(FIGURES + where, figureArgs.toArray());
        long succeeded = count(row, "succeeded");
        long failed = count(row, "failed");
        long refused = count(row, "refused");
        long expired = count(row, "expired");
        long decided = succeeded + failed + refused + expired;
        long measured = count(row, "measured");
        BigDecimal p90 = null;
        if (measured > 0) {
            // nearest rank: the ceil(0.9 n)-th smallest, in integers
            long rank = (9 * measured + 9) / 10;
            p90 = jdbc.queryForObject(NTH_DAYS + where + " order by seconds offset " + (rank - 1) + " rows fetch next 1 rows only",
                    BigDecimal.class, args.toArray());
        }
        return new Statistics(f, scope, now, days(nearDeadline), count(row, "dispatched"), count(row, "accepted"),
                succeeded, failed, refused, expired, count(row, "withdrawn"), count(row, "transferred"),
                decided == 0 ? null : BigDecimal.valueOf(succeeded).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP),
                measured, toDays((Number) row.get("avg_seconds")), toDays(p90), count(row, "extended"), count(row, "near"));
    }

    /** Counts come back as Long or Integer depending on the database. */
    private static long count(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static void equal(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static void region(StringBuilder where, List<Object> args, String prefix) {
        if (prefix != null) {
            where.append(" and region like ?");
            args.add(prefix + "%"); // digits only (the filter's are checked, a scope's taken only when digits), so no LIKE wildcard
        }
    }

    private static BigDecimal toDays(Number seconds) {
        return seconds == null ? null : new BigDecimal(seconds.toString()).divide(SECONDS_PER_DAY, 2, RoundingMode.HALF_UP);
    }

    /** P5D rather than Duration's PT120H, as the setting is written. */
    private static String days(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }
}
