package cn.courtmediation.hub.messagelog;

import cn.courtmediation.hub.store.LogHashes;
import jakarta.annotation.PreDestroy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains pending message log entries (route message-log-seal): under the head lock, once per batch, it gives the
 * committed pending entries consecutive seq numbers in id order, hashes them as LogHashes.entry, moves them into
 * message_log and moves the head. The lock serialises the sealers of all replicas: a second one waits, then finds
 * only what the first left, so the chain never forks; the chain order is the seal order.
 */
@Component("messageLogSealer")
public class MessageLogSealer {
    private static final Logger LOG = LoggerFactory.getLogger(MessageLogSealer.class);
    /** Batches per call: keeps one timer tick bounded while a backlog is worked off in several short transactions. */
    private static final int MAX_BATCHES = 20;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int batchSize;

    MessageLogSealer(JdbcTemplate jdbc, TransactionTemplate tx, MessageLogSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.batchSize = settings.sealBatch();
    }

    /** Seals pending entries, batch after batch while batches come full (at most MAX_BATCHES); returns how many were sealed. */
    public int seal() {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = sealBatch(batchSize);
            total += n;
            if (n < batchSize) {
                break;
            }
        }
        return total;
    }

    /** Seals at most limit pending entries in one transaction; returns how many. */
    int sealBatch(int limit) {
        Integer sealed = tx.execute(status -> {
            // the lock first, then the read: a sealer that waited here reads only what the one before it left pending
            Map<String, Object> head = jdbc.queryForMap("select seq, entry_hash from message_log_head where id = 1 for update");
            List<Pending> pending = jdbc.query("select id, kind, ref_id, content_sha256, logged_at from message_log_pending"
                    + " order by id fetch first " + limit + " rows only",
                    (rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(),
                            rs.getObject(5, OffsetDateTime.class)));
            if (pending.isEmpty()) {
                return 0;
            }
            long seq = ((Number) head.get("seq")).longValue();
            String hash = ((String) head.get("entry_hash")).trim();
            List<Object[]> entries = new ArrayList<>(pending.size());
            List<Object[]> ids = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                seq++;
                String previous = hash;
                hash = LogHashes.entry(previous, seq, p.kind, p.refId, p.contentSha256, p.loggedAt);
                entries.add(new Object[] {seq, p.kind, p.refId, p.contentSha256, previous, hash, p.loggedAt});
                ids.add(new Object[] {p.id});
            }
            jdbc.batchUpdate("insert into message_log (seq, kind, ref_id, content_sha256, prev_hash, entry_hash, logged_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", entries);
            // by id, never "id <= last": an entry with a lower id that committed after the read is left for the next batch
            jdbc.batchUpdate("delete from message_log_pending where id = ?", ids);
            jdbc.update("update message_log_head set seq = ?, entry_hash = ? where id = 1", seq, hash);
            return pending.size();
        });
        return sealed == null ? 0 : sealed;
    }

    /** Seals what is pending when the hub stops (routes have stopped by now), so a clean stop leaves nothing unsealed. */
    @PreDestroy
    void sealOnStop() {
        try {
            int n = seal();
            if (n > 0) {
                LOG.info("Message log: sealed {} pending entries on stop", n);
            }
        } catch (RuntimeException e) {
            // the next hub to start seals them: nothing is lost, they only stay unsealed meanwhile
            LOG.warn("Message log: could not seal pending entries on stop: {}", String.valueOf(e));
        }
    }

    private record Pending(long id, String kind, String refId, String contentSha256, OffsetDateTime loggedAt) {
    }
}
