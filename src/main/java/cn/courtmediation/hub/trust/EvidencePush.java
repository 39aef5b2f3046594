package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
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
    public static final String HUB = "HUB";

    private final MessageStore store;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Clock clock;
    private final Set<String> pushed;

    EvidencePush(MessageStore store, ProducerTemplate producer, ObjectMapper json, Clock clock,
                 @Value("${hub.trust.push-evidences}") Set<String> pushed) {
        this.store = store;
        this.producer = producer;
        this.json = json;
        this.clock = clock;
        this.pushed = pushed;
    }

    /** Stores an EVIDENCE message for the original's sender and queues it (nothing for evidences about the hub's own messages). */
    public void push(StoredMessage original, Evidences.Evidence evidence) {
        // a fan-out's children are tracked at GET .../{fanout}/recipients, not pushed one by one
        if (HUB.equals(original.sender()) || original.fanoutId() != null || !pushed.contains(evidence.kind())) {
            return;
        }
        ObjectNode envelope = json.createObjectNode();
        String id = UUID.randomUUID().toString();
        envelope.put("messageId", id);
        envelope.put("type", "EVIDENCE");
        envelope.put("sender", HUB);
        envelope.put("recipient", original.sender());
        envelope.put("caseId", original.caseId());
        envelope.put("correlationId", original.messageId());
        envelope.put("sentAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).toString());
        ObjectNode body = envelope.putObject("body");
        body.put("evidenceId", evidence.evidenceId());
        body.put("kind", evidence.kind());
        body.put("messageId", original.messageId());
        body.put("document", Base64.getEncoder().encodeToString(evidence.document()));
        body.put("signature", evidence.signature());
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        store.accept(new Envelope(id, "EVIDENCE", HUB, original.sender(), original.caseId(), original.messageId(),
                OffsetDateTime.now(clock), body, payload, Sha256.hex(payload)), "HUB", new MessageStore.Signing(null, null, null, null));
        // queued like any accepted message; if this send fails, the relay sweep queues it
        producer.sendBody("direct:message-intake-relay", id);
    }
}
