package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.store.MessageStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages the hub itself originates (sender HUB: evidences, filing requests, deadline warnings): stored in
 * the outbox like any accepted message, then queued through the same relay, so they are delivered, signed
 * and retried exactly as participants' messages are.
 */
@Component
public class HubMessages {
    /** The sender code of everything the hub itself originates. */
    public static final String HUB = "HUB";

    private final MessageStore store;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Clock clock;

    HubMessages(MessageStore store, ProducerTemplate producer, ObjectMapper json, Clock clock) {
        this.store = store;
        this.producer = producer;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a HUB message (status ACCEPTED; joins the caller's transaction if any) and returns its id; queue it with relay. */
    public String store(String type, String recipient, String caseId, String correlationId, ObjectNode body) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        ObjectNode envelope = json.createObjectNode();
        envelope.put("messageId", id);
        envelope.put("type", type);
        envelope.put("sender", HUB);
        envelope.put("recipient", recipient);
        envelope.put("caseId", caseId);
        if (correlationId != null) {
            envelope.put("correlationId", correlationId);
        }
        envelope.put("sentAt", now.toString());
        envelope.set("body", body);
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        store.accept(new Envelope(id, type, HUB, recipient, caseId, correlationId, now, body, payload, Sha256.hex(payload)),
                HUB, new MessageStore.Signing(null, null, null, null));
        return id;
    }

    /** Queues stored HUB messages; one that fails to queue is queued later by the relay sweep. */
    public void relay(Collection<String> ids) {
        if (ids == null) {
            return;
        }
        ids.forEach(id -> producer.sendBody("direct:message-intake-relay", id));
    }
}
