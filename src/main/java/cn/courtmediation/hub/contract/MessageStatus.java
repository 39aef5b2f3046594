package cn.courtmediation.hub.contract;

/**
 * Where a message is on its way through the hub: the messages table's status column and the "status" field of
 * schemas/message-status.schema.json (and of a receipt, always ACCEPTED). The names are the wire values.
 */
public enum MessageStatus {
    /** Stored; the relay still has to queue it. */
    ACCEPTED,
    /** Queued for the recipient. */
    RELAYED,
    /** Held because the recipient is suspended; released when it resumes. */
    PARKED,
    /** Handed to the recipient's channel. */
    DELIVERED,
    /** Delivery gave up after its retries: a dead letter. */
    FAILED,
    /** A dead letter an operator discarded with a reason: never delivered, never replayed. */
    DISCARDED,
    /** A message to a group whose children are being queued. */
    EXPANDING,
    /** A message to a group, expanded into one message per recipient. */
    FANNED_OUT;

    /** Delivered, given up or discarded: a queue entry for such a message has nothing left to do. */
    public boolean finished() {
        return this == DELIVERED || this == FAILED || this == DISCARDED;
    }
}
