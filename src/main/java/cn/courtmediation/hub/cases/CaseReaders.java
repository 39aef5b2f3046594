package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.access.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may read a case's timeline: an operator (any role), or a party to the case: its court, its mediator, and any
 * participant that sent one of its messages or was the direct recipient of one (a grassroots unit, the parties of a case
 * not dispatched yet). The recipients of a fan-out (a notice to every court under one caseId) are not parties by it.
 */
@Component
class CaseReaders {
    private static final String PARTY = "select count(*) from cases where case_id = ? and (court_code = ? or mediator_code = ?)";
    private static final String CORRESPONDENT = "select count(*) from messages where case_id = ? and fanout_id is null"
            + " and (sender = ? or recipient = ?)";

    private final JdbcTemplate jdbc;

    CaseReaders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean mayRead(Caller caller, String caseId) {
        if (caller.isOperator()) {
            return true;
        }
        String code = caller.name();
        return positive(jdbc.queryForObject(PARTY, Long.class, caseId, code, code))
                || positive(jdbc.queryForObject(CORRESPONDENT, Long.class, caseId, code, code));
    }

    private static boolean positive(Long n) {
        return n != null && n > 0;
    }
}
