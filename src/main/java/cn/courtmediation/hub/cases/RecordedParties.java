package cn.courtmediation.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The parties of a case as its court named them in the dispatch (body.parties[].name), in the comparable form of
 * PartyNames: what consents and agreement signatures must name. Read from the stored dispatch, so the hub keeps no
 * second copy of the parties' personal data.
 */
@Component
class RecordedParties {
    private final CaseStore cases;
    private final ObjectMapper json;

    RecordedParties(CaseStore cases, ObjectMapper json) {
        this.cases = cases;
        this.json = json;
    }

    /** The normalised names of the case's parties; empty when the hub holds no dispatch of the case. */
    Set<String> of(CaseRow c) {
        Set<String> names = new LinkedHashSet<>();
        if (c.courtCode == null) {
            return names;
        }
        cases.dispatchPayload(c.caseId, c.courtCode).ifPresent(payload -> {
            try {
                for (JsonNode party : json.readTree(payload).path("body").path("parties")) {
                    String name = PartyNames.normalise(party.path("name").asText());
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable stored dispatch of case " + c.caseId, e);
            }
        });
        return names;
    }

    /** How many distinct parties must sign an agreement: two, or all when the dispatch names fewer (an extension always needs two). */
    static int needed(Set<String> parties) {
        return Math.min(2, parties.size());
    }
}
