package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.contract.MessageValidator;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Reads a partner's JMS message for the intake: its payload bytes and its hubSignature, nothing else. What cannot be a
 * canonical message is refused here with a precise code (a HubException, answered by partner-intake-errors): the broker
 * guard's notice of a message it replaced, a map, object or stream message (never deserialized), a body over the size
 * limit (refused before it is read), a hubSignature that is not a string.
 */
@Component("partnerMessageBody")
public class PartnerMessageBody {
    private final MessageValidator validator;

    PartnerMessageBody(MessageValidator validator) {
        this.validator = validator;
    }

    /**
     * In: the JMS message as body (mapJmsMessage=false). Out: the payload bytes as body and exchange property
     * hubRawPayload (for quarantine, also when refused), the signature as header hubSignature (a string, or none).
     */
    public void read(Exchange exchange) throws JMSException {
        Message jms = exchange.getIn().getBody(Message.class);
        exchange.setProperty(PartnerIntakeFailures.DELIVERY_COUNT, jms.getIntProperty("JMSXDeliveryCount"));
        exchange.setProperty(ChannelHeaders.RAW_PAYLOAD, new byte[0]);
        if (jms.propertyExists(PartnerIntakeGuard.CODE)) {
            // made by the broker's guard (partners' own such properties are removed at the door)
            exchange.setProperty(ChannelHeaders.RAW_PAYLOAD, bytesOf((BytesMessage) jms));
            throw new HubException(noticeCode(jms.getStringProperty(PartnerIntakeGuard.CODE)), jms.getStringProperty(PartnerIntakeGuard.DETAIL));
        }
        byte[] payload = payload(jms);
        exchange.setProperty(ChannelHeaders.RAW_PAYLOAD, payload);
        exchange.getIn().setBody(payload);
        Object signature = jms.getObjectProperty(ChannelHeaders.SIGNATURE);
        if (signature == null || signature instanceof String) {
            exchange.getIn().setHeader(ChannelHeaders.SIGNATURE, signature);
            return;
        }
        // the message is judged first as every channel does (size, JSON, schema), so the refusal can name its messageId
        String messageId = validator.validate(payload).messageId();
        throw new HubException(ErrorCode.SIGNATURE_INVALID, "The application property hubSignature is " + PartnerMessageCheck.kind(signature)
                + "; send it as a string: the base64 DER of a detached CMS signature over the exact payload bytes.", messageId, List.of());
    }

    /** Text as UTF-8 bytes, bytes as they are (refused unread when over the limit); any other kind of message is refused. */
    private byte[] payload(Message jms) throws JMSException {
        try {
            if (jms instanceof TextMessage text) {
                String s = text.getText();
                return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
            }
            if (jms instanceof BytesMessage bytes) {
                if (bytes.getBodyLength() > validator.maxPayloadBytes()) {
                    throw validator.tooLarge(bytes.getBodyLength());
                }
                return bytesOf(bytes);
            }
        } catch (MessageFormatException | MessageEOFException | RuntimeException unreadable) {
            if (unreadable instanceof HubException refusal) {
                throw refusal;
            }
            throw new HubException(ErrorCode.MALFORMED, "The message body cannot be read (" + unreadable.getClass().getSimpleName()
                    + "); send the canonical message as UTF-8 JSON in a string (text) body or one data (bytes) section.");
        }
        throw new HubException(ErrorCode.MALFORMED, "The message is " + kind(jms)
                + "; send the canonical message as UTF-8 JSON in a string (text) body or one data (bytes) section.");
    }

    private static ErrorCode noticeCode(String code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        return ErrorCode.MALFORMED;
    }

    private static byte[] bytesOf(BytesMessage bytes) throws JMSException {
        byte[] b = new byte[(int) Math.min(bytes.getBodyLength(), Integer.MAX_VALUE)];
        bytes.readBytes(b);
        return b;
    }

    private static String kind(Message jms) {
        if (jms instanceof MapMessage) {
            return "a map message";
        }
        if (jms instanceof ObjectMessage) {
            return "an object message (serialized Java, never read by the hub)";
        }
        if (jms instanceof StreamMessage) {
            return "a stream message";
        }
        return "a message without a body";
    }
}
