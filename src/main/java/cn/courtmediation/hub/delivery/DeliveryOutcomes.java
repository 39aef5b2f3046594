package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.trust.Evidences;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records how a delivery ended: DELIVERED, or FAILED after the retries with the last error. */
@Component("deliveryOutcomes")
public class DeliveryOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private final MessageStore store;
    private final Evidences evidences;

    DeliveryOutcomes(MessageStore store, Evidences evidences) {
        this.store = store;
        this.evidences = evidences;
    }

    /** Queued for the recipient: RELAYED, with its evidence (once, even if the sweep queues it again). */
    public void relayed(String messageId) {
        if (store.markRelayed(messageId)) {
            evidences.record(messageId, Evidences.Kind.RELAYED, facts(messageId, null));
        }
    }

    public void delivered(Exchange exchange) {
        String id = exchange.getMessage().getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        store.markDelivered(id);
        Map<String, Object> facts = facts(id, null);
        facts.put("channel", exchange.getMessage().getHeader(DeliveryHeaders.CHANNEL));
        evidences.record(id, Evidences.Kind.DELIVERED, facts);
    }

    private Map<String, Object> facts(String messageId, String error) {
        Map<String, Object> f = new LinkedHashMap<>();
        store.find(messageId).ifPresent(m -> {
            f.put("sender", m.sender());
            f.put("recipient", m.recipient());
            f.put("caseId", m.caseId());
            f.put("payloadSha256", m.payloadSha256());
        });
        f.put("error", error);
        return f;
    }

    /** Marks the message FAILED; afterwards the body is the messageId, ready for the dead-letter queue. */
    public void failed(Exchange exchange) {
        String id = exchange.getMessage().getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("Delivery of {} to {} failed after retries: {}", id,
                exchange.getMessage().getHeader(DeliveryHeaders.RECIPIENT), error);
        store.markFailed(id, error);
        evidences.record(id, Evidences.Kind.DELIVERY_FAILED, facts(id, error));
        exchange.getMessage().removeHeaders("*", DeliveryHeaders.MESSAGE_ID);
        exchange.getMessage().setBody(id);
    }
}
