package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.support.ConsoleSession;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.Operators;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Participants, Messages and Alerts pages as a browser uses them (signed-in sessions, CSRF forms; ConsoleSession):
 * search, a participant's health, send test message, suspend and resume (audited), a message found by its Chinese case
 * number and shown masked, an alert acknowledged; a viewer sees and may not act.
 */
class ParticipantPagesIT extends HubIntegrationTest {
    private static final String SENDER = "C110105";
    private ConsoleSession engineer;
    private ConsoleSession viewer;
    private String engineerName;

    @BeforeAll
    void signIn() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        engineerName = "pp-eng-" + suffix;
        String e = Operators.create(https(), tlsBase(), adminAuth(), engineerName, Caller.Role.ENGINEER);
        String v = Operators.create(https(), tlsBase(), adminAuth(), "pp-view-" + suffix, Caller.Role.VIEWER);
        engineer = ConsoleSession.signIn(https(), tlsBase(), engineerName, e);
        viewer = ConsoleSession.signIn(https(), tlsBase(), "pp-view-" + suffix, v);
        assertThat(engineer.signedIn()).isTrue();
        assertThat(viewer.signedIn()).isTrue();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private long audited(String path, String actor) {
        return jdbc.queryForObject("select count(*) from audit_events where path = ? and actor = ?", Long.class, path, actor);
    }

    @Test
    void theRegistryIsSearchedByCodeAndByChineseNameAndByKind() {
        String court = newCourt("PS", Channel.REST);
        HttpResponse<String> byCode = engineer.get("/console/participants?q=" + court.toLowerCase());
        assertThat(byCode.statusCode()).isEqualTo(200);
        assertThat(byCode.body()).contains(court, "测试人民法院", "<span>1</span> participant(s)");
        HttpResponse<String> byName = engineer.get("/console/participants?q=" + enc("测试人民") + "&kind=COURT&region=1101");
        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(byName.body()).contains("测试人民法院").doesNotContain("测试合作机构");
    }

    @Test
    void anEngineerChecksTheConnectionSuspendsAndResumesACourtAndEachStepIsAudited() {
        String court = newCourt("PP", Channel.REST);
        HttpResponse<String> page = engineer.get("/console/participants/" + court);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"health\"", "CLOSED", "Send test message", "No connection check yet");

        HttpResponse<String> sent = engineer.postForm("/console/participants/" + court + "/test-message", Map.of());
        assertThat(sent.statusCode()).isEqualTo(302);
        HttpResponse<String> after = engineer.get("/console/participants/" + court);
        assertThat(after.body()).contains("id=\"check-result\"", "DELIVERED");
        assertThat(courts.receivedBy(court)).hasSize(1);

        assertThat(engineer.postForm("/console/participants/" + court + "/suspend", Map.of()).statusCode()).isEqualTo(302);
        assertThat(registry.find(court).orElseThrow().status()).isEqualTo(Status.SUSPENDED);
        assertThat(engineer.get("/console/participants/" + court).body()).contains("is suspended", "id=\"resume\"");
        assertThat(engineer.postForm("/console/participants/" + court + "/resume", Map.of()).statusCode()).isEqualTo(302);
        assertThat(registry.find(court).orElseThrow().status()).isEqualTo(Status.ACTIVE);

        for (String action : new String[] {"test-message", "suspend", "resume"}) {
            assertThat(audited("/console/participants/" + court + "/" + action, engineerName)).as(action).isEqualTo(1);
        }
    }

    @Test
    void aViewerSeesAParticipantButMayNotActOnIt() {
        String court = newCourt("PV", Channel.REST);
        HttpResponse<String> page = viewer.get("/console/participants/" + court);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(court).doesNotContain("Send test message").doesNotContain("id=\"suspend\"");
        assertThat(viewer.postForm("/console/participants/" + court + "/suspend", Map.of()).statusCode()).isEqualTo(403);
        assertThat(registry.find(court).orElseThrow().status()).isEqualTo(Status.ACTIVE);
        assertThat(viewer.get("/console/participants/NO-SUCH-COURT").statusCode()).isEqualTo(404);
    }

    @Test
    void aMessageIsFoundByItsChineseCaseNumberAndOpenedWithItsNumbersMasked() throws Exception {
        String partner = newPartner("PM");
        String caseNumber = "(2026)京0105民诉前调" + (100000 + new java.util.Random().nextInt(900000)) + "号";
        ObjectNode m = TestMessages.fresh("case-dispatch.json", SENDER, partner, x -> x.with("body").put("caseNumber", caseNumber));
        byte[] body = TestMessages.bytes(m);
        assertThat(postMessage(body, signers.sign(SENDER, body)).statusCode()).isEqualTo(202);
        String id = m.get("messageId").asText();

        HttpResponse<String> found = viewer.get("/console/messages?caseNumber=" + enc(caseNumber));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("id=\"message-results\"", "/console/messages/" + id, "CASE_DISPATCH");
        HttpResponse<String> page = viewer.get("/console/messages/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(caseNumber, "[masked]", "SUBMISSION_ACCEPTED", "Valid")
                .doesNotContain("110105199001011234").doesNotContain("13800138000");
        assertThat(viewer.get("/console/messages").body()).contains("Give at least one filter");
        assertThat(viewer.get("/console/messages?status=LOST").body()).contains("status must be one of");
        assertThat(viewer.get("/console/messages/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void anOpenAlertIsListedWithItsCountAndAcknowledgedByAnEngineerNotAViewer() {
        String subject = "AP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OffsetDateTime now = OffsetDateTime.now();
        // an alert as the rules leave it (the rules themselves: AlertsIT)
        jdbc.update("insert into alerts (kind, subject, open_key, severity, detail, measure, occurrences, first_seen_at, last_seen_at)"
                + " values ('BACKLOG', ?, ?, 'WARNING', 'test backlog', 7, 4, ?, ?)", subject, "BACKLOG:" + subject, now, now);
        long id = jdbc.queryForObject("select alert_id from alerts where subject = ?", Long.class, subject);

        HttpResponse<String> page = viewer.get("/console/alerts");
        assertThat(page.body()).contains(subject, "test backlog").doesNotContain("/console/alerts/" + id + "/ack");
        assertThat(viewer.postForm("/console/alerts/" + id + "/ack", Map.of()).statusCode()).isEqualTo(403);

        assertThat(engineer.get("/console/alerts").body()).contains("/console/alerts/" + id + "/ack");
        assertThat(engineer.postForm("/console/alerts/" + id + "/ack?state=OPEN", Map.of()).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(5)).until(() -> engineerName.equals(
                jdbc.queryForObject("select acknowledged_by from alerts where alert_id = ?", String.class, id)));
        assertThat(engineer.get("/console/alerts?state=ALL").body()).contains(engineerName);
        jdbc.update("update alerts set open_key = null, resolved_at = ? where alert_id = ?", now, id);
    }
}
