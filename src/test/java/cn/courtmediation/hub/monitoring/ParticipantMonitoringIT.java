package cn.courtmediation.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller.Role;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestCourtServer;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Participant health, the connection check, and message search and detail, on the shared hub with real courts (HTTP and
 * SOAP), a real AMQP partner and operator tokens of each role.
 */
class ParticipantMonitoringIT extends HubIntegrationTest {
    private static final String SENDER = "C110105";
    private MonitoringSupport ops;

    @BeforeAll
    void operators() {
        ops = new MonitoringSupport(https(), tlsBase(), this::operator);
    }

    private String submitNotice(String recipient) throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", SENDER, recipient, n -> n.put("caseId", SENDER + "-" + recipient + "-2026-000001"));
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(SENDER, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return m.get("messageId").asText();
    }

    private String status(String messageId) {
        return jdbc.queryForObject("select status from messages where message_id = ?", String.class, messageId);
    }

    @Test
    void aHealthyCourtShowsItsLastSuccessAClosedCircuitNoBacklogAndItsCertificate() throws Exception {
        String court = newCourt("HC", Channel.REST);
        signers.of(court);
        String id = submitNotice(court);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(status(id)));

        JsonNode h = ops.ok(Role.VIEWER, "GET", "/admin/participants/" + court + "/health");
        assertThat(h.path("participant").path("code").asText()).isEqualTo(court);
        assertThat(h.path("circuit").asText()).isEqualTo("CLOSED");
        assertThat(h.path("backlog").asLong()).isZero();
        assertThat(h.path("lastSuccess").isNull()).isFalse();
        assertThat(h.path("lastError").isNull()).isTrue();
        assertThat(h.path("failingMessages").asLong()).isZero();
        assertThat(h.path("certificates")).hasSize(1);
        assertThat(h.path("certificates").get(0).path("daysLeft").asLong()).isGreaterThan(300);
        assertThat(h.path("certificates").get(0).path("expiringSoon").asBoolean()).isFalse();
    }

    @Test
    void aFailingCourtShowsItsLastErrorItsFailingMessagesAndItsDeadLetters() throws Exception {
        String court = newCourt("FC", Channel.REST);
        courts.failing(court, true);
        String id = submitNotice(court);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(id)));

        JsonNode h = ops.ok(Role.VIEWER, "GET", "/admin/participants/" + court + "/health");
        assertThat(h.path("lastError").asText()).contains("503");
        assertThat(h.path("failingMessages").asLong()).isEqualTo(1);
        assertThat(h.path("deadLetters").asLong()).isEqualTo(1);
        assertThat(h.path("lastSuccess").isNull()).isTrue();
    }

    @Test
    void anUnknownParticipantsHealthIsNotFound() throws Exception {
        HttpResponse<String> r = ops.call(Role.VIEWER, "GET", "/admin/participants/NO-SUCH-COURT/health");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("NOT_FOUND");
    }

    @Test
    void aTestMessageReachesARestCourtSignedByTheHubAndStoresNoMessageAndNoCase() throws Exception {
        String court = newCourt("TR", Channel.REST);
        long messages = jdbc.queryForObject("select count(*) from messages", Long.class);

        JsonNode check = ops.ok(Role.ENGINEER, "POST", "/admin/participants/" + court + "/test-message");

        assertThat(check.path("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(check.path("millis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(check.path("requestedBy").asText()).isEqualTo("engineer-it");
        TestCourtServer.Received got = courts.receivedBy(court).get(0);
        assertThat(got.headers().get("x-hub-type")).isEqualTo("CONNECTION_TEST");
        assertThat(got.headers().get("x-hub-sender")).isEqualTo("HUB");
        assertThat(got.headers().get("x-hub-signature")).isNotBlank();
        assertThat(got.text()).contains("\"type\":\"CONNECTION_TEST\"").contains(check.path("checkId").asText());
        assertThat(jdbc.queryForObject("select count(*) from messages where message_id = ?", Long.class, check.path("checkId").asText())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from cases where case_id = 'CONNECTION-TEST'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from messages", Long.class)).isEqualTo(messages);
        // the participant's health shows its last check
        JsonNode h = ops.ok(Role.VIEWER, "GET", "/admin/participants/" + court + "/health");
        assertThat(h.path("lastCheck").path("checkId").asText()).isEqualTo(check.path("checkId").asText());
    }

    @Test
    void aTestMessageToASoapCourtIsDeliveredAndToAQueuePartnerIsQueued() throws Exception {
        String soapCourt = newCourt("TS", Channel.SOAP);
        JsonNode soap = ops.ok(Role.ENGINEER, "POST", "/admin/participants/" + soapCourt + "/test-message");
        assertThat(soap.path("outcome").asText()).as(soap.toString()).isEqualTo("DELIVERED");
        assertThat(courts.receivedBy(soapCourt).get(0).soap().getType()).isEqualTo("CONNECTION_TEST");

        String partner = newPartner("TQ");
        JsonNode queued = ops.ok(Role.ENGINEER, "POST", "/admin/participants/" + partner + "/test-message");
        assertThat(queued.path("outcome").asText()).as(queued.toString()).isEqualTo("QUEUED");
        jakarta.jms.Message m = amqp.receive("partner." + partner + ".from-hub", 10_000);
        assertThat(m).isNotNull();
        assertThat(m.getStringProperty("hubType")).isEqualTo("CONNECTION_TEST");
        assertThat(m.getStringProperty("hubMessageId")).isEqualTo(queued.path("checkId").asText());
    }

    @Test
    void aTestMessageToADownCourtReportsTheErrorAndAViewerMayNotSendOne() throws Exception {
        String court = newCourt("TD", Channel.REST);
        courts.failing(court, true);
        JsonNode check = ops.ok(Role.ENGINEER, "POST", "/admin/participants/" + court + "/test-message");
        assertThat(check.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(check.path("error").asText()).contains("503");

        assertThat(ops.call(Role.VIEWER, "POST", "/admin/participants/" + court + "/test-message").statusCode()).isEqualTo(403);
        assertThat(ops.call(Role.ENGINEER, "POST", "/admin/participants/NO-SUCH-COURT/test-message").statusCode()).isEqualTo(404);
        assertThat(ops.ok(Role.VIEWER, "GET", "/admin/participants/" + court + "/test-messages")).hasSize(1);
    }

    @Test
    void aMessageIsFoundByItsCourtCaseNumberInChineseAndShownWithItsNumbersMasked() throws Exception {
        String partner = newPartner("MS");
        String caseNumber = "(2026)京0105民诉前调" + (100000 + new java.util.Random().nextInt(900000)) + "号";
        ObjectNode m = TestMessages.fresh("case-dispatch.json", SENDER, partner, x -> x.with("body").put("caseNumber", caseNumber));
        byte[] body = TestMessages.bytes(m);
        assertThat(postMessage(body, signers.sign(SENDER, body)).statusCode()).isEqualTo(202);
        String id = m.get("messageId").asText();

        JsonNode found = ops.ok(Role.VIEWER, "GET", "/admin/messages?caseNumber=" + MonitoringSupport.enc(caseNumber));
        // the dispatch, and the evidence the hub pushed back to the court about it (same case)
        assertThat(found.path("items").findValuesAsText("messageId")).contains(id);
        assertThat(found.path("items").findValuesAsText("caseId")).containsOnly(m.get("caseId").asText());
        assertThat(ops.ok(Role.VIEWER, "GET", "/admin/messages?participant=" + partner + "&type=case_dispatch").path("total").asLong())
                .isEqualTo(1);
        assertThat(ops.ok(Role.VIEWER, "GET", "/admin/messages?caseId=" + m.get("caseId").asText() + "&from=2020-01-01&type=CASE_DISPATCH").path("items"))
                .hasSize(1);
        assertThat(ops.ok(Role.VIEWER, "GET", "/admin/messages?participant=" + partner + "&status=FAILED").path("total").asLong()).isZero();

        JsonNode detail = ops.ok(Role.VIEWER, "GET", "/admin/messages/" + id);
        assertThat(detail.path("envelope").path("caseNumber").asText()).isEqualTo(caseNumber);
        String payload = detail.path("maskedPayload").asText();
        assertThat(payload).contains(caseNumber).contains("[masked]")
                .doesNotContain("110105199001011234").doesNotContain("13800138000").doesNotContain("010-65001234");
        assertThat(detail.path("signature").path("validNow").asBoolean()).isTrue();
        assertThat(detail.path("signature").path("certificateStatus").asText()).isEqualTo("VALID");
        assertThat(detail.path("evidence").get(0).path("kind").asText()).isEqualTo("SUBMISSION_ACCEPTED");
        assertThat(detail.path("timeline").toString()).contains("MESSAGE CASE_DISPATCH");
    }

    @Test
    void aSearchRefusesAnUnknownStatusATooLargePageABadTimeAndAnUnknownMessageIsNotFound() throws Exception {
        assertThat(ops.call(Role.VIEWER, "GET", "/admin/messages?status=LOST").statusCode()).isEqualTo(400);
        assertThat(ops.call(Role.VIEWER, "GET", "/admin/messages?size=500").statusCode()).isEqualTo(400);
        assertThat(ops.call(Role.VIEWER, "GET", "/admin/messages?page=100&size=200").statusCode()).isEqualTo(400);
        HttpResponse<String> bad = ops.call(Role.VIEWER, "GET", "/admin/messages?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("MALFORMED");
        assertThat(ops.call(Role.VIEWER, "GET", "/admin/messages/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(getWithoutCredentials("/admin/messages").statusCode()).isEqualTo(401);
    }
}
