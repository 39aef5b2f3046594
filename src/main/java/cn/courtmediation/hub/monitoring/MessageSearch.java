package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds stored messages for an operator by message id, case id, the court's case number (Chinese text, cases.case_number
 * or court_case_number), participant (sender or recipient), type, status and time range, newest first. Every filter
 * has an index (V14__monitoring.sql); pages are small and the count stops at a cap, so a million rows cost no more
 * than the page.
 */
@Component
public class MessageSearch {
    /** Largest page. */
    static final int MAX_SIZE = 200;
    /** Deepest row a page may start at, and where the count stops (answered as "more than"). */
    static final int MAX_OFFSET = 10_000;
    private static final Set<String> STATUSES = Set.of("ACCEPTED", "RELAYED", "DELIVERED", "FAILED", "PARKED", "EXPANDING", "FANNED_OUT");

    /** What to look for; null fields do not filter. */
    public record Query(String messageId, String caseId, String caseNumber, String participant, String type, String status,
                        OffsetDateTime from, OffsetDateTime to) {
        public boolean empty() {
            return messageId == null && caseId == null && caseNumber == null && participant == null && type == null
                    && status == null && from == null && to == null;
        }
    }

    /** One row of the results: the envelope columns and delivery state, no payload. */
    public record Row(String messageId, String type, String sender, String recipient, String caseId, String status,
                      OffsetDateTime receivedAt, OffsetDateTime deliveredAt, int attempts, String lastError) {
    }

    /** A page: total is exact up to MAX_OFFSET, and totalCapped says when there are more. */
    public record Page(int page, int size, long total, boolean totalCapped, List<Row> items) {
    }

    private final JdbcTemplate jdbc;

    MessageSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page search(Query q, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE || (long) page * size > MAX_OFFSET) {
            throw new HubException(ErrorCode.MALFORMED, "page must be >= 0, size between 1 and " + MAX_SIZE
                    + ", and page x size at most " + MAX_OFFSET + ": narrow the search (time range, participant, status).");
        }
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        List<Row> rows = jdbc.query("select message_id, type, sender, recipient, case_id, status, received_at, delivered_at,"
                        + " attempts, last_error from messages m" + where + " order by received_at desc, message_id desc"
                        + " offset " + ((long) page * size) + " rows fetch next " + size + " rows only",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                        rs.getInt(9), rs.getString(10)), args.toArray());
        Long counted = jdbc.queryForObject("select count(*) from (select 1 from messages m" + where + " fetch first "
                + (MAX_OFFSET + 1) + " rows only) c", Long.class, args.toArray());
        long total = counted == null ? 0 : counted;
        return new Page(page, size, Math.min(total, MAX_OFFSET), total > MAX_OFFSET, rows);
    }

    private static String where(Query q, List<Object> args) {
        StringBuilder w = new StringBuilder();
        if (q.messageId() != null) {
            add(w, "m.message_id = ?");
            args.add(q.messageId());
        }
        if (q.caseId() != null) {
            add(w, "m.case_id = ?");
            args.add(q.caseId());
        }
        if (q.caseNumber() != null) {
            // two indexed look-ups in cases, then messages_case
            add(w, "m.case_id in (select case_id from cases where case_number = ? union select case_id from cases"
                    + " where court_case_number = ?)");
            args.add(q.caseNumber());
            args.add(q.caseNumber());
        }
        if (q.participant() != null) {
            add(w, "(m.sender = ? or m.recipient = ?)");
            args.add(q.participant());
            args.add(q.participant());
        }
        if (q.type() != null) {
            add(w, "m.type = ?");
            args.add(q.type().toUpperCase(Locale.ROOT));
        }
        if (q.status() != null) {
            String s = q.status().toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(s)) {
                throw new HubException(ErrorCode.MALFORMED, "status must be one of " + new java.util.TreeSet<>(STATUSES) + ".");
            }
            add(w, "m.status = ?");
            args.add(s);
        }
        if (q.from() != null) {
            add(w, "m.received_at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            add(w, "m.received_at < ?");
            args.add(q.to());
        }
        return w.toString();
    }

    private static void add(StringBuilder w, String condition) {
        w.append(w.length() == 0 ? " where " : " and ").append(condition);
    }
}
