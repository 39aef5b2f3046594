package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import cn.courtmediation.hub.store.MessageStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Replays a dead letter (a FAILED message) safely: claim the row (FAILED to RELAYED, only one claim wins), queue a
 * fresh delivery whose duplicate-detection key is the replay's number, then clear the claim. A replay interrupted
 * between the claim and the queueing is finished by {@link #finishInterrupted} with the same key, so the broker
 * drops a second copy if the first did get queued; delivery skips a message already DELIVERED.
 */
@Component("deadLetterReplay")
public class DeadLetterReplay {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
    private final MessageStore store;
    private final ProducerTemplate producer;
    private final String outbound;
    private final Duration interruptedAfter;

    DeadLetterReplay(MessageStore store, ProducerTemplate producer, @Value("${hub.delivery.outbound-endpoint}") String outbound,
                     @Value("${hub.relay.stale-after}") Duration interruptedAfter) {
        this.store = store;
        this.producer = producer;
        this.outbound = outbound;
        this.interruptedAfter = interruptedAfter;
    }

    /** Replays a FAILED message; returns the replay's number, or empty when the message is not FAILED (then nothing happens). */
    public Optional<Integer> replay(String messageId) {
        Optional<Integer> claimed = store.claimReplay(messageId);
        claimed.ifPresent(n -> {
            try {
                queue(messageId, n);
                LOG.info("Dead letter {} replayed (replay {})", messageId, n);
            } catch (RuntimeException e) {
                // claimed but not queued: the replay sweep queues it once the broker (or database) answers again
                LOG.warn("Dead letter {} claimed for replay {} but not queued yet ({}); the replay sweep will queue it", messageId, n,
                        e.getMessage());
            }
        });
        return claimed;
    }

    /** Queues the replays a crash or a broker outage interrupted; called by the delivery-dispatch-replay-sweep route. */
    public int finishInterrupted() {
        int finished = 0;
        for (MessageStore.Replay r : store.interruptedReplays(interruptedAfter, 500)) {
            queue(r.messageId(), r.replays());
            finished++;
        }
        if (finished > 0) {
            LOG.info("Replay sweep: queued {} replay(s) that were claimed but not queued", finished);
        }
        return finished;
    }

    private void queue(String messageId, int replay) {
        // the same key for every try of one replay: the broker keeps one copy; a new replay gets a new key
        producer.sendBodyAndHeaders(outbound, messageId, Map.of(ChannelHeaders.MESSAGE_ID, messageId, "_AMQ_DUPL_ID", messageId + "#replay-" + replay));
        store.replayQueued(messageId);
    }
}
