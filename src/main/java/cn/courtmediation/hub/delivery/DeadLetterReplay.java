package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.api.DirectRoutes;
import cn.courtmediation.hub.intake.RelaySettings;
import cn.courtmediation.hub.store.MessageStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays a dead letter (a FAILED message) safely: claim the row (FAILED to RELAYED, only one claim wins); the
 * delivery-dispatch-replay route queues a fresh delivery whose duplicate-detection key is the replay's number, then
 * clears the claim. A replay interrupted between the claim and the queueing is found by {@link #interrupted} and
 * queued by the replay sweep with the same key, so the broker drops a second copy if the first did get queued;
 * delivery skips a message already DELIVERED.
 */
@Component("deadLetterReplay")
public class DeadLetterReplay {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
    static final String REPLAY_ROUTE = "direct:delivery-dispatch-replay";
    /** Header of the replay route: the replay's number. */
    static final String REPLAY = "hubReplay";
    private final MessageStore store;
    private final DirectRoutes routes;
    private final Duration interruptedAfter;
    private final TransactionTemplate tx;

    DeadLetterReplay(MessageStore store, DirectRoutes routes, RelaySettings relay, TransactionTemplate tx) {
        this.store = store;
        this.routes = routes;
        this.tx = tx;
        // a replay claimed but not queued for as long as the relay sweep waits is taken as interrupted
        this.interruptedAfter = relay.staleAfter();
    }

    /** Replays a FAILED message; returns the replay's number, or empty when the message is not FAILED (then nothing happens). */
    public Optional<Integer> replay(String messageId) {
        return replay(messageId, n -> true);
    }

    /**
     * The same, with sameTransaction run in the claim's transaction with the replay's number: a bulk replay job records
     * its item there, so a job that is resumed after a crash never claims a message twice. When it answers false the
     * claim is rolled back and nothing happens (empty).
     */
    Optional<Integer> replay(String messageId, IntPredicate sameTransaction) {
        Optional<Integer> claimed = tx.execute(status -> {
            Optional<Integer> n = store.claimReplay(messageId);
            if (n.isPresent() && !sameTransaction.test(n.get())) {
                status.setRollbackOnly();
                return Optional.<Integer>empty();
            }
            return n;
        });
        claimed.ifPresent(n -> {
            try {
                routes.request(REPLAY_ROUTE, messageId, Map.of(REPLAY, n), Object.class);
                LOG.info("Dead letter {} replayed (replay {})", messageId, n);
            } catch (RuntimeException e) {
                // claimed but not queued: the replay sweep queues it once the broker (or database) answers again
                LOG.warn("Dead letter {} claimed for replay {} but not queued yet ({}); the replay sweep will queue it", messageId, n,
                        e.getMessage());
            }
        });
        return claimed;
    }

    /** Replays a crash or a broker outage interrupted (claimed, never queued); the delivery-dispatch-replay-sweep route queues them. */
    public List<MessageStore.Replay> interrupted() {
        return store.interruptedReplays(interruptedAfter, 500);
    }

    /** The replay is on the queue: the claim is cleared. */
    public void queued(String messageId) {
        store.replayQueued(messageId);
    }
}
