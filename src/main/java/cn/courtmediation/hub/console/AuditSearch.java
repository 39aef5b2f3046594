package cn.courtmediation.hub.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the audit trail (table audit_events, written by access/AuditTrail) for the Audit page: newest first, a page at a
 * time by sequence number (keyset: no OFFSET over a long trail), filtered by actor (indexed with seq), path prefix and a
 * time range (indexed).
 */
@Component
class AuditSearch {
    static final int PAGE_SIZE = 50;

    /** One entry as shown. */
    record Entry(long seq, OffsetDateTime at, String actor, String actorKind, String role, String method, String path, int status,
                 String outcome, String detail) {
    }

    /** The filters; null or blank means any. before: the sequence number to page below (null: the newest). */
    record Filter(String actor, String path, Instant from, Instant to, Long before) {
    }

    private final JdbcTemplate jdbc;

    AuditSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to PAGE_SIZE + 1 entries (one more tells the page there is a next one). */
    List<Entry> page(Filter f) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.actor() != null && !f.actor().isBlank()) {
            where.append(" and actor = ?");
            args.add(f.actor().trim());
        }
        if (f.path() != null && !f.path().isBlank()) {
            where.append(" and path like ? escape '\\'");
            args.add(f.path().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.from() != null) {
            where.append(" and at >= ?");
            args.add(f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            where.append(" and at < ?");
            args.add(f.to().atOffset(ZoneOffset.UTC));
        }
        if (f.before() != null) {
            where.append(" and seq < ?");
            args.add(f.before());
        }
        return jdbc.query("select seq, at, actor, actor_kind, role, method, path, status, outcome, detail from audit_events" + where
                        + " order by seq desc fetch first " + (PAGE_SIZE + 1) + " rows only",
                (rs, i) -> new Entry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("actor_kind"), rs.getString("role"), rs.getString("method"), rs.getString("path"), rs.getInt("status"),
                        rs.getString("outcome"), rs.getString("detail")), args.toArray());
    }
}
