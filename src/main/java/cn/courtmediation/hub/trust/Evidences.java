package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.store.MessageLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evidence trail: for each event of a message (accepted or rejected, relayed, delivered, failed) a
 * small JSON document signed by the hub, stored with its signature, so the sender can prove what the hub
 * received and did, and when. Each is appended to the message log in the transaction that stores it.
 */
@Component("evidences")
public class Evidences {
    /** The kinds of evidence, in the order a message's life produces them. */
    public enum Kind { SUBMISSION_ACCEPTED, SUBMISSION_REJECTED, RELAYED, DELIVERED, DELIVERY_FAILED }

    /** One stored evidence: the exact document bytes and the hub's signature over them. */
    public record Evidence(String evidenceId, String messageId, String kind, OffsetDateTime recordedAt, byte[] document, String signature) {
    }

    private final JdbcTemplate jdbc;
    private final HubSigner signer;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final MessageLog log;

    Evidences(JdbcTemplate jdbc, HubSigner signer, ObjectMapper json, Clock clock, TransactionTemplate tx, MessageLog log) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.json = json;
        this.clock = clock;
        this.tx = tx;
        this.log = log;
    }

    /**
     * Records and signs one evidence. Facts: sender, recipient, payloadSha256, code, detail... (nulls left out).
     * Joins the caller's transaction if there is one (an accepted message and its evidence commit together), else
     * runs in its own; either way the evidence row and its log entry commit or fail together.
     */
    public Evidence record(String messageId, Kind kind, Map<String, Object> facts) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("evidenceId", id);
        doc.put("messageId", messageId);
        doc.put("kind", kind.name());
        doc.put("recordedAt", at.toString());
        facts.forEach((k, v) -> {
            if (v != null) {
                doc.put(k, v);
            }
        });
        doc.put("issuer", "HUB");
        byte[] document;
        try {
            document = json.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String signature = signer.sign(document);
        String key = messageId == null ? "unknown" : messageId.length() > 64 ? messageId.substring(0, 64) : messageId;
        tx.executeWithoutResult(status -> {
            jdbc.update("insert into evidences (evidence_id, message_id, kind, recorded_at, document, signature) values (?, ?, ?, ?, ?, ?)",
                    id, key, kind.name(), at, document, signature);
            log.append(MessageLog.Entry.evidence(id, key, kind.name(), at, document, signature));
        });
        return new Evidence(id, key, kind.name(), at, document, signature);
    }

    /** A message's evidences in the order they were recorded. */
    public List<Evidence> of(String messageId) {
        return jdbc.query("select evidence_id, message_id, kind, recorded_at, document, signature from evidences"
                + " where message_id = ? order by recorded_at, case kind when 'SUBMISSION_ACCEPTED' then 1"
                + " when 'SUBMISSION_REJECTED' then 1 when 'RELAYED' then 2 else 3 end", Evidences::map, messageId);
    }

    private static Evidence map(ResultSet rs, int row) throws SQLException {
        return new Evidence(rs.getString("evidence_id"), rs.getString("message_id"), rs.getString("kind"),
                rs.getObject("recorded_at", OffsetDateTime.class), rs.getBytes("document"), rs.getString("signature"));
    }
}
