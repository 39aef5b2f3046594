package cn.courtmediation.hub.partner;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** The bytes of a partner's JMS message, as the partner-intake route hands them to the intake. */
@Component("partnerMessageBody")
public class PartnerMessageBody {

    /** Text as UTF-8 bytes, bytes as they are; a map, object or stream message cannot be a JSON message: no bytes (MALFORMED). */
    public byte[] bytes(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            String s = text.getText();
            return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            byte[] b = new byte[(int) Math.min(bytes.getBodyLength(), Integer.MAX_VALUE)];
            bytes.readBytes(b);
            return b;
        }
        return new byte[0];
    }
}
