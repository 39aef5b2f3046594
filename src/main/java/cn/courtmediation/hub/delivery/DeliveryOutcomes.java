package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import cn.courtmediation.hub.store.HubOutbox;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.trust.EvidencePush;
import cn.courtmediation.hub.trust.Evidences;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import cn.courtmediation.hub.store.StoredMessage;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Records how a delivery ended: DELIVERED, or FAILED after the retries with the last error (then a dead letter, GET /admin/dead-letters). */
@Component("deliveryOutcomes")
public class DeliveryOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private final MessageStore store;
    private final Evidences evidences;
    private final EvidencePush push;
    private final TransactionTemplate tx;

    DeliveryOutcomes(MessageStore store, Evidences evidences, EvidencePush push, TransactionTemplate tx) {
        this.store = store;
        this.evidences = evidences;
        this.push = push;
        this.tx = tx;
    }

    /**
     * Queued for the recipient: RELAYED, with its evidence (once, even if the sweep queues it again). The mark and the
     * evidence are one transaction, so the row stays locked until the evidence is stored: a delivery that overtook the
     * relay (delivered) waits for it, and its DELIVERED evidence is always the later one.
     */
    public List<String> relayed(String messageId) {
        return relayedAll(List.of(messageId));
    }

    /**
     * A batch the relay queued in one broker transaction: RELAYED with their evidences in one database transaction
     * (one commit instead of one per message). Answers the evidence messages pushed to the senders, to relay.
     */
    public List<String> relayedAll(List<String> messageIds) {
        List<String> followUps = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            for (String messageId : messageIds) {
                if (store.markRelayed(messageId)) {
                    store.find(messageId).ifPresent(m -> evidence(m, Evidences.Kind.RELAYED, null, null, followUps));
                }
            }
        });
        return followUps;
    }

    /**
     * DELIVERED, with its evidence. The relay queues a message before it records RELAYED (off the request thread), so
     * a fast delivery can get here first: then the delivery records RELAYED itself, first, and the relay finds it done.
     * The sender's trail always reads accepted, relayed, delivered. Fan-out children are marked relayed in bulk and
     * have no RELAYED evidence of their own (their group message has it). Header hubFollowUps: the evidence messages
     * pushed to the sender, for the route to relay.
     */
    public void delivered(Exchange exchange) {
        String id = exchange.getMessage().getHeader(ChannelHeaders.MESSAGE_ID, String.class);
        Optional<StoredMessage> stored = stored(exchange, id);
        List<String> followUps = new ArrayList<>();
        String channel = exchange.getMessage().getHeader(ChannelHeaders.CHANNEL, String.class);
        // one commit for the mark, its evidence and the evidence pushed to the sender: they were three, and each
        // H2 commit rewrites the changed pages (a third of the hub's database time under load, JFR); one also means
        // a crash never leaves a DELIVERED message without its evidence
        tx.executeWithoutResult(status -> {
            stored.filter(m -> m.fanoutId() == null && m.relayedAt() == null).ifPresent(m -> followUps.addAll(relayed(id)));
            store.markDelivered(id, 1);
            stored.ifPresent(m -> evidence(m, Evidences.Kind.DELIVERED, channel, null, followUps));
        });
        exchange.getMessage().setHeader(ChannelHeaders.FOLLOW_UPS, followUps);
    }

    /** The row the planner loaded, or (when planning itself failed) the row read again. */
    private Optional<StoredMessage> stored(Exchange exchange, String id) {
        StoredMessage planned = exchange.getProperty(DeliveryPlanner.STORED_PROPERTY, StoredMessage.class);
        return planned != null ? Optional.of(planned) : store.find(id);
    }

    /** Records the evidence (not for the hub's own EVIDENCE messages) and pushes the final ones to the sender. */
    private void evidence(StoredMessage m, Evidences.Kind kind, String channel, String error, List<String> followUps) {
        if (HubOutbox.HUB.equals(m.sender())) {
            return;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sender", m.sender());
        f.put("recipient", m.recipient());
        f.put("caseId", m.caseId());
        f.put("payloadSha256", m.payloadSha256());
        f.put("channel", channel);
        f.put("error", error);
        push.push(m, evidences.record(m.messageId(), kind, f)).ifPresent(followUps::add);
    }

    /**
     * Marks the message FAILED (listed as a dead letter, replayable) and gives its sender DELIVERY_FAILED evidence.
     * Header hubFollowUps: the evidence message pushed to the sender, for the route to relay.
     */
    public void failed(Exchange exchange) {
        String id = exchange.getMessage().getHeader(ChannelHeaders.MESSAGE_ID, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("Delivery of {} to {} failed after retries: {}", id,
                exchange.getMessage().getHeader(ChannelHeaders.RECIPIENT), error);
        List<String> followUps = new ArrayList<>();
        Optional<StoredMessage> stored = stored(exchange, id);
        // one commit, as for delivered
        tx.executeWithoutResult(status -> {
            store.markFailed(id, error);
            stored.ifPresent(m -> evidence(m, Evidences.Kind.DELIVERY_FAILED, null, error, followUps));
        });
        exchange.getMessage().setHeader(ChannelHeaders.FOLLOW_UPS, followUps);
    }
}
