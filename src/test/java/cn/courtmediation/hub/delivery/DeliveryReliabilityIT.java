package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.RetryingHubTest;
import cn.courtmediation.hub.support.TestCourtServer;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Delivery under a recipient outage, on the real hub (embedded broker, H2) with a real HTTP court: per-case order,
 * waiting without loading or signing, recovery soon after the court returns, database errors that are not attempts,
 * orphan queue entries, and dead letters listed and replayed once (also after an interrupted replay).
 */
class DeliveryReliabilityIT extends RetryingHubTest {
    private static final String SENDER = "C110105";

    @Autowired
    CamelContext camel;
    @Autowired
    RecipientGuard guard;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    DeliveryNode node;
    @Autowired
    cn.courtmediation.hub.store.MessageStore store;
    @Autowired
    org.springframework.core.env.Environment environment;
    @Value("${hub.delivery.outbound-endpoint}")
    String outbound;

    /** Payload loads and signatures (the attempt route's first step) per recipient. */
    final Map<String, AtomicInteger> prepared = new ConcurrentHashMap<>();
    /** Messages whose attempt meets a database error, once each, before anything is loaded. */
    final Set<String> databaseFailsOnce = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void observeAttempts() throws Exception {
        AdviceWith.adviceWith(camel, "delivery-dispatch-attempt", a -> a.weaveAddFirst().process(exchange -> {
            String id = exchange.getMessage().getHeader(ChannelHeaders.MESSAGE_ID, String.class);
            if (databaseFailsOnce.remove(id)) {
                throw new DataAccessResourceFailureException("test: the database refused the connection");
            }
            prepared.computeIfAbsent(exchange.getMessage().getHeader(ChannelHeaders.RECIPIENT, String.class), r -> new AtomicInteger())
                    .incrementAndGet();
        }));
    }

    /**
     * A caseId of its own per recipient, under the sender's code: before a dispatch only the participant whose code a
     * caseId carries writes under it.
     */
    static String owned(String recipient) {
        return SENDER + "-" + recipient + "-2026-000001";
    }

    String submit(String recipient, String caseId) throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", SENDER, recipient, n -> n.put("caseId", caseId));
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(SENDER, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return m.get("messageId").asText();
    }

