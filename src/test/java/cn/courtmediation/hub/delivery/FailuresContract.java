package cn.courtmediation.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The failures an operator works with, on the shared hub with a real HTTP court: refusals grouped by code, dead letters
 * found by filter, bulk replay jobs that deliver each dead letter exactly once (also when cancelled half-way, and when
 * the node running the job died mid-way), and discards with a reason that are never replayed. Run on H2 and PostgreSQL.
 */
abstract class FailuresContract extends HubIntegrationTest {
    private static final String SENDER = "C110105";

    /** A dead letter as delivery leaves it after its last attempt: FAILED, with its error and failure time. */
    String deadLetter(String court, String error) {
        String id = UUID.randomUUID().toString();
        byte[] body = ("{\"deadLetter\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload, payload_sha256,"
                        + " received_at, attempts, last_error, failed_at) values (?, 'NOTICE', ?, ?, ?, 'REST', 'FAILED', ?, ?,"
                        + " current_timestamp, 3, ?, current_timestamp)",
                id, SENDER, court, "FL-" + UUID.randomUUID(), body, "0".repeat(64), error);
        return id;
    }

    List<String> deadLetters(String court, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(deadLetter(court, "HttpOperationFailedException: HTTP operation failed with statusCode: 503"));
        }
        return ids;
    }

    HttpResponse<String> as(Caller.Role role, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", operator(role));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return https().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode engineer(String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = as(Caller.Role.ENGINEER, method, path, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    JsonNode job(String jobId) throws Exception {
        return JSON.readTree(as(Caller.Role.VIEWER, "GET", "/admin/replays/" + jobId, null).body());
    }

    String status(String messageId) {
        return jdbc.queryForObject("select status from messages where message_id = ?", String.class, messageId);
    }

    /** How often the court received each message (by X-Hub-Message-Id). */
    Map<String, Long> receivedCounts(String court) {
        return courts.receivedBy(court).stream().collect(Collectors.groupingBy(r -> r.headers().get("x-hub-message-id"), Collectors.counting()));
    }

    @Test
    void refusalsAreGroupedByCodeAndChannelWithCountsAndListedPerCode() throws Exception {
        String from = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1).toString();
        for (int i = 0; i < 3; i++) {
            ObjectNode m = TestMessages.fresh("notice.json", SENDER, "C110105", n -> { });
            assertThat(postMessage(TestMessages.bytes(m), null).statusCode()).isEqualTo(401);
        }
        assertThat(postMessage("{not json".getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(400);

        JsonNode groups = JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/admin/refusals?channel=REST&from=" + from).body());
        JsonNode missing = null;
        for (JsonNode g : groups.get("groups")) {
            if (g.get("code").asText().equals("SIGNATURE_MISSING")) {
                missing = g;
            }
        }
        assertThat(missing).as(groups.toString()).isNotNull();
        assertThat(missing.get("count").asInt()).isEqualTo(3);
        assertThat(missing.get("channel").asText()).isEqualTo("REST");
        assertThat(missing.get("firstSeen").asText()).isNotBlank();
        assertThat(groups.get("total").asLong()).isGreaterThanOrEqualTo(3);

        JsonNode list = JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/admin/refusals/SIGNATURE_MISSING?size=2&from=" + from).body());
        assertThat(list.get("total").asInt()).isEqualTo(3);
        assertThat(list.get("items")).hasSize(2);
        JsonNode all = JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/admin/refusals/SIGNATURE_MISSING?from=" + from).body());
        assertThat(all.get("items").findValuesAsText("quarantineId")).contains(missing.get("sampleQuarantineId").asText());
        assertThat(all.get("items").get(0).has("payload")).isFalse();
    }

    @Test
    void refusalAndDeadLetterQueriesRefuseBadParametersPrecisely() throws Exception {
        for (String path : List.of("/admin/refusals?from=yesterday", "/admin/refusals?channel=FAX", "/admin/refusals/NO_SUCH_CODE",
                "/admin/refusals?from=2026-12-05T10:00:00Z&to=2026-12-05T09:00:00Z", "/admin/refusals/MALFORMED?size=0",
                "/admin/dead-letters?to=never", "/admin/dead-letters?reason=" + "x".repeat(201))) {
            HttpResponse<String> r = getAsOperator(Caller.Role.VIEWER, path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("MALFORMED");
        }
        assertThat(getWithoutCredentials("/admin/refusals").statusCode()).isEqualTo(401);
    }

    @Test
    void deadLettersAreFoundByRecipientTimeAndReasonText() throws Exception {
        String court = newCourt("FF", Channel.REST);
        String timeout = deadLetter(court, "SocketTimeoutException: Read timed out");
        String refused = deadLetter(court, "HttpOperationFailedException: statusCode: 503");
        String now = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString();
        JsonNode byText = JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/admin/dead-letters?recipient=" + court + "&reason=TIMED%20OUT").body());
        assertThat(byText.get("items").findValuesAsText("messageId")).containsExactly(timeout);
        assertThat(byText.get("items").get(0).get("attempts").asInt()).isEqualTo(3);
        assertThat(byText.get("items").get(0).get("lastError").asText()).contains("Read timed out");
        JsonNode byTime = JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/admin/dead-letters?recipient=" + court + "&to=" + now).body());
        assertThat(byTime.get("items").findValuesAsText("messageId")).containsExactlyInAnyOrder(timeout, refused);
        JsonNode later = JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/admin/dead-letters?recipient=" + court + "&from=" + now).body());
        assertThat(later.get("total").asInt()).isZero();
    }

    @Test
    void aBulkReplayOfEveryDeadLetterMatchingAFilterDeliversEachExactlyOnce() throws Exception {
        String court = newCourt("FB", Channel.REST);
        List<String> ids = deadLetters(court, 30);
        JsonNode job = engineer("POST", "/admin/replays", "{\"filter\":{\"recipient\":\"" + court + "\"},\"rate\":100}", 202);
        assertThat(job.get("total").asInt()).isEqualTo(30);
        assertThat(job.get("actor").asText()).isEqualTo("engineer-it");
        String jobId = job.get("jobId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> job(jobId).get("state").asText().equals("FINISHED"));
        assertThat(job(jobId).get("replayed").asInt()).isEqualTo(30);
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCounts(court).size() == 30);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> courts.receivedBy(court).size() == 30);
        assertThat(receivedCounts(court)).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("DELIVERED"));

        // the audit trail has who started it
        JsonNode audit = JSON.readTree(admin("GET", "/admin/audit?after=0&limit=1000", null).body()).get("entries");
        assertThat(audit.findValuesAsText("path")).contains("/admin/replays");
    }

    @Test
    void aReplayCancelledHalfWayLeavesTheRestFailedAndReplayableAndDeliversNothingTwice() throws Exception {
        String court = newCourt("FC", Channel.REST);
        List<String> ids = deadLetters(court, 20);
        String jobId = engineer("POST", "/admin/replays", "{\"filter\":{\"recipient\":\"" + court + "\"},\"rate\":2}", 202).get("jobId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> job(jobId).get("replayed").asInt() >= 4);
        JsonNode cancelled = engineer("POST", "/admin/replays/" + jobId + "/cancel", null, 200);
        assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelledBy").asText()).isEqualTo("engineer-it");

        // nothing moves after the cancel: the replayed ones are delivered, the rest are still dead letters
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode j = job(jobId);
            return courts.receivedBy(court).size() == j.get("replayed").asInt();
        });
        JsonNode done = job(jobId);
        int replayed = done.get("replayed").asInt();
        assertThat(replayed).isLessThan(20);
        assertThat(done.get("remaining").asInt()).isEqualTo(20 - replayed);
        assertThat(ids.stream().filter(id -> status(id).equals("FAILED")).count()).isEqualTo(20 - replayed);
        assertThat(receivedCounts(court).values()).allMatch(n -> n == 1);

        // the rest is replayable: a second job delivers them, and no message reaches the court twice
        String second = engineer("POST", "/admin/replays", "{\"filter\":{\"recipient\":\"" + court + "\"},\"rate\":100}", 202).get("jobId").asText();
        assertThat(job(second).get("total").asInt()).isEqualTo(20 - replayed);
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCounts(court).size() == 20);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> courts.receivedBy(court).size() == 20);
        assertThat(receivedCounts(court)).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        // cancelling a finished job changes nothing
        await().atMost(Duration.ofSeconds(10)).until(() -> job(second).get("state").asText().equals("FINISHED"));
        assertThat(engineer("POST", "/admin/replays/" + second + "/cancel", null, 200).get("state").asText()).isEqualTo("FINISHED");
    }

    @Test
    void aJobWhoseNodeDiedBetweenAClaimAndItsQueueingIsTakenOverAndDeliversEachOnce() throws Exception {
        String court = newCourt("FK", Channel.REST);
        List<String> ids = deadLetters(court, 6);
        // what a node killed mid-job leaves: the job leased to it, one item claimed and recorded but never queued,
        // one item replayed and queued (delivered since), the rest not reached
        String jobId = UUID.randomUUID().toString();
        jdbc.update("insert into replay_jobs (job_id, actor, selection, rate, state, total, replayed, skipped, created_at, runner, lease_until)"
                + " values (?, 'engineer-it', '{\"selected\":6}', 100, 'RUNNING', 6, 2, 0, current_timestamp, 'dead-node',"
                + " current_timestamp - interval '1' minute)", jobId);
        for (String id : ids) {
            jdbc.update("insert into replay_job_items (job_id, message_id) values (?, ?)", jobId, id);
        }
        String claimed = ids.get(0);
        jdbc.update("update messages set status = 'RELAYED', attempts = 0, replays = replays + 1,"
                + " replay_requested_at = current_timestamp - interval '1' minute where message_id = ?", claimed);
        jdbc.update("update replay_job_items set outcome = 'REPLAYED', replay = 1 where message_id = ?", claimed);
        String delivered = ids.get(1);
        jdbc.update("update messages set status = 'DELIVERED', delivered_at = current_timestamp, replays = 1 where message_id = ?", delivered);
        jdbc.update("update replay_job_items set outcome = 'REPLAYED', replay = 1 where message_id = ?", delivered);

        await().atMost(Duration.ofSeconds(30)).until(() -> job(jobId).get("state").asText().equals("FINISHED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCounts(court).size() == 5);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> courts.receivedBy(court).size() == 5);
        assertThat(receivedCounts(court)).doesNotContainKey(delivered).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(job(jobId).get("replayed").asInt()).isEqualTo(6);
        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("DELIVERED"));
    }

    @Test
    void aDiscardedDeadLetterKeepsItsReasonAndIsNeverReplayed() throws Exception {
        String court = newCourt("FD", Channel.REST);
        String gone = deadLetter(court, "HttpOperationFailedException: 404");
        String kept = deadLetter(court, "HttpOperationFailedException: 503");

        assertThat(as(Caller.Role.VIEWER, "POST", "/admin/dead-letters/" + gone + "/discard", "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        JsonNode noReason = engineer("POST", "/admin/dead-letters/" + gone + "/discard", "{}", 400);
        assertThat(noReason.get("code").asText()).isEqualTo("MALFORMED");
        JsonNode discarded = engineer("POST", "/admin/dead-letters/" + gone + "/discard", "{\"reason\":\"court closed the case by hand\"}", 200);
        assertThat(discarded.get("status").asText()).isEqualTo("DISCARDED");
        assertThat(jdbc.queryForMap("select discard_reason, discarded_by from messages where message_id = ?", gone))
                .containsEntry("discard_reason", "court closed the case by hand").containsEntry("discarded_by", "engineer-it");
        JsonNode statusView = JSON.readTree(getAsOperator(Caller.Role.VIEWER, "/api/v1/messages/" + gone).body());
        assertThat(statusView.get("status").asText()).isEqualTo("DISCARDED");

        JsonNode again = engineer("POST", "/admin/dead-letters/" + gone + "/discard", "{\"reason\":\"again\"}", 409);
        assertThat(again.get("code").asText()).isEqualTo("NOT_DISCARDABLE");
        assertThat(again.get("currentState").asText()).isEqualTo("DISCARDED");
        JsonNode replay = engineer("POST", "/admin/dead-letters/" + gone + "/replay", null, 409);
        assertThat(replay.get("currentState").asText()).isEqualTo("DISCARDED");
        engineer("POST", "/admin/dead-letters/" + UUID.randomUUID() + "/discard", "{\"reason\":\"x\"}", 404);

        // a job over the recipient's dead letters no longer sees it; one naming it skips it
        String byIds = engineer("POST", "/admin/replays", "{\"messageIds\":[\"" + gone + "\",\"" + kept + "\"]}", 202).get("jobId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> job(byIds).get("state").asText().equals("FINISHED"));
        assertThat(job(byIds).get("replayed").asInt()).isEqualTo(1);
        assertThat(job(byIds).get("skipped").asInt()).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).until(() -> courts.receivedBy(court).size() == 1);
        assertThat(receivedCounts(court)).containsOnlyKeys(kept);
        assertThat(status(gone)).isEqualTo("DISCARDED");

        // a selection: each id's outcome
        String third = deadLetter(court, "HttpOperationFailedException: 503");
        String unknown = UUID.randomUUID().toString();
        JsonNode bulk = engineer("POST", "/admin/dead-letters/discard",
                "{\"messageIds\":[\"" + third + "\",\"" + kept + "\",\"" + unknown + "\"],\"reason\":\"duplicate of a later filing\"}", 200);
        List<String> discardedIds = new ArrayList<>();
        bulk.get("discarded").forEach(n -> discardedIds.add(n.asText()));
        assertThat(discardedIds).containsExactly(third);
        Map<String, JsonNode> not = new java.util.HashMap<>();
        bulk.get("notDiscarded").forEach(o -> not.put(o.get("messageId").asText(), o));
        assertThat(not.get(kept).get("currentState").asText()).isEqualTo("DELIVERED");
        assertThat(not.get(unknown).get("currentState").isNull()).isTrue();
    }

    @Test
    void replayRequestsAreRefusedPreciselyWhenMalformedOrNotAllowed() throws Exception {
        for (String body : List.of("{}", "{\"messageIds\":[],\"filter\":{}}", "{\"messageIds\":[]}", "{\"messageIds\":[42]}",
                "{\"filter\":{\"sender\":\"x\"}}", "{\"filter\":{\"from\":\"soon\"}}", "{\"filter\":{},\"rate\":0}",
                "{\"filter\":{},\"rate\":100000}", "{\"messageIds\":[\"" + "x".repeat(37) + "\"]}")) {
            JsonNode r = engineer("POST", "/admin/replays", body, 400);
            assertThat(r.get("code").asText()).as(body).isEqualTo("MALFORMED");
        }
        assertThat(as(Caller.Role.ENGINEER, "POST", "/admin/replays", "{not json").statusCode()).isEqualTo(400);
        assertThat(as(Caller.Role.VIEWER, "POST", "/admin/replays", "{\"filter\":{}}").statusCode()).isEqualTo(403);
        assertThat(as(Caller.Role.VIEWER, "POST", "/admin/replays/x/cancel", null).statusCode()).isEqualTo(403);
        engineer("GET", "/admin/replays/" + UUID.randomUUID(), null, 404);
        engineer("POST", "/admin/replays/" + UUID.randomUUID() + "/cancel", null, 404);
        JsonNode list = engineer("GET", "/admin/replays?size=5", null, 200);
        assertThat(list.get("size").asInt()).isEqualTo(5);
    }
}
