package cn.courtmediation.hub.contract;

/** The synchronous answer to an accepted submission (schemas/receipt.schema.json). */
public record Receipt(
        String messageId,
        String caseId,
        MessageStatus status,
        String receivedAt,
        String payloadSha256,
        boolean duplicate) {
}
