package cn.courtmediation.hub.store;

import cn.courtmediation.hub.contract.MessageStatus;
import java.time.OffsetDateTime;

/** A message as the store holds it: envelope columns, exact payload, delivery state. */
public record StoredMessage(
        String messageId,
        String type,
        String sender,
        String recipient,
        String caseId,
        String correlationId,
        String ingressChannel,
        MessageStatus status,
        byte[] payload,
        String payloadSha256,
        String senderSignature,
        OffsetDateTime receivedAt,
        OffsetDateTime relayedAt,
        OffsetDateTime deliveredAt,
        int attempts,
        String lastError,
        String fanoutId,
        byte[] documentReport) {

    public boolean delivered() {
        return status == MessageStatus.DELIVERED;
    }

    /** Delivered or given up: a stale queue entry for it has nothing left to do. */
    public boolean finished() {
        return status.finished();
    }
}
