package cn.courtmediation.hub.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/** Cases already in mediation, for tests about delivery rather than the lifecycle (LifecycleIT drives the real one). */
public final class TestCases {
    private TestCases() {
    }

    /** Stores the message's case as dispatched by court to mediator and accepted a day ago (30-day limit). */
    public static void inMediation(JdbcTemplate jdbc, ObjectNode message, String court, String mediator) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("insert into cases (case_id, court_code, state, mediator_code, mediator_kind, policy_days, max_extension_days,"
                        + " extension_days, dispatched_at, accepted_at, deadline_at, created_at, updated_at)"
                        + " values (?, ?, 'IN_MEDIATION', ?, 'PARTNER', 30, 30, 0, ?, ?, ?, ?, ?)",
                message.get("caseId").asText(), court, mediator, now.minusDays(2), now.minusDays(1), now.plusDays(29), now, now);
    }

    /** A result that ends the mediation without agreement and asks the court to file the case (no signed agreement needed). */
    public static void failedAskingForFiling(ObjectNode result) {
        ObjectNode body = result.with("body");
        body.put("outcome", "FAILED");
        body.put("requestedCourtAction", "CASE_FILING");
    }
}
