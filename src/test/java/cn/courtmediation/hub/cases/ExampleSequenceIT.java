package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OpenSsl;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's round trip as a newcomer runs it: the examples in schemas/examples, unchanged, in the documented
 * order (README "Quick start", docs/interfaces.md 7), signed with openssl and sandbox credentials, court C110105 over
 * REST with the documented headers and partner PBOC over AMQP 1.0; each step's answer and the recipient's delivery.
 * A second short sequence on a second case (mediation failed, the court files it) gives case-event-file.json its case.
 * It uses the demo registry's C110105 and PBOC because the examples name them; the examples' case and message ids
 * are used by no other test, so the shared hub is as fresh for these cases as a new one.
 */
class ExampleSequenceIT extends HubIntegrationTest {
    private static final Path EXAMPLES = Path.of("schemas/examples");
    private static final String CASE = "C110105-2026-000123";
    private static final String CASE_2 = "C110105-2026-000124";
    private static final String PBOC_FROM_HUB = "partner.PBOC.from-hub";
    private static final String PBOC_TO_HUB = "partner.PBOC.to-hub";

    /** The sandbox credentials of C110105 and PBOC, as the README's step 1 gets them, under work/sandbox. */
    private Path sandboxes(Path work) throws Exception {
        Path sandbox = work.resolve("sandbox");
        sandbox("C110105", sandbox);
        sandbox("PBOC", sandbox);
        return sandbox;
    }

