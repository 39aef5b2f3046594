package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.api.DirectRoutes;
import cn.courtmediation.hub.registry.ParticipantResumed;
import cn.courtmediation.hub.store.MessageStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides which parked messages are released once their recipients are active again; the message-intake-release
 * route queues them (on resume, and from the relay sweep, so that a release interrupted by a crash, or a resume on
 * another replica, is finished anyway).
 */
@Component("messageRelease")
public class MessageRelease {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRelease.class);
    static final String RELEASE_ROUTE = "direct:message-intake-release";
    private final MessageStore store;
    private final DirectRoutes routes;

    MessageRelease(MessageStore store, DirectRoutes routes) {
        this.store = store;
        this.routes = routes;
    }

    /** A participant was resumed: release what was parked for it (and anything else releasable) at once; the resume call answers the count. */
    @EventListener
    void on(ParticipantResumed resumed) {
        resumed.released().addAndGet(routes.request(RELEASE_ROUTE, null, Integer.class));
    }

    /** Parked messages whose recipients are active again, oldest first. */
    public List<String> releasable() {
        return store.releasable(1000);
    }

    /** A duplicate-detection id of its own for this release: the broker has seen the messageId, and maybe an earlier release. */
    public String duplicateId(String messageId) {
        return messageId + "#release-" + System.nanoTime();
    }

    /** After the message is queued again: RELAYED; false when another replica released it first. */
    public boolean unpark(String messageId) {
        return store.unpark(messageId);
    }

    /** Body of the release route after its split: one unpark result per queued message (or the empty list of ids). */
    public int count(List<?> unparked) {
        int released = (int) unparked.stream().filter(Boolean.TRUE::equals).count();
        if (released > 0) {
            LOG.info("Released {} parked message(s) to recipients that are active again", released);
        }
        return released;
    }
}
