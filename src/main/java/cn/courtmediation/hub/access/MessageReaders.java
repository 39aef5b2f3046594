package cn.courtmediation.hub.access;

import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may read a message (its status, evidence trail and fan-out recipients, on REST and SOAP alike): its sender, its
 * recipient, or an operator of any role. A message the caller may not read is answered as one the hub does not hold,
 * so that its existence does not leak.
 */
@Component
public class MessageReaders {
    private final MessageStore store;

    MessageReaders(MessageStore store) {
        this.store = store;
    }

    /** The message, or NOT_FOUND in exactly the words of an unknown messageId when the caller may not read it. */
    public StoredMessage require(Caller caller, String messageId) {
        return store.find(messageId).filter(m -> mayRead(caller, m)).orElseThrow(() -> MessageStore.unknown(messageId));
    }

    /**
     * Whether the caller may read the evidences filed under this id: a message's by the rule of {@link #mayRead}; an id
     * that names no message is a refusal's quarantineId (or nothing), a random UUID the hub answers only to whoever
     * submitted the refused input, so any authenticated caller holding it may read that refusal's evidence.
     */
    public boolean mayReadEvidence(Caller caller, String id) {
        Optional<StoredMessage> m = store.find(id);
        return m.isEmpty() || mayRead(caller, m.get());
    }

    /** The rule: an operator (any role), or the participant that sent the message or is its recipient. */
    public static boolean mayRead(Caller caller, StoredMessage m) {
        return caller.isOperator() || caller.is(m.sender()) || caller.is(m.recipient());
    }
}
