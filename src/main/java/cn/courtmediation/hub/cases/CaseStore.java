package cn.courtmediation.hub.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The lifecycle columns of the cases table and the case_events log (V5 migration). */
@Component
class CaseStore {
    private static final String COLUMNS = "case_id, state, court_code, mediator_code, mediator_kind, region, dispatched_at, accepted_at,"
            + " policy_days, max_extension_days, extension_days, deadline_at, next_warning_at, concluded_at, outcome, filing_reason, court_case_number";
    private static final String MEDIATING = "('IN_MEDIATION', 'EXTENDED')";

    private final JdbcTemplate jdbc;

    CaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The case row, locked until the transaction ends: events of one case apply one after another. */
    Optional<CaseRow> lock(String caseId) {
        return jdbc.query("select " + COLUMNS + " from cases where case_id = ? for update", CaseStore::map, caseId).stream().findFirst();
    }

    Optional<CaseRow> find(String caseId) {
        return jdbc.query("select " + COLUMNS + " from cases where case_id = ?", CaseStore::map, caseId).stream().findFirst();
    }

    /** The exact bytes of the case's accepted CASE_DISPATCH from its court (a case has one: a second is refused). */
    Optional<byte[]> dispatchPayload(String caseId, String courtCode) {
        return jdbc.query("select payload from messages where case_id = ? and type = 'CASE_DISPATCH' and sender = ?",
                (rs, i) -> rs.getBytes(1), caseId, courtCode).stream().findFirst();
    }

    void save(CaseRow c, OffsetDateTime now) {
        jdbc.update("update cases set state = ?, court_code = coalesce(?, court_code), mediator_code = ?, mediator_kind = ?, region = ?,"
                        + " dispatched_at = ?, accepted_at = ?, policy_days = ?, max_extension_days = ?, extension_days = ?, deadline_at = ?,"
                        + " next_warning_at = ?, concluded_at = ?, outcome = ?, filing_reason = ?, court_case_number = ?, updated_at = ?"
                        + " where case_id = ?",
                c.state == null ? null : c.state.name(), c.courtCode, c.mediatorCode, c.mediatorKind, c.region, c.dispatchedAt, c.acceptedAt,
                c.policyDays, c.maxExtensionDays, c.extensionDays, c.deadlineAt, c.nextWarningAt, c.concludedAt, c.outcome,
                c.filingReason, c.courtCaseNumber, now, c.caseId);
    }

    /**
     * Moves a case by one row of the CaseEvent table and appends the event to the case's log: the one way a case
     * changes state, for participants' events and the hub's own (EXPIRE, TRANSFER_TO_FILING, DEADLINE_WARNING) alike.
     * Participants' events that do not fit are refused before (INVALID_TRANSITION, with their own wording); here an
     * event that does not fit is a bug, so it fails loudly and the caller's transaction stores nothing. Call under the
     * case row's lock (the log's seq is max + 1).
     */
    void transition(CaseRow c, CaseEvent event, String actor, String messageId, OffsetDateTime at, String detail) {
        CaseState from = c.state;
        CaseState to = event.next(from).orElseThrow(() -> new IllegalStateException(event + " does not fit case " + c.caseId
                + " in state " + c.stateName() + "; the state machine (CaseEvent) allows it from " + event.from()));
        c.state = to;
        record(c.caseId, event, from, to, actor, messageId, at, detail);
    }

    private void record(String caseId, CaseEvent event, CaseState from, CaseState to, String actor, String messageId, OffsetDateTime at,
                        String detail) {
        jdbc.update("insert into case_events (case_id, seq, event, from_state, to_state, actor, message_id, at, detail)"
                        + " select ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? from case_events where case_id = ?",
                caseId, event.name(), from == null ? null : from.name(), to == null ? null : to.name(), actor, messageId, at,
                detail == null ? null : detail.substring(0, Math.min(detail.length(), 2000)), caseId);
    }

    /** Mediating cases whose deadline has passed, oldest deadline first. */
    List<String> expired(OffsetDateTime now, int limit) {
        return jdbc.queryForList("select case_id from cases where state in " + MEDIATING + " and deadline_at <= ?"
                + " order by deadline_at fetch first " + limit + " rows only", String.class, now);
    }

    /** Mediating cases with a deadline warning due. */
    List<String> warningsDue(OffsetDateTime now, int limit) {
        return jdbc.queryForList("select case_id from cases where next_warning_at <= ? and state in " + MEDIATING
                + " order by next_warning_at fetch first " + limit + " rows only", String.class, now);
    }

    private static CaseRow map(ResultSet rs, int row) throws SQLException {
        CaseRow c = new CaseRow(rs.getString("case_id"));
        String state = rs.getString("state");
        c.state = state == null ? null : CaseState.valueOf(state);
        c.courtCode = rs.getString("court_code");
        c.mediatorCode = rs.getString("mediator_code");
        c.mediatorKind = rs.getString("mediator_kind");
        c.region = rs.getString("region");
        c.dispatchedAt = rs.getObject("dispatched_at", OffsetDateTime.class);
        c.acceptedAt = rs.getObject("accepted_at", OffsetDateTime.class);
        c.policyDays = (Integer) rs.getObject("policy_days");
        c.maxExtensionDays = (Integer) rs.getObject("max_extension_days");
        c.extensionDays = rs.getInt("extension_days");
        c.deadlineAt = rs.getObject("deadline_at", OffsetDateTime.class);
        c.nextWarningAt = rs.getObject("next_warning_at", OffsetDateTime.class);
        c.concludedAt = rs.getObject("concluded_at", OffsetDateTime.class);
        c.outcome = rs.getString("outcome");
        c.filingReason = rs.getString("filing_reason");
        c.courtCaseNumber = rs.getString("court_case_number");
        return c;
    }
}
