package cn.courtmediation.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller.Role;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HeadlessChromium;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.Operators;
import cn.courtmediation.hub.support.OwnHub;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alerts engine on a real hub with a real court that goes down and comes back: its circuit opens and ONE alert
 * appears and counts up, its failures and backlog raise their own, all resolve once it is back; expiring certificates
 * and cases near their deadline raise theirs; opened and resolved alerts reach a webhook (a JDK HTTP server here);
 * acknowledging is for engineers and audited.
 */
// Not the shared hub: the rules run every 300 ms here (60 s by default), with low thresholds and a webhook receiver of
// this class; retries are many and slow enough that the court's messages keep retrying while it is down.
@OwnHub
class AlertsIT extends HubIntegrationTest {
    private static final String SENDER = "C110105";
    private static final List<JsonNode> POSTED = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private MonitoringSupport ops;

    @DynamicPropertySource
    static void alertingHub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        receiver = webhookReceiver();
        registry.add("hub.monitoring.alerts.evaluate-interval", () -> 300);
        registry.add("hub.monitoring.alerts.failure-threshold", () -> 3);
        registry.add("hub.monitoring.alerts.backlog-threshold", () -> 3);
        registry.add("hub.monitoring.alerts.backlog-min-age", () -> "PT0S");
        registry.add("hub.monitoring.alerts.webhook-url", () -> "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
        registry.add("hub.delivery.max-redeliveries", () -> 50);
        registry.add("hub.delivery.redelivery-delay", () -> 100);
        registry.add("hub.delivery.breaker.open-for", () -> "PT1S");
    }

