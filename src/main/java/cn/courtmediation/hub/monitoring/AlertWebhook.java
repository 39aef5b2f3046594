package cn.courtmediation.hub.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts each opened and resolved alert to hub.monitoring.alerts.webhook-url as JSON (none when empty), asynchronously:
 * a slow or dead receiver never holds the evaluation. A failing receiver is logged once, and once more when it answers
 * again, not at every alert.
 */
@Component("alertWebhook")
public class AlertWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private final ObjectMapper json;
    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final AtomicBoolean failing = new AtomicBoolean();

    AlertWebhook(MonitoringSettings settings, ObjectMapper json) {
        this.json = json;
        String configured = settings.alerts().webhookUrl();
        this.url = configured == null || configured.isBlank() ? null : URI.create(configured.trim());
        this.timeout = settings.alerts().webhookTimeout();
        this.http = url == null ? null : HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Posts each change (route alerts-evaluate, after the alerts are stored). */
    public void post(List<Alerts.Change> changes) {
        if (url == null) {
            return;
        }
        for (Alerts.Change c : changes) {
            byte[] body;
            try {
                body = json.writeValueAsBytes(java.util.Map.of("event", c.event(), "alert", c.alert()));
            } catch (Exception e) {
                LOG.warn("Alert {} not posted: {}", c.alert().alertId(), e.toString());
                continue;
            }
            http.sendAsync(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> outcome(r == null ? -1 : r.statusCode(), e));
        }
    }

    private void outcome(int status, Throwable error) {
        boolean ok = error == null && status >= 200 && status < 300;
        if (!ok && failing.compareAndSet(false, true)) {
            LOG.warn("Alert webhook {} failed ({}); further failures are not logged until it answers again", url,
                    error != null ? error.toString() : "HTTP " + status);
        } else if (ok && failing.compareAndSet(true, false)) {
            LOG.info("Alert webhook {} answers again", url);
        }
    }
}
