package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.registry.RecipientGroups;
import cn.courtmediation.hub.store.MessageStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Finds accepted messages that never reached the outbound queue (crash or broker outage after the commit). */
@Component("relaySweep")
public class RelaySweep {
    private final MessageStore store;
    private final RecipientGroups groups;
    private final RelayBacklog backlog;
    private final Duration staleAfter;
    private final int batch;

    RelaySweep(MessageStore store, RecipientGroups groups, RelayBacklog backlog, RelaySettings settings) {
        this.store = store;
        this.groups = groups;
        this.backlog = backlog;
        this.staleAfter = settings.staleAfter();
        this.batch = settings.sweepBatch();
    }

    /** A message due for (re-)queueing; {@code fanout} when it is addressed to a group and must be expanded instead. */
    public record Due(String messageId, boolean fanout) {
    }

    /**
     * Messages due for (re-)queueing; duplicates are dropped by the broker's duplicate detection. A stale message to a
     * group (its expansion never ran, or has not committed yet) is marked for expansion: queueing the group message
     * itself would fail it as an unknown recipient. Expansion is idempotent (children ids derive from the parent's id
     * and the member). Messages still waiting in this hub's relay backlog are left to it.
     */
    public List<Due> due() {
        // what the relay holds before the read: a row still ACCEPTED in the read whose id the relay held then is the
        // relay's (it commits RELAYED after the read, then lets go); one it did not hold then was really dropped
        Set<String> heldBefore = backlog.heldNow();
        return notHeld(store.staleAccepted(staleAfter, batch), heldBefore).stream()
                .map(s -> new Due(s.messageId(), groups.isGroup(s.recipient())))
                .toList();
    }

    /** The stale rows the relay neither held before they were read nor was handed since: those it really dropped. */
    List<MessageStore.Stale> notHeld(List<MessageStore.Stale> stale, Set<String> heldBefore) {
        return stale.stream()
                .filter(s -> !heldBefore.contains(s.messageId()) && !backlog.holds(s.messageId()))
                .toList();
    }
}
