package cn.courtmediation.hub.intake;

import cn.courtmediation.hub.registry.RecipientGroups;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import cn.courtmediation.hub.trust.Evidences;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Expands an accepted message to a group (ALL-COURTS, REGION-xx-COURTS) into one child message per
 * member court, stored in one transaction and tracked per recipient; the message-intake-fanout route queues the
 * children (in one broker transaction). Each child carries the sender's original bytes and signature; recipients see
 * the group they were addressed as.
 */
@Component("fanout")
public class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);
    private final MessageStore store;
    private final RecipientGroups groups;
    private final Evidences evidences;

    Fanout(MessageStore store, RecipientGroups groups, Evidences evidences) {
        this.store = store;
        this.groups = groups;
        this.evidences = evidences;
    }

    /**
     * Stores (if not yet stored) one child per member of the group message's group and answers the children's ids, to
     * be queued; answers none when the expansion failed (the group message stays ACCEPTED: the relay sweep expands it
     * again, e.g. the sweep itself was expanding it concurrently and stored the children first).
     */
    public List<String> expand(String id) {
        try {
            StoredMessage parent = store.find(id).orElseThrow();
            return store.acceptChildren(parent, groups.members(parent.recipient()));
        } catch (RuntimeException e) {
            LOG.warn("Fan-out {} not expanded now ({}); the relay sweep will expand it", id, e.getMessage());
            return List.of();
        }
    }

    /**
     * The children are on the broker: RELAYED, the group message FANNED_OUT, its RELAYED evidence. Never called when
     * the queueing failed: then the children stay ACCEPTED and the relay sweep queues them.
     */
    public void queued(String id, List<String> children, Date started) {
        StoredMessage parent = store.find(id).orElseThrow();
        store.markChildrenRelayed(children);
        store.markFannedOut(id);
        evidences.record(id, Evidences.Kind.RELAYED, Map.of("recipient", parent.recipient(), "recipients", children.size(),
                "sender", parent.sender(), "payloadSha256", parent.payloadSha256()));
        LOG.info("Fan-out {} from {} to {}: {} recipients stored and queued in {} ms", id, parent.sender(), parent.recipient(),
                children.size(), System.currentTimeMillis() - started.getTime());
    }
}