    private static HttpServer webhookReceiver() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/alerts", ex -> {
                POSTED.add(JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                ex.sendResponseHeaders(204, -1);
                ex.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void operators() {
        ops = new MonitoringSupport(https(), tlsBase(), this::operator);
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    private JsonNode alertsOf(String subject) throws Exception {
        return ops.ok(Role.VIEWER, "GET", "/admin/alerts?subject=" + subject).path("items");
    }

    private JsonNode alert(String subject, String kind) throws Exception {
        for (JsonNode a : alertsOf(subject)) {
            if (kind.equals(a.path("kind").asText())) {
                return a;
            }
        }
        return null;
    }

    private long rows(String subject, String kind) {
        return jdbc.queryForObject("select count(*) from alerts where subject = ? and kind = ?", Long.class, subject, kind);
    }

    private boolean posted(String event, String subject, String kind) {
        return POSTED.stream().anyMatch(p -> event.equals(p.path("event").asText()) && subject.equals(p.path("alert").path("subject").asText())
                && kind.equals(p.path("alert").path("kind").asText()));
    }

    @Test
    void aCourtThatGoesDownRaisesOneCountingAlertPerFaultThatResolvesWhenItIsBack() throws Exception {
        String court = newCourt("AL", Channel.REST);
        courts.failing(court, true);
        for (int i = 0; i < 4; i++) {
            ObjectNode m = TestMessages.fresh("notice.json", SENDER, court, n -> n.put("caseId", SENDER + "-" + court + "-" + UUID.randomUUID()));
            byte[] body = TestMessages.bytes(m);
            assertThat(postMessage(body, signers.sign(SENDER, body)).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> alert(court, "CIRCUIT_OPEN") != null
                && alert(court, "DELIVERY_FAILURES") != null && alert(court, "BACKLOG") != null);
        // seen again and again: still one alert each, counting up
        await().atMost(Duration.ofSeconds(20)).until(() -> alert(court, "CIRCUIT_OPEN").path("occurrences").asInt() >= 3);
        assertThat(rows(court, "CIRCUIT_OPEN")).isEqualTo(1);
        assertThat(rows(court, "DELIVERY_FAILURES")).isEqualTo(1);
        JsonNode open = alert(court, "CIRCUIT_OPEN");
        assertThat(open.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(open.path("resolvedAt").isNull()).isTrue();
        assertThat(alert(court, "BACKLOG").path("measure").asLong()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> posted("OPENED", court, "CIRCUIT_OPEN"));
        assertThat(POSTED.stream().filter(p -> "OPENED".equals(p.path("event").asText())
                && court.equals(p.path("alert").path("subject").asText()) && "CIRCUIT_OPEN".equals(p.path("alert").path("kind").asText())))
                .as("the webhook hears of an open fault once").hasSize(1);

        // acknowledged by an engineer, audited; a viewer may not
        long id = open.path("alertId").asLong();
        assertThat(ops.call(Role.VIEWER, "POST", "/admin/alerts/" + id + "/ack").statusCode()).isEqualTo(403);
        JsonNode acked = ops.ok(Role.ENGINEER, "POST", "/admin/alerts/" + id + "/ack");
        assertThat(acked.path("acknowledgedBy").asText()).isEqualTo("engineer-it");
        assertThat(jdbc.queryForObject("select count(*) from audit_events where path = ? and actor = 'engineer-it' and outcome = 'DONE'",
                Long.class, "/admin/alerts/" + id + "/ack")).isEqualTo(1);
        assertThat(ops.call(Role.ENGINEER, "POST", "/admin/alerts/999999999/ack").statusCode()).isEqualTo(404);

        courts.failing(court, false);
        await().atMost(Duration.ofSeconds(40)).until(() -> alert(court, "CIRCUIT_OPEN").path("resolvedAt").isTextual()
                && alert(court, "BACKLOG").path("resolvedAt").isTextual());
        assertThat(rows(court, "CIRCUIT_OPEN")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> courts.receivedBy(court).size() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> posted("RESOLVED", court, "CIRCUIT_OPEN"));
        assertThat(ops.ok(Role.VIEWER, "GET", "/admin/alerts?state=OPEN&subject=" + court).path("items").findValuesAsText("kind"))
                .doesNotContain("CIRCUIT_OPEN", "BACKLOG");
    }

    /**
     * The browser check: an engineer in Chromium watches a court that goes down open its circuit and raise its
     * alert (once, counting), acknowledges it, and sees it resolved once the court is back.
     */
    @Test
    void inTheBrowserACourtGoingDownShowsItsOpenCircuitAndOneAlertThatResolvesWhenItIsBack() throws Exception {
        String court = newCourt("AB", Channel.REST);
        String user = "alerts-" + UUID.randomUUID().toString().substring(0, 6);
        String password = Operators.create(https(), tlsBase(), adminAuth(), user, Role.ENGINEER);
        courts.failing(court, true);
        for (int i = 0; i < 3; i++) {
            ObjectNode m = TestMessages.fresh("notice.json", SENDER, court, n -> n.put("caseId", SENDER + "-" + court + "-" + UUID.randomUUID()));
            byte[] body = TestMessages.bytes(m);
            assertThat(postMessage(body, signers.sign(SENDER, body)).statusCode()).isEqualTo(202);
        }
        try (HeadlessChromium chromium = new HeadlessChromium(tlsBase())) {
            WebDriver browser = chromium.driver();
            chromium.signIn(user, password);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                chromium.open("/console/participants/" + court);
                return browser.findElement(By.id("health")).getText().contains("OPEN");
            });
            chromium.screenshot("participant-circuit-open");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                chromium.open("/console/alerts");
                return browser.findElements(By.xpath("//table[@id='alerts']//tr[td[1]='CIRCUIT_OPEN' and td[2]/a='" + court + "']")).size() == 1;
            });
            chromium.screenshot("alerts-open");
            browser.findElement(By.xpath("//table[@id='alerts']//tr[td[1]='CIRCUIT_OPEN' and td[2]/a='" + court + "']//button")).click();
            chromium.waiting().until(d -> d.getPageSource().contains("acknowledged"));
            assertThat(rows(court, "CIRCUIT_OPEN")).isEqualTo(1);

            courts.failing(court, false);
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                chromium.open("/console/alerts?state=RESOLVED");
                return browser.findElements(By.xpath("//table[@id='alerts']//tr[td[1]='CIRCUIT_OPEN' and td[2]/a='" + court + "']")).size() == 1;
            });
            chromium.screenshot("alerts-resolved");
            await().atMost(Duration.ofSeconds(20)).until(() -> courts.receivedBy(court).size() == 3);
            // the audit entry is appended once the answer is sent
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from audit_events"
                    + " where path like ? and actor = ? and method = 'POST'", Long.class, "/console/alerts/%/ack%", user) == 1);
        }
    }

    @Test
    void aCertificateExpiringWithin60DaysAndCasesNearTheirDeadlineRaiseAlerts() throws Exception {
        String court = newCourt("DL", Channel.REST);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // the court's real certificate, recorded as if issued 335 days ago with a year's validity
        String serial = cn.courtmediation.hub.trust.CertificateStore.serialOf(signers.of(court).certificate());
        jdbc.update("update certificates set not_after = ? where serial = ?", now.plusDays(30).plusHours(1), serial);
        for (int i = 0; i < 2; i++) {
            jdbc.update("insert into cases (case_id, court_code, state, deadline_at, created_at, updated_at) values (?, ?, 'IN_MEDIATION', ?, ?, ?)",
                    court + "-2026-" + i, court, now.plusHours(20), now, now);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> alert(serial, "CERTIFICATE_EXPIRY") != null && alert(court, "CASE_DEADLINE") != null);
        assertThat(alert(serial, "CERTIFICATE_EXPIRY").path("detail").asText()).contains(court);
        assertThat(alert(serial, "CERTIFICATE_EXPIRY").path("measure").asLong()).isBetween(29L, 30L);
        assertThat(alert(court, "CASE_DEADLINE").path("measure").asLong()).isEqualTo(2);

        jdbc.update("update cases set state = 'SUCCEEDED' where court_code = ?", court);
        jdbc.update("update certificates set status = 'REVOKED' where serial = ?", serial);
        await().atMost(Duration.ofSeconds(20)).until(() -> alert(court, "CASE_DEADLINE").path("resolvedAt").isTextual()
                && alert(serial, "CERTIFICATE_EXPIRY").path("resolvedAt").isTextual());
    }

    @Test
    void theAlertListRefusesAnUnknownStateAndNeedsCredentials() throws Exception {
        assertThat(ops.call(Role.VIEWER, "GET", "/admin/alerts?state=SLEEPING").statusCode()).isEqualTo(400);
        assertThat(ops.call(Role.VIEWER, "GET", "/admin/alerts?size=0").statusCode()).isEqualTo(400);
        assertThat(getWithoutCredentials("/admin/alerts").statusCode()).isEqualTo(401);
    }
}
