package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.error.ErrorCode;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPLargeMessage;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPStandardMessage;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Decimal128;
import org.apache.qpid.proton.amqp.Decimal32;
import org.apache.qpid.proton.amqp.Decimal64;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.UnsignedShort;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.codec.ReadableBuffer;

/**
 * Decides, inside the broker, whether a message sent to a partner's to-hub address can reach the hub as it is, and if
 * not, why (the code and detail of its rejection). The hub's consumer is a CORE (JMS) client: the broker converts each
 * AMQP message to CORE when it hands it over, and a message it cannot convert makes the broker remove the consumer
 * (AMQ222151) and keep the message at the head of the queue, for ever (AmqpCoreConverter in Artemis 2.40: a sequence or
 * list body with items such as uint, a list/map/timestamp/uuid application property, a non-numeric x-opt-delivery-time
 * annotation). Such messages, bodies the hub never reads as a message (sequence, list, map, number...) and messages far
 * over the size limit are refused here; everything the CORE conversion takes goes on to the hub, which checks the rest.
 */
final class PartnerMessageCheck {
    /** The annotations AmqpCoreConverter casts to a number. */
    private static final List<String> NUMERIC_ANNOTATIONS = List.of("x-opt-delivery-time", "x-opt-delivery-delay", "x-opt-ingress-time");

    private final long maxMessageBytes;
    private final int maxPayloadBytes;

    /**
     * @param maxPayloadBytes hub.intake.max-payload-bytes, the limit the hub applies to the payload itself
     * @param envelopeBytes what a message may carry besides its payload (headers, properties: hubSignature alone may be
     * 16000 characters); the guard refuses messages over the sum, the hub the payloads over the limit
     */
    PartnerMessageCheck(int maxPayloadBytes, int envelopeBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxMessageBytes = (long) maxPayloadBytes + envelopeBytes;
    }

    /** A refusal: the error code and the detail the rejection tells the partner. */
    record Refusal(ErrorCode code, String detail) {
    }

    /** Null when the message may go on to the hub; otherwise why it may not. */
    Refusal check(Message message) {
        long size = message.getWholeMessageSize();
        if (size > maxMessageBytes) {
            return new Refusal(ErrorCode.PAYLOAD_TOO_LARGE, "The message is " + size + " bytes on the wire; a partner message may be at most "
                    + maxMessageBytes + " bytes (a payload of at most " + maxPayloadBytes + " bytes, and its properties). Send large documents as attachments by URI.");
        }
        if (!(message instanceof AMQPMessage amqp)) {
            // CORE messages reach the hub's CORE consumer as they are: the hub refuses what it cannot read
            return null;
        }
        try {
            return check(readable(amqp));
        } catch (RuntimeException undecodable) {
            return new Refusal(ErrorCode.MALFORMED, "The broker cannot decode this AMQP message: " + reason(undecodable) + ".");
        }
    }

    private Refusal check(AMQPMessage amqp) {
        Section body = amqp.getBody();
        if (!(body == null || body instanceof Data || body instanceof AmqpValue value
                && (value.getValue() == null || value.getValue() instanceof String || value.getValue() instanceof Binary))) {
            return new Refusal(ErrorCode.MALFORMED, "The message body is " + describe(body)
                    + "; send the canonical message as UTF-8 JSON in a string (amqp-value) body or one data section.");
        }
        ApplicationProperties properties = amqp.getApplicationProperties();
        if (properties != null && properties.getValue() != null) {
            for (Map.Entry<?, ?> p : ((Map<?, ?>) properties.getValue()).entrySet()) {
                if (!convertible(p.getValue())) {
                    String name = String.valueOf(p.getKey());
                    if ("hubSignature".equals(name)) {
                        return new Refusal(ErrorCode.SIGNATURE_INVALID, "The application property hubSignature is " + kind(p.getValue())
                                + "; send it as a string: the base64 DER of a detached CMS signature over the exact payload bytes.");
                    }
                    return new Refusal(ErrorCode.MALFORMED, "The application property '" + name + "' is " + kind(p.getValue())
                            + ", which the broker cannot hand to the hub; a partner message may carry only string, number, boolean, char or binary properties (the hub reads only hubSignature, a string).");
                }
            }
        }
        MessageAnnotations annotations = amqp.getMessageAnnotations();
        if (annotations != null && annotations.getValue() != null) {
            for (String name : NUMERIC_ANNOTATIONS) {
                Object v = annotations.getValue().get(Symbol.valueOf(name));
                if (v != null && !(v instanceof Number)) {
                    return new Refusal(ErrorCode.MALFORMED, "The message annotation " + name + " is " + kind(v) + "; it must be a number.");
                }
            }
        }
        try {
            // the conversion the broker makes when it hands the message to the hub: whatever else it cannot convert
            amqp.toCore();
        } catch (RuntimeException unconvertible) {
            return new Refusal(ErrorCode.MALFORMED, "The broker cannot convert this AMQP message for the hub: " + reason(unconvertible) + ".");
        }
        return null;
    }

    /** A large AMQP message (over the AMQP acceptor's 100 KiB) is a file: read whole (it is within the size limit) to check it. */
    private static AMQPMessage readable(AMQPMessage amqp) {
        if (amqp instanceof AMQPLargeMessage large) {
            ReadableBuffer data = large.getData();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return new AMQPStandardMessage(large.getMessageFormat(), bytes, null);
        }
        return amqp;
    }

    /** Whether AmqpCoreConverter can make a CORE property of the value (TypedProperties' types, after its own conversions). */
    static boolean convertible(Object v) {
        return v == null || v instanceof String || v instanceof Boolean || v instanceof Byte || v instanceof Short
                || v instanceof Integer || v instanceof Long || v instanceof Float || v instanceof Double || v instanceof Character
                || v instanceof Binary || v instanceof Symbol || v instanceof UnsignedByte || v instanceof UnsignedShort
                || v instanceof UnsignedInteger || v instanceof UnsignedLong || v instanceof Decimal32 || v instanceof Decimal64
                || v instanceof Decimal128;
    }

    /** What a body section is, for a rejection's detail. */
    static String describe(Section body) {
        if (body instanceof AmqpSequence) {
            return "an amqp-sequence section";
        }
        if (body instanceof AmqpValue value) {
            return "an amqp-value section holding " + kind(value.getValue());
        }
        return "a " + body.getClass().getSimpleName() + " section";
    }

    /** What an AMQP value is, for a rejection's detail. */
    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List<?> l) {
            return "a list (" + l.size() + (l.size() == 1 ? " item)" : " items)");
        }
        if (v instanceof Map<?, ?> m) {
            return "a map (" + m.size() + (m.size() == 1 ? " entry)" : " entries)");
        }
        if (v instanceof Date) {
            return "a timestamp";
        }
        if (v instanceof UUID) {
            return "a uuid";
        }
        if (v instanceof Binary || v instanceof byte[]) {
            return "binary";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Symbol) {
            return "a symbol";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Character) {
            return "a char";
        }
        if (v instanceof Number) {
            return "a number (" + v.getClass().getSimpleName() + ")";
        }
        if (v.getClass().isArray()) {
            return "an array";
        }
        if (v instanceof DescribedType) {
            return "a described type";
        }
        return "a " + v.getClass().getSimpleName();
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
