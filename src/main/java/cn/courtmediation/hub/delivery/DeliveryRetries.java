package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.store.MessageStore;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides how a message goes back on the retry queue (the broker-send-retry route puts it there) without holding a
 * delivery thread: after a failed attempt with a broker-scheduled delay (exponential backoff per attempt) or, after
 * the last attempt or on a refusal, gives it up (FAILED, a dead letter). A message that only waits (its case's earlier message is not finished, its
 * recipient's breaker is open or bulkhead full) goes back the same way, and no attempt is counted.
 */
@Component("deliveryRetries")
public class DeliveryRetries {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetries.class);
    /** Header the route checks: give up (true) or re-queue (false). */
    public static final String GIVE_UP = "hubGiveUp";
    /** Header for broker-send-retry: when the broker delivers the entry again (epoch ms). */
    static final String DELIVER_AT = "hubDeliverAt";
    /** Header for broker-send-retry: the entry's duplicate-detection id. */
    static final String DUPLICATE_ID = "hubDuplicateId";

    private final MessageStore store;
    private final int maxAttempts;
    private final long firstDelay;

    DeliveryRetries(MessageStore store, DeliverySettings settings) {
        this.store = store;
        this.maxAttempts = settings.maxRedeliveries() + 1;
        this.firstDelay = settings.redeliveryDelay();
    }

    /** After a failed attempt (the recipient's failure, or a refusal): re-queue with backoff, or give up. */
    public void decide(Exchange exchange) {
        Message m = exchange.getMessage();
        String id = m.getHeader(ChannelHeaders.MESSAGE_ID, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // a refusal is final; the hub's own failures (SERVICE_UNAVAILABLE among them) never get here: the delivery-errors
        // configuration rolls them back first (infrastructureFailures)
        if (cause instanceof HubException || id == null) {
            m.setHeader(GIVE_UP, true);
            return;
        }
        int before = exchange.getProperty(DeliveryPlanner.ATTEMPTS_BEFORE, 0, Integer.class);
        long delay = firstDelay << Math.min(before, 16);
        int attempts = store.recordFailedAttempt(id, describe(cause), Duration.ofMillis(delay));
        if (attempts >= maxAttempts || attempts == 0) {
            m.setHeader(GIVE_UP, true);
            return;
        }
        LOG.warn("Delivery of {} to {} failed (attempt {} of {}): {}; next attempt in {} ms", id,
                m.getHeader(ChannelHeaders.RECIPIENT), attempts, maxAttempts, describe(cause), delay);
        // a replay starts counting attempts again: its keys must differ from the ones the broker saw before the replay
        int replays = exchange.getProperty(DeliveryPlanner.REPLAYS, 0, Integer.class);
        requeue(m, id, delay, id + "#attempt-" + attempts + (replays > 0 ? "-replay-" + replays : ""));
    }

    /** A message that waits (header hubWaitMs): back on the retry queue for that long; not an attempt. */
    public void waitFor(Exchange exchange) {
        Message m = exchange.getMessage();
        String id = m.getHeader(ChannelHeaders.MESSAGE_ID, String.class);
        long delay = m.getHeader(DeliveryPlanner.WAIT_MS, 0L, Long.class);
        requeue(m, id, delay, id + "#wait-" + System.nanoTime());
    }

    private static void requeue(Message m, String id, long delay, String key) {
        // the delivery's headers stay for the route's log line and counter; broker-send-retry puts only the id on the queue
        m.setHeader(GIVE_UP, false);
        m.setHeader(DELIVER_AT, System.currentTimeMillis() + delay);
        m.setHeader(DUPLICATE_ID, key);
        m.setBody(id);
    }

    static String describe(Throwable t) {
        return t == null ? "unknown error" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
