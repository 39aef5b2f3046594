package cn.courtmediation.hub.messagelog;

import cn.courtmediation.hub.store.LogHashes;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.trust.HubSigner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signs the message log's head as a checkpoint (route message-log-checkpoint): every replica tries, one
 * checkpoint per head is stored, and each names the previous one's hash, so checkpoints form a chain of their
 * own that no replica can fork (unique seq, unique predecessor) and that does not block appends.
 */
@Component("messageLogCheckpoints")
public class MessageLogCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(MessageLogCheckpoints.class);
    private final JdbcTemplate jdbc;
    private final HubSigner signer;
    private final Clock clock;
    private final String replica;

    MessageLogCheckpoints(JdbcTemplate jdbc, HubSigner signer, Clock clock, MessageLogSettings settings) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.clock = clock;
        String replica = settings.replica();
        this.replica = replica == null || replica.isBlank() ? hostName() : replica;
    }

    /** Signs the current head unless it is checkpointed already; returns the checkpointed seq, empty when nothing was stored. */
    public Optional<Long> checkpoint() {
        // the latest checkpoint first, then the head: the head only grows, so it is never behind that checkpoint
        List<Map<String, Object>> last = jdbc.queryForList(
                "select seq, checkpoint_hash from message_log_checkpoints order by seq desc fetch first 1 rows only");
        Map<String, Object> head = jdbc.queryForMap("select seq, entry_hash from message_log_head where id = 1");
        long seq = ((Number) head.get("seq")).longValue();
        long lastSeq = last.isEmpty() ? 0 : ((Number) last.get(0).get("seq")).longValue();
        if (seq == 0 || seq <= lastSeq) {
            return Optional.empty();
        }
        String previous = last.isEmpty() ? LogHashes.GENESIS : ((String) last.get(0).get("checkpoint_hash")).trim();
        String entryHash = ((String) head.get("entry_hash")).trim();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        byte[] document = LogHashes.checkpointDocument(seq, entryHash, previous, now, replica);
        String signature = signer.sign(document);
        try {
            jdbc.update("insert into message_log_checkpoints (seq, entry_hash, prev_checkpoint_hash, checkpoint_hash, document, signature,"
                    + " replica, signed_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    seq, entryHash, previous, Sha256.hex(document), document, signature, replica, now);
        } catch (DuplicateKeyException another) {
            // another replica checkpointed this head, or after the same predecessor, first: its checkpoint stands
            LOG.debug("Message log checkpoint at seq {} made by another replica", seq);
            return Optional.empty();
        }
        LOG.info("Message log checkpoint at seq {} ({})", seq, entryHash);
        return Optional.of(seq);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hub";
        }
    }
}
