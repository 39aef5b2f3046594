package cn.courtmediation.hub.demo.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the hub stored about scenario cases (case ids carrying the scenario marker): progress, settling, message statuses. */
@Component
class ScenarioCases {
    private static final String SCENARIO = "%" + ScenarioPlanner.MARKER + "%";
    private final JdbcTemplate jdbc;

    ScenarioCases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True once any scenario case was dispatched: a restart must not replay the year a second time. */
    boolean present() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from cases where case_id like ? and state is not null)",
                Boolean.class, SCENARIO));
    }

    long dispatched() {
        return count("state is not null");
    }

    long concluded() {
        return count("outcome is not null");
    }

    /** Cases the deadline scanner could still act on. */
    long mediating() {
        return count("state in ('IN_MEDIATION', 'EXTENDED')");
    }

    private long count(String condition) {
        Long n = jdbc.queryForObject("select count(*) from cases where case_id like ? and " + condition, Long.class, SCENARIO);
        return n == null ? 0 : n;
    }

    /**
     * True when nothing of the scenario is in flight in the hub (no message waiting for delivery) and, when the hub
     * pushes DELIVERED/DELIVERY_FAILED evidences to senders, one has been pushed for every participant's message that
     * ended: the push is stored just after the delivery, so "nothing pending" alone can be seen in between (a case's
     * evidences never outnumber its ended messages, so the totals match only when every case's do).
     */
    boolean settled(boolean evidencesPushed) {
        Map<String, Object> n = jdbc.queryForMap("select"
                + " count(*) filter (where status in ('ACCEPTED', 'RELAYED')) as pending,"
                + " count(*) filter (where sender <> 'HUB' and status in ('DELIVERED', 'FAILED')) as ended,"
                + " count(*) filter (where type = 'EVIDENCE') as evidences"
                + " from messages where case_id like ?", SCENARIO);
        return ((Number) n.get("pending")).longValue() == 0
                && (!evidencesPushed || ((Number) n.get("evidences")).longValue() >= ((Number) n.get("ended")).longValue());
    }

    /** The hub's own pushes on scenario cases: filing requests (after a refusal or expiry) and deadline warnings. */
    long hubPushes() {
        Long n = jdbc.queryForObject("select count(*) from messages where case_id like ? and sender = 'HUB' and type = 'CASE_EVENT'",
                Long.class, SCENARIO);
        return n == null ? 0 : n;
    }

    /** Scenario messages by status (the hub's own filing requests, warnings and evidences included). */
    Map<String, Long> messageStatuses() {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("select status, count(*) n from messages where case_id like ? group by status order by status",
                rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("n"));
                }, SCENARIO);
        return byStatus;
    }
}
