package cn.courtmediation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTls;
import cn.courtmediation.hub.support.SelfSigned;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.support.TestSigners;
import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.SignatureSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS port with participants' client certificates (issue 13 item 1), with real TLS clients: a court reads over
 * HTTPS with its sandbox certificate, the plain port keeps only what needs no credentials, and a certificate that is
 * not the hub's, expired, revoked or of a suspended participant gets nothing.
 */
class ParticipantTlsIT extends HubIntegrationTest {

    private String acceptedMessageOf(String court) throws Exception {
        ObjectNode m = TestMessages.fresh("case-dispatch.json", court, newPartner("TLSP"));
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(court, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return m.get("messageId").asText();
    }

    @Test
    void aCourtReadsItsMessageOverHttpsWithItsCertificate() throws Exception {
        String court = newCourt("TLS", Channel.REST);
        String id = acceptedMessageOf(court);
        HttpResponse<String> r = getAs(court, "/api/v1/messages/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("sender").asText()).isEqualTo(court);
        assertThat(r.sslSession()).isPresent();
    }

    @Test
    void thePlainPortRefusesReadsAdministrationAndMetricsButServesHealthPkiContractsAndSubmissions() throws Exception {
        for (String path : new String[] {"/api/v1/messages/x", "/api/v1/cases/x/timeline", "/api/v1/statistics", "/admin/registry/participants",
                "/actuator/health", "/actuator/metrics", "/actuator/info", "/demo-court/inbox"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("UNAUTHORIZED");
        }
        for (String path : new String[] {"/actuator/health/readiness", "/actuator/health/liveness", "/pki/hub-ca.pem", "/pki/crl",
                "/api-doc", "/schemas/message.schema.json", "/services/CaseExchange?wsdl"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
        // the SOAP service listing answers as SOAP does: a fault (HTTP 500) whose code is UNAUTHORIZED
        HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create(base() + "/services/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listing.body()).contains("<code>UNAUTHORIZED</code>").doesNotContain("CaseExchange");
        // a signed submission authenticates itself: accepted on the plain port (aCourtReads... above)
    }

    @Test
    void operationalEndpointsAnswerOperatorsOnly() throws Exception {
        String court = newCourt("OPS", Channel.REST);
        for (String path : new String[] {"/actuator/health", "/actuator/metrics", "/actuator/info"}) {
            assertThat(getWithoutCredentials(path).statusCode()).as(path).isEqualTo(401);
            assertThat(getAs(court, path).statusCode()).as(path).isEqualTo(403);
            assertThat(getAsOperator(Caller.Role.VIEWER, path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(getWithoutCredentials("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(getWithoutCredentials("/services/").body()).contains("<code>UNAUTHORIZED</code>");
        assertThat(getAsOperator(Caller.Role.VIEWER, "/services/").body()).contains("CaseExchange");
    }

    @Test
    void aRevokedCertificateIsRefusedOnItsFirstRequest() throws Exception {
        String court = newCourt("REV", Channel.REST);
        HttpResponse<String> r = getWithRevokedCertificate(court, "/api/v1/statistics");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("revoked");
    }

    @Test
    void aSuspendedParticipantsCertificateIsRefusedAndWorksAgainWhenResumed() throws Exception {
        String court = newCourt("SUS", Channel.REST);
        assertThat(getAs(court, "/api/v1/statistics").statusCode()).isEqualTo(200);
        assertThat(admin("POST", "/admin/registry/participants/" + court + "/suspend", null).statusCode()).isEqualTo(200);
        HttpResponse<String> r = getAs(court, "/api/v1/statistics");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("suspended");
        assertThat(admin("POST", "/admin/registry/participants/" + court + "/resume", null).statusCode()).isEqualTo(200);
        assertThat(getAs(court, "/api/v1/statistics").statusCode()).isEqualTo(200);
    }

    @Test
    void certificatesTheHubDidNotIssueOrThatExpiredFailTheHandshake() throws Exception {
        String court = newCourt("HSK", Channel.REST);
        TestSigners.Signer forged = SelfSigned.signer(court);
        HttpClient stranger = HubTls.client(hubKeys.caCertificate(), forged.key(), forged.certificate());
        assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/statistics")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        CertificateAuthority.Credentials c = ca.sandbox(court, SignatureSuite.ECDSA_P256_SHA256);
        var expired = ca.issue(court, c.keyPair().getPublic(), Instant.now().minus(Duration.ofDays(40)), Duration.ofDays(30));
        HttpClient old = HubTls.client(hubKeys.caCertificate(), c.keyPair().getPrivate(), expired);
        assertThatThrownBy(() -> old.send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/statistics")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        // and the hub still serves the next client
        assertThat(getAs(court, "/api/v1/statistics").statusCode()).isEqualTo(200);
    }

    @Test
    void aCourtCertificateIsNoOperator() throws Exception {
        String court = newCourt("NOP", Channel.REST);
        HttpResponse<String> r = getAs(court, "/admin/registry/participants");
        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(p.get("detail").asText()).contains("participant " + court);
    }
}
