package cn.courtmediation.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker as the hub configures it (EmbeddedBrokerConfig's customizer) keeps a partner's from-hub address,
 * and with it the address's duplicate-detection ids, when the partner has drained its queue, and across a restart: a
 * delivery that the hub re-sends after a crash (same _AMQ_DUPL_ID = messageId) is dropped. With Artemis's default
 * auto-delete of empty addresses the broker deleted the address and its ids, and a partner got a second copy (9 in a
 * December kill -9 run). The broker's address reaper runs every 100 ms here instead of every 30 s, so it has had many
 * chances to delete the address before the check.
 */
class BrokerDuplicateDetectionIT {
    private static final String ADDRESS = "partner.DUPTEST.from-hub";

    @Test
    void aDeliveryResentAfterARestartIsDroppedEvenWhenThePartnerHadDrainedItsQueue() throws Exception {
        Path data = Files.createTempDirectory("hub-broker-dup-");
        int port = freePort();

        EmbeddedActiveMQ broker = start(data, port);
        try (Connection c = connect(port)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            send(s, "first delivery", "message-1");
            try (MessageConsumer partner = s.createConsumer(s.createQueue(ADDRESS))) {
                assertThat(((TextMessage) partner.receive(5000)).getText()).isEqualTo("first delivery");
            }
        }
        // the queue is empty and has no consumer: what auto-delete removes, taking the duplicate ids with it
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> broker.getActiveMQServer().getAddressInfo(SimpleString.of(ADDRESS)) != null);
        broker.stop();

        EmbeddedActiveMQ restarted = start(data, port);
        try (Connection c = connect(port)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            send(s, "second copy after a crash", "message-1");
            send(s, "next message", "message-2");
            try (MessageConsumer partner = s.createConsumer(s.createQueue(ADDRESS))) {
                assertThat(((TextMessage) partner.receive(5000)).getText()).isEqualTo("next message");
                assertThat(partner.receiveNoWait()).isNull();
            }
        } finally {
            restarted.stop();
        }
    }

    private static EmbeddedActiveMQ start(Path data, int port) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .setAddressQueueScanPeriod(100);
        new EmbeddedBrokerConfig().hubBrokerCustomizer(new BrokerSettings("127.0.0.1", port, "hub", "", -1)).customize(config);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        return broker;
    }

    private static Connection connect(int port) throws Exception {
        Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection();
        c.start();
        return c;
    }

    /** As the hub's partner delivery sends: a text message whose duplicate-detection id is the messageId. */
    private static void send(Session s, String text, String messageId) throws Exception {
        try (MessageProducer p = s.createProducer(s.createQueue(ADDRESS))) {
            TextMessage m = s.createTextMessage(text);
            m.setStringProperty("hubMessageId", messageId);
            m.setStringProperty("_AMQ_DUPL_ID", messageId);
            p.send(m);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
