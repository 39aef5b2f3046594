package cn.courtmediation.hub.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The ids this hub has handed to its in-memory relay and not yet seen through it, so that the sweep leaves them to the
 * relay. Under load the relay's backlog grows past the sweep's staleness: the sweep used to queue those messages a
 * second time (3,857 copies dropped by the broker's duplicate detection in a 3,000-message load run, each costing a
 * broker send and a WARN line). Memory only: after a crash the set is empty and the sweep queues everything stale.
 */
@Component("relayBacklog")
public class RelayBacklog {
    private final Map<String, Instant> handedOver = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration patience;

    RelayBacklog(Clock clock, RelaySettings settings) {
        this.clock = clock;
        // a message stuck in the relay longer than this is queued by the sweep anyway (the broker drops a duplicate)
        this.patience = settings.staleAfter().multipliedBy(30);
    }

    /** Called as the id goes to the relay. */
    public void handedOver(String messageId) {
        handedOver.put(messageId, clock.instant());
    }

    /** Called when the relay is done with the id, queued or not (a failure leaves it to the sweep). */
    public void done(String messageId) {
        if (messageId != null) {
            handedOver.remove(messageId);
        }
    }

    /** Called when the relay is done with a batch. */
    public void doneAll(java.util.Collection<String> messageIds) {
        if (messageIds != null) {
            messageIds.forEach(this::done);
        }
    }

    /**
     * The ids the relay holds now (not those held too long). The sweep takes this before it reads the stale rows: a
     * batch that finishes between its read and a later {@link #holds} check (broker commit, RELAYED commit, then
     * released here) looked dropped to the sweep, which queued it a second time; under load that copy reached the
     * broker inside another batch, whose commit then failed as a whole on the duplicate (8 innocent messages left
     * for the next sweep, 10 s and more later, in a 20 s load run).
     */
    Set<String> heldNow() {
        Instant oldest = clock.instant().minus(patience);
        Set<String> held = new HashSet<>();
        handedOver.forEach((id, since) -> {
            if (since.isAfter(oldest)) {
                held.add(id);
            }
        });
        return held;
    }

    /** True while the relay still holds the id, and has not held it for too long. */
    boolean holds(String messageId) {
        Instant since = handedOver.get(messageId);
        return since != null && since.plus(patience).isAfter(clock.instant());
    }
}
