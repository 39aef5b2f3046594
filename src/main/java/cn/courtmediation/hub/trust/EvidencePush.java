package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.store.HubOutbox;
import cn.courtmediation.hub.store.StoredMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Pushes a message's final evidences (by default DELIVERED and DELIVERY_FAILED) to its sender as an
 * EVIDENCE message from HUB, stored in the hub's outbox; the delivery route relays it, so it goes through the same
 * queue and delivery flows as any message: a partner gets it on its from-hub address, a court at its REST endpoint or
 * SOAP result service.
 */
@Component
public class EvidencePush {
    private final HubOutbox messages;
    private final ObjectMapper json;
    private final Set<String> pushed;

    EvidencePush(HubOutbox messages, ObjectMapper json, TrustSettings trust) {
        this.messages = messages;
        this.json = json;
        this.pushed = trust.pushEvidences();
    }

    /** Stores an EVIDENCE message for the original's sender and returns its id to relay (none for the hub's own messages). */
    public Optional<String> push(StoredMessage original, Evidences.Evidence evidence) {
        // a fan-out's children are tracked at GET .../{fanout}/recipients, not pushed one by one
        if (HubOutbox.HUB.equals(original.sender()) || original.fanoutId() != null || !pushed.contains(evidence.kind())) {
            return Optional.empty();
        }
        ObjectNode body = json.createObjectNode();
        body.put("evidenceId", evidence.evidenceId());
        body.put("kind", evidence.kind());
        body.put("messageId", original.messageId());
        body.put("document", Base64.getEncoder().encodeToString(evidence.document()));
        body.put("signature", evidence.signature());
        return Optional.of(messages.store("EVIDENCE", original.sender(), original.caseId(), original.messageId(), body));
    }
}
