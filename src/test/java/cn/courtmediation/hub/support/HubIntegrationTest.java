package cn.courtmediation.hub.support;

import cn.courtmediation.hub.partner.PartnerInbox;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.HubKeyStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the integration tests: the real hub on a random port with its embedded broker, and its real
 * peers around it: HTTP/SOAP courts, an AMQP 1.0 partner client, participants' signing keys.
 * The hub is shared: one per database for all test classes (SharedHub; PostgresHub for PostgreSQL), so each
 * class works with participants and cases of its own; a class that cannot share says why and is an OwnHub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedHub.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HubIntegrationTest {
    protected static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;
    @Value("${hub.broker.port}")
    protected int brokerPort;
    @Autowired
    protected Registry registry;
    @Autowired
    protected PartnerInbox partnerInbox;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected CertificateAuthority ca;
    @Autowired
    protected HubKeyStore hubKeys;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected TestCourtServer courts;
    protected AmqpPartner amqp;
    protected TestSigners signers;

    @BeforeAll
    void startPeers() throws Exception {
        courts = new TestCourtServer();
        amqp = new AmqpPartner(brokerPort);
        signers = new TestSigners(ca);
    }

    @AfterAll
    void stopPeers() throws Exception {
        amqp.close();
        courts.close();
    }

    /** The plain HTTP port: health probes, /pki, contracts and signed submissions only. */
    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    @Autowired
    private org.springframework.core.env.Environment environment;
    private java.net.http.HttpClient https;
    private final java.util.Map<String, java.net.http.HttpClient> participantClients = new java.util.concurrent.ConcurrentHashMap<>();

    /** The HTTPS port (client certificates of the hub CA, operator tokens). */
    protected String tlsBase() {
        return "https://127.0.0.1:" + environment.getRequiredProperty("local.hub.tls.port");
    }

    /** An HTTPS client that trusts the hub CA and presents no certificate (operators add a token). */
    protected java.net.http.HttpClient https() {
        if (https == null) {
            https = HubTls.client(hubKeys.caCertificate(), null, null);
        }
        return https;
    }

    /** An HTTPS client presenting the participant's certificate (its sandbox credentials, the ones it signs with). */
    protected java.net.http.HttpClient httpsAs(String participantCode) {
        return participantClients.computeIfAbsent(participantCode, code -> {
            TestSigners.Signer s = signers.of(code);
            return HubTls.client(hubKeys.caCertificate(), s.key(), s.certificate());
        });
    }

    /** "Bearer …" of an operator with the role on this hub (support/Operators). */
    protected String operator(cn.courtmediation.hub.access.Caller.Role role) {
        return Operators.bearer(https(), tlsBase(), role);
    }

    /** "Bearer …" of a viewer operator: reads everything, changes nothing. */
    protected String viewerAuth() {
        return operator(cn.courtmediation.hub.access.Caller.Role.VIEWER);
    }

    /** "Bearer …" of the admin operator. */
    protected String adminAuth() {
        return operator(cn.courtmediation.hub.access.Caller.Role.ADMIN);
    }

    /** An admin request on the HTTPS port: method, path, optional JSON body. */
    protected java.net.http.HttpResponse<String> admin(String method, String path, String json) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(tlsBase() + path))
                .header("Authorization", adminAuth());
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        return https().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** GET on the HTTPS port with the participant's certificate. */
    protected java.net.http.HttpResponse<String> getAs(String participantCode, String path) throws Exception {
        return get(httpsAs(participantCode), path, null);
    }

    /** GET on the HTTPS port as an operator of the role. */
    protected java.net.http.HttpResponse<String> getAsOperator(cn.courtmediation.hub.access.Caller.Role role, String path) throws Exception {
        return get(https(), path, operator(role));
    }

    /** GET on the HTTPS port with no certificate and no token. */
    protected java.net.http.HttpResponse<String> getWithoutCredentials(String path) throws Exception {
        return get(https(), path, null);
    }

    /** GET on the HTTPS port with a fresh certificate of the participant that the hub has revoked. */
    protected java.net.http.HttpResponse<String> getWithRevokedCertificate(String participantCode, String path) throws Exception {
        cn.courtmediation.hub.trust.CertificateAuthority.Credentials c = ca.sandbox(participantCode,
                cn.courtmediation.hub.trust.SignatureSuite.ECDSA_P256_SHA256);
        org.assertj.core.api.Assertions.assertThat(admin("POST", "/admin/pki/certificates/"
                + cn.courtmediation.hub.trust.CertificateStore.serialOf(c.certificate()) + "/revoke", "{\"reason\":\"test\"}").statusCode())
                .isEqualTo(200);
        return get(HubTls.client(hubKeys.caCertificate(), c.keyPair().getPrivate(), c.certificate()), path, null);
    }

    /** A SOAP call on the HTTPS port with the participant's certificate. */
    protected java.net.http.HttpResponse<String> postSoapAs(String participantCode, String envelope) throws Exception {
        return httpsAs(participantCode).send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tlsBase() + "/services/CaseExchange"))
                        .header("Content-Type", "text/xml; charset=utf-8").POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private java.net.http.HttpResponse<String> get(java.net.http.HttpClient client, String path, String authorization) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(tlsBase() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Posts a message to the REST intake as application/json with the given X-Hub-Signature (none when null). */
    protected java.net.http.HttpResponse<String> postMessage(byte[] body, String signature) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/api/v1/messages"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Hub-Signature", signature);
        }
        return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A SubmitMessage SOAP request as a client writes it by hand: the payload as given (base64), the signature header if any. */
    public static String soapSubmitEnvelope(String payloadBase64, String signature) {
        String header = signature == null ? "" : "<soapenv:Header><hub:HubSignature>" + signature + "</hub:HubSignature></soapenv:Header>";
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"urn:courtmediation:hub:soap:v1\">"
                + header + "<soapenv:Body><hub:SubmitMessageRequest><hub:payload>" + payloadBase64 + "</hub:payload></hub:SubmitMessageRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    /** Posts a SOAP envelope to the hub's CaseExchange service. */
    protected java.net.http.HttpResponse<String> postSoap(String envelope) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/services/CaseExchange"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The hub's three ways in for a participant's message (its ingress channels). */
    public enum Ingress { REST, SOAP, QUEUE }

    /**
     * Submits the signed message as its sender on the channel and answers what came back: the receipt
     * ({"status":"ACCEPTED"} for SOAP and queues) or the refusal (code, and currentState where the channel says it;
     * for a queue the REJECTION from the partner's from-hub address, among its deliveries and evidences).
     */
    protected com.fasterxml.jackson.databind.JsonNode submitOn(Ingress ch, com.fasterxml.jackson.databind.node.ObjectNode m, String signature)
            throws Exception {
        String sender = m.get("sender").asText();
        byte[] body = TestMessages.bytes(m);
        switch (ch) {
            case REST -> {
                return JSON.readTree(postMessage(body, signature).body());
            }
            case SOAP -> {
                String r = postSoap(soapSubmitEnvelope(java.util.Base64.getEncoder().encodeToString(body), signature)).body();
                com.fasterxml.jackson.databind.node.ObjectNode answer = JSON.createObjectNode();
                if (r.contains("SubmitMessageResponse")) {
                    return answer.put("status", "ACCEPTED");
                }
                answer.put("code", r.replaceAll("(?s).*<code>([A-Z_]+)</code>.*", "$1"));
                if (r.contains("currentState>")) {
                    answer.put("currentState", r.replaceAll("(?s).*<(?:\\w+:)?currentState>([A-Z_]+)</.*", "$1"));
                }
                return answer;
            }
            default -> {
                String id = m.get("messageId").asText();
                amqp.send("partner." + sender + ".to-hub", new String(body, java.nio.charset.StandardCharsets.UTF_8),
                        java.util.Map.of("hubSignature", signature));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> rowsOf("messages", id) + rowsOf("quarantine", id) > 0);
                if (rowsOf("messages", id) > 0) {
                    return JSON.createObjectNode().put("status", "ACCEPTED");
                }
                for (int i = 0; i < 50; i++) {
                    jakarta.jms.Message answer = amqp.receive("partner." + sender + ".from-hub", 5_000);
                    org.assertj.core.api.Assertions.assertThat(answer).as("rejection of " + id).isNotNull();
                    if ("REJECTION".equals(answer.getStringProperty("hubType")) && id.equals(answer.getStringProperty("hubMessageId"))) {
                        return JSON.readTree(((jakarta.jms.TextMessage) answer).getText());
                    }
                }
                throw new AssertionError("no rejection for " + id);
            }
        }
    }

    /** Rows of a table (messages, quarantine, evidences...) under a messageId. */
    protected int rowsOf(String table, String messageId) {
        return jdbc.queryForObject("select count(*) from " + table + " where message_id = ?", Integer.class, messageId);
    }

    /** A new queue partner in the registry, listened to at once: its from-hub address holds only this test's messages. */
    protected String newPartner(String prefix) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        registry.upsert(new Participant(code, Kind.PARTNER, "测试合作机构", "100000", null, Channel.QUEUE, null, Status.ACTIVE));
        partnerInbox.refresh();
        return code;
    }

    /** A new court in the registry whose trial system is the test court server, on the given channel. */
    protected String newCourt(String prefix, Channel channel) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        registry.upsert(new Participant(code, Kind.COURT, "测试人民法院", "110105", null, channel,
                channel == Channel.SOAP ? courts.soapUrl(code) : courts.restUrl(code), Status.ACTIVE));
        return code;
    }
}
