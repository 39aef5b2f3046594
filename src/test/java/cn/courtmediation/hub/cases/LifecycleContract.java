package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.contract.MessageValidator;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.store.HubClock;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.SelfSigned;
import cn.courtmediation.hub.support.TestCourtServer;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import cn.courtmediation.hub.trust.Cms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The case lifecycle end to end on the real hub: one-click pushes in both directions on REST, SOAP and AMQP,
 * refusals with the current state, extensions within the court's maximum, expiry and refusal transferred to
 * filing by the hub itself, deadline warnings. Time limits run on the hub's clock, moved forward by the test.
 * Subclasses run it on H2 and on PostgreSQL.
 */
abstract class LifecycleContract extends HubIntegrationTest {
    /** The parties of case-dispatch.json, as consents and agreement signatures must name them. */
    static final String APPLICANT = "北京某商业银行股份有限公司朝阳支行";
    static final String RESPONDENT = "张三";

    /** How each participant talks to the hub in these tests. */

    @Autowired
    HubClock clock;
    @Autowired
    MessageValidator validator;

    String court;
    String partner;

    @BeforeEach
    void participants() {
        court = courtWithPolicy(Channel.REST, 30, 10);
        partner = newPartner("LP");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    // ---------- the whole case, both directions ----------

    @Test
    void courtPushesCaseToPartnerAndAgreementGoesBackForJudicialConfirmation() throws Exception {
        String caseId = dispatch(Ingress.REST, court, partner);
        assertThat(state(caseId)).isEqualTo("DISPATCHED");
        // the partner's system got the case on its queue
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(caseId, "CASE_DISPATCH"));

        send(Ingress.QUEUE, event(partner, court, caseId, "ACCEPT", b -> { }));
        await().atMost(Duration.ofSeconds(10)).until(() -> "IN_MEDIATION".equals(state(caseId)));
        OffsetDateTime acceptedAt = jdbc.queryForObject("select accepted_at from cases where case_id = ?", OffsetDateTime.class, caseId);
        assertThat(Duration.between(acceptedAt, deadline(caseId))).isEqualTo(Duration.ofDays(30));

        send(Ingress.QUEUE, result(partner, court, caseId, "SUCCEEDED", "JUDICIAL_CONFIRMATION", true));
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMATION_REQUESTED".equals(state(caseId)));
        // the court's trial system received the result with the hub's signature
        await().atMost(Duration.ofSeconds(10)).until(() -> received(court, "MEDIATION_RESULT").size() == 1);

        assertThat(send(Ingress.SOAP, event(court, partner, caseId, "CONFIRM", b -> { })).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(state(caseId)).isEqualTo("CONFIRMED");
        assertThat(events(caseId)).containsExactly("DISPATCH", "ACCEPT", "SUCCEED", "REQUEST_CONFIRMATION", "CONFIRM");
        assertThat(jdbc.queryForObject("select outcome from cases where case_id = ?", String.class, caseId)).isEqualTo("SUCCEEDED");
    }

    @Test
    void soapCourtPushesToRestOrganisationWhoseFailureGoesBackForFiling() throws Exception {
        String soapCourt = courtWithPolicy(Channel.SOAP, 30, 30);
        String org = "MO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        registry.upsert(new Participant(org, Kind.MEDIATION_ORG, "测试人民调解委员会", "110105", null, Channel.REST, courts.restUrl(org), Status.ACTIVE));

        String caseId = dispatch(Ingress.SOAP, soapCourt, org);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(org, "CASE_DISPATCH").size() == 1);
        assertThat(send(Ingress.REST, event(org, soapCourt, caseId, "ACCEPT", b -> { })).get("status").asText()).isEqualTo("ACCEPTED");
        send(Ingress.REST, result(org, soapCourt, caseId, "FAILED", "CASE_FILING", false));
        assertThat(state(caseId)).isEqualTo("FILING_REQUESTED");
        await().atMost(Duration.ofSeconds(10)).until(() -> received(soapCourt, "MEDIATION_RESULT").size() == 1);

        send(Ingress.SOAP, event(soapCourt, org, caseId, "FILE", b -> b.put("courtCaseNumber", "(2026)京0105民初888号")));
        assertThat(state(caseId)).isEqualTo("FILED");
        assertThat(jdbc.queryForMap("select outcome, filing_reason, court_case_number from cases where case_id = ?", caseId))
                .containsEntry("outcome", "FAILED").containsEntry("filing_reason", "MEDIATION_FAILED")
                .containsEntry("court_case_number", "(2026)京0105民初888号");
        await().atMost(Duration.ofSeconds(10)).until(() -> received(org, "CASE_EVENT").size() == 1);
    }

