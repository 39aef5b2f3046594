package cn.courtmediation.hub.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.MediationHubApplication;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.PostgresSchema;
import cn.courtmediation.hub.support.TcpProxy;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import cn.courtmediation.hub.trust.CertificateAuthority;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database goes away under a running hub (PostgreSQL behind a proxy the test cuts): REST and SOAP intake answer
 * 503 SERVICE_UNAVAILABLE with Retry-After within the configured connection timeout instead of hanging 30 s for a
 * 500, readiness is DOWN, nothing is stored; once the database is back, readiness is UP and the same bytes are accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutagePostgresIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newHttpClient();
    private TcpProxy database;
    private ConfigurableApplicationContext hub;
    private String base;
    private String tlsBase;
    private java.net.http.HttpClient https;
    private TestSigners signers;

    @BeforeAll
    void startHubBehindProxy() {
        database = new TcpProxy(PostgresSchema.host());
        Map<String, Object> props = new HashMap<>();
        PostgresSchema.register((name, value) -> props.put(name, value.get()), "127.0.0.1:" + database.port());
        HubTestEnvironment.register((name, value) -> props.put(name, value.get()));
        props.put("server.port", 0);
        props.put("spring.datasource.hikari.connection-timeout", CONNECT_TIMEOUT.toMillis());
        props.put("hub.unavailable.retry-after", 7);
        // as command-line arguments: they take precedence over the postgres profile's own datasource settings
        String[] args = HubTestEnvironment.arguments(props);
        hub = new SpringApplicationBuilder(MediationHubApplication.class).profiles("postgres").run(args);
        base = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
        tlsBase = "https://127.0.0.1:" + hub.getEnvironment().getProperty("local.hub.tls.port");
        https = cn.courtmediation.hub.support.HubTls.client(hub.getBean(cn.courtmediation.hub.trust.HubKeyStore.class).caCertificate(), null, null);
        signers = new TestSigners(hub.getBean(CertificateAuthority.class));
    }

    @AfterAll
    void stop() {
        database.restore();
        hub.close();
        database.close();
    }

    @Test
    void intakeAnswers503WithRetryAfterWithinTheConnectTimeoutWhileTheDatabaseIsDownAndAcceptsTheSameBytesAfterwards() throws Exception {
        ObjectNode rest = TestMessages.fresh("case-dispatch.json", "C110105", "PBOC", m -> m.with("body").put("courtCode", "C110105"));
        byte[] restBody = TestMessages.bytes(rest);
        String restSignature = signers.sign("C110105", restBody);
        ObjectNode soap = TestMessages.fresh("case-dispatch.json", "C310115", "PBOC", m -> m.with("body").put("courtCode", "C310115"));
        byte[] soapBody = TestMessages.bytes(soap);
        String soapEnvelope = HubIntegrationTest.soapSubmitEnvelope(Base64.getEncoder().encodeToString(soapBody), signers.sign("C310115", soapBody));
        assertThat(readiness()).isEqualTo(200);
        viewer(); // its token, got while the database is up; with it down the token cannot be checked: 503

        database.cut();

        long began = System.nanoTime();
        HttpResponse<String> refused = postMessage(restBody, restSignature);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        // a guard against the old 30 s wait (Hikari's default), not a performance figure: 2 s configured
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        System.out.printf("Database down: REST intake answered 503 in %d ms (connection-timeout %d ms)%n", took.toMillis(), CONNECT_TIMEOUT.toMillis());

        began = System.nanoTime();
        HttpResponse<String> soapRefused = postSoap(soapEnvelope);
        took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(soapRefused.statusCode()).isEqualTo(503);
        assertThat(soapRefused.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(soapRefused.body()).contains("soap:Server").contains("<code>SERVICE_UNAVAILABLE</code>");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        System.out.printf("Database down: SOAP intake answered 503 in %d ms%n", took.toMillis());

        // reads answer the same way, on the Camel routes and on the Spring MVC endpoints
        HttpResponse<String> status = get("/api/v1/messages/" + rest.get("messageId").asText());
        assertThat(status.statusCode()).isEqualTo(503);
        assertThat(status.headers().firstValue("Retry-After")).hasValue("7");
        HttpResponse<String> statistics = get("/api/v1/statistics");
        assertThat(statistics.statusCode()).isEqualTo(503);
        assertThat(statistics.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(statistics.body()).get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");

        await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 503);

        database.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        for (ObjectNode m : new ObjectNode[] {rest, soap}) {
            String id = m.get("messageId").asText();
            assertThat(jdbc.queryForObject("select count(*) from messages where message_id = ?", Integer.class, id)).isZero();
            // an unreachable database is not a refusal of the input: nothing quarantined
            assertThat(jdbc.queryForObject("select count(*) from quarantine where message_id = ?", Integer.class, id)).isZero();
        }

        HttpResponse<String> accepted = postMessage(restBody, restSignature);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).get("duplicate").asBoolean()).isFalse();
        HttpResponse<String> soapAccepted = postSoap(soapEnvelope);
        assertThat(soapAccepted.statusCode()).isEqualTo(200);
        assertThat(soapAccepted.body()).contains(soap.get("messageId").asText());
    }

    private int readiness() throws Exception {
        return get("/actuator/health/readiness").statusCode();
    }

    /** A read on the HTTPS port as a viewer operator. */
    private HttpResponse<String> get(String path) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(tlsBase + path)).header("Authorization", viewer()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postMessage(byte[] body, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/messages"))
                .header("Content-Type", "application/json").header("X-Hub-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postSoap(String envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/services/CaseExchange"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "Bearer …" of a viewer operator of this hub (support/Operators; got while the database is up). */
    private String viewer() {
        return cn.courtmediation.hub.support.Operators.bearer(https, tlsBase, cn.courtmediation.hub.access.Caller.Role.VIEWER);
    }
}
