package cn.courtmediation.hub.flows;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.contract.ContractSchemas;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every entry point (REST, SOAP, partner queues): each is refused with its documented code,
 * nothing of it is stored as accepted, it is kept in quarantine, and the hub keeps serving others.
 */
abstract class IntakeRefusalsContract extends HubIntegrationTest {
    static final String COURT = "C110105";

    String partner;
    long acceptedBefore;

    @BeforeEach
    void partner() {
        partner = newPartner("PR");
        acceptedBefore = accepted();
    }

    long accepted() {
        // messages participants sent: on the shared hub the hub's own messages (EVIDENCE pushes for earlier deliveries,
        // deadline events of other classes' cases) come and go, while every participant message now is this test's
        return jdbc.queryForObject("select count(*) from messages where type <> 'EVIDENCE' and sender <> 'HUB'", Long.class);
    }

    /** Posts signed by the envelope's sender when the body names a registered one; unsigned otherwise. */
    HttpResponse<String> post(byte[] body, String contentType) throws Exception {
        String signature = "bm90LWEtc2lnbmF0dXJl";
        try {
            signature = signers.sign(JSON.readTree(body).get("sender").asText(), body);
        } catch (Exception notSignable) {
            // malformed or unknown sender: the refusal comes before the signature check anyway
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .header("Content-Type", contentType).header("X-Hub-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Asserts the problem+json answer, that nothing was accepted, and that a valid message is still accepted afterwards. */
    JsonNode assertRestRefusal(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isEqualTo("urn:courtmediation:problem:" + code);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(accepted()).isEqualTo(acceptedBefore);
        byte[] valid = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
        assertThat(postMessage(valid, signers.sign(COURT, valid)).statusCode()).isEqualTo(202);
        acceptedBefore = accepted();
        return problem;
    }

    HttpResponse<String> soap(String envelope) throws Exception {
        return postSoap(envelope);
    }

    static String submitEnvelope(String payloadBase64) {
        return soapSubmitEnvelope(payloadBase64, null);
    }

    void assertSoapFault(HttpResponse<String> r, String code) {
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("<faultcode>soap:Client</faultcode>");
        assertThat(r.body()).containsPattern("<code>" + code + "</code>");
        assertThat(accepted()).isEqualTo(acceptedBefore);
    }

    JsonNode rejectionOnFromHub() throws Exception {
        TextMessage rejection = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 15_000);
        assertThat(rejection).as("rejection on from-hub").isNotNull();
        assertThat(rejection.getStringProperty("hubType")).isEqualTo("REJECTION");
        JsonNode r = JSON.readTree(rejection.getText());
        assertThat(rejection.getStringProperty("hubCode")).isEqualTo(r.get("code").asText());
        assertThat(jdbc.queryForObject("select count(*) from quarantine where quarantine_id = ? and source = ? and code = ?",
                Integer.class, r.get("quarantineId").asText(), partner, r.get("code").asText())).isEqualTo(1);
        return r;
    }

    // ---- REST ----

    @Test
    void restRejectsTruncatedJsonAsMalformed() throws Exception {
        assertRestRefusal(post("{\"messageId\":".getBytes(StandardCharsets.UTF_8), "application/json"), 400, "MALFORMED");
    }

    @Test
    void restRejectsInvalidUtf8AsMalformed() throws Exception {
        assertRestRefusal(post(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "application/json"),
                400, "MALFORMED");
    }

    @Test
    void restRejectsDuplicateKeysAsMalformed() throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", COURT, partner);
        String text = new String(TestMessages.bytes(m), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"recipient\":\"PBOC\",");
        JsonNode problem = assertRestRefusal(post(text.getBytes(StandardCharsets.UTF_8), "application/json"), 400, "MALFORMED");
        assertThat(problem.get("detail").asText()).contains("Duplicate field");
    }

    @Test
    void restRejectsHostileNestingAsMalformed() throws Exception {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        assertRestRefusal(post(deep.getBytes(StandardCharsets.UTF_8), "application/json"), 400, "MALFORMED");
    }

    @Test
    void restRejectsSchemaViolationListingEachRule() throws Exception {
        ObjectNode m = TestMessages.fresh("case-dispatch.json", COURT, partner, x -> {
            x.with("body").put("stage", "AFTER_JUDGEMENT");
            x.with("body").put("claimAmountCny", "12.345");
        });
        JsonNode problem = assertRestRefusal(post(TestMessages.bytes(m), "application/json"), 422, "SCHEMA_VIOLATION");
        assertThat(problem.get("messageId").asText()).isEqualTo(m.get("messageId").asText());
        assertThat(problem.get("errors").findValuesAsText("path")).contains("/body/stage", "/body/claimAmountCny");
        assertThat(jdbc.queryForObject("select count(*) from quarantine where message_id = ? and code = 'SCHEMA_VIOLATION'",
                Integer.class, m.get("messageId").asText())).isEqualTo(1);
    }

    @Test
    void restRejectsOtherMediaTypes() throws Exception {
        assertRestRefusal(post(TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner)), "application/xml"),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertRestRefusal(post(TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner)), "application/json; charset=gbk"),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void restRejectsOversizedPayload() throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", COURT, partner, x -> x.with("body").put("text", "调".repeat(30_000)));
        assertRestRefusal(post(TestMessages.bytes(m), "application/json"), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void restRejectsOversizedChunkedBodyWithoutContentLength() throws Exception {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRestRefusal(r, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void restRejectsUnknownRecipientAndSender() throws Exception {
        JsonNode p = assertRestRefusal(post(TestMessages.bytes(TestMessages.fresh("notice.json", COURT, "NOBODY")), "application/json"),
                422, "UNKNOWN_RECIPIENT");
        assertThat(p.get("detail").asText()).contains("NOBODY");
        assertRestRefusal(post(TestMessages.bytes(TestMessages.fresh("notice.json", "GHOST", partner)), "application/json"),
                422, "UNKNOWN_SENDER");
    }

    @Test
    void restRefusalNamesTheQuarantineIdItsRejectionEvidenceIsFiledUnder() throws Exception {
        byte[] body = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
        JsonNode problem = assertRestRefusal(postMessage(body, null), 401, "SIGNATURE_MISSING");
        String quarantineId = problem.get("quarantineId").asText();
        assertThat(problem.get("messageId").asText()).isEqualTo(TestMessages.messageId(body));
        assertThat(quarantineId).isNotBlank().isNotEqualTo(TestMessages.messageId(body));
        assertThat(new ContractSchemas().load("problem.schema.json").validate(problem)).isEmpty();
        RejectionEvidence.assertFiledUnderQuarantineId(https(), tlsBase(), viewerAuth(), hubKeys.caCertificate(), quarantineId,
                "SIGNATURE_MISSING", "REST", TestMessages.messageId(body));
    }

    @Test
    void restAnswersNotFoundForUnknownMessageId() throws Exception {
        HttpResponse<String> r = getAsOperator(cn.courtmediation.hub.access.Caller.Role.VIEWER, "/api/v1/messages/" + UUID.randomUUID());
        assertRestRefusal(r, 404, "NOT_FOUND");
    }

    // ---- SOAP ----

    @Test
    void soapRefusesXxeWithoutReadingFiles() throws Exception {
        HttpResponse<String> r = soap("<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"urn:courtmediation:hub:soap:v1\">"
                + "<soapenv:Body><hub:GetMessageStatusRequest><hub:messageId>&xxe;</hub:messageId></hub:GetMessageStatusRequest>"
                + "</soapenv:Body></soapenv:Envelope>");
        assertSoapFault(r, "MALFORMED");
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void soapRefusesEntityExpansion() throws Exception {
        String lol = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        HttpResponse<String> r = soap(lol + submitEnvelope("&lol3;"));
        assertSoapFault(r, "MALFORMED");
    }

    @Test
    void soapRefusesNonXmlAndBadBase64() throws Exception {
        assertSoapFault(soap("this is not xml"), "MALFORMED");
        assertSoapFault(soap(submitEnvelope("!!!not-base64!!!")), "SCHEMA_VIOLATION");
    }

    @Test
    void soapRefusesOversizedPayloadsAsPayloadTooLarge() throws Exception {
        // just over the limit: refused by the hub's validator; far over: by the XML parser's text limit
        assertSoapFault(soap(submitEnvelope(Base64.getEncoder().encodeToString(new byte[66_000]))), "PAYLOAD_TOO_LARGE");
        assertSoapFault(soap(submitEnvelope(Base64.getEncoder().encodeToString(new byte[200_000]))), "PAYLOAD_TOO_LARGE");
    }

    @Test
    void soapRefusesUnknownRecipientWithItsCode() throws Exception {
        byte[] body = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, "NOBODY"));
        HttpResponse<String> r = soap(submitEnvelope(Base64.getEncoder().encodeToString(body)));
        assertSoapFault(r, "UNKNOWN_RECIPIENT");
        // the fault names where the refusal is kept, and the sender reads its rejection evidence there
        java.util.regex.Matcher q = java.util.regex.Pattern.compile("<quarantineId>([^<]+)</quarantineId>").matcher(r.body());
        assertThat(q.find()).as(r.body()).isTrue();
        RejectionEvidence.assertFiledUnderQuarantineId(https(), tlsBase(), viewerAuth(), hubKeys.caCertificate(), q.group(1),
                "UNKNOWN_RECIPIENT", "SOAP", TestMessages.messageId(body));
    }

    @Test
    void soapFaultsOfTheSoapStackNameNoQuarantineId() throws Exception {
        // refused by CXF before the hub reads the payload: nothing is quarantined, so no id is given
        HttpResponse<String> r = soap("this is not xml");
        assertSoapFault(r, "MALFORMED");
        assertThat(r.body()).doesNotContain("quarantineId");
    }

    // ---- partner queues ----

    @Test
    void queueGarbageIsRejectedQuarantinedAndDoesNotBlockThePartner() throws Exception {
        amqp.send("partner." + partner + ".to-hub", "<<not json>>", Map.of());
        JsonNode r = rejectionOnFromHub();
        assertThat(r.get("code").asText()).isEqualTo("MALFORMED");
        assertThat(jdbc.queryForObject("select payload from quarantine where quarantine_id = ?", byte[].class,
                r.get("quarantineId").asText())).isEqualTo("<<not json>>".getBytes(StandardCharsets.UTF_8));

        // the partner's queue moves on: its next valid message is accepted and delivered (the evidence says so)
        ObjectNode ok = TestMessages.fresh("notice.json", partner, COURT);
        byte[] okBytes = TestMessages.bytes(ok);
        amqp.send("partner." + partner + ".to-hub", new String(okBytes, StandardCharsets.UTF_8),
                Map.of("hubSignature", signers.sign(partner, okBytes)));
        TextMessage evidence = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 15_000);
        assertThat(evidence.getStringProperty("hubType")).isEqualTo("EVIDENCE");
        assertThat(JSON.readTree(evidence.getText()).at("/body/messageId").asText()).isEqualTo(ok.get("messageId").asText());
        assertThat(JSON.readTree(evidence.getText()).at("/body/kind").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void queueMessageNamingAnotherSenderIsRejectedAsSenderMismatch() throws Exception {
        ObjectNode spoofed = TestMessages.fresh("mediation-result.json", "PBOC", COURT);
        amqp.send("partner." + partner + ".to-hub", new String(TestMessages.bytes(spoofed), StandardCharsets.UTF_8), Map.of());
        JsonNode r = rejectionOnFromHub();
        assertThat(r.get("code").asText()).isEqualTo("SENDER_MISMATCH");
        assertThat(r.get("messageId").asText()).isEqualTo(spoofed.get("messageId").asText());
        assertThat(accepted()).isEqualTo(acceptedBefore);
    }

    @Test
    void queueSchemaViolationIsRejectedWithTheRules() throws Exception {
        ObjectNode bad = TestMessages.fresh("mediation-result.json", partner, COURT, x -> x.with("body").remove("agreement"));
        amqp.send("partner." + partner + ".to-hub", new String(TestMessages.bytes(bad), StandardCharsets.UTF_8), Map.of());
        JsonNode r = rejectionOnFromHub();
        assertThat(r.get("code").asText()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(r.get("errors").toString()).contains("agreement");
        assertThat(accepted()).isEqualTo(acceptedBefore);
    }

    @Test
    void queueOversizedMessageIsRejected() throws Exception {
        amqp.sendBytes("partner." + partner + ".to-hub", new byte[70_000], null);
        assertThat(rejectionOnFromHub().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }
}
