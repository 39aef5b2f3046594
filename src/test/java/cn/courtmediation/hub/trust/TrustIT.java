package cn.courtmediation.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.OpenSsl;
import cn.courtmediation.hub.support.SelfSigned;
import cn.courtmediation.hub.support.TestCourtServer;
import cn.courtmediation.hub.support.TestCases;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trust end to end: every signature refusal code on every channel (REST, SOAP, AMQP), SM2 and RSA
 * senders, openssl verifying what the hub signs, the docs' openssl commands, CSR issuance, revocation
 * without restart, the CRL, key rotation, the evidence trail, and signed documents.
 */
class TrustIT extends HubIntegrationTest {

    /** The three inbound channels. */
    enum Ch { REST, SOAP, QUEUE }

    String partner;
    String court;

    @BeforeEach
    void participants() {
        partner = newPartner("PX");
        court = newCourt("CX", Channel.REST);
    }

    // ---------- helpers ----------

    /** A message for the channel: courts submit over REST/SOAP to the partner; the partner submits over its queue to the court. */
    ObjectNode messageFor(Ch ch) {
        if (ch != Ch.QUEUE) {
            return TestMessages.fresh("case-dispatch.json", court, partner);
        }
        ObjectNode result = TestMessages.fresh("mediation-result.json", partner, court, TestCases::failedAskingForFiling);
        TestCases.inMediation(jdbc, result, court, partner);
        return result;
    }

    String senderOf(Ch ch) {
        return ch == Ch.QUEUE ? partner : court;
    }

