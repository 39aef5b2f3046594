package cn.courtmediation.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.support.RawAmqp;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPStandardMessage;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;

/** What the broker's guard lets through to the hub and what it refuses, on messages as the AMQP acceptor stores them. */
class PartnerMessageCheckTest {
    private final PartnerMessageCheck check = new PartnerMessageCheck(1000, 500);

    private static AMQPStandardMessage stored(Message m) {
        return new AMQPStandardMessage(0, RawAmqp.encode(m), null);
    }

    private PartnerMessageCheck.Refusal verdict(Message m) {
        return check.check(stored(m));
    }

    @Test
    void passesStringAndDataBodiesWithConvertibleProperties() {
        Map<String, Object> props = Map.of("hubSignature", "c2ln", "n", UnsignedInteger.ONE, "big", UnsignedLong.valueOf(7),
                "flag", true, "blob", new Binary(new byte[] {1}), "sym", Symbol.valueOf("s"), "c", 'x');
        assertThat(verdict(RawAmqp.text("{}", props))).isNull();
        assertThat(verdict(RawAmqp.data("{}".getBytes(StandardCharsets.UTF_8), props))).isNull();
        assertThat(verdict(RawAmqp.message(new AmqpValue(new Binary(new byte[] {'{', '}'})), Map.of()))).isNull();
    }

    @Test
    void passesAMessageWithoutBodyForTheHubToRefuseAsEmpty() {
        assertThat(verdict(RawAmqp.message(null, Map.of()))).isNull();
    }

    @Test
    void refusesEveryOtherBodyAsMalformedNamingIt() {
        assertThat(verdict(RawAmqp.message(new AmqpSequence(List.of(UnsignedInteger.ONE)), Map.of())))
                .isEqualTo(new PartnerMessageCheck.Refusal(ErrorCode.MALFORMED,
                        "The message body is an amqp-sequence section; send the canonical message as UTF-8 JSON in a string (amqp-value) body or one data section."));
        assertThat(verdict(RawAmqp.message(new AmqpValue(List.of(UnsignedInteger.ONE)), Map.of())).detail()).contains("holding a list (1 item)");
        assertThat(verdict(RawAmqp.message(new AmqpValue(Map.of("a", "b")), Map.of())).detail()).contains("holding a map (1 entry)");
        assertThat(verdict(RawAmqp.message(new AmqpValue(3.5), Map.of())).detail()).contains("holding a number (Double)");
        assertThat(verdict(RawAmqp.message(new AmqpValue(new Date()), Map.of())).detail()).contains("holding a timestamp");
    }

    @Test
    void refusesPropertiesTheCoreConversionCannotTake() {
        for (Object bad : List.of(List.of("a"), Map.of("k", "v"), new Date(), UUID.randomUUID())) {
            PartnerMessageCheck.Refusal r = verdict(RawAmqp.text("{}", Map.of("extra", bad)));
            assertThat(r.code()).as(bad.getClass().getName()).isEqualTo(ErrorCode.MALFORMED);
            assertThat(r.detail()).contains("'extra'");
        }
    }

    @Test
    void refusesAnUnconvertibleHubSignatureAsSignatureInvalid() {
        PartnerMessageCheck.Refusal r = verdict(RawAmqp.text("{}", Map.of("hubSignature", List.of("c2ln"))));
        assertThat(r.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
        assertThat(r.detail()).startsWith("The application property hubSignature is a list (1 item)");
    }

    @Test
    void refusesNonNumericSchedulingAnnotations() {
        Message m = RawAmqp.text("{}", Map.of());
        m.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-delivery-delay"), "soon")));
        assertThat(verdict(m).detail()).isEqualTo("The message annotation x-opt-delivery-delay is a string; it must be a number.");
        m.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-delivery-delay"), 10L)));
        assertThat(verdict(m)).isNull();
    }

    @Test
    void refusesAMessageOverPayloadPlusEnvelopeAsPayloadTooLarge() {
        assertThat(verdict(RawAmqp.data(new byte[1400], Map.of()))).isNull();
        PartnerMessageCheck.Refusal r = verdict(RawAmqp.data(new byte[1500], Map.of()));
        assertThat(r.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(r.detail()).contains("at most 1500 bytes");
    }

    @Test
    void judgesCoreMessagesBySizeOnly() {
        CoreMessage small = new CoreMessage(1, 100);
        small.putObjectProperty("hubSignature", new byte[] {1});
        assertThat(check.check(small)).isNull();
        CoreMessage big = new CoreMessage(2, 3000);
        big.getBodyBuffer().writeBytes(new byte[2000]);
        assertThat(check.check(big).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void guardsExactlyThePartnersToHubAddresses() {
        PartnerIntakeGuard guard = new PartnerIntakeGuard("partner.%s.to-hub", check, 100);
        assertThat(guard.guards(SimpleString.of("partner.PBOC.to-hub"))).isTrue();
        assertThat(guard.guards(SimpleString.of("partner.PBOC.to-hub::partner.PBOC.to-hub"))).isTrue();
        assertThat(guard.guards(SimpleString.of("partner.PBOC.from-hub"))).isFalse();
        assertThat(guard.guards(SimpleString.of("partner.A.B.to-hub"))).isFalse();
        assertThat(guard.guards(SimpleString.of("hub.outbound"))).isFalse();
        assertThat(guard.guards(null)).isFalse();
    }
}