    @Test
    void mediationDocumentRequestedAndIssued() throws Exception {
        String caseId = accepted();
        send(Ingress.QUEUE, result(partner, court, caseId, "SUCCEEDED", "MEDIATION_DOCUMENT", true));
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOCUMENT_REQUESTED".equals(state(caseId)));
        send(Ingress.REST, event(court, partner, caseId, "ISSUE_DOCUMENT", b -> b.set("document", TestMessages.example("mediation-result.json")
                .get("body").get("agreement"))));
        assertThat(state(caseId)).isEqualTo("DOCUMENT_ISSUED");
    }

    // ---------- refusals ----------

    @Test
    void eventThatDoesNotFitIsRefusedWithTheCurrentStateOnEveryChannel() throws Exception {
        String caseId = accepted();
        long stored = countMessages();

        JsonNode rest = send(Ingress.REST, event(court, partner, caseId, "CONFIRM", b -> { }));
        assertThat(rest.get("code").asText()).isEqualTo("INVALID_TRANSITION");
        assertThat(rest.get("currentState").asText()).isEqualTo("IN_MEDIATION");
        assertThat(rest.get("detail").asText()).contains("CONFIRM", "IN_MEDIATION", "CONFIRMATION_REQUESTED");

        JsonNode soap = send(Ingress.SOAP, event(court, partner, caseId, "FILE", b -> b.put("courtCaseNumber", "X1")));
        assertThat(soap.get("code").asText()).isEqualTo("INVALID_TRANSITION");
        assertThat(soap.get("currentState").asText()).isEqualTo("IN_MEDIATION");

        JsonNode queue = send(Ingress.QUEUE, event(partner, court, caseId, "ACCEPT", b -> { }));
        assertThat(queue.get("code").asText()).isEqualTo("INVALID_TRANSITION");
        assertThat(queue.get("currentState").asText()).isEqualTo("IN_MEDIATION");

        assertThat(countMessages()).isEqualTo(stored);
        assertThat(state(caseId)).isEqualTo("IN_MEDIATION");
        assertThat(events(caseId)).containsExactly("DISPATCH", "ACCEPT");
    }

    @Test
    void eventForACaseTheHubDoesNotKnowIsRefusedWithStateNone() throws Exception {
        JsonNode r = send(Ingress.REST, event(court, partner, "UNKNOWN-" + UUID.randomUUID().toString().substring(0, 8), "WITHDRAW", b -> { }));
        assertThat(r.get("code").asText()).isEqualTo("INVALID_TRANSITION");
        assertThat(r.get("currentState").asText()).isEqualTo("NONE");
    }