    /** Submits on the channel; answers ACCEPTED or the refusal code the channel reported. */
    String submit(Ch ch, byte[] body, String signature) throws Exception {
        switch (ch) {
            case REST -> {
                HttpResponse<String> r = postMessage(body, signature);
                return r.statusCode() == 202 ? "ACCEPTED" : JSON.readTree(r.body()).get("code").asText();
            }
            case SOAP -> {
                String r = postSoap(soapSubmitEnvelope(Base64.getEncoder().encodeToString(body), signature)).body();
                if (r.contains("SubmitMessageResponse")) {
                    return "ACCEPTED";
                }
                assertThat(r).contains("<faultcode>soap:Client</faultcode>");
                return r.replaceAll("(?s).*<code>([A-Z_]+)</code>.*", "$1");
            }
            default -> {
                amqp.send("partner." + partner + ".to-hub", new String(body, StandardCharsets.UTF_8),
                        signature == null ? Map.of() : Map.of("hubSignature", signature));
                // a refusal is answered on from-hub at once; an accepted message is followed by its DELIVERED evidence
                TextMessage answer = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 10_000);
                if (answer == null || !"REJECTION".equals(answer.getStringProperty("hubType"))) {
                    return "ACCEPTED";
                }
                return JSON.readTree(answer.getText()).get("code").asText();
            }
        }
    }

    /** The refusal happened, nothing was accepted, the input is quarantined and a signed rejection evidence exists. */
    void assertRefused(Ch ch, ObjectNode m, String signature, String code) throws Exception {
        // messages participants sent: on the shared hub the hub's own messages (deadline events of other classes' cases)
        // come and go, while every participant message now is this test's
        long before = jdbc.queryForObject("select count(*) from messages where type <> 'EVIDENCE' and sender <> 'HUB'", Long.class);
        assertThat(submit(ch, TestMessages.bytes(m), signature)).isEqualTo(code);
        String id = m.get("messageId").asText();
        assertThat(jdbc.queryForObject("select count(*) from messages where type <> 'EVIDENCE' and sender <> 'HUB'", Long.class))
                .isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from quarantine where message_id = ? and code = ?", Integer.class, id, code))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from evidences e join quarantine q on e.message_id = q.quarantine_id"
                + " where q.message_id = ? and e.kind = 'SUBMISSION_REJECTED'", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from evidences where message_id = ?", Integer.class, id)).isZero();
    }

    HttpResponse<byte[]> admin(String path) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", adminAuth())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static void write(Path dir, String name, byte[] content) throws Exception {
        Files.write(dir.resolve(name), content);
    }

    // ---------- refusal codes on every channel ----------

    @ParameterizedTest
    @EnumSource(Ch.class)
    void unsignedMessageIsRefused(Ch ch) throws Exception {
        assertRefused(ch, messageFor(ch), null, "SIGNATURE_MISSING");
    }

    @ParameterizedTest
    @EnumSource(Ch.class)
    void tamperedMessageIsRefused(Ch ch) throws Exception {
        ObjectNode m = messageFor(ch);
        String signature = signers.sign(senderOf(ch), TestMessages.bytes(m));
        m.with("body").put("summary", "被篡改");
        assertRefused(ch, m, signature, "SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(Ch.class)
    void garbageSignatureIsRefused(Ch ch) throws Exception {
        assertRefused(ch, messageFor(ch), Base64.getEncoder().encodeToString("not a CMS structure".getBytes()), "SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(Ch.class)
    void certificateFromAnotherCaIsRefused(Ch ch) throws Exception {
        ObjectNode m = messageFor(ch);
        assertRefused(ch, m, SelfSigned.signer(senderOf(ch)).sign(TestMessages.bytes(m)), "CERT_UNKNOWN");
    }

    @ParameterizedTest
    @EnumSource(Ch.class)
    void expiredCertificateIsRefused(Ch ch) throws Exception {
        TestSigners.Signer fresh = new TestSigners(ca).of(senderOf(ch));
        X509Certificate expired = ca.issue(senderOf(ch), fresh.certificate().getPublicKey(),
                Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(30));
        ObjectNode m = messageFor(ch);
        String signature = new TestSigners.Signer(fresh.key(), expired, fresh.suite()).sign(TestMessages.bytes(m));
        assertRefused(ch, m, signature, "CERT_EXPIRED");
    }

    @ParameterizedTest
    @EnumSource(Ch.class)
    void revokedCertificateIsRefusedWithoutRestart(Ch ch) throws Exception {
        TestSigners.Signer signer = new TestSigners(ca).of(senderOf(ch));
        ObjectNode before = messageFor(ch);
        assertThat(submit(ch, TestMessages.bytes(before), signer.sign(TestMessages.bytes(before)))).isEqualTo("ACCEPTED");
        if (ch == Ch.QUEUE) {
            await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court).size() == 1);
        }

        String serial = CertificateStore.serialOf(signer.certificate());
        assertThat(admin("/admin/pki/certificates/" + serial + "/revoke?reason=keyCompromise").statusCode()).isEqualTo(200);

        ObjectNode after = messageFor(ch);
        assertRefused(ch, after, signer.sign(TestMessages.bytes(after)), "CERT_REVOKED");
    }

    @ParameterizedTest
    @EnumSource(Ch.class)
    void anotherParticipantsKeyIsRefused(Ch ch) throws Exception {
        ObjectNode m = messageFor(ch);
        assertRefused(ch, m, signers.sign("ACFTU", TestMessages.bytes(m)), "SENDER_MISMATCH");
    }

    /** A signer whose certificate has been valid for ten days, so that a signature of three hours ago is within it. */
    TestSigners.Signer establishedSigner(String participant) {
        TestSigners.Signer fresh = new TestSigners(ca).of(participant);
        X509Certificate cert = ca.issue(participant, fresh.certificate().getPublicKey(), Instant.now().minus(Duration.ofDays(10)),
                Duration.ofDays(365));
        return new TestSigners.Signer(fresh.key(), cert, fresh.suite());
    }

    @ParameterizedTest
    @EnumSource(Ch.class)
    void staleSignatureIsRefused(Ch ch) throws Exception {
        ObjectNode m = messageFor(ch);
        String old = establishedSigner(senderOf(ch)).signAt(TestMessages.bytes(m), Instant.now().minus(Duration.ofHours(3)));
        assertRefused(ch, m, old, "STALE_MESSAGE");
    }

    @Test
    void resendOfAnAcceptedMessageReturnsItsReceiptEvenWhenItsSignatureIsOld() throws Exception {
        ObjectNode m = messageFor(Ch.REST);
        byte[] body = TestMessages.bytes(m);
        assertThat(submit(Ch.REST, body, signers.sign(court, body))).isEqualTo("ACCEPTED");
        String old = establishedSigner(court).signAt(body, Instant.now().minus(Duration.ofHours(3)));
        HttpResponse<String> again = postMessage(body, old);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
    }

    // ---------- suites ----------

    @ParameterizedTest
    @EnumSource(value = SignatureSuite.class)
    void everySuiteRoundTripsToDelivery(SignatureSuite suite) throws Exception {
        ObjectNode m = messageFor(Ch.REST);
        byte[] body = TestMessages.bytes(m);
        assertThat(submit(Ch.REST, body, signers.of(court, suite).sign(body))).isEqualTo("ACCEPTED");
        TextMessage delivered = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 15_000);
        assertThat(delivered.getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        // the sender's original signature travels with the message and still verifies for the recipient
        Cms.Verified sender = Cms.verify(body, Base64.getDecoder().decode(delivered.getStringProperty("hubSenderSignature")));
        assertThat(sender.signer().getSubjectX500Principal().getName()).contains("CN=" + court);
        assertThat(jdbc.queryForObject("select suite from certificates where serial = ?", String.class,
                CertificateStore.serialOf(sender.signer()))).isEqualTo(suite.name());
    }

    // ---------- openssl: what participants will run ----------

    /** The court's sandbox credentials, fetched as docs/interfaces.md does, unpacked into dir. */
    void sandbox(Path dir) throws Exception {
        HttpResponse<byte[]> zip = admin("/admin/pki/participants/" + court + "/sandbox");
        assertThat(zip.statusCode()).isEqualTo(200);
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                write(dir, e.getName(), z.readAllBytes());
            }
        }
    }

    @Test
    void docsOpensslCommandsSignASubmissionAndVerifyTheHubsReceiptAndDelivery(@TempDir Path dir) throws Exception {
        sandbox(dir);
        byte[] body = TestMessages.bytes(messageFor(Ch.REST));
        write(dir, "message.json", body);
        OpenSsl.Result sign = OpenSsl.run(dir, "cms", "-sign", "-binary", "-in", "message.json", "-signer", "participant.cert.pem",
                "-inkey", "participant.key.pem", "-md", "sha256", "-nosmimecap", "-outform", "DER", "-out", "message.sig");
        assertThat(sign.exitCode()).as(sign.output()).isZero();

        HttpResponse<String> r = postMessage(body, Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("message.sig"))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        write(dir, "receipt.json", r.body().getBytes(StandardCharsets.UTF_8));
        write(dir, "receipt.sig", Base64.getDecoder().decode(r.headers().firstValue("X-Hub-Signature").orElseThrow()));
        OpenSsl.Result receipt = OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "receipt.sig",
                "-content", "receipt.json", "-CAfile", "hub-ca.pem", "-out", "/dev/null");
        assertThat(receipt.exitCode()).as(receipt.output()).isZero();
        assertThat(receipt.output()).contains("Verification successful");

        TextMessage delivered = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 15_000);
        write(dir, "delivered.json", delivered.getText().getBytes(StandardCharsets.UTF_8));
        write(dir, "delivered.sig", Base64.getDecoder().decode(delivered.getStringProperty("hubSignature")));
        OpenSsl.Result delivery = OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "delivered.sig",
                "-content", "delivered.json", "-CAfile", "hub-ca.pem", "-out", "/dev/null");
        assertThat(delivery.exitCode()).as(delivery.output()).isZero();

        // a tampered copy does not verify
        write(dir, "tampered.json", (delivered.getText() + " ").getBytes(StandardCharsets.UTF_8));
        assertThat(OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "delivered.sig",
                "-content", "tampered.json", "-CAfile", "hub-ca.pem", "-out", "/dev/null").exitCode()).isNotZero();
    }

    /** docs/interfaces.md §3.4 step 2, as openssl users meet it: another digest than SHA-256 (openssl cannot sign
     * EC with MD5; CmsTest covers md5WithRSA), or an attached signature. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "sha1, -binary, digest algorithm 1.3.14.3.2.26 is not accepted",
            "sha512, -binary, digest algorithm 2.16.840.1.101.3.4.2.3 is not accepted",
            "sha256, -nodetach, the signature encapsulates content"})
    void opensslSignaturesOutsideTheSuiteAreRefusedNamingWhy(String digest, String mode, String detail, @TempDir Path dir)
            throws Exception {
        sandbox(dir);
        ObjectNode m = messageFor(Ch.REST);
        byte[] body = TestMessages.bytes(m);
        write(dir, "message.json", body);
        List<String> args = new ArrayList<>(List.of("cms", "-sign", "-binary", "-in", "message.json", "-signer",
                "participant.cert.pem", "-inkey", "participant.key.pem", "-md", digest, "-nosmimecap", "-outform", "DER",
                "-out", "message.sig"));
        if (mode.equals("-nodetach")) {
            args.add("-nodetach");
        }
        OpenSsl.Result sign = OpenSsl.run(dir, args.toArray(String[]::new));
        assertThat(sign.exitCode()).as(sign.output()).isZero();
        String signature = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("message.sig")));

        HttpResponse<String> r = postMessage(body, signature);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("code").asText()).isEqualTo("SIGNATURE_INVALID");
        assertThat(problem.get("detail").asText()).contains(detail);
        assertThat(jdbc.queryForObject("select count(*) from messages where message_id = ?", Integer.class,
                m.get("messageId").asText())).isZero();
    }

    @Test
    void csrMadeWithOpensslGetsACertificateNamingTheParticipant(@TempDir Path dir) throws Exception {
        OpenSsl.Result req = OpenSsl.run(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-subj", "/CN=anything", "-out", "csr.pem");
        assertThat(req.exitCode()).as(req.output()).isZero();
        HttpResponse<String> issued = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/pki/participants/" + court + "/certificates"))
                .header("Authorization", adminAuth()).header("Content-Type", "application/pkcs10")
                .POST(HttpRequest.BodyPublishers.ofFile(dir.resolve("csr.pem"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        write(dir, "cert.pem", issued.body().getBytes(StandardCharsets.UTF_8));
        write(dir, "hub-ca.pem", http.send(HttpRequest.newBuilder(URI.create(base() + "/pki/hub-ca.pem")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        OpenSsl.Result verify = OpenSsl.run(dir, "verify", "-CAfile", "hub-ca.pem", "cert.pem");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issued.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(Certificates.commonName(cert)).isEqualTo(court);
    }

    @Test
    void administrationNeedsTheToken() throws Exception {
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/pki/participants/" + court + "/sandbox"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(jdbc.queryForObject("select count(*) from certificates where participant_code = ?", Integer.class, court)).isZero();
    }

    @Test
    void crlListsRevokedCertificatesSignedByTheCa() throws Exception {
        TestSigners.Signer signer = new TestSigners(ca).of(court);
        String serial = CertificateStore.serialOf(signer.certificate());
        admin("/admin/pki/certificates/" + serial + "/revoke");
        byte[] der = http.send(HttpRequest.newBuilder(URI.create(base() + "/pki/crl")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(hubKeys.caCertificate().getPublicKey());
        assertThat(crl.isRevoked(signer.certificate())).isTrue();
    }

    @Test
    void certificatesExpiringWithinSixtyDaysAreReported() throws Exception {
        X509Certificate soon = ca.issue(court, new TestSigners(ca).of(court).certificate().getPublicKey(),
                Instant.now(), Duration.ofDays(30));
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/pki/certificates?expiring=true"))
                .header("Authorization", adminAuth()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains(CertificateStore.serialOf(soon));
    }

    @Test
    void rotatedSigningKeySignsFromNowOnAndEarlierSignaturesStillVerify(@TempDir Path dir) throws Exception {
        byte[] first = TestMessages.bytes(messageFor(Ch.REST));
        HttpResponse<String> before = postMessage(first, signers.sign(court, first));
        String oldSerial = CertificateStore.serialOf(Cms.verify(before.body().getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(before.headers().firstValue("X-Hub-Signature").orElseThrow())).signer());

        assertThat(admin("/admin/pki/hub-signing/rotate").statusCode()).isEqualTo(200);

        byte[] second = TestMessages.bytes(messageFor(Ch.REST));
        HttpResponse<String> after = postMessage(second, signers.sign(court, second));
        String newSerial = CertificateStore.serialOf(Cms.verify(after.body().getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(after.headers().firstValue("X-Hub-Signature").orElseThrow())).signer());
        assertThat(newSerial).isNotEqualTo(oldSerial);

        write(dir, "hub-ca.pem", http.send(HttpRequest.newBuilder(URI.create(base() + "/pki/hub-ca.pem")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        write(dir, "old.json", before.body().getBytes(StandardCharsets.UTF_8));
        write(dir, "old.sig", Base64.getDecoder().decode(before.headers().firstValue("X-Hub-Signature").orElseThrow()));
        assertThat(OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "old.sig", "-content", "old.json",
                "-CAfile", "hub-ca.pem", "-out", "/dev/null").exitCode()).isZero();
        String signingPems = http.send(HttpRequest.newBuilder(URI.create(base() + "/pki/hub-signing.pem")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(signingPems.split("BEGIN CERTIFICATE", -1).length - 1).isGreaterThanOrEqualTo(2);
    }

    // ---------- evidence trail ----------

    List<String> evidenceKinds(String messageId) throws Exception {
        JsonNode e = JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/" + messageId + "/evidence")).header("Authorization", viewerAuth())
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        List<String> kinds = new ArrayList<>();
        for (JsonNode ev : e.get("evidences")) {
            byte[] document = Base64.getDecoder().decode(ev.get("document").asText());
            Cms.Verified v = Cms.verify(document, Base64.getDecoder().decode(ev.get("signature").asText()));
            v.signer().verify(hubKeys.caCertificate().getPublicKey());
            assertThat(JSON.readTree(document).get("messageId").asText()).isEqualTo(messageId);
            kinds.add(ev.get("kind").asText());
        }
        return kinds;
    }

    @Test
    void deliveredMessageHasAcceptedRelayedDeliveredEvidencesAndThePartnerGetsTheLast() throws Exception {
        ObjectNode m = messageFor(Ch.QUEUE);
        byte[] body = TestMessages.bytes(m);
        amqp.send("partner." + partner + ".to-hub", new String(body, StandardCharsets.UTF_8), Map.of("hubSignature", signers.sign(partner, body)));
        String id = m.get("messageId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> evidenceKinds(id).size() == 3);
        assertThat(evidenceKinds(id)).containsExactly("SUBMISSION_ACCEPTED", "RELAYED", "DELIVERED");

        TextMessage pushed = (TextMessage) amqp.receive("partner." + partner + ".from-hub", 15_000);
        assertThat(pushed.getStringProperty("hubType")).isEqualTo("EVIDENCE");
        assertThat(pushed.getStringProperty("hubSender")).isEqualTo("HUB");
        byte[] pushedBytes = pushed.getText().getBytes(StandardCharsets.UTF_8);
        Cms.verify(pushedBytes, Base64.getDecoder().decode(pushed.getStringProperty("hubSignature")))
                .signer().verify(hubKeys.caCertificate().getPublicKey());
        JsonNode evidence = JSON.readTree(pushedBytes);
        assertThat(evidence.get("correlationId").asText()).isEqualTo(id);
        assertThat(evidence.at("/body/kind").asText()).isEqualTo("DELIVERED");
        byte[] document = Base64.getDecoder().decode(evidence.at("/body/document").asText());
        Cms.verify(document, Base64.getDecoder().decode(evidence.at("/body/signature").asText()));
        assertThat(JSON.readTree(document).get("recipient").asText()).isEqualTo(court);
    }

    @Test
    void restCourtThatSentAMessageGetsItsDeliveredEvidenceAtItsEndpoint() throws Exception {
        ObjectNode m = messageFor(Ch.REST);
        byte[] body = TestMessages.bytes(m);
        assertThat(submit(Ch.REST, body, signers.sign(court, body))).isEqualTo("ACCEPTED");
        await().atMost(Duration.ofSeconds(15)).until(() -> !courts.receivedBy(court).isEmpty());
        TestCourtServer.Received r = courts.receivedBy(court).get(0);
        assertThat(r.headers()).containsEntry("x-hub-type", "EVIDENCE").containsEntry("x-hub-sender", "HUB");
        assertThat(JSON.readTree(r.payload()).at("/body/messageId").asText()).isEqualTo(m.get("messageId").asText());
        assertThat(JSON.readTree(r.payload()).at("/body/kind").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void failedDeliveryHasAcceptedRelayedFailedEvidences() throws Exception {
        courts.failing(court, true);
        ObjectNode m = messageFor(Ch.QUEUE);
        byte[] body = TestMessages.bytes(m);
        amqp.send("partner." + partner + ".to-hub", new String(body, StandardCharsets.UTF_8), Map.of("hubSignature", signers.sign(partner, body)));
        String id = m.get("messageId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> evidenceKinds(id).size() == 3);
        assertThat(evidenceKinds(id)).containsExactly("SUBMISSION_ACCEPTED", "RELAYED", "DELIVERY_FAILED");
    }

    // ---------- signed documents ----------

    @Test
    void partiesSignaturesOnTheAgreementAreValidatedAndTheReportTravelsWithTheMessage() throws Exception {
        byte[] agreement = "调解协议全文……".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(agreement));
        TestSigners.Signer party = SelfSigned.signer("张三");
        ObjectNode m = messageFor(Ch.QUEUE);
        ObjectNode doc = m.with("body").with("agreement");
        doc.put("sha256", sha);
        doc.put("size", agreement.length);
        doc.putArray("signatures")
                .add(JSON.createObjectNode().put("signer", "张三").put("cms", party.sign(agreement)))
                .add(JSON.createObjectNode().put("signer", "李四").put("cms", party.sign("another document".getBytes())));
        byte[] body = TestMessages.bytes(m);
        assertThat(submit(Ch.QUEUE, body, signers.sign(partner, body))).isEqualTo("ACCEPTED");

        await().atMost(Duration.ofSeconds(15)).until(() -> courts.receivedBy(court).size() == 1);
        JsonNode report = JSON.readTree(Base64.getDecoder().decode(courts.receivedBy(court).get(0).headers().get("x-hub-document-report")));
        assertThat(report.get("allValid").asBoolean()).isFalse();
        JsonNode checks = report.get("documents").get(0).get("signatures");
        assertThat(checks.get(0).get("status").asText()).isEqualTo("VALID");
        assertThat(checks.get(0).get("certificateSubject").asText()).contains("张三");
        assertThat(checks.get(0).get("issuedByHubCa").asBoolean()).isFalse();
        assertThat(checks.get(1).get("status").asText()).isEqualTo("INVALID");
    }
}
