package cn.courtmediation.hub.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit trail of administration (table audit_events, append-only in the database): who, when, what, outcome. */
@Component
class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final int MAX_PATH = 2000;

    /** One entry as read back. */
    record Entry(long seq, OffsetDateTime at, String actor, String actorKind, String role, String method, String path, int status,
                 String outcome, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an entry; an entry that cannot be written is logged (the action itself has happened by then). */
    void record(Caller caller, String claimedUser, String method, String path, int status, String detail) {
        String actor = caller != null ? caller.name() : claimedUser != null ? claimedUser : "-";
        String kind = caller == null ? "ANONYMOUS" : caller.kind().name();
        String outcome = status >= 500 ? "FAILED" : status >= 400 ? "REFUSED" : "DONE";
        try {
            jdbc.update("insert into audit_events (at, actor, actor_kind, role, method, path, status, outcome, detail)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    clock.instant().atOffset(ZoneOffset.UTC), cut(actor, 200), kind, caller == null || caller.role() == null ? null : caller.role().name(),
                    method, cut(path, MAX_PATH), status, outcome, cut(detail, 2000));
        } catch (RuntimeException e) {
            LOG.error("Audit entry not written: {} {} {} by {} ({})", method, path, status, actor, e.toString());
        }
    }

    /** Appends an entry of the hub itself (actor kind SYSTEM): what it did on its own, such as reloading a route file. */
    void recordSystem(String actor, String method, String path, int status, String detail) {
        String outcome = status >= 500 ? "FAILED" : status >= 400 ? "REFUSED" : "DONE";
        try {
            jdbc.update("insert into audit_events (at, actor, actor_kind, role, method, path, status, outcome, detail)"
                            + " values (?, ?, 'SYSTEM', null, ?, ?, ?, ?, ?)",
                    clock.instant().atOffset(ZoneOffset.UTC), cut(actor, 200), method, cut(path, MAX_PATH), status, outcome, cut(detail, 2000));
        } catch (RuntimeException e) {
            LOG.error("Audit entry not written: {} {} {} by {} ({})", method, path, status, actor, e.toString());
        }
    }

    /** Entries after a sequence number, oldest first, optionally of one actor. */
    List<Entry> after(long afterSeq, String actor, int limit) {
        List<Object> args = new ArrayList<>();
        args.add(afterSeq);
        String where = "seq > ?";
        if (actor != null && !actor.isBlank()) {
            where += " and actor = ?";
            args.add(actor);
        }
        args.add(limit);
        return jdbc.query("select * from audit_events where " + where + " order by seq limit ?", AuditTrail::map, args.toArray());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Entry map(ResultSet rs, int i) throws SQLException {
        return new Entry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("actor_kind"),
                rs.getString("role"), rs.getString("method"), rs.getString("path"), rs.getInt("status"), rs.getString("outcome"),
                rs.getString("detail"));
    }
}
