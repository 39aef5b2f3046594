package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.registry.RecipientGroups;
import cn.courtmediation.hub.store.MessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Finds accepted messages that never reached the outbound queue (crash or broker outage after the commit). */
@Component("relaySweep")
public class RelaySweep {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySweep.class);
    private final MessageStore store;
    private final RecipientGroups groups;
    private final Fanout fanout;
    private final Duration staleAfter;
    private final int batch;

    RelaySweep(MessageStore store, RecipientGroups groups, Fanout fanout, RelaySettings settings) {
        this.store = store;
        this.groups = groups;
        this.fanout = fanout;
        this.staleAfter = settings.staleAfter();
        this.batch = settings.sweepBatch();
    }

    /**
     * messageIds due for (re-)queueing; duplicates are dropped by the broker's duplicate detection. A stale message
     * to a group (its expansion never ran, or has not committed yet) is expanded here instead: queueing the group
     * message itself would fail it as an unknown recipient. Expansion is idempotent (children ids derive from the
     * parent's id and the member).
     */
    public List<String> due() {
        List<String> queue = new ArrayList<>();
        for (MessageStore.Stale s : store.staleAccepted(staleAfter, batch)) {
            if (groups.isGroup(s.recipient())) {
                try {
                    fanout.expandStored(s.messageId());
                } catch (RuntimeException e) {
                    // most likely the intake is expanding it right now; the next sweep looks again
                    LOG.warn("Relay sweep: fan-out {} not expanded ({})", s.messageId(), e.getMessage());
                }
            } else {
                queue.add(s.messageId());
            }
        }
        return queue;
    }
}
