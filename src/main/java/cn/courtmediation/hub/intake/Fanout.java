package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.contract.ChannelHeaders;
import cn.courtmediation.hub.registry.RecipientGroups;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import cn.courtmediation.hub.trust.Evidences;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import org.springframework.jms.core.JmsTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Expands an accepted message to a group (ALL-COURTS, REGION-xx-COURTS) into one child message per
 * member court: stored in one transaction, queued, and tracked per recipient. Each child carries the
 * sender's original bytes and signature; recipients see the group they were addressed as.
 */
@Component("fanout")
public class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
    private final MessageStore store;
    private final RecipientGroups groups;
    private final Evidences evidences;
    private final JmsTemplate jms;
    private final String outboundQueue;

    Fanout(MessageStore store, RecipientGroups groups, Evidences evidences, ConnectionFactory connectionFactory,
           @Value("${hub.queues.outbound}") String outboundQueue) {
        this.store = store;
        this.groups = groups;
        this.evidences = evidences;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.outboundQueue = outboundQueue;
    }

    /** Header hubMessageId: the accepted group message. The body (its receipt) is left as it is. */
    public void expand(Exchange exchange) {
        String id = exchange.getMessage().getHeader(ChannelHeaders.MESSAGE_ID, String.class);
        try {
            expandStored(id);
        } catch (RuntimeException e) {
            // the group message is stored: the sender keeps its receipt, and the relay sweep expands it again
            // (e.g. the sweep itself was expanding it concurrently and stored the children first)
            LOG.warn("Fan-out {} not expanded now ({}); the relay sweep will expand it", id, e.getMessage());
        }
    }

    /** Stores (if not yet stored) and queues one child per member of the group message's group. */
    void expandStored(String id) {
        StoredMessage parent = store.find(id).orElseThrow();
        long start = System.nanoTime();
        List<String> members = groups.members(parent.recipient());
        List<String> children = store.acceptChildren(parent, members);
        // one transacted JMS session for all children: one broker commit (one fsync) instead of one per child;
        // if it fails the message stays accepted: the children stay ACCEPTED and the relay sweep queues them
        try {
            send(children);
        } catch (RuntimeException e) {
            LOG.warn("Fan-out {}: queueing {} children failed ({}); the relay sweep will queue them", id, children.size(), e.getMessage());
            return;
        }
        store.markChildrenRelayed(children);
        store.markFannedOut(id);
        evidences.record(id, Evidences.Kind.RELAYED, Map.of("recipient", parent.recipient(), "recipients", children.size(),
                "sender", parent.sender(), "payloadSha256", parent.payloadSha256()));
        LOG.info("Fan-out {} from {} to {}: {} recipients queued in {} ms", id, parent.sender(), parent.recipient(), children.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void send(List<String> children) {
        jms.execute(session -> {
            try (MessageProducer producer = session.createProducer(session.createQueue(outboundQueue))) {
                for (String child : children) {
                    TextMessage message = session.createTextMessage(child);
                    message.setStringProperty("hubMessageId", child);
                    message.setStringProperty("_AMQ_DUPL_ID", child);
                    producer.send(message);
                }
            }
            session.commit();
            return null;
        }, true);
    }
}
