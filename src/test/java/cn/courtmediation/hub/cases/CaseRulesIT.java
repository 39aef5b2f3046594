package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.SelfSigned;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The business rules on who may write what into a case (issue 12, item 4), on the shared hub: consents and agreement
 * signatures name the case's parties, after Unicode normalisation, and count distinct parties; a court dispatches only
 * caseIds carrying its own code, with its own body.courtCode; messages outside the lifecycle come from the case's parties.
 * Each refusal: its code on REST and on SOAP or AMQP, nothing stored under the messageId, the case's timeline unchanged;
 * and the valid message is still accepted.
 */
class CaseRulesIT extends HubIntegrationTest {
    /** How the test talks to the hub. */

    static final String APPLICANT = "北京某商业银行股份有限公司朝阳支行";
    static final String RESPONDENT = "张三";

    String court;
    String partner;

    @BeforeEach
    void participants() {
        court = newCourt("CR", Channel.REST);
        partner = newPartner("CRP");
    }

    // ---------- consents ----------

    @Test
    void refusesAnExtensionWithConsentsFromPeopleWhoAreNotPartiesOfTheCase() throws Exception {
        String caseId = accepted();
        List<String> before = timeline(caseId);

        ObjectNode strangers = extend(caseId, "Mallory", "Trudy");
        JsonNode rest = send(Ingress.REST, strangers);
        assertThat(rest.get("code").asText()).isEqualTo("CONSENT_MISSING");
        assertThat(rest.get("detail").asText()).contains("'Mallory'", "not a party of case " + caseId);
        assertRefused(strangers, caseId, before);

        ObjectNode oneStranger = extend(caseId, RESPONDENT, "Mallory");
        assertThat(send(Ingress.QUEUE, oneStranger).get("code").asText()).isEqualTo("CONSENT_MISSING");
        assertRefused(oneStranger, caseId, before);

        assertThat(send(Ingress.REST, extend(caseId, RESPONDENT, APPLICANT)).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(state(caseId)).isEqualTo("EXTENDED");
    }

    @Test
    void countsAPartyOnceWhateverInvisibleCharactersOrWidthsItsNameCarries() throws Exception {
        String caseId = accepted();
        List<String> before = timeline(caseId);

        for (String twin : List.of("张\u200B三", "\uFEFF张三", "张\u2060三\u200D", " 张三\u00A0", "张\u200C三")) {
            ObjectNode same = extend(caseId, RESPONDENT, twin);
            JsonNode r = send(Ingress.REST, same);
            assertThat(r.get("code").asText()).as(twin).isEqualTo("CONSENT_MISSING");
            assertThat(r.get("detail").asText()).contains("name 1");
            assertRefused(same, caseId, before);
        }
        ObjectNode queue = extend(caseId, RESPONDENT, "张\u200B三");
        assertThat(send(Ingress.QUEUE, queue).get("code").asText()).isEqualTo("CONSENT_MISSING");
        assertRefused(queue, caseId, before);

        // the same normalisation lets a name written differently match the party it is
        ObjectNode written = extend(caseId, "张\u200B三", " 北京某商业银行股份有限公司朝阳支行\u3000");
        assertThat(send(Ingress.REST, written).get("status").asText()).isEqualTo("ACCEPTED");
    }

    // ---------- agreement signatures ----------

    @Test
    void refusesAnAgreementSignedByANonPartyOrByOnePartyTwice() throws Exception {
        String caseId = accepted();
        List<String> before = timeline(caseId);

        ObjectNode stranger = result(caseId, RESPONDENT, "Mallory");
        JsonNode rest = send(Ingress.REST, stranger);
        assertThat(rest.get("code").asText()).isEqualTo("AGREEMENT_NOT_SIGNED");
        assertThat(rest.get("detail").asText()).contains("'Mallory'", "not a party of case " + caseId);
        assertRefused(stranger, caseId, before);

        ObjectNode twice = result(caseId, RESPONDENT, "张\u200B三");
        JsonNode queue = send(Ingress.QUEUE, twice);
        assertThat(queue.get("code").asText()).isEqualTo("AGREEMENT_NOT_SIGNED");
        assertThat(queue.get("currentState").asText()).isEqualTo("IN_MEDIATION");
        assertRefused(twice, caseId, before);

        assertThat(send(Ingress.REST, result(caseId, RESPONDENT, APPLICANT)).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(state(caseId)).isEqualTo("CONFIRMATION_REQUESTED");
    }

    // ---------- dispatch ----------

    @Test
    void refusesADispatchUnderAnotherCourtsCaseIdSoTheCourtCanStillDispatchIt() throws Exception {
        String squatter = newCourt("CRS", Channel.REST);
        String caseId = court + "-2027-855168";
        ObjectNode squat = TestMessages.fresh("case-dispatch.json", squatter, partner, x -> x.put("caseId", caseId));
        JsonNode rest = send(Ingress.REST, squat);
        assertThat(rest.get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertThat(rest.get("detail").asText()).contains(caseId, "carries the code of " + court);
        assertThat(rest.has("currentState")).isFalse();
        assertNotStored(squat);

        ObjectNode soapSquat = TestMessages.fresh("case-dispatch.json", squatter, partner, x -> x.put("caseId", caseId));
        assertThat(send(Ingress.SOAP, soapSquat).get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertNotStored(soapSquat);
        // a caseId that carries no participant's code is no court's to dispatch either
        ObjectNode free = TestMessages.fresh("case-dispatch.json", squatter, partner, x -> x.put("caseId", "FREE-" + UUID.randomUUID()));
        assertThat(send(Ingress.REST, free).get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertNotStored(free);
        assertThat(jdbc.queryForObject("select count(*) from cases where case_id = ?", Integer.class, caseId)).isZero();

        ObjectNode own = TestMessages.fresh("case-dispatch.json", court, partner, x -> x.put("caseId", caseId));
        assertThat(send(Ingress.REST, own).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(state(caseId)).isEqualTo("DISPATCHED");
    }

    @Test
    void refusesADispatchWhoseCourtCodeNamesAnotherCourt() throws Exception {
        String other = newCourt("CRO", Channel.REST);
        ObjectNode rest = TestMessages.fresh("case-dispatch.json", court, partner, x -> x.with("body").put("courtCode", other));
        JsonNode r = send(Ingress.REST, rest);
        assertThat(r.get("code").asText()).isEqualTo("COURT_CODE_MISMATCH");
        assertThat(r.get("status").asInt()).isEqualTo(422);
        assertThat(r.get("detail").asText()).contains("body.courtCode is " + other, court);
        assertNotStored(rest);

        ObjectNode soap = TestMessages.fresh("case-dispatch.json", court, partner, x -> x.with("body").put("courtCode", other));
        assertThat(send(Ingress.SOAP, soap).get("code").asText()).isEqualTo("COURT_CODE_MISMATCH");
        assertNotStored(soap);
        assertThat(jdbc.queryForObject("select count(*) from cases where case_id = ?", Integer.class, soap.get("caseId").asText())).isZero();

        assertThat(send(Ingress.SOAP, TestMessages.fresh("case-dispatch.json", court, partner)).get("status").asText()).isEqualTo("ACCEPTED");
    }

    // ---------- messages outside the lifecycle ----------

    @Test
    void refusesANoticeFromOutsideTheCaseAndKeepsItOutOfTheTimeline() throws Exception {
        String caseId = accepted();
        String outsider = newCourt("CRX", Channel.REST);
        String otherPartner = newPartner("CRQ");
        List<String> before = timeline(caseId);

        ObjectNode intruder = notice(outsider, court, caseId);
        JsonNode rest = send(Ingress.REST, intruder);
        assertThat(rest.get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertThat(rest.get("detail").asText()).doesNotContain(partner);
        assertThat(rest.has("currentState")).isFalse();
        assertRefused(intruder, caseId, before);

        ObjectNode soap = notice(outsider, partner, caseId);
        assertThat(send(Ingress.SOAP, soap).get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertRefused(soap, caseId, before);

        ObjectNode queue = notice(otherPartner, court, caseId);
        assertThat(send(Ingress.QUEUE, queue).get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertRefused(queue, caseId, before);
        // a party may not bring an outsider in either
        ObjectNode toOutsider = notice(court, outsider, caseId);
        assertThat(send(Ingress.REST, toOutsider).get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertRefused(toOutsider, caseId, before);

        // the court and its mediator write to each other as before
        ObjectNode fromCourt = notice(court, partner, caseId);
        ObjectNode fromMediator = notice(partner, court, caseId);
        assertThat(send(Ingress.REST, fromCourt).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(send(Ingress.QUEUE, fromMediator).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(timeline(caseId)).contains(fromCourt.get("messageId").asText(), fromMediator.get("messageId").asText());
    }

    @Test
    void beforeADispatchACaseIdTakesOnlyMessagesFromTheParticipantWhoseCodeItCarries() throws Exception {
        String outsider = newCourt("CRY", Channel.REST);
        String caseId = court + "-2027-" + UUID.randomUUID().toString().substring(0, 8);

        ObjectNode squat = notice(outsider, partner, caseId);
        JsonNode r = send(Ingress.REST, squat);
        assertThat(r.get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertThat(r.get("detail").asText()).contains("carries the code of " + court);
        assertNotStored(squat);
        assertThat(jdbc.queryForObject("select count(*) from cases where case_id = ?", Integer.class, caseId)).isZero();

        // nor a notice to the owner: it would join the case's timeline once the case is dispatched
        ObjectNode planted = notice(partner, court, caseId);
        JsonNode p = send(Ingress.QUEUE, planted);
        assertThat(p.get("code").asText()).isEqualTo("NOT_CASE_PARTY");
        assertNotStored(planted);

        assertThat(send(Ingress.REST, notice(court, partner, caseId)).get("status").asText()).isEqualTo("ACCEPTED");
        // and the court still dispatches it
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", court, partner, x -> x.put("caseId", caseId));
        assertThat(send(Ingress.REST, dispatch).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(timeline(caseId)).doesNotContain(squat.get("messageId").asText(), planted.get("messageId").asText());
    }

    // ---------- helpers ----------

    /** The refused message is not stored, its refusal is quarantined, and the case's timeline is what it was. */
    void assertRefused(ObjectNode m, String caseId, List<String> timelineBefore) throws Exception {
        assertNotStored(m);
        assertThat(timeline(caseId)).doesNotContain(m.get("messageId").asText()).containsAll(timelineBefore);
        assertThat(jdbc.queryForObject("select count(*) from case_events where case_id = ? and message_id = ?", Integer.class,
                caseId, m.get("messageId").asText())).isZero();
    }

    void assertNotStored(ObjectNode m) {
        String id = m.get("messageId").asText();
        assertThat(rowsOf("messages", id)).isZero();
        assertThat(rowsOf("quarantine", id)).isEqualTo(1);
    }

    /** The messageIds and case events of the case's timeline (not its evidences, which deliveries add meanwhile). */
    List<String> timeline(String caseId) throws Exception {
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/cases/" + caseId + "/timeline")).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        for (JsonNode e : JSON.readTree(r.body()).get("entries")) {
            switch (e.get("kind").asText()) {
                case "MESSAGE" -> entries.add(e.get("messageId").asText());
                case "STATE_CHANGE" -> entries.add(e.get("event").asText() + "#" + e.get("seq").asInt());
                default -> { }
            }
        }
        return entries;
    }

    String accepted() throws Exception {
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", court, partner);
        assertThat(send(Ingress.REST, dispatch).get("status").asText()).isEqualTo("ACCEPTED");
        String caseId = dispatch.get("caseId").asText();
        assertThat(send(Ingress.REST, event(partner, court, caseId, "ACCEPT", b -> { })).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(state(caseId)).isEqualTo("IN_MEDIATION");
        return caseId;
    }

    ObjectNode event(String from, String to, String caseId, String event, Consumer<ObjectNode> body) {
        return TestMessages.event(from, to, caseId, event, body);
    }

    ObjectNode extend(String caseId, String party1, String party2) {
        return event(partner, court, caseId, "EXTEND", b -> {
            b.put("extensionDays", 5);
            ArrayNode consents = b.putArray("consents");
            consents.addObject().put("party", party1).put("consentedAt", "2026-11-28T10:00:00+08:00");
            consents.addObject().put("party", party2).put("consentedAt", "2026-11-28T10:05:00+08:00");
        });
    }

    /** A SUCCEEDED result asking for judicial confirmation, its agreement validly signed under the given signer names. */
    ObjectNode result(String caseId, String... signers) throws Exception {
        ObjectNode m = TestMessages.fresh("mediation-result.json", partner, court, x -> x.put("caseId", caseId));
        m.remove("correlationId");
        byte[] content = "调解协议：分期还款。".getBytes(StandardCharsets.UTF_8);
        ObjectNode doc = (ObjectNode) m.get("body").get("agreement");
        doc.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        doc.put("size", content.length);
        ArrayNode sigs = doc.putArray("signatures");
        for (String s : signers) {
            sigs.addObject().put("signer", s).put("cms", SelfSigned.signer("party").sign(content));
        }
        return m;
    }

    ObjectNode notice(String from, String to, String caseId) {
        return TestMessages.fresh("notice.json", from, to, x -> x.put("caseId", caseId));
    }

    String state(String caseId) {
        return jdbc.queryForList("select state from cases where case_id = ?", String.class, caseId).stream().findFirst().orElse(null);
    }

    /** Submits as the message's sender on the channel; answers the receipt or the refusal (code, detail, currentState). */
    JsonNode send(Ingress ch, ObjectNode m) throws Exception {
        return submitOn(ch, m, signers.sign(m.get("sender").asText(), TestMessages.bytes(m)));
    }

}
