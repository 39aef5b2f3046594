package cn.courtmediation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production profile serves no plain port (issue 13 item 1): server.port itself is HTTPS with the hub-tls bundle and
 * client certificates, so plain HTTP gets nothing and a court's certificate works there.
 */
// Own hub: the profile changes the server connector itself.
@OwnHub
@ActiveProfiles("production")
class ProductionProfileIT extends HubIntegrationTest {

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        // the profile's own settings stay (server.ssl.bundle, client-auth want, no second connector); only a free port
        registry.add("server.port", () -> 0);
        registry.add("hub.access.tls-port", () -> -1);
    }

    @Test
    void theOnlyPortIsHttpsWithClientCertificates() throws Exception {
        assertThat(tlsBase()).isEqualTo("https://127.0.0.1:" + port);
        HttpResponse<String> plain = null;
        try {
            plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException refused) {
            // the TLS connector drops a plain-text request: nothing is served in clear
        }
        if (plain != null) {
            assertThat(plain.statusCode()).as(plain.body()).isEqualTo(400);
        }
        assertThat(getWithoutCredentials("/actuator/health/readiness").statusCode()).isEqualTo(200);
        String court = newCourt("PRD", Channel.REST);
        assertThat(getAs(court, "/api/v1/statistics").statusCode()).isEqualTo(200);
        assertThat(getWithoutCredentials("/api/v1/statistics").statusCode()).isEqualTo(401);
        // a signed submission needs no certificate here either
        byte[] body = cn.courtmediation.hub.support.TestMessages.bytes(cn.courtmediation.hub.support.TestMessages.fresh(
                "case-dispatch.json", court, newPartner("PRDP")));
        HttpResponse<String> submitted = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages"))
                .header("Content-Type", "application/json").header("X-Hub-Signature", signers.sign(court, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    }
}
