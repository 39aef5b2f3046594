package cn.courtmediation.hub.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.soap.exchange.CaseExchangePortType;
import cn.courtmediation.hub.soap.exchange.HubFault;
import cn.courtmediation.hub.soap.types.GetMessageStatusRequest;
import cn.courtmediation.hub.soap.types.SubmitMessageRequest;
import cn.courtmediation.hub.soap.types.SubmitMessageResponse;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestCases;
import cn.courtmediation.hub.support.TestCourtServer;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.trust.Cms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.util.Map;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End-to-end flows of the hub on a random HTTP port with its embedded broker: REST and SOAP intake,
 * partner delivery to a real AMQP 1.0 client, partner results to real HTTP courts (REST and SOAP),
 * idempotency, delivery failure and the relay sweep. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class HubFlowsContract extends HubIntegrationTest {
    static final String COURT = "C110105";

    String partner;

    /** Each test gets its own partner institution, so its from-hub address holds only that test's messages. */
    @BeforeEach
    void partner() {
        partner = newPartner("PT");
    }

    String court(Channel channel) {
        return newCourt("CT", channel);
    }

    HttpResponse<String> post(byte[] body, String contentType, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Posts as the envelope's sender would: signed with the sender's key. */
    HttpResponse<String> post(byte[] body) throws Exception {
        String sender = JSON.readTree(body).get("sender").asText();
        return post(body, "application/json", Map.of("X-Hub-Signature", signers.sign(sender, body)));
    }

    /** Sends on the partner's to-hub address, signed by the partner. */
    void sendAsPartner(byte[] body) throws Exception {
        amqp.send(toHub(), new String(body, StandardCharsets.UTF_8), Map.of("hubSignature", signers.sign(partner, body)));
    }

    /** Asserts that a base64 signature is the hub's, over exactly these bytes. */
    void assertHubSigned(byte[] content, String signature) throws Exception {
        Cms.Verified v = Cms.verify(content, java.util.Base64.getDecoder().decode(signature));
        v.signer().verify(hubKeys.caCertificate().getPublicKey());
        assertThat(v.signer().getSubjectX500Principal().getName()).contains("CN=HUB");
    }

    JsonNode status(String messageId) throws Exception {
        HttpResponse<String> r = getAsOperator(cn.courtmediation.hub.access.Caller.Role.VIEWER, "/api/v1/messages/" + messageId);
        return JSON.readTree(r.body());
    }

    String fromHub() {
        return "partner." + partner + ".from-hub";
    }

    String toHub() {
        return "partner." + partner + ".to-hub";
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    CaseExchangePortType soapClient() {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CaseExchangePortType.class);
        f.setAddress("http://127.0.0.1:" + port + "/services/CaseExchange");
        return (CaseExchangePortType) f.create();
    }

    /** The generated client on the HTTPS port with the participant's certificate: reads (GetMessageStatus) need one. */
    CaseExchangePortType soapClientAs(String participant) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CaseExchangePortType.class);
        f.setAddress(tlsBase() + "/services/CaseExchange");
        CaseExchangePortType client = (CaseExchangePortType) f.create();
        org.apache.cxf.configuration.jsse.TLSClientParameters tls = new org.apache.cxf.configuration.jsse.TLSClientParameters();
        tls.setSslContext(cn.courtmediation.hub.support.HubTls.context(hubKeys.caCertificate(), signers.of(participant).key(),
                signers.of(participant).certificate()));
        ((org.apache.cxf.transport.http.HTTPConduit) org.apache.cxf.frontend.ClientProxy.getClient(client).getConduit()).setTlsClientParameters(tls);
        return client;
    }

    @Test
    void restCaseReachesPartnerAmqpConsumerByteExact() throws Exception {
        ObjectNode m = TestMessages.fresh("case-dispatch.json", COURT, partner);
        byte[] body = TestMessages.bytes(m);

        String senderSignature = signers.sign(COURT, body);
        HttpResponse<String> response = post(body, "application/json", Map.of("X-Hub-Signature", senderSignature));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(receipt.get("messageId").asText()).isEqualTo(m.get("messageId").asText());
        assertThat(receipt.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.get("payloadSha256").asText()).isEqualTo(sha256(body));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("hub"));
        assertHubSigned(response.body().getBytes(StandardCharsets.UTF_8), response.headers().firstValue("X-Hub-Signature").orElseThrow());

        Message delivered = amqp.receive(fromHub(), 15_000);
        assertThat(delivered).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) delivered).getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(((TextMessage) delivered).getText()).contains("(2026)京0105民诉前调1234号");
        assertThat(delivered.getStringProperty("hubMessageId")).isEqualTo(m.get("messageId").asText());
        assertThat(delivered.getStringProperty("hubType")).isEqualTo("CASE_DISPATCH");
        assertThat(delivered.getStringProperty("hubSender")).isEqualTo(COURT);
        assertThat(delivered.getStringProperty("hubCaseId")).isEqualTo(m.get("caseId").asText());
        assertHubSigned(body, delivered.getStringProperty("hubSignature"));
        assertThat(delivered.getStringProperty("hubSenderSignature")).isEqualTo(senderSignature);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(status(m.get("messageId").asText()).get("status").asText()).isEqualTo("DELIVERED"));
        assertThat(jdbc.queryForObject("select sender_signature from messages where message_id = ?", String.class,
                m.get("messageId").asText())).isEqualTo(senderSignature);
    }

    @Test
    void soapSubmissionFromGeneratedClientIsAcceptedAndQueryable() throws Exception {
        ObjectNode m = TestMessages.fresh("case-dispatch.json", COURT, partner);
        byte[] body = TestMessages.bytes(m);
        SubmitMessageRequest request = new SubmitMessageRequest();
        request.setPayload(body);

        String senderSignature = signers.sign(COURT, body);
        SubmitMessageResponse response = soapClient().submitMessage(request, senderSignature);

        assertThat(response.getReceipt().getMessageId()).isEqualTo(m.get("messageId").asText());
        assertThat(response.getReceipt().getStatus()).isEqualTo("ACCEPTED");
        assertThat(response.getReceipt().getPayloadSha256()).isEqualTo(sha256(body));
        assertThat(response.getReceipt().isDuplicate()).isFalse();
        assertThat(JSON.readTree(response.getReceipt().getSignedReceipt()).get("payloadSha256").asText()).isEqualTo(sha256(body));
        assertHubSigned(response.getReceipt().getSignedReceipt(), response.getReceipt().getReceiptSignature());
        TextMessage delivered = (TextMessage) amqp.receive(fromHub(), 15_000);
        assertThat(delivered.getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(delivered.getStringProperty("hubSenderSignature")).isEqualTo(senderSignature);
        assertHubSigned(body, delivered.getStringProperty("hubSignature"));
        GetMessageStatusRequest q = new GetMessageStatusRequest();
        q.setMessageId(m.get("messageId").asText());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(soapClientAs(COURT).getMessageStatus(q).getStatus()).isEqualTo("DELIVERED"));
    }

    @Test
    void partnerResultOnQueueReachesRestCourt() throws Exception {
        String court = court(Channel.REST);
        ObjectNode result = TestMessages.fresh("mediation-result.json", partner, court, TestCases::failedAskingForFiling);
        TestCases.inMediation(jdbc, result, court, partner);
        byte[] body = TestMessages.bytes(result);

        String senderSignature = signers.sign(partner, body);
        amqp.send(toHub(), new String(body, StandardCharsets.UTF_8), Map.of("hubSignature", senderSignature));

        await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court).size() == 1);
        TestCourtServer.Received r = courts.receivedBy(court).get(0);
        assertThat(r.payload()).isEqualTo(body);
        assertThat(r.headers()).containsEntry("x-hub-message-id", result.get("messageId").asText())
                .containsEntry("x-hub-type", "MEDIATION_RESULT")
                .containsEntry("x-hub-sender", partner)
                .containsEntry("x-hub-case-id", result.get("caseId").asText())
                .containsEntry("x-hub-sender-signature", senderSignature);
        assertHubSigned(body, r.headers().get("x-hub-signature"));
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        assertThat(r.headers().keySet()).noneMatch(h -> h.startsWith("hub") || h.startsWith("jms") || h.startsWith("camel"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(status(result.get("messageId").asText()).get("status").asText()).isEqualTo("DELIVERED"));
    }

    @Test
    void partnerResultOnQueueReachesSoapCourt() throws Exception {
        String court = court(Channel.SOAP);
        ObjectNode result = TestMessages.fresh("mediation-result.json", partner, court, TestCases::failedAskingForFiling);
        TestCases.inMediation(jdbc, result, court, partner);
        byte[] body = TestMessages.bytes(result);

        amqp.sendBytes(toHub(), body, signers.sign(partner, body));

        await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court).size() == 1);
        TestCourtServer.Received r = courts.receivedBy(court).get(0);
        assertThat(r.payload()).isEqualTo(body);
        assertThat(r.soap().getMessageId()).isEqualTo(result.get("messageId").asText());
        assertThat(r.soap().getSender()).isEqualTo(partner);
        assertThat(r.soap().getType()).isEqualTo("MEDIATION_RESULT");
        assertThat(r.soap().getPayloadSha256()).isEqualTo(sha256(body));
        assertHubSigned(body, r.soap().getHubSignature());
        assertThat(r.soap().getSenderSignature()).isNotBlank();
    }

    @Test
    void resendWithSameIdAndPayloadReturnsOriginalReceiptAndDeliversOnce() throws Exception {
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", COURT, partner);
        byte[] body = TestMessages.bytes(dispatch);
        // the same case: the hub keeps acceptance order per case and recipient, not across cases
        byte[] marker = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner, n -> n.put("caseId", dispatch.get("caseId").asText())));

        HttpResponse<String> first = post(body);
        HttpResponse<String> second = post(body);
        post(marker);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(second.body());
        assertThat(b.get("receivedAt")).isEqualTo(a.get("receivedAt"));
        assertThat(b.get("payloadSha256")).isEqualTo(a.get("payloadSha256"));
        assertThat(b.get("duplicate").asBoolean()).isTrue();
        // in acceptance order for the case: the dispatch arrives once, then the marker, never a second dispatch
        assertThat(((TextMessage) amqp.receive(fromHub(), 15_000)).getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(((TextMessage) amqp.receive(fromHub(), 15_000)).getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(marker);
    }

    @Test
    void sameIdWithOtherPayloadIsRefusedAndNotDelivered() throws Exception {
        ObjectNode m = TestMessages.fresh("case-dispatch.json", COURT, partner);
        byte[] original = TestMessages.bytes(m);
        m.with("body").put("summary", "篡改后的摘要");
        byte[] altered = TestMessages.bytes(m);
        byte[] marker = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner, n -> n.put("caseId", m.get("caseId").asText())));

        post(original);
        HttpResponse<String> refused = post(altered);
        post(marker);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("MESSAGE_ID_REUSED");
        assertThat(((TextMessage) amqp.receive(fromHub(), 15_000)).getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(original);
        assertThat(((TextMessage) amqp.receive(fromHub(), 15_000)).getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(marker);
        assertThat(jdbc.queryForObject("select count(*) from quarantine where message_id = ? and code = 'MESSAGE_ID_REUSED'",
                Integer.class, m.get("messageId").asText())).isEqualTo(1);
    }

    @Test
    void deadCourtEndsFailedAfterRetriesAsADeadLetter() throws Exception {
        String court = court(Channel.REST);
        courts.failing(court, true);
        ObjectNode result = TestMessages.fresh("mediation-result.json", partner, court, TestCases::failedAskingForFiling);
        TestCases.inMediation(jdbc, result, court, partner);

        sendAsPartner(TestMessages.bytes(result));

        String id = result.get("messageId").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode s = status(id);
            assertThat(s.get("status").asText()).isEqualTo("FAILED");
            assertThat(s.get("lastError").asText()).contains("503");
            // 1 attempt + 2 redeliveries (test setting), each exactly once: no hidden HTTP client retries
            assertThat(s.get("attempts").asInt()).isEqualTo(3);
        });
        assertThat(courts.refusedBy(court)).isEqualTo(3);
        // a dead letter: the FAILED row itself, listed by GET /admin/dead-letters (DeliveryReliabilityIT)
        assertThat(jdbc.queryForObject("select count(*) from messages where message_id = ? and failed_at is not null",
                Integer.class, id)).isEqualTo(1);
        assertThat(courts.receivedBy(court)).isEmpty();
    }

    @Test
    void acceptedMessageThatWasNeverQueuedIsQueuedByTheSweep() throws Exception {
        // what a crash between the database commit and the broker send leaves behind: a stored ACCEPTED row
        ObjectNode m = TestMessages.fresh("case-dispatch.json", COURT, partner);
        byte[] body = TestMessages.bytes(m);
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload,"
                        + " payload_sha256, received_at, attempts) values (?, 'CASE_DISPATCH', ?, ?, ?, 'REST', 'ACCEPTED', ?, ?,"
                        + " current_timestamp, 0)",
                m.get("messageId").asText(), COURT, partner, m.get("caseId").asText(), body, sha256(body));

        TextMessage delivered = (TextMessage) amqp.receive(fromHub(), 20_000);

        assertThat(delivered.getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(status(m.get("messageId").asText()).get("status").asText()).isEqualTo("DELIVERED"));
    }

    @Test
    void servesReadinessOpenApiWsdlAndContractFiles() throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("UP");
        JsonNode api = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api-doc")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(api.get("openapi").asText()).startsWith("3.1");
        assertThat(api.at("/paths/~1api~1v1~1messages/post/operationId").asText()).isEqualTo("submitMessage");
        String wsdl = http.send(HttpRequest.newBuilder(URI.create(base + "/services/CaseExchange?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(wsdl).contains("SubmitMessage").contains("GetMessageStatus");
        HttpResponse<String> schema = http.send(HttpRequest.newBuilder(URI.create(base + "/schemas/message.schema.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(schema.body()).get("$id").asText()).endsWith("message.schema.json");
    }

    @Test
    void soapRefusalIsAHubFaultWithItsCode() {
        SubmitMessageRequest request = new SubmitMessageRequest();
        request.setPayload("{\"messageId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        try {
            soapClient().submitMessage(request, null);
            throw new AssertionError("expected a HubFault");
        } catch (HubFault fault) {
            assertThat(fault.getFaultInfo().getCode()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(fault.getFaultInfo().getError()).isNotEmpty();
        }
    }
}
