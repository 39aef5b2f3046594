package cn.courtmediation.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.courtmediation.hub.support.HubTestEnvironment;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.AdviceWith;
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
 * queued whole. On a hub of its own: the test stops delivery to browse the queue and makes one send fail (AdviceWith).
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

    @Test
    void aBatchIsQueuedWholeOrNotAtAll() throws Exception {
        // nothing takes hub.outbound's entries while the test browses it
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint().getEndpointUri().contains(outbound)) {
                camel.getRouteController().stopRoute(route.getRouteId());
            }
        }
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
