package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.store.HubOutbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads a case's story for the timeline: its messages, their evidences and its lifecycle events, merged in time order. */
@Component
class CaseTimeline {
    /** A fan-out notice to every court is one case with thousands of messages: the answer stays bounded. */
    static final int MAX_ENTRIES = 1000;

    private static final String SUMMARY = "select case_id, court_code, case_number, stage, dispute_type, state, mediator_code, mediator_kind,"
            + " region, dispatched_at, accepted_at, policy_days, max_extension_days, extension_days, deadline_at, concluded_at, outcome,"
            + " filing_reason, court_case_number from cases where case_id = ?";

    /*
     * Order within one instant: a participant's message, then the state change it caused, then the hub's own
     * messages (pushes the state change caused), then evidences (recorded about messages already shown).
     * Each query below sorts its rows the same way, so the first MAX_ENTRIES rows of each are enough to merge.
     */
    private static final int PARTICIPANT_MESSAGE = 0;
    private static final int CASE_EVENT = 1;
    private static final int HUB_MESSAGE = 2;
    private static final int EVIDENCE = 3;
    private static final Comparator<Sorted> ORDER = Comparator.comparing(Sorted::at).thenComparingInt(Sorted::rank)
            .thenComparingInt(Sorted::seq).thenComparing(Sorted::tie);

    private final JdbcTemplate jdbc;

    CaseTimeline(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the hub has never seen the case. One repeatable-read snapshot, so the counts match the rows. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Optional<Timeline> of(String caseId) {
        Optional<TimelineSummary> summary = jdbc.query(SUMMARY, CaseTimeline::summary, caseId).stream().findFirst();
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        List<Sorted> rows = new ArrayList<>();
        rows.addAll(jdbc.query("select message_id, type, sender, recipient, status, received_at, delivered_at from messages"
                        + " where case_id = ? order by received_at, case when sender = ? then 1 else 0 end, message_id"
                        + " fetch first " + MAX_ENTRIES + " rows only",
                (rs, i) -> {
                    String sender = rs.getString("sender");
                    TimelineEntry e = TimelineEntry.message(rs.getString("message_id"), rs.getString("type"), sender,
                            rs.getString("recipient"), rs.getString("status"), instant(rs, "received_at"), instant(rs, "delivered_at"));
                    return new Sorted(e.at(), HubOutbox.HUB.equals(sender) ? HUB_MESSAGE : PARTICIPANT_MESSAGE, 0, e.messageId(), e);
                }, caseId, HubOutbox.HUB));
        rows.addAll(jdbc.query("select e.evidence_id, e.message_id, e.kind, e.recorded_at from evidences e"
                        + " join messages m on m.message_id = e.message_id where m.case_id = ?"
                        + " order by e.recorded_at, e.evidence_id fetch first " + MAX_ENTRIES + " rows only",
                (rs, i) -> {
                    TimelineEntry e = TimelineEntry.evidence(rs.getString("evidence_id"), rs.getString("message_id"), rs.getString("kind"),
                            instant(rs, "recorded_at"));
                    return new Sorted(e.at(), EVIDENCE, 0, e.evidenceId(), e);
                }, caseId));
        rows.addAll(jdbc.query("select seq, event, from_state, to_state, actor, message_id, at, detail from case_events"
                        + " where case_id = ? order by at, seq fetch first " + MAX_ENTRIES + " rows only",
                (rs, i) -> {
                    TimelineEntry e = TimelineEntry.caseEvent(rs.getInt("seq"), rs.getString("event"), rs.getString("from_state"),
                            rs.getString("to_state"), rs.getString("actor"), rs.getString("message_id"), instant(rs, "at"), rs.getString("detail"));
                    return new Sorted(e.at(), CASE_EVENT, e.seq(), "", e);
                }, caseId));
        rows.sort(ORDER);
        List<TimelineEntry> entries = rows.stream().limit(MAX_ENTRIES).map(Sorted::entry).toList();
        long total = count("select count(*) from messages where case_id = ?", caseId)
                + count("select count(*) from evidences e join messages m on m.message_id = e.message_id where m.case_id = ?", caseId)
                + count("select count(*) from case_events where case_id = ?", caseId);
        return Optional.of(new Timeline(summary.get(), entries, total, total > entries.size(), MAX_ENTRIES));
    }

    private long count(String sql, String caseId) {
        Long n = jdbc.queryForObject(sql, Long.class, caseId);
        return n == null ? 0 : n;
    }

    private static TimelineSummary summary(ResultSet rs, int row) throws SQLException {
        String state = rs.getString("state");
        return new TimelineSummary(rs.getString("case_id"), rs.getString("court_code"), rs.getString("case_number"), rs.getString("stage"),
                rs.getString("dispute_type"), state == null ? CaseState.NONE : state, rs.getString("mediator_code"),
                rs.getString("mediator_kind"), rs.getString("region"), instant(rs, "dispatched_at"), instant(rs, "accepted_at"),
                (Integer) rs.getObject("policy_days"), (Integer) rs.getObject("max_extension_days"), rs.getInt("extension_days"),
                instant(rs, "deadline_at"), instant(rs, "concluded_at"), rs.getString("outcome"), rs.getString("filing_reason"),
                rs.getString("court_case_number"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** An entry with the keys that place it: time, rank within the instant, then the case event's seq or the row's id. */
    private record Sorted(Instant at, int rank, int seq, String tie, TimelineEntry entry) {
    }
}
