package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.contract.ContractSchemas;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/cases/{caseId}/timeline over hand-made rows (messages, evidences, case events) inserted out of
 * order, with ties at one instant, so that the order the endpoint gives is its own; and over a case driven
 * through the hub's real flows. Case ids are unique to the class. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class CaseTimelineContract extends HubIntegrationTest {
    private static final JsonSchema TIMELINE = new ContractSchemas().load("case-timeline.schema.json");
    private static final JsonSchema PROBLEM = new ContractSchemas().load("problem.schema.json");
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-05-06T01:02:03.456789Z");

    final String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    final String court = "CTC-" + tag;
    final String partner = "CTP-" + tag;

    HttpResponse<String> get(String caseId) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/cases/" + caseId + "/timeline")).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode timeline(String caseId) throws Exception {
        HttpResponse<String> r = get(caseId);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(TIMELINE.validate(body)).as(r.body()).isEmpty();
        return body;
    }

    void caseRow(String caseId, String state) {
        jdbc.update("insert into cases (case_id, court_code, case_number, stage, dispute_type, created_at, updated_at, state, mediator_code,"
                        + " mediator_kind, region, dispatched_at, accepted_at, policy_days, max_extension_days, extension_days, deadline_at,"
                        + " concluded_at, outcome, filing_reason)"
                        + " values (?, ?, '(2025)京0105民诉前调77号', 'PRE_LITIGATION', 'FINANCIAL', ?, ?, ?, ?, 'PARTNER', '110105', ?, ?,"
                        + " 30, 30, 0, ?, ?, ?, ?)",
                caseId, court, T0, T0, state, partner, T0, T0.plusDays(1), T0.plusDays(31), T0.plusDays(31), "EXPIRED", "DEADLINE_EXPIRED");
    }

    String message(String caseId, String type, String sender, String recipient, String status, OffsetDateTime received,
                   OffsetDateTime delivered) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload, payload_sha256,"
                        + " received_at, delivered_at, attempts) values (?, ?, ?, ?, ?, 'REST', ?, ?, ?, ?, ?, 0)",
                id, type, sender, recipient, caseId, status, "{}".getBytes(StandardCharsets.UTF_8), "0".repeat(64), received, delivered);
        return id;
    }

    void evidence(String messageId, String kind, OffsetDateTime at) {
        jdbc.update("insert into evidences (evidence_id, message_id, kind, recorded_at, document, signature) values (?, ?, ?, ?, ?, 'sig')",
                UUID.randomUUID().toString(), messageId, kind, at, "{}".getBytes(StandardCharsets.UTF_8));
    }

    void event(String caseId, int seq, String event, String from, String to, String actor, String messageId, OffsetDateTime at) {
        jdbc.update("insert into case_events (case_id, seq, event, from_state, to_state, actor, message_id, at, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", caseId, seq, event, from, to, actor, messageId, at, event.toLowerCase());
    }

    static List<String> column(JsonNode timeline, String field) {
        List<String> values = new ArrayList<>();
        timeline.get("entries").forEach(e -> values.add(e.path(field).asText("-")));
        return values;
    }

    @Test
    void timelineMergesMessagesEvidencesAndEventsInTimeOrderWithCausesFirst() throws Exception {
        String caseId = tag + "-ORDER";
        caseRow(caseId, "FILING_REQUESTED");
        OffsetDateTime t1 = T0.plusDays(1);
        OffsetDateTime t2 = T0.plusDays(24);
        OffsetDateTime t3 = T0.plusDays(31);
        // inserted latest first: the order below is the endpoint's, not the insertion's
        String filing = message(caseId, "CASE_EVENT", "HUB", court, "DELIVERED", t3, t3.plusSeconds(1));
        event(caseId, 4, "EXPIRE", "IN_MEDIATION", "FILING_REQUESTED", "HUB", null, t3);
        String warning = message(caseId, "CASE_EVENT", "HUB", partner, "RELAYED", t2, null);
        event(caseId, 3, "DEADLINE_WARNING", "IN_MEDIATION", "IN_MEDIATION", "HUB", null, t2);
        String accept = message(caseId, "CASE_EVENT", partner, court, "DELIVERED", t1, t1.plusSeconds(2));
        event(caseId, 2, "ACCEPT", "DISPATCHED", "IN_MEDIATION", partner, accept, t1);
        String dispatch = message(caseId, "CASE_DISPATCH", court, partner, "DELIVERED", T0, T0.plusSeconds(2));
        evidence(dispatch, "DELIVERED", T0.plusSeconds(2));
        evidence(dispatch, "SUBMISSION_ACCEPTED", T0);
        event(caseId, 1, "DISPATCH", null, "DISPATCHED", court, dispatch, T0);

        JsonNode t = timeline(caseId);

        // at T0 the dispatch message, then the state change it caused, then the evidence recorded at the same instant;
        // at t2 and t3 the hub's warning and expiry, then the messages the hub pushed because of them
        assertThat(column(t, "kind")).containsExactly("MESSAGE", "STATE_CHANGE", "EVIDENCE", "EVIDENCE",
                "MESSAGE", "STATE_CHANGE", "DEADLINE", "MESSAGE", "DEADLINE", "MESSAGE");
        assertThat(column(t, "messageId")).containsExactly(dispatch, dispatch, dispatch, dispatch,
                accept, accept, "-", warning, "-", filing);
        assertThat(column(t, "event")).containsExactly("-", "DISPATCH", "-", "-", "-", "ACCEPT", "DEADLINE_WARNING", "-", "EXPIRE", "-");
        assertThat(column(t, "evidenceKind")).containsExactly("-", "-", "SUBMISSION_ACCEPTED", "DELIVERED", "-", "-", "-", "-", "-", "-");
        assertThat(column(t, "actor")).containsExactly(court, court, "HUB", "HUB", partner, partner, "HUB", "HUB", "HUB", "HUB");
        JsonNode first = t.get("entries").get(0);
        assertThat(first.get("at").asText()).isEqualTo("2025-05-06T01:02:03.456789Z");
        assertThat(first.get("messageType").asText()).isEqualTo("CASE_DISPATCH");
        assertThat(first.get("recipient").asText()).isEqualTo(partner);
        assertThat(first.get("deliveredAt").asText()).isEqualTo("2025-05-06T01:02:05.456789Z");
        assertThat(t.get("entries").get(7).has("deliveredAt")).as("undelivered message").isFalse();
        JsonNode expiry = t.get("entries").get(8);
        assertThat(expiry.get("fromState").asText()).isEqualTo("IN_MEDIATION");
        assertThat(expiry.get("toState").asText()).isEqualTo("FILING_REQUESTED");
        assertThat(t.get("totalEntries").asLong()).isEqualTo(10);
        assertThat(t.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void timelineStartsWithTheCaseSummary() throws Exception {
        String caseId = tag + "-SUMMARY";
        caseRow(caseId, "FILING_REQUESTED");

        JsonNode s = timeline(caseId).get("summary");

        assertThat(s.get("caseId").asText()).isEqualTo(caseId);
        assertThat(s.get("state").asText()).isEqualTo("FILING_REQUESTED");
        assertThat(s.get("courtCode").asText()).isEqualTo(court);
        assertThat(s.get("caseNumber").asText()).isEqualTo("(2025)京0105民诉前调77号");
        assertThat(s.get("mediatorCode").asText()).isEqualTo(partner);
        assertThat(s.get("mediatorKind").asText()).isEqualTo("PARTNER");
        assertThat(s.get("deadlineAt").asText()).isEqualTo("2025-06-06T01:02:03.456789Z");
        assertThat(s.get("extensionDays").asInt()).isZero();
        assertThat(s.get("outcome").asText()).isEqualTo("EXPIRED");
        assertThat(s.get("filingReason").asText()).isEqualTo("DEADLINE_EXPIRED");
        assertThat(s.get("courtCaseNumber").isNull()).isTrue();
    }

    @Test
    void caseSeenWithoutDispatchHasStateNone() throws Exception {
        String caseId = tag + "-NODISPATCH";
        caseRow(caseId, null);

        assertThat(timeline(caseId).at("/summary/state").asText()).isEqualTo("NONE");
    }

    @Test
    void timelineOfALargeCaseIsCappedAndSaysSo() throws Exception {
        String caseId = tag + "-LARGE";
        caseRow(caseId, "FILING_REQUESTED"); // not mediating: the deadline scan leaves its past deadline alone
        String dispatch = message(caseId, "CASE_DISPATCH", court, partner, "DELIVERED", T0, T0);
        List<Object[]> rows = new ArrayList<>();
        for (int seq = 1; seq <= 1_200; seq++) {
            rows.add(new Object[] {caseId, seq, T0.plusMinutes(seq)});
        }
        jdbc.batchUpdate("insert into case_events (case_id, seq, event, from_state, to_state, actor, at)"
                + " values (?, ?, 'DEADLINE_WARNING', 'IN_MEDIATION', 'IN_MEDIATION', 'HUB', ?)", rows);

        JsonNode t = timeline(caseId);

        // 1 message + 1,200 events: the oldest 1,000 are shown
        assertThat(t.get("entries")).hasSize(1000);
        assertThat(t.get("limit").asInt()).isEqualTo(1000);
        assertThat(t.get("totalEntries").asLong()).isEqualTo(1201);
        assertThat(t.get("truncated").asBoolean()).isTrue();
        assertThat(t.get("entries").get(0).get("messageId").asText()).isEqualTo(dispatch);
        assertThat(t.get("entries").get(999).get("seq").asInt()).isEqualTo(999);
    }

    /** Submits over REST, signed by the sender; answers the receipt. */
    JsonNode submit(ObjectNode m) throws Exception {
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(m.get("sender").asText(), body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body());
    }

    @Test
    void timelineTellsTheStoryOfACaseDrivenThroughTheHub() throws Exception {
        String realCourt = newCourt("CTR", Channel.REST);
        String realPartner = newPartner("CTR");
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", realCourt, realPartner, x -> x.with("body").put("courtCode", realCourt));
        String caseId = dispatch.get("caseId").asText();
        String dispatchId = submit(dispatch).get("messageId").asText();
        ObjectNode accept = TestMessages.fresh("case-event-accept.json", realPartner, realCourt, x -> x.put("caseId", caseId));
        accept.remove("correlationId");
        String acceptId = submit(accept).get("messageId").asText();

        // the dispatch reaches the partner's queue: its DELIVERED evidence is the last entry to come
        await().atMost(Duration.ofSeconds(10)).until(() -> column(timeline(caseId), "evidenceKind").contains("DELIVERED"));
        JsonNode t = timeline(caseId);

        // the story without the evidences, and without the EVIDENCE messages the hub pushes to senders as deliveries
        // complete (how many depends on timing; they are the hub's)
        assertThat(t.get("entries")).filteredOn(e -> "EVIDENCE".equals(e.path("messageType").asText()))
                .allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("HUB"));
        List<String> story = new ArrayList<>();
        t.get("entries").forEach(e -> {
            if (!"EVIDENCE".equals(e.get("kind").asText()) && !"EVIDENCE".equals(e.path("messageType").asText())) {
                story.add(e.get("kind").asText() + " " + e.path("messageId").asText() + " " + e.path("event").asText(e.path("messageType").asText()));
            }
        });
        assertThat(story).containsExactly("MESSAGE " + dispatchId + " CASE_DISPATCH", "STATE_CHANGE " + dispatchId + " DISPATCH",
                "MESSAGE " + acceptId + " CASE_EVENT", "STATE_CHANGE " + acceptId + " ACCEPT");
        assertThat(t.get("entries")).filteredOn(e -> "EVIDENCE".equals(e.get("kind").asText()))
                .extracting(e -> e.get("messageId").asText() + " " + e.get("evidenceKind").asText())
                .contains(dispatchId + " SUBMISSION_ACCEPTED", acceptId + " SUBMISSION_ACCEPTED", dispatchId + " DELIVERED");
        assertThat(t.at("/summary/state").asText()).isEqualTo("IN_MEDIATION");
        assertThat(t.at("/summary/mediatorCode").asText()).isEqualTo(realPartner);
        assertThat(t.at("/summary/deadlineAt").isNull()).isFalse();

        // the statistics read what the lifecycle wrote
        JsonNode s = JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/statistics?court=" + realCourt)).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(s.get("dispatched").asLong()).isEqualTo(1);
        assertThat(s.get("accepted").asLong()).isEqualTo(1);
        assertThat(s.get("successRate").isNull()).isTrue();
    }

    @Test
    void unknownCaseIsNotFound() throws Exception {
        HttpResponse<String> r = get(tag + "-NO-SUCH-CASE");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(PROBLEM.validate(problem)).isEmpty();
        assertThat(problem.get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.get("detail").asText()).contains(tag + "-NO-SUCH-CASE");
    }
}
