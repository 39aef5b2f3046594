package cn.courtmediation.hub.messagelog;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends to the tamper-evident message log, in the caller's transaction: the head row is locked
 * (select ... for update), so appends of every replica on the database form one chain, and the lock is
 * held until the caller commits. A failed append fails the caller's transaction: nothing is stored unlogged.
 */
@Component
public class MessageLog {
    /** What an entry refers to. */
    public enum Kind { MESSAGE, EVIDENCE }

    /** One entry to append: the logged row and the SHA-256 of its canonical encoding (LogHashes). */
    public record Entry(Kind kind, String refId, String contentSha256) {
        /** The entry of a stored message, from the columns the log covers. */
        public static Entry message(String messageId, String sender, String recipient, String caseId, String type,
                                    String payloadSha256, OffsetDateTime receivedAt, String senderSignature) {
            return new Entry(Kind.MESSAGE, messageId,
                    LogHashes.message(messageId, sender, recipient, caseId, type, payloadSha256, receivedAt, senderSignature));
        }

        /** The entry of a stored evidence. */
        public static Entry evidence(String evidenceId, String messageId, String kind, OffsetDateTime recordedAt,
                                     byte[] document, String signature) {
            return new Entry(Kind.EVIDENCE, evidenceId, LogHashes.evidence(evidenceId, messageId, kind, recordedAt, document, signature));
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MessageLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends one entry; must run inside the transaction that stores the logged row. */
    public void append(Entry entry) {
        append(List.of(entry));
    }

    /** Appends entries in order under one head lock: one batch insert and one head update, however many. */
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // outside a transaction the entry would commit apart from its row: a programming error, never a fallback
            throw new IllegalStateException("message log append outside a transaction");
        }
        Map<String, Object> head = jdbc.queryForMap("select seq, entry_hash from message_log_head where id = 1 for update");
        long seq = ((Number) head.get("seq")).longValue();
        String hash = ((String) head.get("entry_hash")).trim();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            seq++;
            String previous = hash;
            hash = LogHashes.entry(previous, seq, e.kind().name(), e.refId(), e.contentSha256(), now);
            rows.add(new Object[] {seq, e.kind().name(), e.refId(), e.contentSha256(), previous, hash, now});
        }
        if (rows.size() == 1) {
            jdbc.update("insert into message_log (seq, kind, ref_id, content_sha256, prev_hash, entry_hash, logged_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", rows.get(0));
        } else {
            jdbc.batchUpdate("insert into message_log (seq, kind, ref_id, content_sha256, prev_hash, entry_hash, logged_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", rows);
        }
        jdbc.update("update message_log_head set seq = ?, entry_hash = ? where id = 1", seq, hash);
    }
}
