package cn.courtmediation.hub.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The embedded broker's queues for the Queues page, from its management API (QueueControl): address, depth, scheduled
 * (held for a redelivery delay), consumers, and the age of the oldest message. Empty with an external broker (profile
 * external-broker): the hub does not hold that broker's management credentials; its own console shows them.
 */
@Component
class BrokerQueueList {
    private final ObjectProvider<EmbeddedActiveMQ> broker;

    /** One queue as shown. */
    record QueueRow(String name, String address, String routing, long depth, long scheduled, int consumers, Long oldestAgeMs,
                    boolean paused, String kind) {
    }

    BrokerQueueList(ObjectProvider<EmbeddedActiveMQ> broker) {
        this.broker = broker;
    }

    /** False with an external broker. */
    boolean embedded() {
        return broker.getIfAvailable() != null;
    }

    /** The queues whose name contains the filter (any case), sorted by name. */
    List<QueueRow> queues(String filter) {
        EmbeddedActiveMQ b = broker.getIfAvailable();
        if (b == null || b.getActiveMQServer() == null) {
            return List.of();
        }
        ActiveMQServer server = b.getActiveMQServer();
        String f = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        String[] names = server.getActiveMQServerControl().getQueueNames();
        Arrays.sort(names);
        List<QueueRow> rows = new ArrayList<>();
        for (String name : names) {
            if (!f.isEmpty() && !name.toLowerCase(Locale.ROOT).contains(f)) {
                continue;
            }
            if (server.getManagementService().getResource(ResourceNames.QUEUE + name) instanceof QueueControl q) {
                rows.add(row(name, q, server));
            }
        }
        return rows;
    }

    private static QueueRow row(String name, QueueControl q, ActiveMQServer server) {
        Long age;
        boolean paused;
        try {
            age = q.getMessageCount() == 0 ? null : q.getFirstMessageAge();
            paused = q.isPaused();
        } catch (Exception e) {
            age = null;
            paused = false;
        }
        org.apache.activemq.artemis.core.server.Queue queue = server.locateQueue(name);
        long scheduled = queue == null ? 0 : queue.getScheduledCount();
        return new QueueRow(name, q.getAddress(), q.getRoutingType(), q.getMessageCount(), scheduled, q.getConsumerCount(), age, paused,
                kind(name));
    }

    /** What a queue is for, from the hub's naming (docs/interfaces.md §7). */
    static String kind(String name) {
        if (name.startsWith("partner.") && name.endsWith(".from-hub")) {
            return "partner backlog";
        }
        if (name.startsWith("partner.") && name.endsWith(".to-hub")) {
            return "partner intake";
        }
        if (name.startsWith("DLQ") || name.startsWith("ExpiryQueue")) {
            return "broker dead letters";
        }
        if (name.startsWith("hub.")) {
            return "hub";
        }
        if (name.startsWith("activemq.") || name.startsWith("$")) {
            return "broker";
        }
        return "other";
    }
}