    JsonNode status(String messageId) throws Exception {
        return JSON.readTree(https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/api/v1/messages/" + messageId)).header("Authorization", viewerAuth()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    HttpResponse<String> admin(String method, String path) throws Exception {
        return https().send(HttpRequest.newBuilder(URI.create(tlsBase() + path)).header("Authorization", adminAuth())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    int prepared(String recipient) {
        return prepared.getOrDefault(recipient, new AtomicInteger()).get();
    }

    @Test
    void eachCaseReachesTheCourtInAcceptanceOrderThroughAnOutageWithoutSigningWhileWaitingAndRecoversSoonAfter() throws Exception {
        String court = newCourt("CO", Channel.REST);
        courts.failing(court, true);
        List<String> cases = List.of("ORD-" + UUID.randomUUID(), "ORD-" + UUID.randomUUID(), "ORD-" + UUID.randomUUID(),
                "ORD-" + UUID.randomUUID());
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            for (String c : cases) {
                accepted.computeIfAbsent(c, k -> new ArrayList<>()).add(submit(court, c));
            }
        }

        // the outage lasts until the breaker opened and no call is in flight any more
        await().atMost(Duration.ofSeconds(20)).until(() -> guard.state(court).equals("OPEN") && prepared(court) == courts.refusedBy(court));
        int preparedDuringOutage = prepared(court);
        long back = System.nanoTime();
        courts.failing(court, false);

        await().atMost(Duration.ofSeconds(20)).until(() -> !courts.receivedBy(court).isEmpty());
        long firstDeliveryMs = (System.nanoTime() - back) / 1_000_000;
        await().atMost(Duration.ofSeconds(30)).until(() -> courts.receivedBy(court).size() == 20);
        long allMs = (System.nanoTime() - back) / 1_000_000;

        Map<String, List<String>> arrived = new LinkedHashMap<>();
        for (TestCourtServer.Received r : courts.receivedBy(court)) {
            arrived.computeIfAbsent(r.headers().get("x-hub-case-id"), k -> new ArrayList<>()).add(r.headers().get("x-hub-message-id"));
        }
        assertThat(arrived).isEqualTo(accepted);
        // every load+sign was an attempt the court saw: refused while down, received once back
        assertThat(prepared(court)).isEqualTo(courts.refusedBy(court) + courts.receivedBy(court).size());
        assertThat(firstDeliveryMs).as("first delivery after the court's return").isLessThan(10_000);
        for (List<String> ids : accepted.values()) {
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(5)).until(() -> status(id).get("status").asText().equals("DELIVERED"));
            }
        }
        System.out.printf("[measured] outage: 20 messages, 4 cases; court calls while down %d, load+sign while down %d;"
                        + " first delivery %d ms after return, all %d ms after return; waits so far %s%n",
                courts.refusedBy(court), preparedDuringOutage, firstDeliveryMs, allMs,
                camel.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class)
                        .find("hub.delivery.waits").counters().stream().mapToDouble(c -> c.count()).sum());
    }

    @Test
    void aDatabaseErrorIsNotADeliveryAttempt() throws Exception {
        String court = newCourt("CB", Channel.REST);
        String caseId = "DB-" + UUID.randomUUID();
        ObjectNode m = TestMessages.fresh("notice.json", SENDER, court, n -> n.put("caseId", caseId));
        databaseFailsOnce.add(m.get("messageId").asText());
        byte[] body = TestMessages.bytes(m);
        assertThat(postMessage(body, signers.sign(SENDER, body)).statusCode()).isEqualTo(202);
        String id = m.get("messageId").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).get("status").asText().equals("DELIVERED"));
        assertThat(databaseFailsOnce).doesNotContain(id);
        JsonNode s = status(id);
        // the rolled-back try is not counted: one attempt, the one that delivered
        assertThat(s.get("attempts").asInt()).isEqualTo(1);
        assertThat(courts.receivedBy(court)).hasSize(1);
        assertThat(courts.refusedBy(court)).isZero();
        assertThat(guard.state(court)).isEqualTo("CLOSED");
    }

    /**
     * Two copies of one message on hub.outbound at once (the broker drops a second send of an id, but not two sent at the
     * same moment: two replicas' relay sweeps did, and a court got a message twice): while the first copy's attempt is
     * under way, the second waits; once the message is delivered it is skipped. The court gets it once.
     */
    @Test
    void aSecondCopyOfAMessageOnTheQueueDoesNotDeliverItAgain() throws Exception {
        String court = newCourt("DC", Channel.REST);
        java.util.concurrent.CountDownLatch held = courts.hold(court);
        String id = submit(court, owned(court));
        await().atMost(Duration.ofSeconds(20)).until(() -> courts.arrivedAt(court) == 1);
        double waitsBefore = attemptWaits();
        // the second copy, under a duplicate-detection id of its own, while the first attempt waits on the court
        producer.sendBodyAndHeaders("direct:broker-send-outbound", id,
                Map.of(ChannelHeaders.MESSAGE_ID, id, "hubDuplicateId", id + "#second-copy"));
        await().atMost(Duration.ofSeconds(10)).until(() -> attemptWaits() > waitsBefore);
        assertThat(courts.arrivedAt(court)).isEqualTo(1);
        held.countDown();

        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).get("status").asText().equals("DELIVERED"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> courts.arrivedAt(court) == 1);
        assertThat(courts.receivedBy(court)).hasSize(1);
    }

    /**
     * A node that starts again (same host and data directory) ends the delivery claims it held when it died, so its
     * messages are attempted at once rather than after the lease; another node's claims are left alone; a delivered
     * message keeps no claim.
     */
    @Test
    void aRestartedNodeEndsItsOwnClaimsAndNoOneElses() throws Exception {
        String court = newCourt("NC", Channel.REST);
        String other = newCourt("NO", Channel.REST);
        java.util.concurrent.CountDownLatch held = courts.hold(court);
        java.util.concurrent.CountDownLatch heldOther = courts.hold(other);
        String mine = submit(court, owned(court));
        String theirs = submit(other, owned(other));
        await().atMost(Duration.ofSeconds(20)).until(() -> courts.arrivedAt(court) == 1 && courts.arrivedAt(other) == 1);
        assertThat(claimant(mine)).isEqualTo(node.id());
        jdbc.update("update messages set attempt_node = 'another-node' where message_id = ?", theirs);

        DeliveryNode restarted = new DeliveryNode(store, environment);

        assertThat(restarted.id()).isEqualTo(node.id());
        assertThat(claimant(mine)).isNull();
        assertThat(claimant(theirs)).isEqualTo("another-node");
        held.countDown();
        heldOther.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> status(mine).get("status").asText().equals("DELIVERED")
                && status(theirs).get("status").asText().equals("DELIVERED"));
        assertThat(claimant(mine)).isNull();
        assertThat(claimant(theirs)).isNull();
    }

    private String claimant(String messageId) {
        return jdbc.queryForObject("select attempt_node from messages where message_id = ?", String.class, messageId);
    }

    private double attemptWaits() {
        io.micrometer.core.instrument.Counter c = meters.find("hub.delivery.waits").tag("reason", "attempt").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aQueueEntryWithoutAStoredMessageIsRecordedOnceAndAcknowledged() throws Exception {
        String id = UUID.randomUUID().toString();
        amqp.send("hub.outbound", id, Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("select count(*) from orphan_entries where message_id = ?", Integer.class, id) == 1);
        // acknowledged: no broker redelivery counts it again, and nothing reaches a dead-letter address
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                jdbc.queryForObject("select occurrences from orphan_entries where message_id = ?", Integer.class, id) == 1);
        assertThat(amqp.receive("DLQ", 500)).isNull();
        JsonNode listed = JSON.readTree(admin("GET", "/admin/dead-letters/orphans?size=1000").body());
        assertThat(listed.get("items").findValuesAsText("messageId")).contains(id);
    }

    @Test
    void aDeadLetterIsListedAndAConcurrentDoubleReplayDeliversItOnce() throws Exception {
        String court = newCourt("CF", Channel.REST);
        courts.failing(court, true);
        String caseId = "DL-" + UUID.randomUUID();
        String id = submit(court, caseId);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(id).get("status").asText().equals("FAILED"));
        assertThat(status(id).get("attempts").asInt()).isEqualTo(6);

        JsonNode byRecipient = JSON.readTree(admin("GET", "/admin/dead-letters?recipient=" + court).body());
        assertThat(byRecipient.get("total").asInt()).isEqualTo(1);
        assertThat(byRecipient.get("items").get(0).get("messageId").asText()).isEqualTo(id);
        assertThat(byRecipient.get("items").get(0).get("lastError").asText()).contains("503");
        JsonNode byCase = JSON.readTree(admin("GET", "/admin/dead-letters?caseId=" + caseId).body());
        assertThat(byCase.get("items").findValuesAsText("messageId")).containsExactly(id);
        assertThat(jdbc.queryForObject("select count(*) from evidences where message_id = ? and kind = 'DELIVERY_FAILED'",
                Integer.class, id)).isEqualTo(1);

        courts.failing(court, false);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> replay(id));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> replay(id));
        List<Integer> answers = List.of(first.get().statusCode(), second.get().statusCode());

        assertThat(answers).containsExactlyInAnyOrder(202, 409);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).get("status").asText().equals("DELIVERED"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> courts.receivedBy(court).size() == 1);
        HttpResponse<String> again = replay(id);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(again.body()).get("code").asText()).isEqualTo("NOT_REPLAYABLE");
        assertThat(JSON.readTree(again.body()).get("currentState").asText()).isEqualTo("DELIVERED");
        assertThat(JSON.readTree(admin("GET", "/admin/dead-letters?recipient=" + court).body()).get("total").asInt()).isZero();
    }

    @Test
    void aReplayInterruptedAfterItsClaimIsFinishedByTheSweepAndDeliveredOnce() throws Exception {
        String court = newCourt("CI", Channel.REST);
        String id = UUID.randomUUID().toString();
        byte[] body = "{\"replayed\":true}".getBytes(StandardCharsets.UTF_8);
        jdbc.update("insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload, payload_sha256,"
                        + " received_at, attempts, last_error, failed_at) values (?, 'NOTICE', ?, ?, ?, 'REST', 'FAILED', ?, ?,"
                        + " current_timestamp, 6, 'HttpOperationFailedException: 503', current_timestamp)",
                id, SENDER, court, "IR-" + UUID.randomUUID(), body, "0".repeat(64));
        // what a crash leaves: the claim committed, then the queue send made, but the claim never cleared
        jdbc.update("update messages set status = 'RELAYED', attempts = 0, replays = replays + 1,"
                + " replay_requested_at = current_timestamp - interval '1' minute where message_id = ? and status = 'FAILED'", id);
        producer.sendBodyAndHeaders(outbound, id, Map.of(ChannelHeaders.MESSAGE_ID, id, "_AMQ_DUPL_ID", id + "#replay-1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).get("status").asText().equals("DELIVERED"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("select count(*) from messages where message_id = ? and replay_requested_at is null", Integer.class, id) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> courts.receivedBy(court).size() == 1);
    }

    private HttpResponse<String> replay(String id) {
        try {
            return admin("POST", "/admin/dead-letters/" + id + "/replay");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
