package cn.courtmediation.hub.store;

import cn.courtmediation.hub.messagelog.MessageLogSealer;
import cn.courtmediation.hub.error.Problems;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends to the tamper-evident message log, in the caller's transaction: each entry is inserted as pending
 * (kind, ref_id, content hash, time; no lock, no chain position), so storing transactions commit in parallel;
 * MessageLogSealer chains pending entries in batches. A failed append fails the caller's transaction with
 * SERVICE_UNAVAILABLE: nothing is stored unlogged, and the client is told to retry.
 */
@Component
public class MessageLog {
    private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);
    private static final String INSERT = "insert into message_log_pending (kind, ref_id, content_sha256, logged_at) values (?, ?, ?, ?)";

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

    /** Appends entries as pending, in order (one batch insert, however many); they are chained in that order. */
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // outside a transaction the entry would commit apart from its row: a programming error, never a fallback
            throw new IllegalStateException("message log append outside a transaction");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try {
            if (entries.size() == 1) {
                Entry e = entries.get(0);
                jdbc.update(INSERT, e.kind().name(), e.refId(), e.contentSha256(), now);
            } else {
                List<Object[]> rows = new ArrayList<>(entries.size());
                for (Entry e : entries) {
                    rows.add(new Object[] {e.kind().name(), e.refId(), e.contentSha256(), now});
                }
                jdbc.batchUpdate(INSERT, rows);
            }
        } catch (DataAccessException e) {
            // ingest stops when the log cannot be written (as X-Road): the caller's transaction rolls back, and a
            // client is told to retry (503), not that the hub failed on its input (500)
            LOG.warn("Message log cannot be written, refusing to store {} {}: {}", entries.get(0).kind(), entries.get(0).refId(),
                    String.valueOf(e));
            throw Problems.unavailable("The hub cannot write its message log; nothing was stored. Retry later with the same bytes.");
        }
    }
}
