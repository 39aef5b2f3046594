package cn.courtmediation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rate limits per participant (issue 13 item 5) with real HTTPS clients: one court over its limit gets 429
 * TOO_MANY_REQUESTS problem+json with Retry-After, while another court reading at the same time is not limited at all.
 */
// Own hub: limits of 5 per second, far below what the shared hub's tests need.
@OwnHub
class RateLimitsIT extends HubIntegrationTest {

    @DynamicPropertySource
    static void lowLimits(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        registry.add("hub.access.rate-limit.reads-per-second", () -> 5);
        registry.add("hub.access.rate-limit.submissions-per-second", () -> 5);
    }

    @Test
    void aFloodingCourtGets429WhileAnotherCourtIsServed() throws Exception {
        String flooding = newCourt("FLD", Channel.REST);
        String quiet = newCourt("QUI", Channel.REST);
        // warm both TLS clients (handshake, certificate issued) before counting
        getAs(flooding, "/api/v1/statistics");
        getAs(quiet, "/api/v1/statistics");
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            flood.add(httpsAs(flooding).sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tlsBase() + "/api/v1/statistics")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> quietAnswer = getAs(quiet, "/api/v1/statistics");
        int limited = 0;
        HttpResponse<String> refusal = null;
        for (CompletableFuture<HttpResponse<String>> f : flood) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 429) {
                limited++;
                refusal = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("of 40 reads at once with a limit of 5 per second").isGreaterThanOrEqualTo(30);
        assertThat(refusal.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refusal.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(refusal.body()).get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(JSON.readTree(refusal.body()).get("detail").asText()).contains(flooding);
        // the other court's budget is its own
        assertThat(quietAnswer.statusCode()).isEqualTo(200);
    }
}
