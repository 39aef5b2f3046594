package cn.courtmediation.hub.store;

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
        String status,
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
        return "DELIVERED".equals(status);
    }

    /** Delivered or given up: a stale queue entry for it has nothing left to do. */
    public boolean finished() {
        return delivered() || "FAILED".equals(status);
    }
}
