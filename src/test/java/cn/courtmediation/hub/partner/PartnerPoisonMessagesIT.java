package cn.courtmediation.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.contract.ContractSchemas;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.Participant.Status;
import cn.courtmediation.hub.support.BrokerQueues;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.RawAmqp;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Poison on a partner's to-hub address, sent with real AMQP 1.0 clients (raw proton-j for what JMS cannot send, Qpid JMS
 * for map, object and stream messages): each gets a REJECTION with its documented code on the partner's from-hub
 * address, is kept in quarantine, stores nothing as accepted, leaves nothing on the queue or in a dead-letter or expiry
 * queue, never costs the hub its consumer, and the partner's next valid message is accepted and delivered.
 */
class PartnerPoisonMessagesIT extends HubIntegrationTest {
    static final String COURT = "C110105";

    @Autowired
    EmbeddedActiveMQ broker;
    @Autowired
    DataSource dataSource;
    BrokerQueues queues;

    String partner;
    long acceptedBefore;
    long deadBefore;
    Set<Long> consumersBefore;

    @BeforeAll
    void queues() {
        queues = new BrokerQueues(broker);
    }

    @BeforeEach
    void partner() {
        partner = newPartner("PP");
        await().atMost(Duration.ofSeconds(10)).until(() -> !queues.consumers(toHub()).isEmpty());
        consumersBefore = queues.consumers(toHub());
        acceptedBefore = accepted();
        deadBefore = queues.deadLettersAndExpired();
    }

    String toHub() {
        return "partner." + partner + ".to-hub";
    }

    String fromHub() {
        return "partner." + partner + ".from-hub";
    }

    long accepted() {
        return jdbc.queryForObject("select count(*) from messages where type <> 'EVIDENCE' and sender <> 'HUB'", Long.class);
    }

    /** A valid message of the partner's, signed by it. */
    byte[] valid() {
        return TestMessages.bytes(TestMessages.fresh("notice.json", partner, COURT));
    }

    /** Properties of a correctly signed message, plus the given ones. */
    Map<String, Object> signedPlus(byte[] body, Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(more);
        p.putIfAbsent("hubSignature", signers.sign(partner, body));
        return p;
    }

    DeliveryState sendRaw(Message m) {
        return RawAmqp.send(brokerPort, amqp.login(partner), toHub(), m);
    }

