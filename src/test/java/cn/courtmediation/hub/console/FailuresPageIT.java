package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.ConsoleSession;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.Operators;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's Failures page as a signed-in browser session uses it (form login, session cookie, CSRF tokens): a
 * stopped court's messages become dead letters, the court comes back, they are replayed from the page (one selected,
 * then all matching the filter) and each is delivered once, with the replays in the audit trail; a viewer sees the
 * page without its actions; a discard needs a reason; refusals are grouped by code with a click-through.
 */
class FailuresPageIT extends HubIntegrationTest {
    private static final String SENDER = "C110105";
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private ConsoleSession engineer;
    private ConsoleSession viewer;

    @BeforeAll
    void signIn() {
        String admin = operator(Caller.Role.ADMIN);
        String engineerPassword = Operators.create(https(), tlsBase(), admin, "failures-eng-" + suffix, Caller.Role.ENGINEER);
        String viewerPassword = Operators.create(https(), tlsBase(), admin, "failures-view-" + suffix, Caller.Role.VIEWER);
        engineer = ConsoleSession.signIn(https(), tlsBase(), "failures-eng-" + suffix, engineerPassword);
        viewer = ConsoleSession.signIn(https(), tlsBase(), "failures-view-" + suffix, viewerPassword);
        assertThat(engineer.signedIn()).isTrue();
        assertThat(viewer.signedIn()).isTrue();
    }

    String submit(String recipient) throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", SENDER, recipient, n -> n.put("caseId", "FP-" + UUID.randomUUID()));
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(SENDER, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return m.get("messageId").asText();
    }

    String status(String messageId) {
        return jdbc.queryForObject("select status from messages where message_id = ?", String.class, messageId);
    }

    Map<String, Long> receivedCounts(String court) {
        return courts.receivedBy(court).stream().collect(Collectors.groupingBy(r -> r.headers().get("x-hub-message-id"), Collectors.counting()));
    }

    boolean jobsFinished() throws Exception {
        JsonNode jobs = JSON.readTree(engineer.getJson("/console/failures/replays").body());
        for (JsonNode j : jobs) {
            if (j.get("state").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aStoppedCourtsDeadLettersAreReplayedFromThePageAndEachDeliveredOnceWithTheReplaysAudited() throws Exception {
        String court = newCourt("FP", Channel.REST);
        courts.failing(court, true);
        String first = submit(court);
        String second = submit(court);
        await().atMost(Duration.ofSeconds(120)).until(() -> status(first).equals("FAILED") && status(second).equals("FAILED"));
        courts.failing(court, false);

        HttpResponse<String> page = engineer.get("/console/failures?recipient=" + court);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(first, second, "Replay selected", "Discard selected", "Refusals by error code");

        HttpResponse<String> one = engineer.postForm("/console/failures/replay", Map.of("messageId", first, "recipient", court));
        assertThat(one.statusCode()).isEqualTo(302);
        assertThat(one.headers().firstValue("Location").orElseThrow()).contains("/console/failures?recipient=" + court);
        assertThat(engineer.get("/console/failures?recipient=" + court).body()).contains("Replay job", "1 selected dead letter");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("DELIVERED"));

        // the rest: everything matching the filter (the second one only: the first is not FAILED any more)
        HttpResponse<String> rest = engineer.postForm("/console/failures/replay-matching", Map.of("recipient", court));
        assertThat(rest.statusCode()).isEqualTo(302);
        assertThat(engineer.get("/console/failures?recipient=" + court).body()).contains("the 1 dead letter(s) matching the filter");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(second).equals("DELIVERED") && jobsFinished());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> courts.receivedBy(court).size() == 2);
        assertThat(receivedCounts(court)).containsOnlyKeys(first, second).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));

        JsonNode audit = JSON.readTree(admin("GET", "/admin/audit?after=0&limit=1000", null).body()).get("entries");
        long replays = 0;
        for (JsonNode e : audit) {
            if (e.get("actor").asText().equals("failures-eng-" + suffix) && e.get("method").asText().equals("POST")
                    && e.get("path").asText().startsWith("/console/failures/replay")) {
                replays++;
            }
        }
        assertThat(replays).isEqualTo(2);
    }

    @Test
    void aViewerSeesTheFailuresButNoActionsAndMayNotPostThem() throws Exception {
        HttpResponse<String> page = viewer.get("/console/failures");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Dead letters", "Replay jobs").doesNotContain("Replay selected", "Discard selected");
        assertThat(viewer.postForm("/console/failures/replay", Map.of("messageId", UUID.randomUUID().toString())).statusCode()).isEqualTo(403);
        assertThat(viewer.postForm("/console/failures/discard", Map.of("messageId", UUID.randomUUID().toString(), "discardReason", "x"))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aDiscardFromThePageNeedsAReasonAndKeepsIt() throws Exception {
        String court = newCourt("FQ", Channel.REST);
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload, payload_sha256,"
                        + " received_at, attempts, last_error, failed_at) values (?, 'NOTICE', ?, ?, ?, 'REST', 'FAILED', ?, ?,"
                        + " current_timestamp, 3, 'HttpOperationFailedException: 503', current_timestamp)",
                id, SENDER, court, "FQ-" + UUID.randomUUID(), "{}".getBytes(StandardCharsets.UTF_8), "0".repeat(64));
        engineer.get("/console/failures?recipient=" + court);
        assertThat(engineer.postForm("/console/failures/discard", Map.of("messageId", id, "recipient", court)).statusCode()).isEqualTo(302);
        assertThat(engineer.get("/console/failures?recipient=" + court).body()).contains("reason is required");
        assertThat(status(id)).isEqualTo("FAILED");

        engineer.postForm("/console/failures/discard", Map.of("messageId", id, "recipient", court, "discardReason", "filed by hand at the court"));
        assertThat(engineer.get("/console/failures?recipient=" + court).body()).contains("Discarded 1 dead letter");
        assertThat(status(id)).isEqualTo("DISCARDED");
        assertThat(jdbc.queryForObject("select discard_reason from messages where message_id = ?", String.class, id))
                .isEqualTo("filed by hand at the court");
    }

    @Test
    void refusalsAreGroupedByCodeOnThePageWithAClickThroughToTheirList() throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", SENDER, "C110105", n -> { });
        assertThat(postMessage(TestMessages.bytes(m), null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = viewer.get("/console/failures?window=1h");
        assertThat(page.body()).contains("SIGNATURE_MISSING", "code=SIGNATURE_MISSING");
        HttpResponse<String> list = viewer.get("/console/failures?window=1h&code=SIGNATURE_MISSING");
        assertThat(list.body()).contains("Refusals <code>SIGNATURE_MISSING</code>");
        assertThat(viewer.get("/console/failures?from=yesterday").body()).contains("from must be an ISO-8601 time");
    }
}
