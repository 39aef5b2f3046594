package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.store.HubOutbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The case events the hub itself sends (FILING_REQUEST, DEADLINE_WARNING), as CASE_EVENT messages from HUB. */
@Component
class CasePushes {
    private final HubOutbox messages;
    private final ObjectMapper json;

    CasePushes(HubOutbox messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** The transfer to filing, to the court's trial system (and, when asked, a copy to the mediator). Returns the stored ids. */
    List<String> filingRequest(CaseRow c, String reason, String correlationId, boolean copyMediator) {
        List<String> ids = new ArrayList<>();
        ids.add(messages.store("CASE_EVENT", c.courtCode, c.caseId, correlationId, body("FILING_REQUEST", reason, c)));
        if (copyMediator) {
            ids.add(messages.store("CASE_EVENT", c.mediatorCode, c.caseId, correlationId, body("FILING_REQUEST", reason, c)));
        }
        return ids;
    }

    /** A deadline warning to both the mediator and the court. */
    List<String> deadlineWarning(CaseRow c) {
        return List.of(
                messages.store("CASE_EVENT", c.mediatorCode, c.caseId, null, body("DEADLINE_WARNING", "DEADLINE_APPROACHING", c)),
                messages.store("CASE_EVENT", c.courtCode, c.caseId, null, body("DEADLINE_WARNING", "DEADLINE_APPROACHING", c)));
    }

    private ObjectNode body(String event, String reason, CaseRow c) {
        ObjectNode b = json.createObjectNode();
        b.put("event", event);
        b.put("reason", reason);
        b.put("state", c.stateName());
        if (c.deadlineAt != null) {
            b.put("deadline", c.deadlineAt.toInstant().toString());
        }
        return b;
    }
}
