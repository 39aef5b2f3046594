package cn.courtmediation.hub.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A validated canonical message: its envelope fields, its body and the exact bytes it arrived as. */
public record Envelope(
        String messageId,
        String type,
        String sender,
        String recipient,
        String caseId,
        String correlationId,
        OffsetDateTime sentAt,
        JsonNode body,
        byte[] payload,
        String payloadSha256) {
}
