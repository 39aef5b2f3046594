package cn.courtmediation.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.soap.types.DeliverMessageRequest;
import cn.courtmediation.hub.soap.types.DeliverMessageResponse;
import cn.courtmediation.hub.support.SelfSigned;
import cn.courtmediation.hub.support.TestSigners;
import cn.courtmediation.hub.trust.Certificates;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.HubKeyStore;
import cn.courtmediation.hub.trust.SignatureSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.xml.transform.stream.StreamSource;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The court simulator over real HTTP: signed REST and SOAP deliveries, duplicates, forgeries, failing and slow courts, control API. */
class CourtSimulatorTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HubKeyStore.Credential ca;
    private static TestSigners.Signer hub;
    private static JAXBContext jaxb;

    private CourtSimulator sim;

    @BeforeAll
    static void hubPki() throws Exception {
        Cms.registerProvider();
        KeyPair caKeys = ecKeys();
        X500Name caName = new X500Name("CN=Test Hub CA,O=Court Mediation Integration Hub,C=CN");
        Instant now = Instant.now();
        var caCert = new JcaX509CertificateConverter().setProvider("BC").getCertificate(new JcaX509v3CertificateBuilder(
                caName, BigInteger.ONE, Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider("BC").build(caKeys.getPrivate())));
        ca = new HubKeyStore.Credential(caKeys.getPrivate(), caCert);
        KeyPair hubKeys = ecKeys();
        hub = new TestSigners.Signer(hubKeys.getPrivate(), Certificates.issue(ca, hubKeys.getPublic(),
                new X500Name("CN=HUB,OU=signing,O=Court Mediation Integration Hub,C=CN"), BigInteger.TWO, now, Duration.ofDays(1)),
                SignatureSuite.ECDSA_P256_SHA256);
        jaxb = JAXBContext.newInstance(DeliverMessageRequest.class, DeliverMessageResponse.class);
    }

    @BeforeEach
    void start() throws Exception {
        sim = CourtSimulator.start(0, ca.certificate());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void acceptsHubSignedRestAndSoapDeliveriesAtTheRegistryPaths() throws Exception {
        HttpResponse<String> court = rest("/courts/C1100/rest", UUID.randomUUID().toString(), hubSigned());
        HttpResponse<String> unit = rest("/units/G110105001", UUID.randomUUID().toString(), hubSigned());
        HttpResponse<String> soap = soap("/courts/C1200/soap", UUID.randomUUID().toString(), hubSigned());

        assertThat(court.statusCode()).isEqualTo(200);
        assertThat(court.body()).isEqualTo("{\"accepted\":true}");
        assertThat(unit.statusCode()).isEqualTo(200);
        assertThat(soap.statusCode()).isEqualTo(200);
        assertThat(soapResponse(soap).isAccepted()).isTrue();
        for (String code : List.of("C1100", "G110105001", "C1200")) {
            assertThat(sim.stats(code)).isEqualTo(new CourtStats(1, 0, 0, 0, 0));
        }
        assertThat(sim.totals().distinct()).isEqualTo(3);
    }

    @Test
    void countsARedeliveryOfTheSameMessageIdAsADuplicateOfThatCourtOnly() throws Exception {
        String id = UUID.randomUUID().toString();
        Delivery d = hubSigned();

        rest("/courts/C1/rest", id, d);
        rest("/courts/C1/rest", id, d);
        soap("/courts/C1/soap", id, d);
        rest("/courts/C2/rest", id, d);

        assertThat(sim.stats("C1")).isEqualTo(new CourtStats(3, 2, 0, 0, 0));
        assertThat(sim.stats("C1").distinct()).isEqualTo(1);
        assertThat(sim.stats("C2").duplicates()).isZero();
    }

    @Test
    void countsDeliveriesNotSignedUnderTheHubCaAsBadSignaturesAndStillAcceptsThem() throws Exception {
        byte[] payload = payload();
        String forged = SelfSigned.signer("HUB").sign(payload);
        List<HttpResponse<String>> answers = List.of(
                rest("/courts/C3/rest", UUID.randomUUID().toString(), new Delivery(payload, forged)),
                rest("/courts/C3/rest", UUID.randomUUID().toString(), new Delivery(payload, hub.sign(payload("other")))),
                rest("/courts/C3/rest", UUID.randomUUID().toString(), new Delivery(payload, null)),
                rest("/courts/C3/rest", UUID.randomUUID().toString(), new Delivery(payload, "bm90IGEgQ01TIHNpZ25hdHVyZQ==")),
                soap("/courts/C3/soap", UUID.randomUUID().toString(), new Delivery(payload, forged)));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(sim.stats("C3")).isEqualTo(new CourtStats(5, 0, 5, 0, 0));
    }

    @Test
    void refusesMalformedRequestsWithoutCountingThemAsReceived() throws Exception {
        HttpResponse<String> noId = send(HttpRequest.newBuilder(uri("/courts/C4/rest"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> notSoap = send(HttpRequest.newBuilder(uri("/courts/C4/soap"))
                .header("Content-Type", SoapCodec.CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofString("<not-soap/>")).build());

        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(notSoap.statusCode()).isEqualTo(500);
        assertThat(notSoap.body()).contains("<faultcode>soap:Client</faultcode>");
        assertThat(sim.stats("C4")).isEqualTo(new CourtStats(0, 0, 0, 0, 2));
    }

    @Test
    void answersAFailingCourtWith503OrASoapFaultAndCountsTheLaterRetryAsNoDuplicate() throws Exception {
        String id = UUID.randomUUID().toString();
        Delivery d = hubSigned();
        sim.configure("C9", Duration.ZERO, 1.0);

        HttpResponse<String> restFailure = rest("/courts/C9/rest", id, d);
        HttpResponse<String> soapFailure = soap("/courts/C9/soap", id, d);
        HttpResponse<String> otherCourt = rest("/courts/C10/rest", id, d);
        sim.configure("C9", Duration.ZERO, 0.0);
        HttpResponse<String> retry = rest("/courts/C9/rest", id, d);

        assertThat(restFailure.statusCode()).isEqualTo(503);
        assertThat(soapFailure.statusCode()).isEqualTo(500);
        assertThat(soapFailure.body()).contains("<faultcode>soap:Server</faultcode>");
        assertThat(otherCourt.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(sim.stats("C9")).isEqualTo(new CourtStats(3, 0, 0, 2, 0));
        assertThat(sim.stats("C9").distinct()).isEqualTo(1);
    }

    @Test
    void failsEveryDeliveryToACourtThatIsDownUntilItIsUpAgain() throws Exception {
        sim.down("C8", true);
        HttpResponse<String> whileDown = rest("/courts/C8/rest", UUID.randomUUID().toString(), hubSigned());
        sim.down("C8", false);
        HttpResponse<String> whenUp = rest("/courts/C8/rest", UUID.randomUUID().toString(), hubSigned());

        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(whenUp.statusCode()).isEqualTo(200);
        assertThat(sim.stats("C8").failures()).isEqualTo(1);
    }

    @Test
    void answersASlowCourtLateWithoutHoldingUpTheOtherCourts() throws Exception {
        long latencyMs = 1500;
        sim.configure("SLOW", Duration.ofMillis(latencyMs), 0.0);
        Delivery d = hubSigned();
        rest("/courts/FAST/rest", UUID.randomUUID().toString(), d); // warms up client, server and signature check
        List<CompletableFuture<Long>> slow = new ArrayList<>();
        // more deliveries in flight to the slow court than the simulator has worker threads (64)
        for (int i = 0; i < 100; i++) {
            long sent = System.nanoTime();
            slow.add(HTTP.sendAsync(restRequest("/courts/SLOW/rest", UUID.randomUUID().toString(), d), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> {
                        assertThat(r.statusCode()).isEqualTo(200);
                        return (System.nanoTime() - sent) / 1_000_000;
                    }));
        }

        HttpResponse<String> fast = rest("/courts/FAST/rest", UUID.randomUUID().toString(), d);

        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(slow).noneMatch(CompletableFuture::isDone);
        assertThat(slow.stream().map(CompletableFuture::join)).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(latencyMs));
        assertThat(sim.stats("SLOW").received()).isEqualTo(100);
    }

    @Test
    void controlEndpointsConfigureCourtsAndDefaultsReportStatsAndReset() throws Exception {
        JsonNode configured = json(post("/sim/config?court=C7&failureRate=1.0&latencyMs=5"));
        rest("/courts/C7/rest", UUID.randomUUID().toString(), hubSigned());
        json(post("/sim/config?down=true"));
        HttpResponse<String> byDefault = rest("/courts/C6/rest", UUID.randomUUID().toString(), hubSigned());
        json(post("/sim/config?down=false"));

        assertThat(configured.path("failureRate").asDouble()).isEqualTo(1.0);
        assertThat(configured.path("latencyMs").asLong()).isEqualTo(5);
        assertThat(byDefault.statusCode()).isEqualTo(503);
        JsonNode c7 = json(get("/sim/stats?court=C7"));
        assertThat(c7.path("received").asLong()).isEqualTo(1);
        assertThat(c7.path("failures").asLong()).isEqualTo(1);
        assertThat(c7.path("failureRate").asDouble()).isEqualTo(1.0);
        JsonNode all = json(get("/sim/stats"));
        assertThat(all.path("totals").path("received").asLong()).isEqualTo(2);
        assertThat(all.path("totals").path("failures").asLong()).isEqualTo(2);
        assertThat(all.path("courts").path("C6").path("failures").asLong()).isEqualTo(1);
        assertThat(all.path("defaults").path("down").asBoolean()).isFalse();
        assertThat(post("/sim/config?court=C7&failureRate=2").statusCode()).isEqualTo(400);

        json(post("/sim/reset"));

        JsonNode afterReset = json(get("/sim/stats?court=C7"));
        assertThat(afterReset.path("received").asLong()).isZero();
        assertThat(afterReset.path("failureRate").asDouble()).isEqualTo(1.0);
        assertThat(sim.totals()).isEqualTo(CourtStats.NONE);
    }

    /** A payload and the hub's base64 signature over it (null: no signature header). */
    private record Delivery(byte[] payload, String signature) {
    }

    private static Delivery hubSigned() {
        byte[] p = payload();
        return new Delivery(p, hub.sign(p));
    }

    private static byte[] payload() {
        return payload("{\"type\":\"CASE_PUSH\",\"caseId\":\"(2025)京0105民诉前调1号\"}");
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> rest(String path, String messageId, Delivery d) throws Exception {
        return send(restRequest(path, messageId, d));
    }

    private HttpRequest restRequest(String path, String messageId, Delivery d) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("X-Hub-Message-Id", messageId)
                .header("X-Hub-Type", "CASE_PUSH")
                .header("X-Hub-Sender", "C1100")
                .header("X-Hub-Case-Id", "case-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.payload()));
        if (d.signature() != null) {
            b.header("X-Hub-Signature", d.signature());
        }
        return b.build();
    }

    private HttpResponse<String> soap(String path, String messageId, Delivery d) throws Exception {
        DeliverMessageRequest r = new DeliverMessageRequest();
        r.setMessageId(messageId);
        r.setType("CASE_PUSH");
        r.setSender("ORG001");
        r.setRecipient(path.split("/")[2]);
        r.setCaseId("case-1");
        r.setPayload(d.payload());
        r.setPayloadSha256(Sha256.hex(d.payload()));
        r.setHubSignature(d.signature());
        Marshaller m = jaxb.createMarshaller();
        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        StringWriter body = new StringWriter();
        body.append("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>");
        m.marshal(r, body);
        body.append("</soap:Body></soap:Envelope>");
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", SoapCodec.CONTENT_TYPE)
                .header("SOAPAction", "\"urn:courtmediation:hub:court-result:v1:DeliverMessage\"")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static DeliverMessageResponse soapResponse(HttpResponse<String> r) throws Exception {
        String body = r.body();
        String element = body.substring(body.indexOf("<DeliverMessageResponse"), body.indexOf("</soap:Body>"));
        return jaxb.createUnmarshaller().unmarshal(new StreamSource(new StringReader(element)), DeliverMessageResponse.class).getValue();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(HttpRequest r) throws Exception {
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(sim.baseUrl() + path);
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
