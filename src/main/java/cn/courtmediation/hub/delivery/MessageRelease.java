package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import cn.courtmediation.hub.registry.ParticipantResumed;
import cn.courtmediation.hub.store.MessageStore;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Releases messages parked for suspended recipients once they are active again: on resume, and from the
 * relay sweep (so a release interrupted by a crash, or a resume on another replica, is finished anyway).
 */
@Component("messageRelease")
public class MessageRelease {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRelease.class);
    private final MessageStore store;
    private final ProducerTemplate producer;
    private final String outbound;

    MessageRelease(MessageStore store, ProducerTemplate producer, @Value("${hub.delivery.outbound-endpoint}") String outbound) {
        this.store = store;
        this.producer = producer;
        this.outbound = outbound;
    }

    /** A participant was resumed: release what was parked for it (and anything else releasable) at once. */
    @EventListener
    void on(ParticipantResumed resumed) {
        resumed.released().addAndGet(releaseAll());
    }

    /** Queues every releasable parked message again; returns how many. */
    public int releaseAll() {
        int released = 0;
        for (String id : store.releasable(1000)) {
            // a fresh duplicate-detection key: the broker has already seen the messageId itself
            producer.sendBodyAndHeaders(outbound, id, Map.of(ChannelHeaders.MESSAGE_ID, id, "_AMQ_DUPL_ID", id + "#release-" + System.nanoTime()));
            if (store.unpark(id)) {
                released++;
            }
        }
        if (released > 0) {
            LOG.info("Released {} parked message(s) to recipients that are active again", released);
        }
        return released;
    }
}
