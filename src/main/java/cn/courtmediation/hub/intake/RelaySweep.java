package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.store.MessageStore;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Finds accepted messages that never reached the outbound queue (crash or broker outage after the commit). */
@Component("relaySweep")
public class RelaySweep {
    private final MessageStore store;
    private final Duration staleAfter;
    private final int batch;

    RelaySweep(MessageStore store, @Value("${hub.relay.stale-after}") Duration staleAfter,
               @Value("${hub.relay.sweep-batch}") int batch) {
        this.store = store;
        this.staleAfter = staleAfter;
        this.batch = batch;
    }

    /** messageIds due for (re-)queueing; duplicates are dropped by the broker's duplicate detection. */
    public List<String> due() {
        return store.staleAccepted(staleAfter, batch);
    }
}
