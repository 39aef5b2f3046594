package cn.courtmediation.hub.hostile;

import cn.courtmediation.hub.support.RawAmqp;
import cn.courtmediation.hub.support.TestMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * AMQP types the broker cannot hand to the hub's CORE consumer (issue 12 item 2), sent with a raw AMQP 1.0 client: each
 * gets a REJECTION and is removed, and a valid message right after it is accepted (the consumer was not removed). Before
 * the partner queues' broker guard, a list or timestamp property made the broker drop the hub's consumer and keep the
 * message at the head of the queue; a binary hubSignature was redelivered for minutes and then dead-lettered.
 * PartnerPoisonMessagesIT checks each kind in depth (quarantine, queue depth, DLQ, consumer id).
 */
class QueueHostileIT extends HostileInputIT {

    @Override
    @TestFactory
    Stream<DynamicNode> rest() {
        return Stream.empty();
    }

    @Override
    @TestFactory
    Stream<DynamicNode> soap() {
        return Stream.empty();
    }

    @Override
    @TestFactory
    Stream<DynamicNode> amqp() throws Exception {
        Parties p = parties(Ch.AMQP);
        List<DynamicNode> t = new ArrayList<>();
        raw(t, p, "an AMQP sequence body", "MALFORMED",
                () -> RawAmqp.message(new AmqpSequence(List.of(UnsignedInteger.ONE, "x")), Map.of()));
        raw(t, p, "an amqp-value body holding a list of uint", "MALFORMED",
                () -> RawAmqp.message(new AmqpValue(List.of(UnsignedInteger.ONE, UnsignedInteger.ZERO)), Map.of()));
        raw(t, p, "a signed message with an application property of type list", "MALFORMED",
                () -> signed(p, Map.of("tags", List.of("a", "b"))));
        raw(t, p, "a signed message with an application property of type timestamp", "MALFORMED",
                () -> signed(p, Map.of("sentAt", new Date())));
        raw(t, p, "hubSignature of binary type (the signature's DER bytes)", "SIGNATURE_INVALID", () -> {
            byte[] body = TestMessages.bytes(p.notice());
            return RawAmqp.data(body, Map.of("hubSignature", new Binary(Base64.getDecoder().decode(p.own.sign(body)))));
        });
        t.add(test("afterwards: a valid message on the same address is accepted and delivered", () -> assertStillServed(p, p.notice())));
        return t.stream();
    }

    private Message signed(Parties p, Map<String, Object> extra) throws Exception {
        byte[] body = TestMessages.bytes(p.notice());
        Map<String, Object> props = new java.util.HashMap<>(extra);
        props.put("hubSignature", p.own.sign(body));
        return RawAmqp.text(new String(body, StandardCharsets.UTF_8), props);
    }

    private void raw(List<DynamicNode> t, Parties p, String name, String code, MessageMaker maker) {
        t.add(test("AMQP: " + name + " -> REJECTION " + code + ", queue not blocked", () -> assertRefused(code, () -> {
            RawAmqp.send(brokerPort, amqp.login(p.sender), "partner." + p.sender + ".to-hub", maker.make());
            return queueCode(p.sender);
        })));
    }

    /** Builds the raw AMQP message of one case. */
    @FunctionalInterface
    interface MessageMaker {
        Message make() throws Exception;
    }
}
