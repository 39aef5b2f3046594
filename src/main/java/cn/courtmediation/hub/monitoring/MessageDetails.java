package cn.courtmediation.hub.monitoring;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.PersonalNumbers;
import cn.courtmediation.hub.trust.CertificateStore;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.Evidences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One message as an operator inspects it: the envelope, the payload with ID and phone numbers masked, its signature
 * checked again over the stored bytes, its evidence trail, and its case's timeline (case events and messages).
 */
@Component
public class MessageDetails {
    /** JSON fields whose values are personal numbers whatever their form. */
    private static final Set<String> PERSONAL_FIELDS = Set.of("idnumber", "phone", "mobile", "telephone");
    private static final int TIMELINE_LIMIT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The envelope columns and delivery state. */
    public record Envelope(String messageId, String type, String sender, String recipient, String caseId, String correlationId,
                           String ingressChannel, String status, String payloadSha256, OffsetDateTime sentAt,
                           OffsetDateTime receivedAt, OffsetDateTime relayedAt, OffsetDateTime deliveredAt, OffsetDateTime failedAt,
                           int attempts, int replays, String lastError, String fanoutId, String caseNumber) {
    }

    /**
     * The sender's signature: what intake recorded (signer, signing time), and the check made again now over the stored
     * bytes (valid, the signer's serial, that certificate's standing today), and the document report of signed attachments.
     */
    public record Signature(boolean present, String recordedSigner, OffsetDateTime recordedSigningTime, Boolean validNow,
                            String signerNow, String certificateStatus, String problem, JsonNode documentReport) {
    }

    /** One evidence of the trail (its signed document as JSON). */
    public record Evidence(String evidenceId, String kind, OffsetDateTime recordedAt, JsonNode document) {
    }

    /** One line of the case's timeline: a case event or a message of the case. */
    public record TimelineLine(OffsetDateTime at, String what, String actor, String messageId, String detail) {
    }

    /** Everything the message page shows. */
    public record Detail(Envelope envelope, String maskedPayload, Signature signature, List<Evidence> evidence,
                         List<TimelineLine> timeline) {
    }

    private final JdbcTemplate jdbc;
    private final Evidences evidences;
    private final CertificateStore certificates;

    MessageDetails(JdbcTemplate jdbc, Evidences evidences, CertificateStore certificates) {
        this.jdbc = jdbc;
        this.evidences = evidences;
        this.certificates = certificates;
    }

    public Detail of(String messageId) {
        List<Map<String, Object>> rows = jdbc.queryForList("select m.*, c.case_number from messages m left join cases c"
                + " on c.case_id = m.case_id where m.message_id = ?", messageId);
        if (rows.isEmpty()) {
            throw new HubException(ErrorCode.NOT_FOUND, "No message " + messageId + " in the store.", messageId, List.of());
        }
        Map<String, Object> r = lower(rows.get(0));
        Envelope e = new Envelope(str(r, "message_id"), str(r, "type"), str(r, "sender"), str(r, "recipient"), str(r, "case_id"),
                str(r, "correlation_id"), str(r, "ingress_channel"), str(r, "status"), str(r, "payload_sha256"), time(r, "sent_at"),
                time(r, "received_at"), time(r, "relayed_at"), time(r, "delivered_at"), time(r, "failed_at"),
                num(r, "attempts"), num(r, "replays"), str(r, "last_error"), str(r, "fanout_id"), str(r, "case_number"));
        byte[] payload = (byte[]) r.get("payload");
        return new Detail(e, mask(payload), signature(payload, r), evidence(messageId), timeline(e.caseId()));
    }

    /** The payload as text, every personal-number field and every ID or phone number in free text masked. */
    static String mask(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            JsonNode tree = JSON.readTree(text);
            maskFields(tree);
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (Exception notJson) {
            // shown as received, numbers masked below
        }
        return PersonalNumbers.mask(text);
    }

    private static void maskFields(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            List<String> personal = new java.util.ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (PERSONAL_FIELDS.contains(f.getKey().toLowerCase(Locale.ROOT)) && f.getValue().isValueNode()) {
                    personal.add(f.getKey());
                } else {
                    maskFields(f.getValue());
                }
            }
            personal.forEach(k -> o.put(k, "[masked]"));
        } else if (node != null && node.isArray()) {
            node.forEach(MessageDetails::maskFields);
        }
    }

    private Signature signature(byte[] payload, Map<String, Object> r) {
        String sig = str(r, "sender_signature");
        JsonNode report = null;
        byte[] reportBytes = (byte[]) r.get("document_report");
        if (reportBytes != null) {
            try {
                report = JSON.readTree(reportBytes);
            } catch (Exception e) {
                report = null;
            }
        }
        if (sig == null || sig.isBlank()) {
            return new Signature(false, str(r, "signer_serial"), time(r, "signing_time"), null, null, null,
                    "no sender signature stored", report);
        }
        try {
            Cms.Verified v = Cms.verify(payload, Base64.getMimeDecoder().decode(sig.trim()));
            String serial = CertificateStore.serialOf(v.signer());
            String standing = certificates.standing(serial).map(CertificateStore.Standing::status).orElse("UNKNOWN");
            return new Signature(true, str(r, "signer_serial"), time(r, "signing_time"), true, serial, standing, null, report);
        } catch (Cms.InvalidSignature | IllegalArgumentException ex) {
            return new Signature(true, str(r, "signer_serial"), time(r, "signing_time"), false, null, null, ex.getMessage(), report);
        }
    }

    private List<Evidence> evidence(String messageId) {
        return evidences.of(messageId).stream().map(ev -> new Evidence(ev.evidenceId(), ev.kind(), ev.recordedAt(), json(ev.document())))
                .toList();
    }

    /** The case's events and messages in time order, at most TIMELINE_LIMIT of each. */
    private List<TimelineLine> timeline(String caseId) {
        List<TimelineLine> lines = new java.util.ArrayList<>(jdbc.query("select at, event, actor, message_id, from_state, to_state, detail"
                        + " from case_events where case_id = ? order by seq fetch first " + TIMELINE_LIMIT + " rows only",
                (rs, i) -> new TimelineLine(rs.getObject(1, OffsetDateTime.class), "EVENT " + rs.getString(2), rs.getString(3),
                        rs.getString(4), (rs.getString(5) == null ? "" : rs.getString(5) + " → ") + (rs.getString(6) == null ? "" : rs.getString(6))
                        + (rs.getString(7) == null ? "" : " " + PersonalNumbers.mask(rs.getString(7)))), caseId));
        lines.addAll(jdbc.query("select received_at, type, sender, message_id, recipient, status from messages where case_id = ?"
                        + " order by accept_seq fetch first " + TIMELINE_LIMIT + " rows only",
                (rs, i) -> new TimelineLine(rs.getObject(1, OffsetDateTime.class), "MESSAGE " + rs.getString(2), rs.getString(3),
                        rs.getString(4), "to " + rs.getString(5) + ", " + rs.getString(6)), caseId));
        lines.sort(java.util.Comparator.comparing(TimelineLine::at, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return lines;
    }

    private static JsonNode json(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(new String(b, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> m = new java.util.HashMap<>();
        row.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }

    private static String str(Map<String, Object> r, String k) {
        Object v = r.get(k);
        return v == null ? null : v.toString();
    }

    private static int num(Map<String, Object> r, String k) {
        Object v = r.get(k);
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static OffsetDateTime time(Map<String, Object> r, String k) {
        Object v = r.get(k);
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime o) {
            return o;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        if (v instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(v.toString());
    }
}
