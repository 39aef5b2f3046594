package cn.courtmediation.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller.Role;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * /actuator/prometheus as an operator sees it after real traffic: Camel's route metrics, the hub counters by type, channel
 * and outcome, the queue depths and the breaker states, each with values that follow what the test did; no label carries a
 * participant code.
 */
class MetricsIT extends HubIntegrationTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @Test
    void aScrapeAfterDeliveriesRefusalsAndFailuresCarriesEveryFamilyWithSaneValues() throws Exception {
        String court = newCourt("MC", Channel.REST);
        String partner = newPartner("MP");
        String deadCourt = newCourt("MD", Channel.REST);
        courts.failing(deadCourt, true);
        Map<String, Double> before = scrape();

        // accepted on REST, delivered to the partner's queue (left there: a backlog of one)
        ObjectNode dispatch = TestMessages.fresh("case-dispatch.json", court, partner);
        byte[] body = TestMessages.bytes(dispatch);
        assertThat(postMessage(body, signers.sign(court, body)).statusCode()).isEqualTo(202);
        // refused: no signature
        ObjectNode unsigned = TestMessages.fresh("case-dispatch.json", court, partner);
        assertThat(postMessage(TestMessages.bytes(unsigned), null).statusCode()).isEqualTo(401);
        // two notices to a court that answers 503: retried, then failed (dead letters); six failed calls open its breaker
        String[] notices = new String[2];
        for (int i = 0; i < notices.length; i++) {
            ObjectNode notice = TestMessages.fresh("notice.json", court, deadCourt);
            byte[] n = TestMessages.bytes(notice);
            notices[i] = notice.get("messageId").asText();
            assertThat(postMessage(n, signers.sign(court, n)).statusCode()).isEqualTo(202);
        }
        String dispatchId = dispatch.get("messageId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(status(dispatchId)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(notices[0])) && "FAILED".equals(status(notices[1])));

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, counter("CASE_DISPATCH", "REST", "accepted"))).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, counter("NOTICE", "REST", "accepted"))).isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, counter("CASE_DISPATCH", "REST", "refused"))).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, counter("CASE_DISPATCH", "QUEUE", "delivered"))).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, counter("NOTICE", "REST", "retried"))).isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, counter("NOTICE", "REST", "failed"))).isGreaterThanOrEqualTo(2);
        // every combination is there from the start, at 0 or more
        assertThat(after).containsKey(counter("GRASSROOTS", "SOAP", "delivered"));

        assertThat(after.get("hub_queue_depth{queue=\"dead-letters\"}")).isGreaterThanOrEqualTo(2);
        assertThat(after.get("hub_queue_depth{queue=\"partners-from-hub\"}")).isGreaterThanOrEqualTo(1);
        assertThat(after.get("hub_partner_queues_backlogged")).isGreaterThanOrEqualTo(1);
        assertThat(after).containsKeys("hub_queue_depth{queue=\"outbound\"}", "hub_queue_depth{queue=\"retry\"}");
        assertThat(after.get("hub_queue_depth{queue=\"outbound\"}")).isGreaterThanOrEqualTo(0);

        assertThat(after.get("hub_delivery_breakers{state=\"open\"}")).isGreaterThanOrEqualTo(1);
        assertThat(after.get("hub_delivery_breakers{state=\"closed\"}")).isGreaterThanOrEqualTo(1);
        assertThat(after).containsKey("hub_delivery_breakers{state=\"half_open\"}");

        // Camel's route metrics: the delivery attempts of this test among the route's exchanges
        String attempts = after.keySet().stream()
                .filter(k -> k.startsWith("camel_exchanges_total{") && k.contains("routeId=\"delivery-dispatch-attempt\""))
                .findFirst().orElseThrow(() -> new AssertionError("no camel_exchanges_total of route delivery-dispatch-attempt"));
        assertThat(delta(before, after, attempts)).isGreaterThanOrEqualTo(7);
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("camel_exchanges_failed_total{") && k.contains("routeId=\"court-delivery-rest\""));

        // bounded labels: no participant code of this test anywhere in the scrape
        assertThat(after.keySet()).noneMatch(k -> k.contains(court) || k.contains(partner) || k.contains(deadCourt));
    }

    @Test
    void prometheusIsForOperatorsOnly() throws Exception {
        assertThat(getWithoutCredentials("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(401, 403, 404);
    }

    private String status(String messageId) {
        return jdbc.queryForObject("select status from messages where message_id = ?", String.class, messageId);
    }

    private static String counter(String type, String channel, String outcome) {
        return "hub_messages_total{channel=\"" + channel + "\",outcome=\"" + outcome + "\",type=\"" + type + "\"}";
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        assertThat(after).as("series " + key).containsKey(key);
        return after.get(key) - before.getOrDefault(key, 0.0);
    }

    /** Every sample of the scrape by name and labels (labels as Prometheus writes them, in name order). */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = getAsOperator(Role.VIEWER, "/actuator/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }
}
