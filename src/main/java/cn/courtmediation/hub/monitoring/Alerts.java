package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The alerts (table alerts), de-duplicated: a fault seen again counts up its open alert (occurrences, last seen, the
 * latest measure) instead of making a new one; an open alert whose fault is no longer seen is resolved. The unique
 * open_key keeps one open alert per fault even when two replicas evaluate at once.
 */
@Component("alerts")
public class Alerts {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    private static final int MAX_PAGE = 500;

    /** An alert as listed. */
    public record Alert(long alertId, String kind, String subject, String severity, String detail, Long measure, int occurrences,
                        OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, OffsetDateTime resolvedAt,
                        OffsetDateTime acknowledgedAt, String acknowledgedBy) {
        public boolean open() {
            return resolvedAt == null;
        }
    }

    /** What changed in one evaluation: the alerts that opened and the ones that resolved (for the webhook). */
    public record Change(String event, Alert alert) {
    }

    private static final String COLUMNS = "alert_id, kind, subject, severity, detail, measure, occurrences, first_seen_at,"
            + " last_seen_at, resolved_at, acknowledged_at, acknowledged_by";
    private final JdbcTemplate jdbc;
    private final Clock clock;

    Alerts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Applies one evaluation: counts up or opens an alert per fault, resolves the open ones of the rules that ran and no
     * longer see them. Answers the changes.
     */
    public List<Change> apply(AlertRules.Evaluation evaluation) {
        List<Fault> faults = evaluation.faults();
        Set<String> evaluatedKinds = evaluation.evaluated().stream().map(Enum::name).collect(Collectors.toSet());
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Change> changes = new ArrayList<>();
        Map<String, Fault> seen = new HashMap<>();
        faults.forEach(f -> seen.putIfAbsent(f.key(), f));
        for (Fault f : seen.values()) {
            int updated = jdbc.update("update alerts set occurrences = occurrences + 1, last_seen_at = ?, detail = ?, measure = ?,"
                    + " severity = ? where open_key = ?", now, f.detail(), f.measure(), f.severity().name(), f.key());
            if (updated == 0) {
                try {
                    jdbc.update("insert into alerts (kind, subject, open_key, severity, detail, measure, occurrences, first_seen_at,"
                                    + " last_seen_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?)", f.kind().name(), f.subject(), f.key(),
                            f.severity().name(), f.detail(), f.measure(), now, now);
                    find(f.key()).ifPresent(a -> changes.add(new Change("OPENED", a)));
                    LOG.warn("Alert {} {}: {}", f.kind(), f.subject(), f.detail());
                } catch (DuplicateKeyException another) {
                    // another replica opened it in the same instant: its row is the one alert
                    LOG.debug("Alert {} opened by another evaluation", f.key());
                }
            }
        }
        Set<String> open = jdbc.queryForList("select open_key from alerts where open_key is not null", String.class).stream()
                .collect(Collectors.toSet());
        for (String key : open) {
            if (!seen.containsKey(key) && evaluatedKinds.contains(key.substring(0, key.indexOf(':')))) {
                Alert a = find(key).orElse(null);
                if (jdbc.update("update alerts set open_key = null, resolved_at = ? where open_key = ?", now, key) == 1 && a != null) {
                    LOG.info("Alert {} {} resolved after {} evaluation(s)", a.kind(), a.subject(), a.occurrences());
                    changes.add(new Change("RESOLVED", get(a.alertId())));
                }
            }
        }
        return changes;
    }

    /** Alerts newest first: open ones (state OPEN), resolved ones (RESOLVED) or all; optionally of one subject. */
    public List<Alert> list(String state, String subject, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new HubException(ErrorCode.MALFORMED, "page must be >= 0 and size between 1 and " + MAX_PAGE + ".");
        }
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if ("OPEN".equalsIgnoreCase(state)) {
            where.append(" and resolved_at is null");
        } else if ("RESOLVED".equalsIgnoreCase(state)) {
            where.append(" and resolved_at is not null");
        } else if (state != null && !"ALL".equalsIgnoreCase(state)) {
            throw new HubException(ErrorCode.MALFORMED, "state must be OPEN, RESOLVED or ALL.");
        }
        if (subject != null) {
            where.append(" and subject = ?");
            args.add(subject);
        }
        return jdbc.query("select " + COLUMNS + " from alerts" + where + " order by last_seen_at desc, alert_id desc offset "
                + ((long) page * size) + " rows fetch next " + size + " rows only", Alerts::map, args.toArray());
    }

    public long countOpen() {
        Long n = jdbc.queryForObject("select count(*) from alerts where open_key is not null", Long.class);
        return n == null ? 0 : n;
    }

    /** Acknowledges the alert (open or resolved): who and when. NOT_FOUND for an unknown id. */
    public Alert acknowledge(long alertId, String by) {
        if (jdbc.update("update alerts set acknowledged_at = ?, acknowledged_by = ? where alert_id = ?",
                OffsetDateTime.now(clock), by, alertId) == 0) {
            throw new HubException(ErrorCode.NOT_FOUND, "No alert " + alertId + ".");
        }
        return get(alertId);
    }

    public Alert get(long alertId) {
        return jdbc.query("select " + COLUMNS + " from alerts where alert_id = ?", Alerts::map, alertId).stream().findFirst()
                .orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND, "No alert " + alertId + "."));
    }

    private java.util.Optional<Alert> find(String openKey) {
        return jdbc.query("select " + COLUMNS + " from alerts where open_key = ?", Alerts::map, openKey).stream().findFirst();
    }

    private static Alert map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6) == null ? null : rs.getLong(6), rs.getInt(7), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class),
                rs.getString(12));
    }
}
