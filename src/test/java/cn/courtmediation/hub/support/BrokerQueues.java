package cn.courtmediation.hub.support;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Consumer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** What the embedded broker holds, for tests: a queue's depth and consumers, and the dead-letter and expiry queues. */
public final class BrokerQueues {
    private final ActiveMQServer server;

    public BrokerQueues(EmbeddedActiveMQ broker) {
        this.server = broker.getActiveMQServer();
    }

    /** Messages on the queue (0 when it does not exist). */
    public long depth(String queue) {
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    /** Messages on the queue waiting for a scheduled (re)delivery, e.g. rolled back and held for the redelivery delay. */
    public long scheduled(String queue) {
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getScheduledCount();
    }

    /**
     * The broker-wide ids of the queue's consumers: a consumer the broker removed and the client re-created has a new
     * id, so an unchanged set means the consumer was never removed.
     */
    public Set<Long> consumers(String queue) {
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? Set.of() : q.getConsumers().stream().map(Consumer::sequentialID).collect(Collectors.toSet());
    }

    /** Messages in every dead-letter (DLQ, DLQ.*) and expiry queue of the broker: where nothing of the hub should go. */
    public long deadLettersAndExpired() {
        long n = 0;
        for (String name : server.getActiveMQServerControl().getQueueNames()) {
            if (name.startsWith("DLQ") || name.startsWith("ExpiryQueue")) {
                n += depth(name);
            }
        }
        return n;
    }
}