    /**
     * The rejection on from-hub has the code; it is kept in quarantine; nothing was accepted; the queue is empty, nothing
     * went to a dead-letter queue, the consumer is the same; a valid message sent next is accepted and delivered.
     */
    JsonNode assertRejectedAndPartnerServed(String code) throws Exception {
        TextMessage rejection = (TextMessage) amqp.receive(fromHub(), 15_000);
        assertThat(rejection).as("rejection on " + fromHub()).isNotNull();
        assertThat(rejection.getStringProperty("hubType")).isEqualTo("REJECTION");
        assertThat(rejection.getStringProperty("hubCode")).isEqualTo(code);
        JsonNode r = JSON.readTree(rejection.getText());
        assertThat(new ContractSchemas().load("rejection.schema.json").validate(r)).isEmpty();
        assertThat(r.get("code").asText()).isEqualTo(code);
        assertThat(r.get("detail").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from quarantine where quarantine_id = ? and source = ? and code = ?",
                Integer.class, r.get("quarantineId").asText(), partner, code)).isEqualTo(1);
        assertThat(accepted()).isEqualTo(acceptedBefore);
        assertPartnerServed();
        return r;
    }

    /** Nothing left behind, same consumer, and the partner's next valid message is accepted and delivered. */
    void assertPartnerServed() throws Exception {
        byte[] ok = valid();
        amqp.send(toHub(), new String(ok, StandardCharsets.UTF_8), Map.of("hubSignature", signers.sign(partner, ok)));
        TextMessage evidence = (TextMessage) amqp.receive(fromHub(), 15_000);
        assertThat(evidence).as("evidence of the valid message sent after").isNotNull();
        assertThat(evidence.getStringProperty("hubType")).isEqualTo("EVIDENCE");
        assertThat(JSON.readTree(evidence.getText()).at("/body/messageId").asText()).isEqualTo(TestMessages.messageId(ok));
        assertThat(JSON.readTree(evidence.getText()).at("/body/kind").asText()).isEqualTo("DELIVERED");
        acceptedBefore = accepted();
        assertThat(queues.depth(toHub())).isZero();
        assertThat(queues.deadLettersAndExpired()).isEqualTo(deadBefore);
        assertThat(queues.consumers(toHub())).isEqualTo(consumersBefore);
    }

    byte[] quarantined(JsonNode rejection) {
        return jdbc.queryForObject("select payload from quarantine where quarantine_id = ?", byte[].class,
                rejection.get("quarantineId").asText());
    }

    // ---- what the broker could not convert for the hub's CORE consumer: replaced by the guard, answered by the hub ----

    @Test
    void sequenceBodyIsRejectedAsMalformed() throws Exception {
        Message poison = RawAmqp.message(new AmqpSequence(List.of(UnsignedInteger.ONE, "x")), Map.of());
        assertThat(sendRaw(poison)).isInstanceOf(Accepted.class);
        JsonNode r = assertRejectedAndPartnerServed("MALFORMED");
        assertThat(r.get("detail").asText()).contains("amqp-sequence");
        assertThat(r.get("messageId").isNull()).isTrue();
        // the quarantine keeps the message as it arrived: its AMQP encoding
        assertThat(quarantined(r)).isEqualTo(RawAmqp.encode(poison));
    }

    @Test
    void listOfUintBodyIsRejectedAsMalformed() throws Exception {
        assertThat(sendRaw(RawAmqp.message(new AmqpValue(List.of(UnsignedInteger.ONE, UnsignedInteger.ZERO)), Map.of())))
                .isInstanceOf(Accepted.class);
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("amqp-value section holding a list");
    }

    @Test
    void mapAndListValueBodiesAreRejectedAsMalformed() throws Exception {
        sendRaw(RawAmqp.message(new AmqpValue(Map.of("messageId", UUID.randomUUID().toString())), Map.of()));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("holding a map");
        sendRaw(RawAmqp.message(new AmqpValue(List.of("a", "b")), Map.of()));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("holding a list");
        sendRaw(RawAmqp.message(new AmqpValue(42), Map.of()));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("holding a number");
    }

    @Test
    void listPropertyOnAValidMessageIsRejectedAsMalformed() throws Exception {
        byte[] body = valid();
        sendRaw(RawAmqp.data(body, signedPlus(body, Map.of("tags", List.of("a", "b")))));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText())
                .contains("'tags'").contains("a list");
    }

    @Test
    void timestampPropertyOnAValidMessageIsRejectedAsMalformed() throws Exception {
        byte[] body = valid();
        sendRaw(RawAmqp.text(new String(body, StandardCharsets.UTF_8), signedPlus(body, Map.of("sentAt", new Date()))));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText())
                .contains("'sentAt'").contains("a timestamp");
    }

    @Test
    void uuidAndMapPropertiesAreRejectedAsMalformed() throws Exception {
        byte[] body = valid();
        sendRaw(RawAmqp.data(body, signedPlus(body, Map.of("trace", UUID.randomUUID()))));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("a uuid");
        sendRaw(RawAmqp.data(body, signedPlus(body, Map.of("meta", Map.of("k", "v")))));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("a map");
    }

    @Test
    void nonNumericDeliveryTimeAnnotationIsRejectedAsMalformed() throws Exception {
        byte[] body = valid();
        Message m = RawAmqp.data(body, signedPlus(body, Map.of()));
        m.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-delivery-time"), "tomorrow")));
        sendRaw(m);
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("x-opt-delivery-time");
    }

    @Test
    void listHubSignatureIsRejectedAsSignatureInvalid() throws Exception {
        byte[] body = valid();
        sendRaw(RawAmqp.data(body, Map.of("hubSignature", List.of(signers.sign(partner, body)))));
        assertThat(assertRejectedAndPartnerServed("SIGNATURE_INVALID").get("detail").asText()).contains("hubSignature is a list");
    }

    @Test
    void messageFarOverTheLimitIsRejectedUnreadAsPayloadTooLarge() throws Exception {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) '{');
        sendRaw(RawAmqp.data(huge, Map.of("hubSignature", "c2ln")));
        JsonNode r = assertRejectedAndPartnerServed("PAYLOAD_TOO_LARGE");
        assertThat(r.get("detail").asText()).contains("bytes on the wire");
        // only the first bytes are kept (hub.partner.guard.kept-bytes)
        assertThat(quarantined(r).length).isPositive().isLessThanOrEqualTo(4096);
    }

    @Test
    void sectionsWhoseEncodingIsCutShortAreRejectedAsMalformed() throws Exception {
        byte[] encoded = RawAmqp.encode(RawAmqp.data(valid(), Map.of("hubSignature", "c2ln")));
        // the data section's last byte missing: the broker stores what it cannot decode
        assertThat(RawAmqp.sendEncoded(brokerPort, amqp.login(partner), toHub(), java.util.Arrays.copyOf(encoded, encoded.length - 1))).isInstanceOf(Accepted.class);
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText())
                .startsWith("The broker cannot decode this AMQP message: Binary data size");
    }

    @Test
    void bytesThatAreNoAmqpMessageAtAllNeverReachTheQueue() throws Exception {
        // refused by the broker's AMQP layer itself (it drops the connection): the sender is told, nothing is queued
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RawAmqp.sendEncoded(brokerPort, amqp.login(partner), toHub(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(RuntimeException.class);
        assertThat(queues.depth(toHub())).isZero();
        assertPartnerServed();
    }

    @Test
    void coreClientsLargeMessageFarOverTheLimitIsRejectedAsPayloadTooLarge() throws Exception {
        // a JMS partner on the CORE protocol: its large message is streamed to the broker, which stores it as a file
        try (jakarta.jms.Connection core = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + brokerPort, partner, amqp.login(partner).password()).createConnection()) {
            jakarta.jms.Session session = core.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.BytesMessage m = session.createBytesMessage();
            m.writeBytes(new byte[3 * 1024 * 1024]);
            m.setStringProperty("hubSignature", "c2ln");
            session.createProducer(session.createQueue(toHub())).send(m);
        }
        JsonNode r = assertRejectedAndPartnerServed("PAYLOAD_TOO_LARGE");
        assertThat(quarantined(r).length).isEqualTo(4096);
    }

    @Test
    void aReplacedMessageInAPartnersTransactionIsAnsweredOnlyIfItCommits() throws Exception {
        try (jakarta.jms.Connection c = amqp.factory(amqp.login(partner)).createConnection()) {
            jakarta.jms.Session tx = c.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            jakarta.jms.MessageProducer producer = tx.createProducer(tx.createQueue(toHub()));
            jakarta.jms.MapMessage rolledBack = tx.createMapMessage();
            rolledBack.setString("attempt", "rolled back");
            producer.send(rolledBack);
            tx.rollback();
            // the guard's notice was routed in the partner's transaction: rolled back with it, nothing to answer
            assertThat(amqp.receive(fromHub(), 1_000)).isNull();
            jakarta.jms.MapMessage committed = tx.createMapMessage();
            committed.setString("attempt", "committed");
            producer.send(committed);
            tx.commit();
        }
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("holding a map (1 entry)");
    }

    // ---- what converts, but is no message: refused by the hub's partner route ----

    @Test
    void binaryHubSignatureIsRejectedAsSignatureInvalidNamingTheMessage() throws Exception {
        byte[] body = valid();
        sendRaw(RawAmqp.data(body, Map.of("hubSignature", new Binary(java.util.Base64.getDecoder().decode(signers.sign(partner, body))))));
        JsonNode r = assertRejectedAndPartnerServed("SIGNATURE_INVALID");
        assertThat(r.get("detail").asText()).contains("hubSignature is binary");
        assertThat(r.get("messageId").asText()).isEqualTo(TestMessages.messageId(body));
    }

    @Test
    void intHubSignatureIsRejectedAsSignatureInvalid() throws Exception {
        byte[] body = valid();
        amqp.send(toHub(), s -> {
            jakarta.jms.TextMessage m = s.createTextMessage(new String(body, StandardCharsets.UTF_8));
            m.setIntProperty("hubSignature", 42);
            return m;
        });
        assertThat(assertRejectedAndPartnerServed("SIGNATURE_INVALID").get("detail").asText()).contains("hubSignature is a number");
    }

    @Test
    void messageWithoutBodyAndEmptyStringAreRejectedAsMalformed() throws Exception {
        sendRaw(RawAmqp.message(null, Map.of()));
        assertRejectedAndPartnerServed("MALFORMED");
        sendRaw(RawAmqp.text("", Map.of()));
        assertRejectedAndPartnerServed("MALFORMED");
    }

    @Test
    void jmsObjectMapAndStreamMessagesAreRejectedAsMalformed() throws Exception {
        amqp.send(toHub(), s -> s.createObjectMessage(new ArrayList<>(List.of("not", "deserialized"))));
        assertThat(assertRejectedAndPartnerServed("MALFORMED").get("detail").asText()).contains("object message");
        amqp.send(toHub(), s -> {
            jakarta.jms.MapMessage m = s.createMapMessage();
            m.setString("messageId", UUID.randomUUID().toString());
            return m;
        });
        assertRejectedAndPartnerServed("MALFORMED");
        amqp.send(toHub(), s -> {
            jakarta.jms.StreamMessage m = s.createStreamMessage();
            m.writeString("{}");
            m.writeInt(1);
            return m;
        });
        assertRejectedAndPartnerServed("MALFORMED");
    }

    // ---- what the hub reads and takes ----

    @Test
    void binaryAndOtherConvertiblePropertiesBesideTheSignatureAreIgnored() throws Exception {
        byte[] body = valid();
        sendRaw(RawAmqp.data(body, signedPlus(body, Map.of("blob", new Binary(new byte[] {1, 2, 3}), "n", UnsignedInteger.valueOf(7)))));
        TextMessage evidence = (TextMessage) amqp.receive(fromHub(), 15_000);
        assertThat(evidence).isNotNull();
        assertThat(JSON.readTree(evidence.getText()).at("/body/messageId").asText()).isEqualTo(TestMessages.messageId(body));
        acceptedBefore = accepted();
        assertPartnerServed();
    }

    @Test
    void aPartnersOwnGuardPropertiesAreRemovedNotObeyed() throws Exception {
        byte[] body = valid();
        sendRaw(RawAmqp.data(body, signedPlus(body, Map.of(PartnerIntakeGuard.CODE, "MALFORMED", PartnerIntakeGuard.DETAIL, "forged"))));
        TextMessage evidence = (TextMessage) amqp.receive(fromHub(), 15_000);
        assertThat(evidence).isNotNull();
        assertThat(evidence.getStringProperty("hubType")).isEqualTo("EVIDENCE");
        assertThat(JSON.readTree(evidence.getText()).at("/body/messageId").asText()).isEqualTo(TestMessages.messageId(body));
    }

    // ---- the hub's own failure is not the message's: rolled back, redelivered, taken later ----

    @Test
    void aDatabaseFailureRollsTheMessageBackAndItIsTakenOnceTheDatabaseAnswers() throws Exception {
        byte[] body = valid();
        String id = TestMessages.messageId(body);
        try (Connection holder = dataSource.getConnection()) {
            // an uncommitted row under the same messageId: the intake's insert waits for its lock and times out (H2: 1 s)
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("insert into messages (message_id, type, sender, recipient, case_id,"
                    + " ingress_channel, status, payload, payload_sha256, received_at, attempts)"
                    + " values (?, 'NOTICE', ?, ?, 'IT-LOCK', 'QUEUE', 'ACCEPTED', X'00', ?, current_timestamp, 0)")) {
                lock.setString(1, id);
                lock.setString(2, partner);
                lock.setString(3, COURT);
                lock.setString(4, "0".repeat(64));
                lock.executeUpdate();
            }
            amqp.send(toHub(), new String(body, StandardCharsets.UTF_8), Map.of("hubSignature", signers.sign(partner, body)));
            // rolled back, not consumed: the broker holds it for its redelivery delay
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> queues.scheduled(toHub()) == 1);
            holder.rollback();
        }
        TextMessage evidence = (TextMessage) amqp.receive(fromHub(), 20_000);
        assertThat(evidence).as("the message's evidence, and no rejection before it").isNotNull();
        assertThat(evidence.getStringProperty("hubType")).isEqualTo("EVIDENCE");
        assertThat(JSON.readTree(evidence.getText()).at("/body/messageId").asText()).isEqualTo(id);
        assertThat(jdbc.queryForObject("select count(*) from quarantine where message_id = ?", Integer.class, id)).isZero();
        assertThat(queues.depth(toHub())).isZero();
        assertThat(queues.consumers(toHub())).isEqualTo(consumersBefore);
    }

    @Test
    void aMessageTheHubFailsOnEveryTimeIsAnsweredInternalErrorAfterItsAttemptsAndKept() throws Exception {
        // a failure of the hub on this very message that no redelivery cures: the database refuses its case row
        ObjectNode poison = TestMessages.fresh("notice.json", partner, COURT, m -> m.put("caseId", "IT-POISON-" + UUID.randomUUID().toString().substring(0, 8)));
        byte[] body = TestMessages.bytes(poison);
        jdbc.execute("alter table cases add constraint it_poison_case check (case_id not like 'IT-POISON-%')");
        try {
            amqp.send(toHub(), new String(body, StandardCharsets.UTF_8), Map.of("hubSignature", signers.sign(partner, body)));
            // delivered hub.partner.unexpected-failure-attempts (3) times, then answered
            JsonNode r = assertRejectedAndPartnerServed("INTERNAL_ERROR");
            assertThat(quarantined(r)).isEqualTo(body);
        } finally {
            jdbc.execute("alter table cases drop constraint it_poison_case");
        }
    }

    @Test
    void aMessageWhoseTimeToLivePassedOnTheQueueIsStillAnswered() throws Exception {
        // a partner the hub does not listen to yet: its message waits on the queue past its 1 ms time-to-live
        String late = "PL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String address = "partner." + late + ".to-hub";
        Message m = RawAmqp.data(TestMessages.bytes(TestMessages.fresh("notice.json", late, COURT)), Map.of());
        m.setTtl(1);
        // put there with the hub's own account: a partner has a broker account only once it is in the registry, and then
        // the hub listens within the refresh interval (500 ms in tests), before the message could wait
        assertThat(RawAmqp.send(brokerPort, hubLogin(), address, m)).isInstanceOf(Accepted.class);
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> queues.depth(address) == 1);
        registry.upsert(new Participant(late, Kind.PARTNER, "测试合作机构", "100000", null, Channel.QUEUE, null, Status.ACTIVE));
        partnerInbox.refresh();
        // never expired to the expiry address: taken and answered (it is unsigned)
        TextMessage rejection = (TextMessage) amqp.receive("partner." + late + ".from-hub", 15_000);
        assertThat(rejection).isNotNull();
        assertThat(rejection.getStringProperty("hubCode")).isEqualTo("SIGNATURE_MISSING");
        // the consumer commits right after it sent the rejection
        await().atMost(Duration.ofSeconds(5)).until(() -> queues.depth(address) == 0);
        assertThat(queues.deadLettersAndExpired()).isEqualTo(deadBefore);
    }

    @Test
    void everyPoisonKindInARowLeavesThePartnersQueueServed() throws Exception {
        byte[] body = valid();
        List<Message> poison = List.of(
                RawAmqp.message(new AmqpSequence(List.of(UnsignedInteger.ONE)), Map.of()),
                RawAmqp.data(body, signedPlus(body, Map.of("when", new Date()))),
                RawAmqp.data(body, Map.of("hubSignature", new Binary(new byte[] {1}))),
                RawAmqp.message(new AmqpValue(List.of(UnsignedInteger.ZERO)), Map.of()));
        for (Message m : poison) {
            sendRaw(m);
        }
        for (int i = 0; i < poison.size(); i++) {
            TextMessage rejection = (TextMessage) amqp.receive(fromHub(), 15_000);
            assertThat(rejection).as("rejection " + (i + 1)).isNotNull();
            assertThat(rejection.getStringProperty("hubType")).isEqualTo("REJECTION");
        }
        assertThat(accepted()).isEqualTo(acceptedBefore);
        assertPartnerServed();
    }
}
