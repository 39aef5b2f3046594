package cn.courtmediation.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queue depths at each scrape, hub_queue_depth{queue}: the hub's own queues on the embedded broker (outbound, retry),
 * the dead letters (FAILED messages: the hub keeps them as rows, not on a broker queue; an indexed count), and the
 * partners' from-hub backlog as one sum (queue="partners-from-hub") with hub_partner_queues_backlogged, how many partner
 * queues hold anything: bounded labels; which partner it is the console shows. Broker queues are read in the embedded
 * broker's memory (no management round trip). With an external broker (profile external-broker) the broker gauges are
 * absent: its own metrics (Artemis' Prometheus plugin) have every queue; the dead-letter count stays.
 */
@Component
class QueueDepths implements MeterBinder {
    static final String DEPTH = "hub.queue.depth";

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final JdbcTemplate jdbc;
    private final MetricsQueues queues;
    private final Pattern partnerFromHub;

    QueueDepths(ObjectProvider<EmbeddedActiveMQ> embedded, JdbcTemplate jdbc, MetricsQueues queues) {
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.queues = queues;
        this.partnerFromHub = queues.partnerFromHub();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(DEPTH, () -> count("select count(*) from messages where status = 'FAILED'"))
                .description("Messages waiting in a queue (dead-letters: FAILED messages, replayable)")
                .tag("queue", "dead-letters").register(registry);
        if (embedded.getIfAvailable() == null) {
            return;
        }
        Gauge.builder(DEPTH, () -> depth(queues.outbound())).description("Messages waiting in a queue")
                .tag("queue", "outbound").register(registry);
        Gauge.builder(DEPTH, () -> depth(queues.retry())).description("Messages waiting in a queue")
                .tag("queue", "retry").register(registry);
        Gauge.builder(DEPTH, () -> partners(false)).description("Messages waiting in a queue (all partners' from-hub addresses)")
                .tag("queue", "partners-from-hub").register(registry);
        Gauge.builder("hub.partner.queues.backlogged", () -> partners(true))
                .description("Partner from-hub addresses holding at least one message").register(registry);
    }

    private double depth(String name) {
        ActiveMQServer server = server();
        Queue q = server == null ? null : server.locateQueue(SimpleString.of(name));
        return q == null ? Double.NaN : q.getMessageCount();
    }

    /** The sum of the partners' from-hub depths, or how many of those queues are not empty. */
    private double partners(boolean countQueues) {
        ActiveMQServer server = server();
        if (server == null) {
            return Double.NaN;
        }
        long total = 0;
        for (Queue q : server.getPostOffice().getAllBindings().filter(LocalQueueBinding.class::isInstance)
                .map(b -> ((LocalQueueBinding) b).getQueue()).toList()) {
            if (partnerFromHub.matcher(q.getName().toString()).matches()) {
                long n = q.getMessageCount();
                total += countQueues ? (n > 0 ? 1 : 0) : n;
            }
        }
        return total;
    }

    private double count(String sql) {
        try {
            Long n = jdbc.queryForObject(sql, Long.class);
            return n == null ? Double.NaN : n;
        } catch (RuntimeException e) {
            // the database unreachable: no value rather than a failed scrape
            return Double.NaN;
        }
    }

    private ActiveMQServer server() {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        ActiveMQServer server = broker == null ? null : broker.getActiveMQServer();
        return server == null || !server.isActive() ? null : server;
    }
}
