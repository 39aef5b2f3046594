package cn.courtmediation.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.support.HubTestEnvironment;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * broker-send-fanout puts a fan-out's children on hub.outbound in ONE broker transaction, as its comment says: when one
 * send fails, none of the batch is queued (the children stay ACCEPTED for the relay sweep), and a batch that succeeds is
 * queued whole. And an entry on the hub's queues is its id alone, whatever the sending exchange carried. On a hub of its
 * own: the test stops delivery to browse the queues and makes one send fail (AdviceWith).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerSendTransactionIT {
    private static final String POISON = "poison";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ConnectionFactory connectionFactory;
    @Value("${hub.queues.outbound}")
    String outbound;
    @Value("${hub.delivery.retry-queue}")
    String retry;

    @BeforeEach
    void stopDelivery() throws Exception {
        // nothing takes the entries of hub.outbound and its retry queue while the test browses them
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint().getEndpointUri().contains(outbound)) {
                camel.getRouteController().stopRoute(route.getRouteId());
            }
        }
    }

    @Test
    void anEntryCarriesItsIdAloneWhateverTheSendingExchangeHeld() throws Exception {
        // a relay batch's exchange holds the headers of its first message; a retry's, those of the failed delivery
        Map<String, Object> held = Map.of("hubSignature", "M".repeat(4096), "hubCaseId", "C110105-2026-1", "hubType",
                "NOTICE", "CamelJmsDestinationName", "partner.PBOC.from-hub");
        String batched = id();
        producer.sendBodyAndHeaders("direct:broker-send-fanout", List.of(batched), held);
        String retried = id();
        Map<String, Object> retryHeaders = new HashMap<>(held);
        retryHeaders.put("hubMessageId", retried);
        retryHeaders.put("hubDuplicateId", retried + "#attempt-1");
        retryHeaders.put("hubDeliverAt", System.currentTimeMillis());
        producer.sendBodyAndHeaders("direct:broker-send-retry", retried, retryHeaders);

        assertThat(properties(outbound, batched)).containsOnlyKeys("hubMessageId", "_AMQ_DUPL_ID");
        assertThat(properties(retry, retried)).as("on the retry queue, not sent on to the partner's address")
                .containsOnlyKeys("hubMessageId", "_AMQ_DUPL_ID");
    }

    @Test
    void aBatchIsQueuedWholeOrNotAtAll() throws Exception {
        AdviceWith.adviceWith(camel, "broker-send-outbound", a -> a.weaveAddFirst()
                .filter(a.header("hubMessageId").isEqualTo(POISON))
                .throwException(new IllegalStateException("the third send of the batch fails")));

        List<String> failed = List.of(id(), id(), POISON);
        assertThatThrownBy(() -> producer.sendBody("direct:broker-send-fanout", failed))
                .isInstanceOf(CamelExecutionException.class);
        List<String> whole = List.of(id(), id(), id());
        producer.sendBody("direct:broker-send-fanout", whole);

        List<String> queued = browse();
        assertThat(queued).as("the failed batch's first two sends were rolled back with it")
                .doesNotContain(failed.get(0), failed.get(1));
        assertThat(queued).containsAll(whole);
    }

    /** The application properties of the entry with this id on the queue (Artemis's own _AMQ_* but the duplicate id left out). */
    private Map<String, Object> properties(String queue, String messageId) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> find(queue, messageId) != null);
        return find(queue, messageId);
    }

    private Map<String, Object> find(String queue, String messageId) throws Exception {
        try (Connection c = connectionFactory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = s.createBrowser(s.createQueue(queue))) {
                for (Object o : Collections.list(browser.getEnumeration())) {
                    Message m = (Message) o;
                    if (messageId.equals(((TextMessage) m).getText())) {
                        Map<String, Object> props = new TreeMap<>();
                        for (Object name : Collections.list(m.getPropertyNames())) {
                            String n = (String) name;
                            if (!n.startsWith("JMS") && (!n.startsWith("_AMQ") || n.equals("_AMQ_DUPL_ID")) && !n.startsWith("__AMQ")) {
                                props.put(n, m.getObjectProperty(n));
                            }
                        }
                        return props;
                    }
                }
            }
        }
        return null;
    }

    private List<String> browse() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = connectionFactory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = s.createBrowser(s.createQueue(outbound))) {
                for (Object m : Collections.list(browser.getEnumeration())) {
                    ids.add(((TextMessage) m).getText());
                }
            }
        }
        return ids;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
