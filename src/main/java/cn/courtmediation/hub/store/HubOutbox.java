package cn.courtmediation.hub.store;

import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.store.MessageStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The outbox of messages the hub itself originates (sender HUB: evidences, filing requests, deadline warnings): stored
 * like any accepted message; the route that caused them then hands their ids to the relay (message-intake-relay), so
 * they are queued, delivered, signed and retried exactly as participants' messages are, and the relay sweep queues
 * any that a crash left behind.
 */
@Component
public class HubOutbox {
    /** The sender code of everything the hub itself originates. */
    public static final String HUB = "HUB";

    private final MessageStore store;
    private final ObjectMapper json;
    private final Clock clock;

    HubOutbox(MessageStore store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a HUB message (status ACCEPTED; joins the caller's transaction if any) and returns its id, for the calling route to relay. */
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

}
