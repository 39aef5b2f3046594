package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.intake.HubMessages;
import cn.courtmediation.hub.store.StoredMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pushes a message's final evidences (by default DELIVERED and DELIVERY_FAILED) to its sender as an
 * EVIDENCE message from HUB, through the same store, queue and delivery flows as any message: a partner
 * gets it on its from-hub address, a court at its REST endpoint or SOAP result service.
 */
@Component
public class EvidencePush {
    /** The sender code of everything the hub itself originates. */
    public static final String HUB = HubMessages.HUB;

    private final HubMessages messages;
    private final ObjectMapper json;
    private final Set<String> pushed;

    EvidencePush(HubMessages messages, ObjectMapper json, @Value("${hub.trust.push-evidences}") Set<String> pushed) {
        this.messages = messages;
        this.json = json;
        this.pushed = pushed;
    }

    /** Stores an EVIDENCE message for the original's sender and queues it (nothing for evidences about the hub's own messages). */
    public void push(StoredMessage original, Evidences.Evidence evidence) {
        // a fan-out's children are tracked at GET .../{fanout}/recipients, not pushed one by one
        if (HUB.equals(original.sender()) || original.fanoutId() != null || !pushed.contains(evidence.kind())) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("evidenceId", evidence.evidenceId());
        body.put("kind", evidence.kind());
        body.put("messageId", original.messageId());
        body.put("document", Base64.getEncoder().encodeToString(evidence.document()));
        body.put("signature", evidence.signature());
        messages.relay(List.of(messages.store("EVIDENCE", original.sender(), original.caseId(), original.messageId(), body)));
    }
}
