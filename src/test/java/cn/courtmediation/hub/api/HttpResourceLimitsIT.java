package cn.courtmediation.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.SelfSigned;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import cn.courtmediation.hub.trust.Cms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile HTTP clients (docs/interfaces.md 4, 5 and 12): slow and stalled bodies, lying and huge Content-Lengths, chunked
 * bodies over the limit, wrong content types, oversized headers. Each is answered with its documented code as
 * problem+json or a SOAP fault, nothing of it is stored, and other clients are served meanwhile. Raw sockets, because
 * an HTTP client library does not lie about its own body.
 */
class HttpResourceLimitsIT extends HubIntegrationTest {
    private static final String COURT = "C110105";
    /** hub.http.body-timeout (10 s) plus Tomcat's timeout check interval and slack for 2 shared cores. */
    private static final Duration BODY_TIMEOUT_BOUND = Duration.ofSeconds(25);
    /** What another client may wait while hostile clients hold their connections. */
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(5);

    private String partner;
    private long acceptedBefore;
    private long quarantinedBefore;

    @BeforeEach
    void partner() {
        partner = newPartner("HL");
        acceptedBefore = accepted();
        quarantinedBefore = quarantined();
    }

    private long accepted() {
        return jdbc.queryForObject("select count(*) from messages where type <> 'EVIDENCE' and sender <> 'HUB'", Long.class);
    }

    private long quarantined() {
        return jdbc.queryForObject("select count(*) from quarantine", Long.class);
    }

    private void assertNothingStored() {
        assertThat(accepted()).as("messages accepted").isEqualTo(acceptedBefore);
        assertThat(quarantined()).as("refusals quarantined").isEqualTo(quarantinedBefore);
    }

