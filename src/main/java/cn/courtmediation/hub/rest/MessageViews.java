package cn.courtmediation.hub.rest;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.access.Callers;
import cn.courtmediation.hub.access.MessageReaders;
import cn.courtmediation.hub.contract.MessageStatus;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.store.MessageStore;
import cn.courtmediation.hub.store.StoredMessage;
import cn.courtmediation.hub.trust.Evidences;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of messages over REST: status, evidence trail, a fan-out's recipients. Reads are Spring MVC controllers
 * (as /api/v1/cases in cases/CaseQueryController); submissions go through the Camel routes (court-intake.camel.yaml).
 * Each read is the message's sender's, its recipient's or an operator's (access/MessageReaders); to anyone else the
 * message answers NOT_FOUND as an unknown one does.
 */
@RestController
class MessageViews {
    private final MessageStore store;
    private final MessageReaders readers;
    private final Evidences evidences;
    private final ObjectMapper json;

    MessageViews(MessageStore store, MessageReaders readers, Evidences evidences, ObjectMapper json) {
        this.store = store;
        this.readers = readers;
        this.evidences = evidences;
        this.json = json;
    }

    /** GET /api/v1/messages/{messageId}: the stored status, or NOT_FOUND. */
    @GetMapping("/api/v1/messages/{messageId}")
    Map<String, Object> status(@PathVariable String messageId) {
        StoredMessage m = readers.require(caller(), messageId);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("messageId", m.messageId());
        s.put("type", m.type());
        s.put("sender", m.sender());
        s.put("recipient", m.recipient());
        s.put("caseId", m.caseId());
        s.put("status", m.status());
        s.put("receivedAt", iso(m.receivedAt()));
        s.put("relayedAt", iso(m.relayedAt()));
        s.put("deliveredAt", iso(m.deliveredAt()));
        s.put("payloadSha256", m.payloadSha256());
        s.put("attempts", m.attempts());
        s.put("lastError", m.lastError());
        return s;
    }

    /** GET /api/v1/messages/{messageId}/evidence: the signed evidences, oldest first. */
    @GetMapping("/api/v1/messages/{messageId}/evidence")
    Map<String, Object> evidence(@PathVariable String messageId) throws IOException {
        List<Evidences.Evidence> found = readers.mayReadEvidence(caller(), messageId) ? evidences.of(messageId) : List.of();
        if (found.isEmpty()) {
            throw new HubException(ErrorCode.NOT_FOUND, "The hub holds no evidence for messageId " + messageId + ".");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Evidences.Evidence e : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("evidenceId", e.evidenceId());
            m.put("kind", e.kind());
            m.put("recordedAt", iso(e.recordedAt()));
            m.put("content", json.readTree(e.document()));
            m.put("document", Base64.getEncoder().encodeToString(e.document()));
            m.put("signature", e.signature());
            out.add(m);
        }
        return Map.of("messageId", messageId, "evidences", out);
    }

    /** GET /api/v1/messages/{messageId}/recipients: per-status counts of a fan-out's children, and the failed or parked ones. */
    @GetMapping("/api/v1/messages/{messageId}/recipients")
    Map<String, Object> recipients(@PathVariable String messageId) {
        StoredMessage m = readers.require(caller(), messageId);
        Map<String, Long> counts = store.fanoutCounts(messageId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", messageId);
        out.put("group", m.recipient());
        out.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        out.put("delivered", counts.getOrDefault(MessageStatus.DELIVERED.name(), 0L));
        out.put("failed", counts.getOrDefault(MessageStatus.FAILED.name(), 0L));
        out.put("parked", counts.getOrDefault(MessageStatus.PARKED.name(), 0L));
        out.put("pending", counts.getOrDefault(MessageStatus.ACCEPTED.name(), 0L) + counts.getOrDefault(MessageStatus.RELAYED.name(), 0L));
        out.put("problems", store.fanoutProblems(messageId, 100));
        return out;
    }

    private static Caller caller() {
        return Callers.require(Caller.current());
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
}
