package cn.courtmediation.hub.messagelog;

import cn.courtmediation.hub.store.LogHashes;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.trust.Certificates;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.HubKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the message log page by page (memory bounded by one page of entry hashes, whatever the log's
 * length): recomputes each entry hash and link, each logged row's content hash from the current messages and
 * evidences, and each checkpoint's link and hub signature, and reports the first break in seq order; then entries
 * still pending (not yet chained by MessageLogSealer) longer than the grace, and rows without any entry.
 */
@Component
public class MessageLogVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(MessageLogVerifier.class);

    /** What is wrong at a break. */
    public enum Problem {
        /** an entry was deleted: the seq numbers have a gap, or entries after a checkpoint or the head are gone */
        ENTRY_MISSING,
        /** an entry does not follow its predecessor: entries were reordered, or one was deleted and the rest renumbered */
        ORDER_BROKEN,
        /** an entry's own fields no longer give its hash */
        ENTRY_CHANGED,
        /** the logged message or evidence row was deleted */
        ROW_MISSING,
        /** the logged message or evidence row was changed */
        CONTENT_CHANGED,
        /** a checkpoint's signature is not the hub's over its document */
        CHECKPOINT_SIGNATURE_INVALID,
        /** a checkpoint does not name its predecessor, or its document and row disagree with each other or with the log */
        CHECKPOINT_MISMATCH,
        /** the head row does not match the last entry */
        HEAD_MISMATCH,
        /** an entry is still pending (stored but not chained) longer than the grace: the sealer is not running, or failing */
        UNSEALED,
        /** more messages or evidences lack a log entry than existed before the log began: rows were inserted outside the hub */
        UNLOGGED_ROWS
    }

    /** The first break: the entry's seq (null for UNSEALED and UNLOGGED_ROWS), what it refers to, and what is wrong. */
    public record Break(Long seq, String kind, String refId, Problem problem, String detail) {
    }

    /**
     * The outcome. entries: entries checked; head: seq and hash verified up to; checkpoints: checkpoints checked;
     * pending: entries stored but not chained yet (not covered by the chain; a break once older than the grace);
     * unlogged: rows without an entry (stored before the log began); caChecked: checkpoint signers were checked
     * against the hub CA (always in the hub; the command needs the CA certificate).
     */
    public record Report(boolean intact, long entries, long headSeq, String headHash, long checkpoints, Long lastCheckpointSeq,
                         long pending, long unloggedMessages, long unloggedEvidences, boolean caChecked, long millis, Break firstBreak) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectProvider<HubKeyStore> keys;
    private final String caFile;
    private final int pageSize;
    private final long progressEvery;
    private final Clock clock;
    private final Duration unsealedGrace;

    MessageLogVerifier(JdbcTemplate jdbc, ObjectProvider<HubKeyStore> keys, ObjectProvider<Clock> clock, MessageLogSettings settings) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.caFile = settings.verify().caCertificate();
        this.pageSize = settings.verify().pageSize();
        this.progressEvery = settings.verify().progressEvery();
        // the hub's clock stamps logged_at; the offline command has none and uses the system's
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.unsealedGrace = Duration.ofMillis(settings.unsealedGrace());
    }

    /** Verifies the whole log, logging progress. */
    public Report verify() {
        return verify(LOG::info);
    }

    /** Verifies the whole log, telling progress to the given sink. */
    public Report verify(Consumer<String> progress) {
        long started = System.currentTimeMillis();
        X509Certificate ca = hubCa();
        Map<String, Object> head = jdbc.queryForMap("select seq, entry_hash, preexisting_messages, preexisting_evidences"
                + " from message_log_head where id = 1");
        // entries appended while this runs are left to the next run: the walk stops at the head read now
        long headSeq = ((Number) head.get("seq")).longValue();
        String headHash = ((String) head.get("entry_hash")).trim();
        Walk walk = new Walk(headSeq, ca);
        Break broken = walk.entries(progress);
        if (broken == null && !walk.prev.equals(headHash)) {
            broken = new Break(headSeq, null, null, Problem.HEAD_MISMATCH, "the head row says seq " + headSeq + " has hash " + headHash
                    + " but the entry's hash is " + walk.prev);
        }
        if (broken == null) {
            broken = checkpointsBeyondHead();
        }
        if (broken == null) {
            broken = unsealed();
        }
        long pending = count("select count(*) from message_log_pending");
        // a pending entry logs its row as well as a chained one does: only rows with neither are unlogged
        long unloggedMessages = count("select count(*) from messages m where not exists"
                + " (select 1 from message_log l where l.ref_id = m.message_id and l.kind = 'MESSAGE') and not exists"
                + " (select 1 from message_log_pending p where p.ref_id = m.message_id and p.kind = 'MESSAGE')");
        long unloggedEvidences = count("select count(*) from evidences e where not exists"
                + " (select 1 from message_log l where l.ref_id = e.evidence_id and l.kind = 'EVIDENCE') and not exists"
                + " (select 1 from message_log_pending p where p.ref_id = e.evidence_id and p.kind = 'EVIDENCE')");
        long preMessages = ((Number) head.get("preexisting_messages")).longValue();
        long preEvidences = ((Number) head.get("preexisting_evidences")).longValue();
        if (broken == null && (unloggedMessages > preMessages || unloggedEvidences > preEvidences)) {
            broken = new Break(null, null, null, Problem.UNLOGGED_ROWS, unloggedMessages + " messages and " + unloggedEvidences
                    + " evidences have no log entry, but only " + preMessages + " and " + preEvidences + " were stored before the log began");
        }
        Report report = new Report(broken == null, walk.checked, headSeq, headHash, walk.checkpoints, walk.lastCheckpointSeq,
                pending, unloggedMessages, unloggedEvidences, ca != null, System.currentTimeMillis() - started, broken);
        progress.accept(broken == null
                ? "Message log intact: " + walk.checked + " entries up to seq " + headSeq + " (" + headHash + "), " + walk.checkpoints + " checkpoints"
                : "Message log BROKEN at seq " + broken.seq() + ": " + broken.problem() + " " + broken.detail());
        return report;
    }

    /** One pass over entries and checkpoints, in seq order. */
    private final class Walk {
        final long headSeq;
        final X509Certificate ca;
        String prev = LogHashes.GENESIS;
        String prevCheckpoint = LogHashes.GENESIS;
        long checked;
        long checkpoints;
        Long lastCheckpointSeq;
        private final Deque<Checkpoint> pendingCheckpoints = new ArrayDeque<>();
        private long checkpointsAfter;
        private boolean checkpointsDone;

        Walk(long headSeq, X509Certificate ca) {
            this.headSeq = headSeq;
            this.ca = ca;
        }

        Break entries(Consumer<String> progress) {
            long expected = 1;
            long nextProgress = progressEvery;
            while (expected <= headSeq) {
                List<Entry> page = jdbc.query("select seq, kind, ref_id, content_sha256, prev_hash, entry_hash, logged_at from message_log"
                        + " where seq >= ? and seq <= ? order by seq fetch first " + pageSize + " rows only",
                        (rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(), rs.getString(5).trim(),
                                rs.getString(6).trim(), rs.getObject(7, OffsetDateTime.class)), expected, headSeq);
                if (page.isEmpty()) {
                    return new Break(expected, null, null, Problem.ENTRY_MISSING, "entries " + expected + " to " + headSeq
                            + " are missing (the head row says the log ends at " + headSeq + ")");
                }
                Map<String, Content> contents = contents(page);
                for (Entry e : page) {
                    if (e.seq != expected) {
                        return new Break(expected, null, null, Problem.ENTRY_MISSING, "entry " + expected + " is missing (the next entry is "
                                + e.seq + ")");
                    }
                    Break b = check(e, contents.get(e.kind + ":" + e.refId));
                    if (b != null) {
                        return b;
                    }
                    prev = e.entryHash;
                    checked++;
                    expected++;
                    b = checkpointsAt(e);
                    if (b != null) {
                        return b;
                    }
                }
                if (checked >= nextProgress) {
                    progress.accept("Message log: " + checked + " of " + headSeq + " entries verified");
                    nextProgress = checked + progressEvery;
                }
            }
            return null;
        }

        private Break check(Entry e, Content current) {
            if (!e.prevHash.equals(prev)) {
                return new Break(e.seq, e.kind, e.refId, Problem.ORDER_BROKEN, "entry " + e.seq + " does not follow entry " + (e.seq - 1)
                        + ": it names previous hash " + e.prevHash + ", entry " + (e.seq - 1) + " has " + prev);
            }
            if (!LogHashes.entry(prev, e.seq, e.kind, e.refId, e.contentSha256, e.loggedAt).equals(e.entryHash)) {
                return new Break(e.seq, e.kind, e.refId, Problem.ENTRY_CHANGED, "entry " + e.seq + "'s fields do not give its hash " + e.entryHash);
            }
            String what = "MESSAGE".equals(e.kind) ? "message" : "evidence";
            if (current == null) {
                return new Break(e.seq, e.kind, e.refId, Problem.ROW_MISSING, "the logged " + what + " " + e.refId + " is not in the database");
            }
            if (current.detail != null) {
                return new Break(e.seq, e.kind, e.refId, Problem.CONTENT_CHANGED, what + " " + e.refId + ": " + current.detail);
            }
            if (!current.sha256.equals(e.contentSha256)) {
                return new Break(e.seq, e.kind, e.refId, Problem.CONTENT_CHANGED, what + " " + e.refId
                        + " differs from what was logged (SHA-256 " + current.sha256 + ", logged " + e.contentSha256 + ")");
            }
            return null;
        }

        /** Checks the checkpoints made at this entry (at most one can be stored per seq). */
        private Break checkpointsAt(Entry e) {
            while (true) {
                Checkpoint c = peekCheckpoint();
                if (c == null || c.seq > e.seq) {
                    return null;
                }
                pendingCheckpoints.poll();
                Break b = checkpoint(c, e);
                if (b != null) {
                    return b;
                }
                prevCheckpoint = c.checkpointHash;
                checkpoints++;
                lastCheckpointSeq = c.seq;
            }
        }

        private Break checkpoint(Checkpoint c, Entry e) {
            String cp = "checkpoint at seq " + c.seq;
            if (!c.prevCheckpointHash.equals(prevCheckpoint)) {
                return new Break(c.seq, "CHECKPOINT", null, Problem.CHECKPOINT_MISMATCH, cp + " names previous checkpoint "
                        + c.prevCheckpointHash + " but the one before it has hash " + prevCheckpoint);
            }
            if (!c.entryHash.equals(e.entryHash)) {
                return new Break(c.seq, "CHECKPOINT", null, Problem.CHECKPOINT_MISMATCH, cp + " signed entry hash " + c.entryHash
                        + " but entry " + e.seq + " has " + e.entryHash);
            }
            if (!Sha256.hex(c.document).equals(c.checkpointHash)) {
                return new Break(c.seq, "CHECKPOINT", null, Problem.CHECKPOINT_MISMATCH, cp + ": checkpoint_hash is not the document's SHA-256");
            }
            String doc = new String(c.document, StandardCharsets.UTF_8);
            if (!doc.startsWith("hub-log-checkpoint-v1\nseq: " + c.seq + "\nentry-hash: " + c.entryHash + "\nprevious-checkpoint: "
                    + c.prevCheckpointHash + "\n")) {
                return new Break(c.seq, "CHECKPOINT", null, Problem.CHECKPOINT_MISMATCH, cp + ": the signed document names another seq,"
                        + " entry hash or previous checkpoint than its row");
            }
            try {
                Cms.Verified v = Cms.verify(c.document, Base64.getDecoder().decode(c.signature));
                X509Certificate signer = v.signer();
                if (!"HUB".equals(Certificates.commonName(signer)) || !signer.getSubjectX500Principal().getName().contains("OU=signing")) {
                    return new Break(c.seq, "CHECKPOINT", null, Problem.CHECKPOINT_SIGNATURE_INVALID, cp + " is signed by "
                            + signer.getSubjectX500Principal().getName() + ", not by the hub's signing key");
                }
                if (ca != null) {
                    signer.verify(ca.getPublicKey());
                }
            } catch (Cms.InvalidSignature | GeneralSecurityException | IllegalArgumentException ex) {
                return new Break(c.seq, "CHECKPOINT", null, Problem.CHECKPOINT_SIGNATURE_INVALID, cp + ": " + ex.getMessage());
            }
            return null;
        }

        private Checkpoint peekCheckpoint() {
            if (pendingCheckpoints.isEmpty() && !checkpointsDone) {
                List<Checkpoint> page = jdbc.query("select seq, entry_hash, prev_checkpoint_hash, checkpoint_hash, document, signature"
                        + " from message_log_checkpoints where seq > ? and seq <= ? order by seq fetch first " + pageSize + " rows only",
                        (rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2).trim(), rs.getString(3).trim(), rs.getString(4).trim(),
                                rs.getBytes(5), rs.getString(6)), checkpointsAfter, headSeq);
                pendingCheckpoints.addAll(page);
                checkpointsDone = page.size() < pageSize;
                if (!page.isEmpty()) {
                    checkpointsAfter = page.get(page.size() - 1).seq;
                }
            }
            return pendingCheckpoints.peek();
        }

        /** The current content hash of each row the page logs, computed while streaming (one payload in memory at a time). */
        private Map<String, Content> contents(List<Entry> page) {
            List<String> messages = new ArrayList<>();
            List<String> evidences = new ArrayList<>();
            for (Entry e : page) {
                ("MESSAGE".equals(e.kind) ? messages : evidences).add(e.refId);
            }
            Map<String, Content> out = new HashMap<>();
            if (!messages.isEmpty()) {
                jdbc.query("select message_id, sender, recipient, case_id, type, payload, payload_sha256, received_at, sender_signature"
                        + " from messages where message_id in (" + marks(messages.size()) + ")", rs -> {
                            String payloadSha256 = Sha256.hex(rs.getBytes("payload"));
                            String id = rs.getString("message_id");
                            String hash = LogHashes.message(id, rs.getString("sender"), rs.getString("recipient"), rs.getString("case_id"),
                                    rs.getString("type"), payloadSha256, rs.getObject("received_at", OffsetDateTime.class),
                                    rs.getString("sender_signature"));
                            String column = rs.getString("payload_sha256");
                            out.put("MESSAGE:" + id, new Content(hash, payloadSha256.equals(column == null ? null : column.trim()) ? null
                                    : "its payload_sha256 column (" + column + ") is not the SHA-256 of its payload (" + payloadSha256 + ")"));
                        }, messages.toArray());
            }
            if (!evidences.isEmpty()) {
                jdbc.query("select evidence_id, message_id, kind, recorded_at, document, signature from evidences where evidence_id in ("
                        + marks(evidences.size()) + ")", rs -> {
                            String id = rs.getString("evidence_id");
                            out.put("EVIDENCE:" + id, new Content(LogHashes.evidence(id, rs.getString("message_id"), rs.getString("kind"),
                                    rs.getObject("recorded_at", OffsetDateTime.class), rs.getBytes("document"), rs.getString("signature")), null));
                        }, evidences.toArray());
            }
            return out;
        }
    }

    /** Checkpoints above a head that verified: only possible when entries after them were cut off the end of the log. */
    private Break checkpointsBeyondHead() {
        // read after the walk, so a checkpoint made meanwhile of a head appended meanwhile is not mistaken for one
        long head = count("select seq from message_log_head where id = 1");
        List<Long> beyond = jdbc.queryForList("select seq from message_log_checkpoints where seq > ? order by seq fetch first 1 rows only",
                Long.class, head);
        return beyond.isEmpty() ? null : new Break(head + 1, null, null, Problem.ENTRY_MISSING, "a checkpoint signed seq " + beyond.get(0)
                + " but the log ends at " + head + ": entries were removed from its end");
    }

    /** The oldest entry still pending after the grace: the sealer should have chained it long since. */
    private Break unsealed() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(unsealedGrace);
        List<Break> old = jdbc.query("select id, kind, ref_id, logged_at from message_log_pending where logged_at < ?"
                + " order by id fetch first 1 rows only", (rs, n) -> new Break(null, rs.getString(2), rs.getString(3), Problem.UNSEALED,
                "pending entry " + rs.getLong(1) + " (logged at " + LogHashes.time(rs.getObject(4, OffsetDateTime.class))
                        + ") is not chained after " + unsealedGrace.toSeconds() + " s: it is not protected by the chain until it is sealed"),
                before);
        return old.isEmpty() ? null : old.get(0);
    }

    private X509Certificate hubCa() {
        HubKeyStore store = keys.getIfAvailable();
        if (store != null) {
            return store.caCertificate();
        }
        Path file = Path.of(caFile);
        if (!Files.isReadable(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the hub CA certificate " + file, e);
        }
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private record Entry(long seq, String kind, String refId, String contentSha256, String prevHash, String entryHash, OffsetDateTime loggedAt) {
    }

    private record Checkpoint(long seq, String entryHash, String prevCheckpointHash, String checkpointHash, byte[] document, String signature) {
    }

    /** A row's current content hash, or why it is inconsistent in itself. */
    private record Content(String sha256, String detail) {
    }
}
