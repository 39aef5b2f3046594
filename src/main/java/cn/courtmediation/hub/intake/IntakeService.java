package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The canonical intake step every channel shares: registry checks, then the atomic store, then a receipt. */
@Component("intakeService")
public class IntakeService {
    private final Registry registry;
    private final MessageStore store;

    IntakeService(Registry registry, MessageStore store) {
        this.registry = registry;
        this.store = store;
    }

    /** Body: a validated Envelope. Afterwards: body a Receipt, headers hubMessageId and hubDuplicate. */
    public void accept(Exchange exchange) {
        Message in = exchange.getMessage();
        Envelope e = in.getBody(Envelope.class);
        String expectedSender = in.getHeader(IntakeHeaders.EXPECTED_SENDER, String.class);
        if (expectedSender != null && !expectedSender.equals(e.sender())) {
            throw refusal(ErrorCode.SENDER_MISMATCH, "The message names sender " + e.sender()
                    + " but arrived on the address of " + expectedSender + "; a participant sends only as itself.", e);
        }
        if (registry.find(e.sender()).isEmpty()) {
            throw refusal(ErrorCode.UNKNOWN_SENDER, "Sender " + e.sender() + " is not in the hub registry.", e);
        }
        if (registry.find(e.recipient()).isEmpty()) {
            throw refusal(ErrorCode.UNKNOWN_RECIPIENT, "Recipient " + e.recipient()
                    + " is not in the hub registry; check the participant code (upper case, e.g. C110105 or PBOC).", e);
        }
        MessageStore.Accepted accepted = store.accept(e,
                in.getHeader(IntakeHeaders.INGRESS, String.class), in.getHeader(IntakeHeaders.SIGNATURE, String.class));
        StoredMessage m = accepted.message();
        in.setHeader(IntakeHeaders.MESSAGE_ID, m.messageId());
        in.setHeader(IntakeHeaders.DUPLICATE, accepted.duplicate());
        in.setBody(new Receipt(m.messageId(), m.caseId(), "ACCEPTED",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(m.receivedAt()), m.payloadSha256(), accepted.duplicate()));
    }

    private static HubException refusal(ErrorCode code, String detail, Envelope e) {
        return new HubException(code, detail, e.messageId(), List.of());
    }
}
