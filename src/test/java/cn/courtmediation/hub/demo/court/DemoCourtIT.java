package cn.courtmediation.hub.demo.court;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.trust.HubSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo trial system inside the hub (issue 12, item 5): it takes only deliveries the hub signed, on REST (401
 * problem+json otherwise) and SOAP (a fault with the code), and its inbox is served to an operator only, with the
 * parties' ID and phone numbers masked.
 */
class DemoCourtIT extends HubIntegrationTest {
    @Autowired
    HubSigner hubSigner;

    @Test
    void refusesAnUnsignedRestDeliveryAndKeepsNothing() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = deliverRest("C110105", id, "{}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("SIGNATURE_MISSING");
        assertThat(inboxText()).doesNotContain(id);
    }

    @Test
    void refusesARestDeliverySignedByAParticipantOrOverOtherBytes() throws Exception {
        byte[] payload = TestMessages.bytes(TestMessages.fresh("notice.json", "PBOC", "C110105"));
        String id = TestMessages.messageId(payload);

        HttpResponse<String> participant = deliverRest("C110105", id, payload, signers.sign("PBOC", payload));
        assertThat(participant.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(participant.body()).get("code").asText()).isEqualTo("CERT_UNKNOWN");

        HttpResponse<String> otherBytes = deliverRest("C110105", id, payload, hubSigner.sign("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(otherBytes.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(otherBytes.body()).get("code").asText()).isEqualTo("SIGNATURE_INVALID");

        HttpResponse<String> garbage = deliverRest("C110105", id, payload, "c2lnbmF0dXJl");
        assertThat(JSON.readTree(garbage.body()).get("code").asText()).isEqualTo("SIGNATURE_INVALID");
        assertThat(inboxText()).doesNotContain(id);

        // the same bytes with the hub's signature are taken
        assertThat(deliverRest("C110105", id, payload, hubSigner.sign(payload)).statusCode()).isEqualTo(200);
        assertThat(inboxText()).contains(id);
    }

    @Test
    void refusesUnsignedAndForeignSignedSoapDeliveriesWithAFault() throws Exception {
        byte[] payload = TestMessages.bytes(TestMessages.fresh("notice.json", "C440305", "C310115"));
        String id = TestMessages.messageId(payload);

        HttpResponse<String> unsigned = deliverSoap(id, payload, "");
        assertThat(unsigned.statusCode()).isEqualTo(500);
        assertThat(unsigned.body()).contains("Fault", "<code xmlns=\"urn:courtmediation:hub:soap:v1\">SIGNATURE_MISSING</code>");

        HttpResponse<String> participant = deliverSoap(id, payload, signers.sign("C440305", payload));
        assertThat(participant.body()).contains("Fault", "CERT_UNKNOWN");
        assertThat(inboxText()).doesNotContain(id);

        HttpResponse<String> signed = deliverSoap(id, payload, hubSigner.sign(payload));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).contains("<accepted>true</accepted>");
        assertThat(inboxText()).contains(id);
    }

    @Test
    void inboxIsServedOnlyToAnOperator() throws Exception {
        HttpResponse<String> anyone = getWithoutCredentials("/demo-court/inbox");
        assertThat(anyone.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anyone.body()).get("code").asText()).isEqualTo("UNAUTHORIZED");
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(base() + "/demo-court/inbox")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/demo-court/inbox"))
                .header("Authorization", "Bearer not-a-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        // a court's certificate is not an operator's
        assertThat(getAs("C110105", "/demo-court/inbox").statusCode()).isEqualTo(403);
        assertThat(inbox().statusCode()).isEqualTo(200);
    }

    @Test
    void inboxMasksThePartiesIdAndPhoneNumbersOfADeliveredDispatch() throws Exception {
        // a real dispatch through the hub to the demo mediation organisation, whose endpoint is the demo trial system
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", "C110105", "M110105001");
        byte[] body = TestMessages.bytes(dispatch);
        assertThat(postMessage(body, signers.sign("C110105", body)).statusCode()).isEqualTo(202);
        String id = dispatch.get("messageId").asText();

        JsonNode entry = await().atMost(Duration.ofSeconds(30)).until(() -> entry(id), e -> e != null);
        String payload = entry.get("payload").asText();
        assertThat(payload).doesNotContain("110105199001011234", "13800138000", "91110105MA01ABCD2X", "010-65001234");
        JsonNode respondent = JSON.readTree(payload).at("/body/parties/1");
        assertThat(respondent.get("idNumber").asText()).isEqualTo("**************1234");
        assertThat(respondent.get("phone").asText()).isEqualTo("*********00");
        // what is not personal data stays as sent
        assertThat(JSON.readTree(payload).get("caseId").asText()).isEqualTo(dispatch.get("caseId").asText());
        assertThat(respondent.get("name").asText()).isEqualTo("张三");
    }

    // ---------- helpers ----------

    HttpResponse<String> deliverRest(String court, String messageId, byte[] payload, String hubSignature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/demo-court/rest/" + court))
                .header("Content-Type", "application/json; charset=utf-8").header("X-Hub-Message-Id", messageId)
                .header("X-Hub-Type", "NOTICE").header("X-Hub-Sender", "PBOC")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (hubSignature != null) {
            b.header("X-Hub-Signature", hubSignature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> deliverSoap(String messageId, byte[] payload, String hubSignature) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<DeliverMessageRequest xmlns=\"urn:courtmediation:hub:soap:v1\"><messageId>" + messageId + "</messageId>"
                + "<type>NOTICE</type><sender>C440305</sender><recipient>C310115</recipient><caseId>C440305-2026-1</caseId>"
                + "<payload>" + Base64.getEncoder().encodeToString(payload) + "</payload>"
                + "<payloadSha256>" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)) + "</payloadSha256>"
                + "<hubSignature>" + hubSignature + "</hubSignature></DeliverMessageRequest></soap:Body></soap:Envelope>";
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/services/demo-court/CourtResult"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:courtmediation:hub:court-result:v1:DeliverMessage\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> inbox() throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/demo-court/inbox"))
                .header("Authorization", adminAuth()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    String inboxText() throws Exception {
        HttpResponse<String> r = inbox();
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    JsonNode entry(String messageId) throws Exception {
        for (JsonNode e : JSON.readTree(inboxText())) {
            if (messageId.equals(e.path("messageId").asText())) {
                return e;
            }
        }
        return null;
    }
}
