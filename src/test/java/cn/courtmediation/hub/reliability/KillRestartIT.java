package cn.courtmediation.hub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubProcess;
import cn.courtmediation.hub.support.TestMessages;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The core promise on the embedded default (H2 file database, embedded broker): a message the hub acknowledged with
 * a 202 survives a SIGKILL that comes right after the receipt, and its recipient gets it exactly once, although the
 * hub is killed while deliveries are in flight and a partner's queue is drained empty. A real AMQP 1.0 partner
 * receives; a client that re-sends on connection errors and 5xx, as the docs tell clients to, submits.
 */
class KillRestartIT {
    private static final int MESSAGES = 300;
    private static final int KILL_AT = 150;
    private static final String PARTNER = "PBOC";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** hubMessageId -> the distinct broker message ids it arrived under (a redelivery of one broker message is not a copy). */
    private final Map<String, Set<String>> received = new ConcurrentHashMap<>();

    @Test
    void acknowledgedMessagesSurviveSigkillAndReachThePartnerOnce() throws Exception {
        Path data = Files.createTempDirectory("hub-kill-").resolve("data");
        try (HubProcess hub = new HubProcess(data, List.of("--hub.trust.enforce=false", "--hub.relay.stale-after=PT1S",
                "--hub.relay.sweep-interval=300", "--hub.delivery.redelivery-delay=100"))) {
            hub.start();
            AtomicBoolean receiving = new AtomicBoolean(true);
            Thread partner = new Thread(() -> receive(hub.brokerPort(), receiving), "amqp-partner");
            partner.start();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running.add(clients.submit(() -> {
                    while (next.getAndIncrement() < MESSAGES) {
                        submitUntilAcknowledged(hub);
                    }
                    return null;
                }));
            }
            // kill while submissions, relays and deliveries are in flight: right after the 150th receipt
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> acknowledged.size() >= KILL_AT);
            hub.kill();
            int ackedBeforeKill = acknowledged.size();
            hub.start();
            clients.shutdown();
            assertThat(clients.awaitTermination(180, TimeUnit.SECONDS)).isTrue();
            for (Future<?> client : running) {
                client.get();
            }
            assertThat(acknowledged).hasSize(MESSAGES);

            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(received.keySet()).as("acknowledged messages the partner received").containsAll(acknowledged));
            receiving.set(false);
            partner.join(10_000);

            assertThat(ackedBeforeKill).isGreaterThanOrEqualTo(KILL_AT);
            for (String id : acknowledged) {
                assertThat(status(hub, id)).as("message %s after the restart", id).isEqualTo(200);
            }
            assertThat(received.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey))
                    .as("messages the partner received as more than one broker message").isEmpty();
        }
    }

    /** Posts one message until the hub acknowledges it, re-sending the same id and bytes on connection errors and 5xx. */
    private void submitUntilAcknowledged(HubProcess hub) {
        byte[] body = TestMessages.bytes(TestMessages.fresh("notice.json", "C110105", PARTNER));
        String id = TestMessages.messageId(body);
        Awaitility.await("acknowledgement of " + id).atMost(Duration.ofSeconds(180)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> submitted(hub, id, body));
    }

    private boolean submitted(HubProcess hub, String id, byte[] body) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/messages"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) {
                acknowledged.add(id);
                return true;
            }
            // a 4xx is final for a client: the hub must never give one because it is starting or stopping
            assertThat(r.statusCode()).as("answer to %s: %s", id, r.body()).isGreaterThanOrEqualTo(500);
            return false;
        } catch (IOException e) {
            // the hub is down or restarting: a client re-sends the same message
            return false;
        }
    }

    private int status(HubProcess hub, String id) throws Exception {
        return hub.getAsViewer("/api/v1/messages/" + id).statusCode();
    }

    /** The partner: one AMQP 1.0 consumer on its from-hub address; Qpid JMS failover reconnects it whenever the broker goes away. */
    private void receive(int brokerPort, AtomicBoolean running) {
        String url = "failover:(amqp://127.0.0.1:" + brokerPort + ")?failover.initialReconnectDelay=200&failover.useReconnectBackOff=false";
        try (Connection c = new JmsConnectionFactory(url).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("partner." + PARTNER + ".from-hub"));
            while (running.get()) {
                Message m = consumer.receive(200);
                if (m != null && m.getStringProperty("hubMessageId") != null) {
                    received.computeIfAbsent(m.getStringProperty("hubMessageId"), k -> ConcurrentHashMap.newKeySet()).add(m.getJMSMessageID());
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("the partner's AMQP client failed", e);
        }
    }
}