    /** The court's dispatch of an example case over REST: 202 with a new ACCEPTED receipt for that case. */
    private HttpResponse<String> dispatch(String example, String caseId, Path sandbox) throws Exception {
        HttpResponse<String> dispatch = postExample(example, sandbox.resolve("C110105"));
        assertThat(dispatch.statusCode()).as(dispatch.body()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(dispatch.body());
        assertThat(receipt.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(receipt.get("caseId").asText()).isEqualTo(caseId);
        assertThat(receipt.get("duplicate").asBoolean()).isFalse();
        return dispatch;
    }

    /** What has been taken off PBOC's from-hub address so far (other tests' messages included). */
    private final List<TextMessage> fromHub = new ArrayList<>();

    @Test
    void theExamplesMakeOneCaseFromDispatchToConfirmation(@TempDir Path work) throws Exception {
        Path sandbox = sandboxes(work);

        // 1. the court dispatches the case over REST; the signed receipt verifies; PBOC receives it
        HttpResponse<String> dispatch = dispatch("case-dispatch.json", CASE, sandbox);
        Files.writeString(sandbox.resolve("receipt.json"), dispatch.body());
        Files.write(sandbox.resolve("receipt.sig"), Base64.getDecoder().decode(dispatch.headers().firstValue("X-Hub-Signature").orElseThrow()));
        OpenSsl.Result verified = OpenSsl.run(sandbox, "cms", "-verify", "-binary", "-inform", "DER", "-in", "receipt.sig",
                "-content", "receipt.json", "-CAfile", "C110105/hub-ca.pem", "-out", "/dev/null");
        assertThat(verified.output()).contains("Verification successful");
        TextMessage delivered = awaitFromHub("CASE_DISPATCH", "0b6f1c3e-6a2d-4c59-9d7e-2f1a8c4b5e01");
        assertThat(delivered.getText()).isEqualTo(example("case-dispatch.json"));
        awaitStatus("0b6f1c3e-6a2d-4c59-9d7e-2f1a8c4b5e01", "DELIVERED");
        assertThat(caseState()).isEqualTo("DISPATCHED");

        // 2.-4. PBOC accepts, extends and reports the signed agreement over AMQP; the demo court receives each
        sendAsPartner("case-event-accept.json", sandbox.resolve("PBOC"));
        awaitAtCourt("7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e04", "CASE_EVENT");
        assertThat(caseState()).isEqualTo("IN_MEDIATION");

        sendAsPartner("case-event-extend.json", sandbox.resolve("PBOC"));
        awaitAtCourt("8d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f05", "CASE_EVENT");
        assertThat(caseState()).isEqualTo("EXTENDED");

        sendAsPartner("mediation-result.json", sandbox.resolve("PBOC"));
        JsonNode atCourt = awaitAtCourt("5d2e8a90-3c1b-4f6e-8a7d-9b0c1e2f3a04", "MEDIATION_RESULT");
        assertThat(atCourt.get("court").asText()).isEqualTo("C110105");
        assertThat(atCourt.get("payload").asText()).isEqualTo(example("mediation-result.json"));
        assertThat(caseState()).isEqualTo("CONFIRMATION_REQUESTED");
        // success on the queue is silence, then the DELIVERED evidence on PBOC's from-hub
        TextMessage evidence = awaitFromHub("EVIDENCE", null, "5d2e8a90-3c1b-4f6e-8a7d-9b0c1e2f3a04");
        assertThat(JSON.readTree(evidence.getText()).at("/body/kind").asText()).isEqualTo("DELIVERED");

        // 5. the court confirms over REST; PBOC receives the confirmation
        HttpResponse<String> confirm = postExample("case-event-confirm.json", sandbox.resolve("C110105"));
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(202);
        awaitFromHub("CASE_EVENT", "b05c6d7e-8f9a-4b0c-8d1e-2f3a4b5c6d08");
        assertThat(caseState()).isEqualTo("CONFIRMED");
    }

    /**
     * The second documented sequence (README, docs/lifecycle.md "Examples"): a case whose mediation fails and which
     * the court then files, so that case-event-file.json, the court's FILE, has a case waiting for filing.
     */
    @Test
    void theSecondExampleCaseFailsAndTheCourtFilesIt(@TempDir Path work) throws Exception {
        Path sandbox = sandboxes(work);

        // 1. the court dispatches the second case over REST; PBOC receives it
        dispatch("case-dispatch-2.json", CASE_2, sandbox);
        TextMessage delivered = awaitFromHub("CASE_DISPATCH", "1a7b2c3d-4e5f-4a6b-8c7d-3e4f5a6b7c09");
        assertThat(delivered.getText()).isEqualTo(example("case-dispatch-2.json"));
        awaitStatus("1a7b2c3d-4e5f-4a6b-8c7d-3e4f5a6b7c09", "DELIVERED");
        assertThat(caseState(CASE_2)).isEqualTo("DISPATCHED");

        // 2.-3. PBOC accepts, then reports over AMQP that the mediation failed and asks for filing
        sendAsPartner("case-event-accept-2.json", sandbox.resolve("PBOC"));
        awaitAtCourt("2b8c3d4e-5f6a-4b7c-9d8e-4f5a6b7c8d10", "CASE_EVENT");
        assertThat(caseState(CASE_2)).isEqualTo("IN_MEDIATION");

        sendAsPartner("mediation-result-failed.json", sandbox.resolve("PBOC"));
        JsonNode atCourt = awaitAtCourt("3c9d4e5f-6a7b-4c8d-8e9f-5a6b7c8d9e11", "MEDIATION_RESULT");
        assertThat(atCourt.get("payload").asText()).isEqualTo(example("mediation-result-failed.json"));
        JsonNode waiting = JSON.readTree(get("/api/v1/cases/" + CASE_2 + "/timeline").body()).get("summary");
        assertThat(waiting.get("state").asText()).isEqualTo("FILING_REQUESTED");
        assertThat(waiting.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(waiting.get("filingReason").asText()).isEqualTo("MEDIATION_FAILED");
        TextMessage evidence = awaitFromHub("EVIDENCE", null, "3c9d4e5f-6a7b-4c8d-8e9f-5a6b7c8d9e11");
        assertThat(JSON.readTree(evidence.getText()).at("/body/kind").asText()).isEqualTo("DELIVERED");

        // 4. the court files the case over REST (case-event-file.json); PBOC receives the FILE
        HttpResponse<String> file = postExample("case-event-file.json", sandbox.resolve("C110105"));
        assertThat(file.statusCode()).as(file.body()).isEqualTo(202);
        JsonNode fileReceipt = JSON.readTree(file.body());
        assertThat(fileReceipt.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(fileReceipt.get("caseId").asText()).isEqualTo(CASE_2);
        TextMessage filed = awaitFromHub("CASE_EVENT", "9e3f4a5b-6c7d-4e8f-8a9b-1c2d3e4f5a06");
        assertThat(filed.getText()).isEqualTo(example("case-event-file.json"));
        awaitStatus("9e3f4a5b-6c7d-4e8f-8a9b-1c2d3e4f5a06", "DELIVERED");
        JsonNode done = JSON.readTree(get("/api/v1/cases/" + CASE_2 + "/timeline").body()).get("summary");
        assertThat(done.get("state").asText()).isEqualTo("FILED");
        assertThat(done.get("courtCaseNumber").asText()).isEqualTo("(2027)京0105民初101号");
    }

    /** POST /admin/pki/participants/{code}/sandbox, unzipped into sandbox/{code}, as the quick start does. */
    private void sandbox(String code, Path sandbox) throws Exception {
        HttpResponse<byte[]> zip = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/pki/participants/" + code + "/sandbox"))
                .header("Authorization", adminAuth()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Path dir = Files.createDirectories(sandbox.resolve(code));
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                Files.write(dir.resolve(e.getName()), z.readAllBytes());
            }
        }
    }

    /** openssl cms -sign over the example file as it is, with the participant's sandbox key; the base64 signature. */
    private String sign(String example, Path credentials) throws Exception {
        Path sig = credentials.resolve(example + ".sig");
        OpenSsl.Result r = OpenSsl.run(credentials, "cms", "-sign", "-binary", "-in", EXAMPLES.resolve(example).toAbsolutePath().toString(),
                "-signer", "participant.cert.pem", "-inkey", "participant.key.pem", "-md", "sha256", "-nosmimecap",
                "-outform", "DER", "-out", sig.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        return Base64.getEncoder().encodeToString(Files.readAllBytes(sig));
    }

    private HttpResponse<String> postExample(String example, Path credentials) throws Exception {
        return postMessage(Files.readAllBytes(EXAMPLES.resolve(example)), sign(example, credentials));
    }

    /** The file as an AMQP string body with hubSignature, as docs/examples/amqp-partner.js sends it. */
    private void sendAsPartner(String example, Path credentials) throws Exception {
        amqp.send(PBOC_TO_HUB, example(example), Map.of("hubSignature", sign(example, credentials)));
    }

    private static String example(String name) throws Exception {
        return Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    private TextMessage awaitFromHub(String type, String messageId) {
        return awaitFromHub(type, messageId, null);
    }

    /** Takes PBOC's from-hub messages until one of the type (with the hubMessageId, or about correlationId) has come. */
    private TextMessage awaitFromHub(String type, String messageId, String correlationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            TextMessage next = (TextMessage) amqp.receive(PBOC_FROM_HUB, 500);
            if (next != null) {
                fromHub.add(next);
            }
            for (TextMessage m : fromHub) {
                if (matches(m, type, messageId, correlationId)) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }

    private static boolean matches(TextMessage m, String type, String messageId, String correlationId) throws JMSException {
        if (!type.equals(m.getStringProperty("hubType"))) {
            return false;
        }
        if (messageId != null) {
            return messageId.equals(m.getStringProperty("hubMessageId"));
        }
        try {
            return correlationId.equals(JSON.readTree(m.getText()).path("correlationId").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Waits until the demo court's inbox (GET /demo-court/inbox, with the administrator token) holds the message; returns its entry. */
    private JsonNode awaitAtCourt(String messageId, String type) {
        JsonNode entry = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode e : JSON.readTree(inbox().body())) {
                if (messageId.equals(e.path("messageId").asText())) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
        assertThat(entry.get("type").asText()).isEqualTo(type);
        assertThat(entry.get("sender").asText()).isEqualTo("PBOC");
        awaitStatus(messageId, "DELIVERED");
        return entry;
    }

    private void awaitStatus(String messageId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/api/v1/messages/" + messageId).body())
                .path("status").asText(), status::equals);
    }

    private String caseState() throws Exception {
        return caseState(CASE);
    }

    private String caseState(String caseId) throws Exception {
        return JSON.readTree(get("/api/v1/cases/" + caseId + "/timeline").body()).at("/summary/state").asText();
    }

    /** The demo court's inbox, served to an operator only. */
    private HttpResponse<String> inbox() throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/demo-court/inbox"))
                .header("Authorization", adminAuth()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
