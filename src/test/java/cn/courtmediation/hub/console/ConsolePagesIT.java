package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shell's pages over real HTTPS with operator tokens: Overview (and its JSON for the live refresh), Routes (state,
 * statistics, actions for engineers, the YAML source), Queues (the embedded broker's queues), Statistics and the Audit
 * trail; viewers see no action and are refused one.
 */
class ConsolePagesIT extends HubIntegrationTest {

    private HttpResponse<String> as(Caller.Role role, String method, String path) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", operator(role))
                .header("Accept", "text/html,application/json").method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theOverviewShowsTheHourPerMinuteAndItsJsonRefreshes() throws Exception {
        HttpResponse<String> page = as(Caller.Role.VIEWER, "GET", "/console");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Overview", "Pending", "Retrying", "Parked", "Dead letters", "Latency p99", "chart-traffic", "/console/overview.js");
        // the webjar's path carries its version (webjars-locator resolves it), so an upgrade needs no template change
        assertThat(page.body()).containsPattern("src=\"/webjars/echarts/[0-9.]+/dist/echarts.min.js\"");
        HttpResponse<String> data = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/console/api/overview"))
                .header("Authorization", viewerAuth()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(data.statusCode()).isEqualTo(200);
        JsonNode d = JSON.readTree(data.body());
        assertThat(d.get("minutes")).hasSize(60);
        assertThat(d.at("/minutes/0/at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
        assertThat(d.get("counts").fieldNames()).toIterable().containsExactly("pending", "retrying", "parked", "deadLettered");
        assertThat(as(Caller.Role.VIEWER, "GET", "/webjars/echarts/dist/echarts.min.js").statusCode()).isEqualTo(200);
        assertThat(as(Caller.Role.VIEWER, "GET", "/console/overview.js").statusCode()).isEqualTo(200);
    }

    @Test
    void theRoutesPageListsEveryRouteWithStatisticsAndItsYamlAndEngineersMayStopAndStartOne() throws Exception {
        HttpResponse<String> viewer = as(Caller.Role.VIEWER, "GET", "/console/routes");
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(viewer.body()).contains("message-intake-accept", "certificate-expiry-check", "message-intake.camel.yaml", "started")
                .doesNotContain("/console/routes/certificate-expiry-check/stop");
        HttpResponse<String> engineer = as(Caller.Role.ENGINEER, "GET", "/console/routes");
        assertThat(engineer.body()).contains("/console/routes/certificate-expiry-check/stop");

        HttpResponse<String> source = as(Caller.Role.VIEWER, "GET", "/console/routes/message-intake-accept");
        assertThat(source.statusCode()).isEqualTo(200);
        assertThat(source.body()).contains("Canonical intake, shared by every channel", "id: message-intake-accept");

        assertThat(as(Caller.Role.VIEWER, "POST", "/console/routes/certificate-expiry-check/stop").statusCode()).isEqualTo(403);
        HttpResponse<String> stop = as(Caller.Role.ENGINEER, "POST", "/console/routes/certificate-expiry-check/stop");
        assertThat(stop.statusCode()).isEqualTo(302);
        assertThat(as(Caller.Role.VIEWER, "GET", "/console/routes?done=certificate-expiry-check&action=stop").body())
                .contains("certificate-expiry-check: stop done; it is now stopped");
        assertThat(as(Caller.Role.ENGINEER, "POST", "/console/routes/certificate-expiry-check/start").statusCode()).isEqualTo(302);
        JsonNode routes = JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/console/api/routes"))
                .header("Authorization", viewerAuth()).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(routes).anySatisfy(r -> {
            assertThat(r.get("id").asText()).isEqualTo("certificate-expiry-check");
            assertThat(r.get("state").asText()).isEqualTo("started");
        });
        assertThat(as(Caller.Role.ENGINEER, "POST", "/console/routes/no-such-route/stop").statusCode()).isEqualTo(404);
        assertThat(as(Caller.Role.ENGINEER, "POST", "/console/routes/certificate-expiry-check/explode").statusCode()).isEqualTo(404);

        JsonNode audit = JSON.readTree(admin("GET", "/admin/audit?after=0&limit=1000", null).body()).get("entries");
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.get("path").asText()).isEqualTo("/console/routes/certificate-expiry-check/stop");
            assertThat(e.get("role").asText()).isEqualTo("ENGINEER");
            assertThat(e.get("outcome").asText()).isEqualTo("DONE");
        });
    }

    @Test
    void theQueuesPageShowsTheBrokersQueuesWithDepthAndConsumers() throws Exception {
        HttpResponse<String> page = as(Caller.Role.VIEWER, "GET", "/console/queues");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hub.outbound", "Depth", "Consumers", "Oldest message");
        HttpResponse<String> filtered = as(Caller.Role.VIEWER, "GET", "/console/queues?q=no-such-queue-name");
        assertThat(filtered.body()).contains("No queue matches.");
        JsonNode data = JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/console/api/queues?q=hub.outbound"))
                .header("Authorization", viewerAuth()).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(data).anySatisfy(q -> {
            assertThat(q.get("name").asText()).isEqualTo("hub.outbound");
            assertThat(q.get("consumers").asInt()).isPositive();
        });
    }

    @Test
    void theStatisticsPageShowsTheLifecycleFiguresAndTheirBreakdownForCharts() throws Exception {
        HttpResponse<String> page = as(Caller.Role.VIEWER, "GET", "/console/statistics");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Success rate", "Average days", "chart-court", "chart-region", "chart-partner",
                "chart-disputeType", "/console/statistics.js");
        JsonNode data = JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/console/api/statistics?from=2020-01-01&to=2030-12-31"))
                .header("Authorization", viewerAuth()).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(data.at("/overall/dispatched").isNumber()).isTrue();
        assertThat(data.get("by").fieldNames()).toIterable().containsExactly("court", "region", "partner", "disputeType");
        HttpResponse<String> bad = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/console/api/statistics?from=yesterday"))
                .header("Authorization", viewerAuth()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("code").asText()).isEqualTo("MALFORMED");
    }

    @Test
    void theAuditPageIsForAdminsPagedAndFiltered() throws Exception {
        as(Caller.Role.ENGINEER, "POST", "/console/routes/no-such-route/stop");
        assertThat(as(Caller.Role.VIEWER, "GET", "/console/audit").statusCode()).isEqualTo(403);
        assertThat(as(Caller.Role.ENGINEER, "GET", "/console/audit").statusCode()).isEqualTo(403);
        HttpResponse<String> page = as(Caller.Role.ADMIN, "GET", "/console/audit?actor=engineer-it&path=/console/routes/no-such-route");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/console/routes/no-such-route/stop", "engineer-it", "REFUSED")
                .doesNotContain("/admin/operators");
        HttpResponse<String> none = as(Caller.Role.ADMIN, "GET", "/console/audit?actor=nobody-at-all");
        assertThat(none.body()).contains("No entry matches.");
        assertThat(as(Caller.Role.ADMIN, "GET", "/console/audit?from=not-a-time").statusCode()).isEqualTo(400);
    }

    @Test
    void theOverviewCountsAnAcceptedDeliveredAndARefusedMessageInTheCurrentMinute() throws Exception {
        String court = newCourt("OVW", cn.courtmediation.hub.registry.Participant.Channel.REST);
        String partner = newPartner("OVW");
        com.fasterxml.jackson.databind.node.ObjectNode m = cn.courtmediation.hub.support.TestMessages.fresh("case-dispatch.json", court, partner,
                x -> x.with("body").put("courtCode", court));
        JsonNode receipt = submitOn(Ingress.REST, m, signers.sign(court, cn.courtmediation.hub.support.TestMessages.bytes(m)));
        assertThat(receipt.get("status").asText()).as(receipt.toString()).isEqualTo("ACCEPTED");
        String id = m.get("messageId").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                "DELIVERED".equals(jdbc.queryForObject("select status from messages where message_id = ?", String.class, id)));
        // a forged signature: refused into the quarantine
        com.fasterxml.jackson.databind.node.ObjectNode forged = cn.courtmediation.hub.support.TestMessages.fresh("case-dispatch.json", court, partner,
                x -> x.with("body").put("courtCode", court));
        submitOn(Ingress.REST, forged, signers.sign(court, "other bytes".getBytes(StandardCharsets.UTF_8)));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode d = JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/console/api/overview"))
                    .header("Authorization", viewerAuth()).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            long accepted = 0;
            long delivered = 0;
            long refused = 0;
            for (JsonNode minute : d.get("minutes")) {
                accepted += minute.get("accepted").asLong();
                delivered += minute.get("delivered").asLong();
                refused += minute.get("refused").asLong();
            }
            assertThat(accepted).isPositive();
            assertThat(delivered).isPositive();
            assertThat(refused).isPositive();
            assertThat(d.get("p99").isNumber()).isTrue();
            assertThat(d.get("latencySamples").asInt()).isPositive();
        });
    }
}
