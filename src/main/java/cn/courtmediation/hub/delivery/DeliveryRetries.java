package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.store.MessageStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides what happens after a failed delivery attempt without holding a delivery thread: the message
 * goes back on the outbound queue with a broker-scheduled delay (exponential backoff per attempt), or,
 * after the last attempt or on a refusal, it is given up (FAILED, dead-letter queue). A recipient whose
 * breaker is open or whose bulkhead is full is not an attempt: the message simply waits a little.
 */
@Component("deliveryRetries")
public class DeliveryRetries {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetries.class);
    /** Header the route checks: give up (true) or re-queue (false). */
    public static final String GIVE_UP = "hubGiveUp";
    private static final String SCHEDULED = "_AMQ_SCHED_DELIVERY";
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final MessageStore store;
    private final int maxAttempts;
    private final long firstDelay;
    private final long waitWhenUnavailable;

    DeliveryRetries(MessageStore store,
                    @Value("${hub.delivery.max-redeliveries}") int maxRedeliveries,
                    @Value("${hub.delivery.redelivery-delay}") long firstDelay,
                    @Value("${hub.delivery.unavailable-wait:2000}") long waitWhenUnavailable) {
        this.store = store;
        this.maxAttempts = maxRedeliveries + 1;
        this.firstDelay = firstDelay;
        this.waitWhenUnavailable = waitWhenUnavailable;
    }

    public void decide(Exchange exchange) {
        Message m = exchange.getMessage();
        String id = m.getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof HubException || id == null) {
            m.setHeader(GIVE_UP, true);
            return;
        }
        long delay;
        String key;
        if (cause instanceof RecipientGuard.RecipientUnavailable) {
            delay = waitWhenUnavailable;
            key = id + "#wait-" + System.nanoTime();
        } else {
            int attempts = store.recordFailedAttempt(id, describe(cause));
            if (attempts >= maxAttempts) {
                m.setHeader(GIVE_UP, true);
                return;
            }
            delay = firstDelay << Math.min(attempts - 1, 16);
            key = id + "#attempt-" + attempts;
            LOG.warn("Delivery of {} to {} failed (attempt {} of {}): {}; next attempt in {} ms", id,
                    m.getHeader(DeliveryHeaders.RECIPIENT), attempts, maxAttempts, describe(cause), delay);
        }
        m.setHeader(GIVE_UP, false);
        m.removeHeaders("*", DeliveryHeaders.MESSAGE_ID, GIVE_UP);
        m.setHeader(SCHEDULED, System.currentTimeMillis() + delay);
        m.setHeader(DUPLICATE_ID, key);
        m.setBody(id);
    }

    static String describe(Throwable t) {
        return t == null ? "unknown error" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
