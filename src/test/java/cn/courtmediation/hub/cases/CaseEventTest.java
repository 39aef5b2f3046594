package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every event against every state: allowed exactly where docs/lifecycle.md's table says, refused everywhere
 * else. The expected table is written out here by hand, independently of CaseEvent, and checked against the docs.
 */
class CaseEventTest {
    /** event -> "from1,from2 -> to" as in docs/lifecycle.md; NEW is a case the hub does not know; "=" keeps the state. */
    static final Map<String, String> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("DISPATCH", "NEW -> DISPATCHED");
        TABLE.put("ACCEPT", "DISPATCHED -> IN_MEDIATION");
        TABLE.put("EXTEND", "IN_MEDIATION,EXTENDED -> EXTENDED");
        TABLE.put("SUCCEED", "IN_MEDIATION,EXTENDED -> SUCCEEDED");
        TABLE.put("FAIL", "IN_MEDIATION,EXTENDED -> FAILED");
        TABLE.put("REFUSE", "DISPATCHED,IN_MEDIATION,EXTENDED -> REFUSED");
        TABLE.put("WITHDRAW", "DISPATCHED,IN_MEDIATION,EXTENDED -> WITHDRAWN");
        TABLE.put("REQUEST_CONFIRMATION", "SUCCEEDED -> CONFIRMATION_REQUESTED");
        TABLE.put("REQUEST_DOCUMENT", "SUCCEEDED,CONFIRMATION_REJECTED -> DOCUMENT_REQUESTED");
        TABLE.put("REQUEST_FILING", "SUCCEEDED,FAILED,CONFIRMATION_REJECTED -> FILING_REQUESTED");
        TABLE.put("CONFIRM", "CONFIRMATION_REQUESTED -> CONFIRMED");
        TABLE.put("REJECT_CONFIRMATION", "CONFIRMATION_REQUESTED -> CONFIRMATION_REJECTED");
        TABLE.put("ISSUE_DOCUMENT", "DOCUMENT_REQUESTED -> DOCUMENT_ISSUED");
        TABLE.put("FILE", "FILING_REQUESTED -> FILED");
        TABLE.put("EXPIRE", "IN_MEDIATION,EXTENDED -> FILING_REQUESTED");
        TABLE.put("TRANSFER_TO_FILING", "REFUSED -> FILING_REQUESTED");
        TABLE.put("DEADLINE_WARNING", "IN_MEDIATION,EXTENDED -> =");
    }

    @Test
    void everyEventIsAllowedExactlyFromTheStatesOfTheTable() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(CaseEvent.values()).map(Enum::name).toList());
        List<String> mismatches = new ArrayList<>();
        int allowed = 0;
        int refused = 0;
        for (CaseEvent event : CaseEvent.values()) {
            String[] rule = TABLE.get(event.name()).split(" -> ");
            List<String> from = List.of(rule[0].split(","));
            List<CaseState> states = new ArrayList<>(Arrays.asList(CaseState.values()));
            states.add(null);
            for (CaseState state : states) {
                String name = state == null ? "NEW" : state.name();
                Optional<CaseState> next = event.next(state);
                if (from.contains(name)) {
                    allowed++;
                    String expected = "=".equals(rule[1]) ? name : rule[1];
                    if (next.isEmpty() || !next.get().name().equals(expected)) {
                        mismatches.add(event + " from " + name + ": expected " + expected + ", got " + next);
                    }
                } else {
                    refused++;
                    if (next.isPresent()) {
                        mismatches.add(event + " from " + name + ": expected refusal, got " + next.get());
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
        // 17 events x 15 states (14 and NEW)
        assertThat(allowed + refused).isEqualTo(17 * 15);
        assertThat(allowed).isEqualTo(29);
    }

    /** The hand-written table is the one docs/lifecycle.md shows (columns "Allowed in" and "Leads to"), row for row. */
    @Test
    void theTableIsTheOneTheDocsShow() throws IOException {
        Pattern row = Pattern.compile("^\\| `([A-Z_]+)` \\|[^|]*\\|[^|]*\\|([^|]*)\\|([^|]*)\\|");
        Pattern name = Pattern.compile("`([A-Z_]+)`");
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of("docs/lifecycle.md"));
        int header = lines.indexOf("| Event | Sent by | Carried as | Allowed in | Leads to | Also |");
        assertThat(header).as("the state machine's table in docs/lifecycle.md").isNotNegative();
        for (String line : lines.subList(header + 2, lines.size())) {
            Matcher m = row.matcher(line);
            if (!m.find()) {
                break;
            }
            List<String> from = new ArrayList<>();
            Matcher states = name.matcher(m.group(2));
            while (states.find()) {
                from.add(states.group(1));
            }
            if (m.group(2).contains("a new `caseId`")) {
                from = List.of("NEW");
            }
            Matcher to = name.matcher(m.group(3));
            documented.put(m.group(1), String.join(",", from) + " -> " + (m.group(3).contains("(same)") ? "=" : to.find() ? to.group(1) : "?"));
        }
        assertThat(documented).containsExactlyEntriesOf(TABLE);
    }

    /** The hub's own events go through the same table: one that does not fit the case's state fails loudly and changes nothing. */
    @Test
    void aHubEventThatDoesNotFitFailsLoudly() {
        // the check comes before any database work, so a store without a data source is enough here
        CaseStore store = new CaseStore(new JdbcTemplate());
        for (CaseEvent event : List.of(CaseEvent.EXPIRE, CaseEvent.TRANSFER_TO_FILING, CaseEvent.DEADLINE_WARNING)) {
            CaseRow c = new CaseRow("case-1");
            c.state = CaseState.FILED;
            assertThatThrownBy(() -> store.transition(c, event, "HUB", null, OffsetDateTime.now(), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(event + " does not fit case case-1 in state FILED");
            assertThat(c.state).isEqualTo(CaseState.FILED);
        }
    }

    @Test
    void mediationResultMapsOutcomeAndRequestedActionToEvents() {
        assertThat(CaseLifecycle.events(result("SUCCEEDED", "JUDICIAL_CONFIRMATION"))).containsExactly(CaseEvent.SUCCEED, CaseEvent.REQUEST_CONFIRMATION);
        assertThat(CaseLifecycle.events(result("SUCCEEDED", "MEDIATION_DOCUMENT"))).containsExactly(CaseEvent.SUCCEED, CaseEvent.REQUEST_DOCUMENT);
        assertThat(CaseLifecycle.events(result("SUCCEEDED", "CASE_FILING"))).containsExactly(CaseEvent.SUCCEED, CaseEvent.REQUEST_FILING);
        assertThat(CaseLifecycle.events(result("SUCCEEDED", null))).containsExactly(CaseEvent.SUCCEED);
        assertThat(CaseLifecycle.events(result("FAILED", "CASE_FILING"))).containsExactly(CaseEvent.FAIL, CaseEvent.REQUEST_FILING);
        assertThat(CaseLifecycle.events(result("FAILED", "NONE"))).containsExactly(CaseEvent.FAIL);
        assertThat(CaseLifecycle.events(result("REFUSED", null))).containsExactly(CaseEvent.REFUSE);
        assertThat(CaseLifecycle.events(result("WITHDRAWN", null))).containsExactly(CaseEvent.WITHDRAW);
    }

    private static cn.courtmediation.hub.contract.Envelope result(String outcome, String action) {
        com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        body.put("outcome", outcome);
        if (action != null) {
            body.put("requestedCourtAction", action);
        }
        return new cn.courtmediation.hub.contract.Envelope("id", "MEDIATION_RESULT", "P", "C", "case", null, null, body, new byte[0], "");
    }
}
