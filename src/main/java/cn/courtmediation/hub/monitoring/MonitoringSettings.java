package cn.courtmediation.hub.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.monitoring: the alert rules' thresholds and the alert webhook (application.yaml says why each default). The
 * connection check needs no setting of its own: the channel's timeouts apply (hub.delivery).
 *
 * @param alerts the alerts engine
 */
@ConfigurationProperties("hub.monitoring")
public record MonitoringSettings(Alerts alerts) {

    /**
     * @param evaluateInterval ms between two evaluations of the rules (route alerts-evaluate)
     * @param failureThreshold failing messages to one recipient within failure-window that raise DELIVERY_FAILURES
     * @param failureWindow how far back a failed attempt counts
     * @param backlogThreshold undelivered messages to one recipient that raise BACKLOG
     * @param backlogMinAge the oldest of them must be at least this old (a burst being delivered is not a backlog)
     * @param certificateWarning certificates expiring within this raise CERTIFICATE_EXPIRY
     * @param deadlineWithin mediating cases whose deadline is this close raise CASE_DEADLINE (one alert per court)
     * @param webhookUrl where new and resolved alerts are POSTed as JSON; empty: no webhook
     * @param webhookTimeout how long a webhook call may take
     */
    public record Alerts(long evaluateInterval, int failureThreshold, Duration failureWindow, int backlogThreshold,
                         Duration backlogMinAge, Duration certificateWarning, Duration deadlineWithin, String webhookUrl,
                         Duration webhookTimeout) {
    }
}
