package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.store.MessageStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records how a delivery ended: DELIVERED, or FAILED after the retries with the last error. */
@Component("deliveryOutcomes")
public class DeliveryOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private final MessageStore store;

    DeliveryOutcomes(MessageStore store) {
        this.store = store;
    }

    public void delivered(Exchange exchange) {
        store.markDelivered(exchange.getMessage().getHeader(DeliveryHeaders.MESSAGE_ID, String.class));
    }

    /** Marks the message FAILED; afterwards the body is the messageId, ready for the dead-letter queue. */
    public void failed(Exchange exchange) {
        String id = exchange.getMessage().getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("Delivery of {} to {} failed after retries: {}", id,
                exchange.getMessage().getHeader(DeliveryHeaders.RECIPIENT), error);
        store.markFailed(id, error);
        exchange.getMessage().removeHeaders("*", DeliveryHeaders.MESSAGE_ID);
        exchange.getMessage().setBody(id);
    }
}
