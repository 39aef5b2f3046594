package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import cn.courtmediation.hub.trust.HubSigner;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prepares one queued message for delivery: loads it from the store (the source of truth), skips it
 * when it was already delivered (at-least-once queueing, exactly-once handing over), and looks up the
 * recipient's channel and endpoint in the registry.
 */
@Component("deliveryPlanner")
public class DeliveryPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPlanner.class);
    public static final String PAYLOAD_PROPERTY = "hubPayload";
    static final String STORED_PROPERTY = "hubStoredMessage";
    private final MessageStore store;
    private final Registry registry;
    private final HubSigner signer;

    DeliveryPlanner(MessageStore store, Registry registry, HubSigner signer) {
        this.store = store;
        this.registry = registry;
        this.signer = signer;
    }

    /** Body in: the messageId. Body out: the exact payload bytes; headers: see DeliveryHeaders. */
    public void plan(Exchange exchange) {
        Message in = exchange.getMessage();
        String messageId = in.getBody(String.class).trim();
        in.removeHeaders("*");
        in.setHeader(DeliveryHeaders.MESSAGE_ID, messageId);
        StoredMessage m = store.find(messageId).orElseThrow(() ->
                new IllegalStateException("Queued message " + messageId + " is not in the store"));
        if (m.finished()) {
            LOG.info("Message {} is already {}; queue entry skipped", messageId, m.status());
            in.setHeader(DeliveryHeaders.SKIP, true);
            return;
        }
        Participant recipient = registry.find(m.recipient()).orElseThrow(() -> new HubException(ErrorCode.UNKNOWN_RECIPIENT,
                "Recipient " + m.recipient() + " left the registry after the message was accepted", messageId, java.util.List.of()));
        if (!recipient.active()) {
            // parked, not lost: released in order when the recipient resumes (MessageRelease)
            store.park(messageId, "RECIPIENT_SUSPENDED: " + recipient.code() + " is suspended; the message waits until it resumes");
            LOG.info("Message {} parked: recipient {} is suspended", messageId, recipient.code());
            in.setHeader(DeliveryHeaders.SKIP, true);
            return;
        }
        in.setHeader(DeliveryHeaders.SKIP, false);
        in.setHeader(DeliveryHeaders.TYPE, m.type());
        in.setHeader(DeliveryHeaders.SENDER, m.sender());
        in.setHeader(DeliveryHeaders.RECIPIENT, m.recipient());
        in.setHeader(DeliveryHeaders.CASE_ID, m.caseId());
        // a fan-out's children carry the same bytes to thousands of recipients: one hub signature serves them all
        in.setHeader(DeliveryHeaders.SIGNATURE, m.fanoutId() != null ? signer.signShared(m.payload(), m.payloadSha256())
                : signer.sign(m.payload()));
        if (m.senderSignature() != null) {
            in.setHeader(DeliveryHeaders.SENDER_SIGNATURE, m.senderSignature());
        }
        if (m.documentReport() != null) {
            in.setHeader(DeliveryHeaders.DOCUMENT_REPORT, Base64.getEncoder().encodeToString(m.documentReport()));
        }
        in.setHeader(DeliveryHeaders.CHANNEL, recipient.channel().name());
        in.setHeader(DeliveryHeaders.ENDPOINT, recipient.endpoint());
        in.setBody(m.payload());
        // each channel route starts from this copy, so a retried attempt never sees a previous attempt's body
        exchange.setProperty(PAYLOAD_PROPERTY, m.payload());
        // the outcome (delivered or failed) records its evidence from this row rather than reading it again
        exchange.setProperty(STORED_PROPERTY, m);
    }
}
