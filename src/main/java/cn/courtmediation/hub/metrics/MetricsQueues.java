package cn.courtmediation.hub.metrics;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The queue names the queue-depth gauges read, bound from the keys the flows use (hub.queues.outbound,
 * hub.delivery.retry-queue, hub.partner.from-hub-address), so a renamed queue is measured under its new name.
 */
@ConfigurationProperties("hub")
record MetricsQueues(Queues queues, Delivery delivery, Partner partner) {

    record Queues(String outbound) {
    }

    record Delivery(String retryQueue) {
    }

    record Partner(String fromHubAddress) {
    }

    String outbound() {
        return queues.outbound();
    }

    String retry() {
        return delivery.retryQueue();
    }

    /** Matches every partner's from-hub address ("partner.%s.from-hub": the code in place of %s). */
    Pattern partnerFromHub() {
        String[] parts = partner.fromHubAddress().split("%s", -1);
        return Pattern.compile(Pattern.quote(parts[0]) + ".+" + Pattern.quote(parts.length > 1 ? parts[1] : ""));
    }
}
