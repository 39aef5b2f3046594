package cn.courtmediation.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Business-rule abuse (issue 12 item 4), on a case really dispatched (REST) and accepted (AMQP): each is refused with
 * its documented code (docs/interfaces.md §12, §17). Before the fix every one of them was accepted.
 */
class RulesHostileIT extends HostileGroup {
    static final String CONSENT_CODE = "CONSENT_MISSING";
    static final String CASE_ID_CODE = "NOT_CASE_PARTY";
    static final String COURT_CODE_CODE = "COURT_CODE_MISMATCH";
    static final String NOT_PARTY_CODE = "NOT_CASE_PARTY";

    @TestFactory
    Stream<DynamicNode> rules() throws Exception {
        String court = court("RC");
        String partner = partner("RP");
        String otherCourt = court("RO");
        String caseId = court + "-2027-" + UUID.randomUUID().toString().substring(0, 6);
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", court, partner, m -> {
            m.put("caseId", caseId);
            m.with("body").put("courtCode", court);
        });
        assertThat(restCode(postMessage(TestMessages.bytes(dispatch), signers.sign(court, TestMessages.bytes(dispatch))))).isEqualTo("ACCEPTED");
        ObjectNode accept = TestMessages.fresh("case-event-accept.json", partner, court, m -> {
            m.put("caseId", caseId);
            m.put("correlationId", dispatch.get("messageId").asText());
        });
        byte[] a = TestMessages.bytes(accept);
        amqp.sendBytes("partner." + partner + ".to-hub", a, signers.sign(partner, a));
        await().atMost(Duration.ofSeconds(20)).until(() -> "IN_MEDIATION".equals(state(caseId)));
        // the setup's deliveries (and the evidence pushes they cause) settle first: each case counts the deliveries to
        // the corpus's participants before and after it, and a late push during a case made that count flaky
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from messages where status not in"
                + " ('DELIVERED', 'FAILED', 'FANNED_OUT') and (sender in (?, ?, ?) or recipient in (?, ?, ?))", Long.class,
                court, partner, otherCourt, court, partner, otherCourt) == 0);

        return Stream.of(
                test("EXTEND with consents from Mallory and Trudy (not parties of the case) -> " + CONSENT_CODE, () -> assertRefused(CONSENT_CODE,
                        () -> extend(partner, court, caseId, m -> {
                            ((ObjectNode) m.with("body").withArray("consents").get(0)).put("party", "Mallory");
                            ((ObjectNode) m.with("body").withArray("consents").get(1)).put("party", "Trudy");
                        }))),
                test("EXTEND with the respondent twice, once with a zero-width space -> " + CONSENT_CODE, () -> assertRefused(CONSENT_CODE,
                        () -> extend(partner, court, caseId, m -> {
                            ((ObjectNode) m.with("body").withArray("consents").get(0)).put("party", "张\u200B三").put("role", "RESPONDENT");
                            ((ObjectNode) m.with("body").withArray("consents").get(1)).put("party", "张三");
                        }))),
                test("another court dispatches a case id carrying this court's code -> " + CASE_ID_CODE, () -> assertRefused(CASE_ID_CODE, () -> {
                    ObjectNode m = TestMessages.fresh("case-dispatch.json", otherCourt, partner, x -> {
                        x.put("caseId", court + "-2027-" + UUID.randomUUID().toString().substring(0, 6));
                        x.with("body").put("courtCode", otherCourt);
                    });
                    return restCode(postMessage(TestMessages.bytes(m), signers.sign(otherCourt, TestMessages.bytes(m))));
                })),
                test("a dispatch whose body.courtCode names another court -> " + COURT_CODE_CODE, () -> assertRefused(COURT_CODE_CODE, () -> {
                    ObjectNode m = TestMessages.fresh("case-dispatch.json", court, partner, x -> {
                        x.put("caseId", court + "-2027-" + UUID.randomUUID().toString().substring(0, 6));
                        x.with("body").put("courtCode", otherCourt);
                    });
                    return restCode(postMessage(TestMessages.bytes(m), signers.sign(court, TestMessages.bytes(m))));
                })),
                test("another court adds a NOTICE to this court's case -> " + NOT_PARTY_CODE, () -> assertRefused(NOT_PARTY_CODE, () -> {
                    ObjectNode m = TestMessages.fresh("notice.json", otherCourt, partner, x -> x.put("caseId", caseId));
                    return restCode(postMessage(TestMessages.bytes(m), signers.sign(otherCourt, TestMessages.bytes(m))));
                })));
    }

    private String extend(String partner, String court, String caseId, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode m = TestMessages.fresh("case-event-extend.json", partner, court, x -> {
            x.put("caseId", caseId);
            x.remove("correlationId");
            edit.accept(x);
        });
        byte[] b = TestMessages.bytes(m);
        amqp.sendBytes("partner." + partner + ".to-hub", b, signers.sign(partner, b));
        return rejectionOf(partner, m.get("messageId").asText());
    }

    /** The code of the REJECTION of that message on from-hub, skipping deliveries and evidences; ACCEPTED when its evidence comes. */
    private String rejectionOf(String partner, String messageId) throws Exception {
        long end = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < end) {
            Message m = amqp.receive("partner." + partner + ".from-hub", 2_000);
            if (m == null) {
                continue;
            }
            JsonNode body = JSON.readTree(((TextMessage) m).getText());
            if ("REJECTION".equals(m.getStringProperty("hubType")) && messageId.equals(body.path("messageId").asText())) {
                return body.path("code").asText();
            }
            if ("EVIDENCE".equals(m.getStringProperty("hubType")) && messageId.equals(body.at("/body/messageId").asText())) {
                return "ACCEPTED";
            }
        }
        return "NO ANSWER within 15 s";
    }

    private String state(String caseId) throws Exception {
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/cases/" + caseId + "/timeline")).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).at("/summary/state").asText() : "none";
    }
}