    @Test
    void slowBodiesHoldNoThreadThatOtherClientsNeedAndAreRefusedWithinTheBodyTimeout() throws Exception {
        // more stalled clients than Tomcat has threads (200) and platform-http has (8), half REST, half SOAP
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                boolean rest = i % 2 == 0;
                Socket s = new Socket("127.0.0.1", port);
                send(s, head("POST", rest ? "/api/v1/messages" : "/services/CaseExchange",
                        rest ? "application/json" : "text/xml; charset=utf-8", "Content-Length: 1000"), "{".getBytes(StandardCharsets.UTF_8));
                slow.add(s);
            }
            long started = System.nanoTime();
            HttpResponse<String> status = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/no-such-id")).header("Authorization", viewerAuth())
                    .timeout(SERVED_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(404);
            byte[] valid = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
            HttpResponse<String> intake = postMessage(valid, signers.sign(COURT, valid));
            assertThat(intake.statusCode()).isEqualTo(202);
            HttpResponse<String> soap = postSoapAs(COURT, statusEnvelope("no-such-id"));
            assertThat(soap.body()).contains("<code>NOT_FOUND</code>");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("three other clients served").isLessThan(SERVED_WITHIN.multipliedBy(3));
            acceptedBefore++;

            Answer restAnswer = read(slow.get(0), BODY_TIMEOUT_BOUND);
            assertThat(restAnswer.status()).isEqualTo(400);
            assertThat(restAnswer.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(restAnswer.body()).get("code").asText()).isEqualTo("MALFORMED");
            assertThat(JSON.readTree(restAnswer.body()).get("detail").asText()).contains("1 of 1000 bytes");
            Answer soapAnswer = read(slow.get(1), BODY_TIMEOUT_BOUND);
            assertThat(soapAnswer.status()).isEqualTo(500);
            assertThat(soapAnswer.body()).contains("<faultcode>soap:Client</faultcode>").contains("<code>MALFORMED</code>");
            assertNothingStored();
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void lyingContentLengthOverTheLimitIsRefusedAtOnceWithoutWaitingForTheBody() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, head("POST", "/api/v1/messages", "application/json", "Content-Length: 2000000"), new byte[100]);
            Answer a = read(s, SERVED_WITHIN);
            assertProblem(a, 413, "PAYLOAD_TOO_LARGE");
            assertThat(JSON.readTree(a.body()).get("detail").asText()).contains("2000000");
        }
        assertNothingStored();
    }

    @Test
    void hugeContentLengthIsRefusedBeforeAByteOfTheBodyIsSent() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, head("POST", "/api/v1/messages", "application/json", "Content-Length: 268435456"), new byte[0]);
            assertProblem(read(s, SERVED_WITHIN), 413, "PAYLOAD_TOO_LARGE");
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, head("POST", "/services/CaseExchange", "text/xml; charset=utf-8", "Content-Length: 268435456"), new byte[0]);
            Answer a = read(s, SERVED_WITHIN);
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.body()).contains("<faultcode>soap:Client</faultcode>").contains("<code>PAYLOAD_TOO_LARGE</code>");
        }
        assertNothingStored();
    }

    @Test
    void chunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, head("POST", "/api/v1/messages", "application/json", "Transfer-Encoding: chunked"), new byte[0]);
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) ' ');
            OutputStream out = s.getOutputStream();
            long sent = 0;
            try {
                // twice the shared hub's 64 KiB limit; the hub answers after limit + one read and stops reading
                while (sent < 2 * 65536 + chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
                out.flush();
            } catch (IOException closedByTheHub) {
                // the hub closed the connection after its answer
            }
            assertProblem(read(s, SERVED_WITHIN), 413, "PAYLOAD_TOO_LARGE");
        }
        assertNothingStored();
    }

    @Test
    void wrongContentTypesAreRefused415OnRestAndAsSoapFaultOnSoap() throws Exception {
        byte[] valid = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
        String signature = signers.sign(COURT, valid);
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "application/json; charset=gbk", "multipart/form-data; boundary=x")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/messages"))
                    .header("Content-Type", type).header("X-Hub-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(valid)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "POST /api/v1/messages HTTP/1.1\r\nHost: hub\r\nContent-Length: 2\r\n\r\n", "{}".getBytes(StandardCharsets.UTF_8));
            assertProblem(read(s, SERVED_WITHIN), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        String envelope = soapSubmitEnvelope(Base64.getEncoder().encodeToString(valid), signature);
        for (String type : List.of("application/json", "text/plain", "application/soap+xml; charset=utf-8")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/services/CaseExchange"))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(type).isEqualTo(500);
            assertThat(r.body()).contains("<faultcode>soap:Client</faultcode>").contains("<code>UNSUPPORTED_MEDIA_TYPE</code>");
        }
        assertNothingStored();
    }

    @Test
    void headersOverTheLimitAndBadRequestLinesAnswerProblemJsonNeverHtml() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, head("POST", "/api/v1/messages", "application/json", "X-Hub-Signature: " + "A".repeat(30_000) + "\r\nContent-Length: 2"),
                    "{}".getBytes(StandardCharsets.UTF_8));
            Answer a = read(s, SERVED_WITHIN);
            assertProblem(a, 400, "MALFORMED");
            assertThat(JSON.readTree(a.body()).get("detail").asText()).contains("24 KB");
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            send(s, "GET /api/v1/messages/% HTTP/1.1\r\nHost: hub\r\n\r\n", new byte[0]);
            assertProblem(read(s, SERVED_WITHIN), 400, "MALFORMED");
        }
        assertNothingStored();
    }

    @Test
    void theLargestSignatureIsAcceptedOnRestSoapAndQueueAndOneBlockLargerIsRefusedOnEach() throws Exception {
        // REST
        byte[] rest = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
        String max = signatureOfLength(COURT, rest, 16000);
        assertThat(max).hasSize(16000);
        assertThat(postMessage(rest, max).statusCode()).isEqualTo(202);
        byte[] rest2 = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
        HttpResponse<String> over = postMessage(rest2, signatureOfLength(COURT, rest2, 16004));
        assertThat(over.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(over.body()).get("code").asText()).isEqualTo("SIGNATURE_INVALID");
        // SOAP
        byte[] soap = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
        HttpResponse<String> soapOk = postSoap(soapSubmitEnvelope(Base64.getEncoder().encodeToString(soap), signatureOfLength(COURT, soap, 16000)));
        assertThat(soapOk.statusCode()).as(soapOk.body()).isEqualTo(200);
        assertThat(soapOk.body()).contains("ACCEPTED");
        byte[] soap2 = TestMessages.bytes(TestMessages.fresh("notice.json", COURT, partner));
        HttpResponse<String> soapOver = postSoap(soapSubmitEnvelope(Base64.getEncoder().encodeToString(soap2), signatureOfLength(COURT, soap2, 16004)));
        assertThat(soapOver.body()).contains("<code>SIGNATURE_INVALID</code>");
        // AMQP 1.0
        byte[] queued = TestMessages.bytes(TestMessages.fresh("notice.json", partner, COURT));
        amqp.send("partner." + partner + ".to-hub", new String(queued, StandardCharsets.UTF_8),
                Map.of("hubSignature", signatureOfLength(partner, queued, 16000)));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select count(*) from messages where message_id = ?",
                Integer.class, TestMessages.messageId(queued)) == 1);
        byte[] queued2 = TestMessages.bytes(TestMessages.fresh("notice.json", partner, COURT));
        amqp.send("partner." + partner + ".to-hub", new String(queued2, StandardCharsets.UTF_8),
                Map.of("hubSignature", signatureOfLength(partner, queued2, 16004)));
        TextMessage rejection = null;
        for (int i = 0; i < 5 && rejection == null; i++) {
            TextMessage m = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 15_000);
            if (m != null && "REJECTION".equals(m.getStringProperty("hubType"))) {
                rejection = m;
            }
        }
        assertThat(rejection).as("rejection on from-hub").isNotNull();
        assertThat(rejection.getStringProperty("hubCode")).isEqualTo("SIGNATURE_INVALID");
    }

    @Test
    void anUnauthenticatedRefusalKeepsOnlyAPrefixAndTheHashAnAuthenticatedOneTheWholePayload() throws Exception {
        ObjectNode big = TestMessages.fresh("notice.json", COURT, partner, x -> x.with("body").put("text", "x".repeat(50_000)));
        byte[] bytes = TestMessages.bytes(big);
        HttpResponse<String> unsigned = postMessage(bytes, null);
        JsonNode problem = JSON.readTree(unsigned.body());
        // refused before any signature was verified (the text is also longer than the schema allows): unauthenticated
        assertThat(problem.get("code").asText()).isIn("SIGNATURE_MISSING", "SCHEMA_VIOLATION");
        String quarantineId = problem.get("quarantineId").asText();
        Map<String, Object> row = jdbc.queryForMap("select payload, payload_size from quarantine where quarantine_id = ?", quarantineId);
        assertThat((byte[]) row.get("payload")).hasSize(4096).isEqualTo(java.util.Arrays.copyOf(bytes, 4096));
        assertThat(((Number) row.get("payload_size")).longValue()).isEqualTo(bytes.length);
        JsonNode evidence = JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/" + quarantineId + "/evidence")).header("Authorization", viewerAuth())
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(evidence.get("evidences").get(0).get("content").get("payloadSha256").asText()).isEqualTo(Sha256.hex(bytes));

        // signed by its sender, refused by a business rule (an ACCEPT for a case that was never dispatched): kept whole
        ObjectNode accept = TestMessages.fresh("case-event-accept.json", partner, COURT,
                x -> x.put("caseId", "C110105-2026-" + (100000 + (int) (Math.random() * 899999))));
        byte[] acceptBytes = TestMessages.bytes(accept);
        amqp.send("partner." + partner + ".to-hub", new String(acceptBytes, StandardCharsets.UTF_8),
                Map.of("hubSignature", signers.sign(partner, acceptBytes)));
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from quarantine where message_id = ?", Integer.class, TestMessages.messageId(acceptBytes)) == 1);
        assertThat(jdbc.queryForObject("select payload from quarantine where message_id = ?", byte[].class, TestMessages.messageId(acceptBytes)))
                .isEqualTo(acceptBytes);
    }

    // ---- helpers ----

    /** A valid detached signature by the participant whose base64 is exactly length characters (padded with certificates). */
    private String signatureOfLength(String participant, byte[] content, int length) {
        TestSigners.Signer signer = signers.of(participant);
        int bytes = length / 4 * 3;
        List<X509Certificate> bulk = new ArrayList<>();
        while (Cms.sign(content, signer.key(), signer.certificate(), signer.suite(), bulk).length < bytes - 1500) {
            bulk.add(SelfSigned.signer("F" + bulk.size()).certificate());
        }
        int pad = 1000;
        for (int round = 0; round < 100; round++) {
            // the last certificate's name takes up the difference; ECDSA signatures vary by a byte or two, so try again
            List<X509Certificate> certificates = new ArrayList<>(bulk);
            certificates.add(SelfSigned.signer("P" + "a".repeat(pad)).certificate());
            byte[] der = Cms.sign(content, signer.key(), signer.certificate(), signer.suite(), certificates);
            if (der.length == bytes) {
                return Base64.getEncoder().encodeToString(der);
            }
            // self-signed: the name is in the certificate twice, so each character adds two bytes
            pad = Math.max(1, pad + (bytes - der.length) / 2);
        }
        throw new IllegalStateException("no signature of " + length + " characters");
    }

    private static String statusEnvelope(String messageId) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"urn:courtmediation:hub:soap:v1\">"
                + "<soapenv:Body><hub:GetMessageStatusRequest><hub:messageId>" + messageId + "</hub:messageId></hub:GetMessageStatusRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String head(String method, String path, String contentType, String extraHeaders) {
        return method + " " + path + " HTTP/1.1\r\nHost: hub\r\nContent-Type: " + contentType + "\r\n" + extraHeaders + "\r\n\r\n";
    }

    private static void send(Socket s, String head, byte[] body) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private record Answer(int status, String contentType, String body) {
    }

    /** Reads one HTTP answer (status line, headers, Content-Length body) within the bound. */
    private static Answer read(Socket s, Duration within) throws IOException {
        s.setSoTimeout((int) within.toMillis());
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int headEnd = -1;
        int length = -1;
        while (System.nanoTime() < deadline) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
            String text = got.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, headEnd));
                length = m.find() ? Integer.parseInt(m.group(1)) : -1;
            }
            if (headEnd >= 0 && length >= 0 && got.size() >= headEnd + 4 + length) {
                break;
            }
        }
        String text = got.toString(StandardCharsets.UTF_8);
        assertThat(text).as("an answer within " + within).startsWith("HTTP/1.1 ");
        int end = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, end);
        java.util.regex.Matcher type = java.util.regex.Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(headers);
        return new Answer(Integer.parseInt(text.substring(9, 12)), type.find() ? type.group(1).trim() : "", text.substring(end + 4));
    }

    private static void assertProblem(Answer a, int status, String code) throws IOException {
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(a.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }
}