    @Test
    void onlyTheCasesPartiesMaySendItsEvents() throws Exception {
        String caseId = accepted();
        String otherCourt = courtWithPolicy(Channel.REST, 30, 30);
        JsonNode r = send(Ingress.REST, event(otherCourt, partner, caseId, "WITHDRAW", b -> { }));
        assertThat(r.get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        // an outsider learns neither the parties nor the state (beyond the court's code, which every caseId carries)
        assertThat(r.get("detail").asText().replace(caseId, "")).doesNotContain(court);
        assertThat(r.get("detail").asText()).contains("the case's court or its mediator");
        assertThat(r.has("currentState")).isFalse();
        // nor by dispatching under the same caseId
        ObjectNode again = TestMessages.fresh("case-dispatch.json", otherCourt, partner, x -> {
            x.put("caseId", caseId);
            x.with("body").put("courtCode", otherCourt);
        });
        JsonNode taken = send(Ingress.REST, again);
        assertThat(taken.get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertThat(taken.has("currentState")).isFalse();
        // the court may not act as the mediator
        JsonNode asMediator = send(Ingress.REST, event(court, partner, caseId, "REQUEST_FILING", b -> { }));
        assertThat(asMediator.get("code").asText()).isEqualTo("NOT_CASE_PARTY");
    }

    @Test
    void resendOfAnEventReturnsTheOriginalReceiptAndChangesNothing() throws Exception {
        String caseId = dispatch(Ingress.REST, court, partner);
        ObjectNode accept = event(court, partner, caseId, "WITHDRAW", b -> { });
        JsonNode first = send(Ingress.REST, accept);
        JsonNode again = send(Ingress.REST, accept);
        assertThat(first.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("receivedAt").asText()).isEqualTo(first.get("receivedAt").asText());
        assertThat(events(caseId)).containsExactly("DISPATCH", "WITHDRAW");
        assertThat(state(caseId)).isEqualTo("WITHDRAWN");
    }

    @Test
    void successWithoutValidPartySignaturesOnTheAgreementIsRefused() throws Exception {
        String caseId = accepted();
        JsonNode unsigned = send(Ingress.REST, result(partner, court, caseId, "SUCCEEDED", "JUDICIAL_CONFIRMATION", false), partner);
        assertThat(unsigned.get("code").asText()).isEqualTo("AGREEMENT_NOT_SIGNED");
        ObjectNode forged = result(partner, court, caseId, "SUCCEEDED", "JUDICIAL_CONFIRMATION", true);
        ((ObjectNode) forged.get("body").get("agreement")).put("sha256", "0".repeat(64));
        assertThat(send(Ingress.REST, forged, partner).get("code").asText()).isEqualTo("AGREEMENT_NOT_SIGNED");
        assertThat(state(caseId)).isEqualTo("IN_MEDIATION");
    }

    // ---------- extensions ----------

    @Test
    void extensionNeedsBothPartiesAndNeverExceedsTheCourtsMaximum() throws Exception {
        String caseId = accepted();   // court policy: 30 days, at most 10 days of extension
        OffsetDateTime deadline = deadline(caseId);

        assertThat(send(Ingress.REST, extend(caseId, 7, RESPONDENT, APPLICANT), partner).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(state(caseId)).isEqualTo("EXTENDED");
        assertThat(deadline(caseId)).isEqualTo(deadline.plusDays(7));

        JsonNode tooLong = send(Ingress.REST, extend(caseId, 4, RESPONDENT, APPLICANT), partner);
        assertThat(tooLong.get("code").asText()).isEqualTo("EXTENSION_LIMIT_EXCEEDED");
        assertThat(tooLong.get("detail").asText()).contains("11", "10", "3 left");
        assertThat(tooLong.get("currentState").asText()).isEqualTo("EXTENDED");

        JsonNode oneParty = send(Ingress.REST, extend(caseId, 3, "张三", "张三"), partner);
        assertThat(oneParty.get("code").asText()).isEqualTo("CONSENT_MISSING");

        assertThat(send(Ingress.REST, extend(caseId, 3, RESPONDENT, APPLICANT), partner).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(deadline(caseId)).isEqualTo(deadline.plusDays(10));
        assertThat(jdbc.queryForObject("select extension_days from cases where case_id = ?", Integer.class, caseId)).isEqualTo(10);
    }

    @Test
    void consentWithAForgedSignatureIsRefused() throws Exception {
        String caseId = accepted();
        ObjectNode m = extend(caseId, 5, RESPONDENT, APPLICANT);
        ObjectNode consent = (ObjectNode) m.get("body").get("consents").get(0);
        ObjectNode doc = signedDocument("同意延期".getBytes(StandardCharsets.UTF_8), "张三");
        ((ObjectNode) doc).put("sha256", "1".repeat(64));
        consent.set("document", doc);
        assertThat(send(Ingress.REST, m, partner).get("code").asText()).isEqualTo("CONSENT_MISSING");
        // the same with the real document hash is accepted
        consent.set("document", signedDocument("同意延期".getBytes(StandardCharsets.UTF_8), "张三"));
        m.put("messageId", UUID.randomUUID().toString());
        assertThat(send(Ingress.REST, m, partner).get("status").asText()).isEqualTo("ACCEPTED");
    }

    // ---------- time limits ----------

    @Test
    void expiryWithoutAgreementTransfersToFilingOnceAndPushesToCourtAndMediator() throws Exception {
        String caseId = accepted();
        clock.advance(Duration.ofDays(30).plusHours(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> "FILING_REQUESTED".equals(state(caseId)));
        assertThat(jdbc.queryForMap("select outcome, filing_reason from cases where case_id = ?", caseId))
                .containsEntry("outcome", "EXPIRED").containsEntry("filing_reason", "DEADLINE_EXPIRED");
        await().atMost(Duration.ofSeconds(10)).until(() -> hubEvents(court, caseId, "FILING_REQUEST").size() == 1);
        TestCourtServer.Received push = hubEvents(court, caseId, "FILING_REQUEST").get(0);
        JsonNode body = JSON.readTree(push.payload()).get("body");
        assertThat(body.get("reason").asText()).isEqualTo("DEADLINE_EXPIRED");
        assertThat(body.get("state").asText()).isEqualTo("FILING_REQUESTED");
        validator.validate(push.payload());
        Cms.verify(push.payload(), Base64.getDecoder().decode(push.headers().get("x-hub-signature")));
        // the mediator gets a copy on its queue
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from messages where case_id = ?"
                + " and sender = 'HUB' and type = 'CASE_EVENT' and recipient = ? and status = 'DELIVERED'", Integer.class, caseId, partner) == 1);

        // later scans do nothing more; a late result is refused with the new state
        clock.advance(Duration.ofDays(1));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> events(caseId).size() == 3);
        assertThat(events(caseId)).containsExactly("DISPATCH", "ACCEPT", "EXPIRE");
        JsonNode late = send(Ingress.REST, result(partner, court, caseId, "SUCCEEDED", "NONE", true), partner);
        assertThat(late.get("code").asText()).isEqualTo("INVALID_TRANSITION");
        assertThat(late.get("currentState").asText()).isEqualTo("FILING_REQUESTED");

        send(Ingress.REST, event(court, partner, caseId, "FILE", b -> b.put("courtCaseNumber", "(2026)京0105民初999号")));
        assertThat(state(caseId)).isEqualTo("FILED");
    }

    @Test
    void stepsAfterTheDeadlineAreRefusedEvenBeforeAScanExpiredTheCase() throws Exception {
        String caseId = accepted();
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        // whether the scan or the step itself finds the deadline passed, an extension cannot revive the case
        JsonNode late = send(Ingress.REST, extend(caseId, 5, RESPONDENT, APPLICANT), partner);
        assertThat(late.get("code").asText()).isEqualTo("INVALID_TRANSITION");
        assertThat(late.get("currentState").asText()).isEqualTo("FILING_REQUESTED");
        await().atMost(Duration.ofSeconds(10)).until(() -> "FILING_REQUESTED".equals(state(caseId)));
        assertThat(events(caseId)).containsExactly("DISPATCH", "ACCEPT", "EXPIRE");
        // and the court's answer right after the deadline both expires the case and files it
        String other = accepted();
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        ObjectNode withdraw = event(court, partner, other, "WITHDRAW", b -> { });
        assertThat(send(Ingress.REST, withdraw).get("code").asText()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void deadlineWarningsReachMediatorAndCourtAtEachOffset() throws Exception {
        String caseId = accepted();
        clock.advance(Duration.ofDays(23).plusHours(1));  // 7 days before the deadline
        await().atMost(Duration.ofSeconds(15)).until(() -> hubEvents(court, caseId, "DEADLINE_WARNING").size() == 1);
        clock.advance(Duration.ofDays(6));                 // 1 day before
        await().atMost(Duration.ofSeconds(15)).until(() -> hubEvents(court, caseId, "DEADLINE_WARNING").size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> hubEvents(court, caseId, "DEADLINE_WARNING").size() == 2);
        assertThat(jdbc.queryForObject("select count(*) from messages where case_id = ? and sender = 'HUB' and recipient = ?"
                + " and type = 'CASE_EVENT'", Integer.class, caseId, partner)).isEqualTo(2);
        assertThat(events(caseId)).containsExactly("DISPATCH", "ACCEPT", "DEADLINE_WARNING", "DEADLINE_WARNING");
        assertThat(state(caseId)).isEqualTo("IN_MEDIATION");
    }

    @Test
    void partyRefusalMakesTheHubPushAFilingRequestToTheCourt() throws Exception {
        String caseId = accepted();
        send(Ingress.REST, result(partner, court, caseId, "REFUSED", "NONE", false), partner);
        assertThat(state(caseId)).isEqualTo("FILING_REQUESTED");
        assertThat(events(caseId)).containsExactly("DISPATCH", "ACCEPT", "REFUSE", "TRANSFER_TO_FILING");
        await().atMost(Duration.ofSeconds(10)).until(() -> hubEvents(court, caseId, "FILING_REQUEST").size() == 1);
        assertThat(JSON.readTree(hubEvents(court, caseId, "FILING_REQUEST").get(0).payload()).get("body").get("reason").asText())
                .isEqualTo("PARTY_REFUSED");
        assertThat(jdbc.queryForMap("select outcome, filing_reason from cases where case_id = ?", caseId))
                .containsEntry("outcome", "REFUSED").containsEntry("filing_reason", "PARTY_REFUSED");
    }

    // ---------- grassroots ----------

    @Test
    void grassrootsUnitAndItsCourtExchangeFlowsInTheirDirections() throws Exception {
        String unit = "GU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        registry.upsert(new Participant(unit, Kind.GRASSROOTS_UNIT, "测试街道综治中心", "110105", court, Channel.REST, courts.restUrl(unit), Status.ACTIVE));
        String dispute = "GR-" + UUID.randomUUID().toString().substring(0, 8);

        for (String flow : List.of("EARLY_WARNING", "RESOLUTION", "MEDIATION", "JUDICIAL_CONFIRMATION", "PROGRESS")) {
            assertThat(send(Ingress.REST, grassroots(unit, court, dispute, flow)).get("status").asText()).as(flow).isEqualTo("ACCEPTED");
        }
        for (String flow : List.of("DIVERSION", "RESULT_FEEDBACK", "GUIDANCE", "SUPERVISION", "PROGRESS")) {
            assertThat(send(Ingress.REST, grassroots(court, unit, dispute, flow)).get("status").asText()).as(flow).isEqualTo("ACCEPTED");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received(court, "GRASSROOTS").size() == 5 && received(unit, "GRASSROOTS").size() == 5);

        JsonNode wrongWay = send(Ingress.REST, grassroots(unit, court, dispute, "GUIDANCE"));
        assertThat(wrongWay.get("code").asText()).isEqualTo("CHANNEL_NOT_ALLOWED");
        assertThat(wrongWay.get("detail").asText()).contains("GUIDANCE", "EARLY_WARNING");
        String otherCourt = courtWithPolicy(Channel.REST, 30, 30);
        assertThat(send(Ingress.REST, grassroots(otherCourt, unit, dispute, "GUIDANCE")).get("code").asText()).isEqualTo("CHANNEL_NOT_ALLOWED");

        // a court may also push a case to the unit for mediation with one click, and the unit answers
        String caseId = dispatch(Ingress.REST, court, unit);
        send(Ingress.REST, event(unit, court, caseId, "ACCEPT", b -> { }));
        assertThat(state(caseId)).isEqualTo("IN_MEDIATION");
    }

    // ---------- helpers ----------

    String courtWithPolicy(Channel channel, int policyDays, int maxExtensionDays) {
        String code = "LC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        registry.upsert(new Participant(code, Kind.COURT, "测试人民法院", "110105", null, channel,
                channel == Channel.SOAP ? courts.soapUrl(code) : courts.restUrl(code), Status.ACTIVE, Participant.CourtLevel.BASIC, null,
                policyDays, maxExtensionDays));
        return code;
    }

    /** A case dispatched by the court to the partner and accepted by the partner. */
    String accepted() throws Exception {
        String caseId = dispatch(Ingress.REST, court, partner);
        send(Ingress.REST, event(partner, court, caseId, "ACCEPT", b -> { }), partner);
        assertThat(state(caseId)).isEqualTo("IN_MEDIATION");
        return caseId;
    }

    String dispatch(Ingress ch, String from, String to) throws Exception {
        ObjectNode m = TestMessages.fresh("case-dispatch.json", from, to, x -> x.with("body").put("courtCode", from));
        JsonNode r = send(ch, m);
        assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("ACCEPTED");
        return m.get("caseId").asText();
    }

    ObjectNode event(String from, String to, String caseId, String event, Consumer<ObjectNode> body) {
        return TestMessages.event(from, to, caseId, event, body);
    }

    ObjectNode extend(String caseId, int days, String party1, String party2) {
        return event(partner, court, caseId, "EXTEND", b -> {
            b.put("extensionDays", days);
            ArrayNode consents = b.putArray("consents");
            consents.addObject().put("party", party1).put("consentedAt", "2026-11-28T10:00:00+08:00");
            consents.addObject().put("party", party2).put("consentedAt", "2026-11-28T10:05:00+08:00");
        });
    }

    ObjectNode result(String from, String to, String caseId, String outcome, String action, boolean signedAgreement) throws Exception {
        ObjectNode m = TestMessages.fresh("mediation-result.json", from, to, x -> x.put("caseId", caseId));
        m.remove("correlationId");
        ObjectNode b = (ObjectNode) m.get("body");
        b.put("outcome", outcome);
        b.put("requestedCourtAction", action);
        if (signedAgreement) {
            b.set("agreement", signedDocument("调解协议：分期还款。".getBytes(StandardCharsets.UTF_8), RESPONDENT, APPLICANT));
        } else {
            // the example's agreement carries the parties' real signatures (README round trip): without them here
            ((ObjectNode) b.get("agreement")).remove("signatures");
        }
        return m;
    }

    ObjectNode grassroots(String from, String to, String dispute, String flow) {
        return TestMessages.fresh("grassroots-early-warning.json", from, to, x -> {
            x.put("caseId", dispute);
            x.with("body").put("flow", flow);
        });
    }

    /** A document description whose parties' detached CMS signatures are over exactly these bytes. */
    ObjectNode signedDocument(byte[] content, String... signers) throws Exception {
        ObjectNode doc = (ObjectNode) TestMessages.example("mediation-result.json").get("body").get("agreement").deepCopy();
        doc.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        doc.put("size", content.length);
        ArrayNode sigs = doc.putArray("signatures");
        for (String s : signers) {
            TestSigners.Signer party = SelfSigned.signer(s);
            sigs.addObject().put("signer", s).put("cms", party.sign(content));
        }
        return doc;
    }

    JsonNode send(Ingress ch, ObjectNode m) throws Exception {
        return send(ch, m, m.get("sender").asText());
    }

    /** Submits as the sender on the channel, signed at the hub's time; answers the receipt or the problem (code, currentState). */
    JsonNode send(Ingress ch, ObjectNode m, String sender) throws Exception {
        return submitOn(ch, m, signers.of(sender).signAt(TestMessages.bytes(m), clock.instant()));
    }

    /** Messages participants sent (the hub's own evidence pushes come and go asynchronously). */
    long countMessages() {
        return jdbc.queryForObject("select count(*) from messages where sender <> 'HUB'", Long.class);
    }

    String state(String caseId) {
        return jdbc.queryForList("select state from cases where case_id = ?", String.class, caseId).stream().findFirst().orElse(null);
    }

    OffsetDateTime deadline(String caseId) {
        return jdbc.queryForObject("select deadline_at from cases where case_id = ?", OffsetDateTime.class, caseId)
                .withOffsetSameInstant(java.time.ZoneOffset.UTC);
    }

    List<String> events(String caseId) {
        return jdbc.queryForList("select event from case_events where case_id = ? order by seq", String.class, caseId);
    }

    boolean delivered(String caseId, String type) {
        return jdbc.queryForObject("select count(*) from messages where case_id = ? and type = ? and status = 'DELIVERED'",
                Integer.class, caseId, type) > 0;
    }

    List<TestCourtServer.Received> received(String participant, String type) {
        return courts.receivedBy(participant).stream().filter(r -> type.equals(typeOf(r))).toList();
    }

    /** CASE_EVENTs the hub itself sent to a court about a case, with the given event. */
    List<TestCourtServer.Received> hubEvents(String participant, String caseId, String event) {
        return received(participant, "CASE_EVENT").stream().filter(r -> {
            try {
                JsonNode m = JSON.readTree(r.payload());
                return "HUB".equals(m.get("sender").asText()) && caseId.equals(m.get("caseId").asText())
                        && event.equals(m.get("body").get("event").asText());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private static String typeOf(TestCourtServer.Received r) {
        return r.soap() != null ? r.soap().getType() : r.headers().get("x-hub-type");
    }
}
