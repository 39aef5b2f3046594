package cn.courtmediation.hub.store;

import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.contract.MessageStatus;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message table, which is also the delivery schedule (transactional outbox): a message and its
 * pending delivery are one row written in one transaction, so nothing is accepted without a delivery
 * and nothing is queued that was not stored first.
 */
@Component("messageStore")
public class MessageStore {
    private static final String COLUMNS = "message_id, type, sender, recipient, case_id, correlation_id, ingress_channel,"
            + " status, payload, payload_sha256, sender_signature, received_at, relayed_at, delivered_at, attempts, last_error, fanout_id";
    private static final int MAX_ERROR_LENGTH = 2000;
    /** A fan-out still EXPANDING after this long was interrupted: the sweep queues its children. */
    private static final Duration EXPANSION_TIMEOUT = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MessageLog log;

    MessageStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, MessageLog log) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.log = log;
    }

    /** What the trust checks established about a message's signature (all null when unsigned and not enforced). */
    public record Signing(String signature, String signerSerial, java.time.Instant signingTime, byte[] documentReport) {
    }

    /** Outcome of an accept: the stored row, and whether it was already there (idempotent re-send). */
    public record Accepted(StoredMessage message, boolean duplicate) {
    }

    /**
     * Stores a validated message with status ACCEPTED (and its case when new), atomically.
     * The same messageId with the same bytes returns the stored row; with other bytes, MESSAGE_ID_REUSED.
     */
    public Accepted accept(Envelope e, String ingressChannel, Signing signing) {
        return accept(e, ingressChannel, signing, stored -> { });
    }

    /**
     * The same, running sameTransaction on the new row before the commit (the case lifecycle: a refused
     * event throws, and then neither the message nor the state change is stored). Not run for re-sends.
     */
    public Accepted accept(Envelope e, String ingressChannel, Signing signing, Consumer<StoredMessage> sameTransaction) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                StoredMessage stored = tx.execute(status -> {
                    StoredMessage row = insert(e, ingressChannel, signing);
                    sameTransaction.accept(row);
                    // a pending entry, no lock: the sealer chains it after the commit; a failure refuses the message (503)
                    log.append(MessageLog.Entry.message(row.messageId(), row.sender(), row.recipient(), row.caseId(), row.type(),
                            row.payloadSha256(), row.receivedAt(), row.senderSignature()));
                    return row;
                });
                return new Accepted(stored, false);
            } catch (DuplicateKeyException conflict) {
                Optional<StoredMessage> existing = find(e.messageId());
                if (existing.isPresent()) {
                    return resend(existing.get(), e);
                }
                // the conflict was on the case row, created concurrently by another message: try once more
            }
        }
        throw new IllegalStateException("Could not store message " + e.messageId() + " after a retry");
    }

    /** A message arriving again under a stored messageId: the stored one when the bytes are the same, else MESSAGE_ID_REUSED. */
    public static Accepted resend(StoredMessage existing, Envelope e) {
        if (!existing.payloadSha256().equals(e.payloadSha256())) {
            throw new HubException(ErrorCode.MESSAGE_ID_REUSED, "messageId " + e.messageId()
                    + " was already accepted with another payload (SHA-256 " + existing.payloadSha256()
                    + "); choose a new messageId for a new message.", e.messageId(), List.of());
        }
        return new Accepted(existing, true);
    }

    private StoredMessage insert(Envelope e, String ingressChannel, Signing signing) {
        OffsetDateTime now = now();
        String signature = signing.signature();
        jdbc.update("insert into messages (" + COLUMNS + ", sent_at, signer_serial, signing_time, document_report)"
                        + " values (?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', ?, ?, ?, ?, null, null, 0, null, null, ?, ?, ?, ?)",
                e.messageId(), e.type(), e.sender(), e.recipient(), e.caseId(), e.correlationId(), ingressChannel,
                e.payload(), e.payloadSha256(), signature, now, e.sentAt(), signing.signerSerial(),
                signing.signingTime() == null ? null : signing.signingTime().atOffset(ZoneOffset.UTC), signing.documentReport());
        boolean isDispatch = "CASE_DISPATCH".equals(e.type());
        jdbc.update("insert into cases (case_id, court_code, case_number, stage, dispute_type, created_at, updated_at)"
                        + " select ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from cases where case_id = ?)",
                e.caseId(),
                isDispatch ? e.body().path("courtCode").asText(null) : null,
                e.body().path("caseNumber").asText(null),
                isDispatch ? e.body().path("stage").asText(null) : null,
                isDispatch ? e.body().path("disputeType").asText(null) : null,
                now, now, e.caseId());
        jdbc.update("update cases set updated_at = ? where case_id = ?", now, e.caseId());
        return new StoredMessage(e.messageId(), e.type(), e.sender(), e.recipient(), e.caseId(), e.correlationId(),
                ingressChannel, MessageStatus.ACCEPTED, e.payload(), e.payloadSha256(), signature, now, null, null, 0, null, null,
                signing.documentReport());
    }

    /**
     * Stores one child message per recipient of a fan-out, in one transaction, with ids derived from the
     * parent's id and the recipient (so expanding twice creates nothing twice), and marks the parent
     * FANNED_OUT. Returns the child ids.
     */
    public List<String> acceptChildren(StoredMessage parent, List<String> recipients) {
        List<String> ids = recipients.stream().map(r -> childId(parent.messageId(), r)).toList();
        tx.executeWithoutResult(status -> {
            OffsetDateTime now = now();
            List<Object[]> rows = new java.util.ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                rows.add(new Object[] {ids.get(i), parent.type(), parent.sender(), recipients.get(i), parent.caseId(), parent.messageId(),
                        parent.payload(), parent.payloadSha256(), parent.senderSignature(), now, parent.messageId(), ids.get(i)});
            }
            int[] inserted = jdbc.batchUpdate("insert into messages (message_id, type, sender, recipient, case_id, correlation_id,"
                    + " ingress_channel, status, payload, payload_sha256, sender_signature, received_at, attempts, fanout_id)"
                    + " select ?, ?, ?, ?, ?, ?, 'FANOUT', 'ACCEPTED', ?, ?, ?, ?, 0, ?"
                    + " where not exists (select 1 from messages where message_id = ?)", rows);
            // children stored by an earlier expansion are in the log already: only the new ones are appended
            List<MessageLog.Entry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                if (inserted[i] != 0) {
                    entries.add(MessageLog.Entry.message(ids.get(i), parent.sender(), recipients.get(i), parent.caseId(), parent.type(),
                            parent.payloadSha256(), now, parent.senderSignature()));
                }
            }
            // EXPANDING keeps the relay sweep off the children while this replica queues them
            jdbc.update("update messages set status = 'EXPANDING' where message_id = ?", parent.messageId());
            // pending entries in child order, one batch insert; the sealer chains them after the commit
            log.append(entries);
        });
        return ids;
    }

    /** The children are queued: the group message is FANNED_OUT. */
    public void markFannedOut(String parentId) {
        jdbc.update("update messages set status = 'FANNED_OUT' where message_id = ?", parentId);
    }

    /**
     * Children queued: RELAYED. One short statement per child rather than one update over all of them, which held
     * thousands of row locks while the children's deliveries (already running) waited for them to mark themselves.
     */
    public void markChildrenRelayed(List<String> childIds) {
        OffsetDateTime now = now();
        jdbc.batchUpdate("update messages set status = case when status = 'ACCEPTED' then 'RELAYED' else status end,"
                        + " relayed_at = coalesce(relayed_at, ?) where message_id = ?",
                childIds.stream().map(id -> new Object[] {now, id}).toList());
    }

    /** Per-status counts of a fan-out's children. */
    public Map<String, Long> fanoutCounts(String fanoutId) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("select status, count(*) from messages where fanout_id = ? group by status",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, fanoutId);
        return counts;
    }

    /** Children that failed or are parked, with why (at most limit). */
    public List<Map<String, Object>> fanoutProblems(String fanoutId, int limit) {
        return jdbc.queryForList("select recipient, status, last_error from messages where fanout_id = ? and status in ('FAILED', 'PARKED')"
                + " order by recipient fetch first " + limit + " rows only", fanoutId);
    }

    static String childId(String parentId, String recipient) {
        return java.util.UUID.nameUUIDFromBytes((parentId + "/" + recipient).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public Optional<StoredMessage> find(String messageId) {
        return jdbc.query("select " + COLUMNS + ", document_report from messages where message_id = ?", MessageStore::map, messageId)
                .stream().findFirst();
    }

    /** The message a participant asks about (REST and SOAP status), or NOT_FOUND in the words both edges answer. */
    public StoredMessage require(String messageId) {
        return find(messageId).orElseThrow(() -> unknown(messageId));
    }

    /** NOT_FOUND for a messageId: also the answer for a message the caller may not read (access/MessageReaders). */
    public static HubException unknown(String messageId) {
        return new HubException(ErrorCode.NOT_FOUND, "No message with messageId " + messageId + " was accepted by the hub.");
    }

    /**
     * Queued for the recipient: sets relayed_at, and moves the status from ACCEPTED to RELAYED. Delivery may win
     * the race with this call (the consumer can finish before the sender marks the message): then the status stays
     * where delivery left it (never backwards) and relayed_at is still set, no later than delivered_at, since the
     * message was queued before it was delivered. True when this call set relayed_at, i.e. once per message, even if
     * the sweep queues it again.
     */
    public boolean markRelayed(String messageId) {
        OffsetDateTime now = now();
        return 1 == jdbc.update("update messages set status = case when status = 'ACCEPTED' then 'RELAYED' else status end,"
                + " relayed_at = case when delivered_at is not null and delivered_at < ? then delivered_at else ? end"
                + " where message_id = ? and relayed_at is null", now, now, messageId);
    }

    /**
     * DELIVERED after the given number of attempts. A fan-out child delivered before its fan-out marked the children
     * relayed (they are queued first) gets its relayed_at here, so no delivered message lacks it.
     */
    public void markDelivered(String messageId, int attempts) {
        OffsetDateTime now = now();
        jdbc.update("update messages set status = 'DELIVERED', delivered_at = ?, attempts = attempts + ?, last_error = null,"
                + " relayed_at = case when relayed_at is null and fanout_id is not null then ? else relayed_at end,"
                + " next_attempt_at = null, replay_requested_at = null, attempt_until = null, attempt_node = null"
                + " where message_id = ?", now, attempts, now, messageId);
    }

    /**
     * Claims the delivery attempt of a deliverable message until the given time: false when another consumer holds an
     * attempt of it that has not ended (a second copy of the message on the queue), or it is no longer deliverable.
     */
    public boolean claimAttempt(String messageId, OffsetDateTime until, String node) {
        OffsetDateTime now = now();
        return jdbc.update("update messages set attempt_until = ?, attempt_node = ? where message_id = ?"
                + " and status in ('ACCEPTED', 'RELAYED') and (attempt_until is null or attempt_until < ?)",
                until, node, messageId, now) == 1;
    }

    /** The attempt ended without a delivery (a retry follows): the next one may claim at once. */
    public void endAttempt(String messageId) {
        jdbc.update("update messages set attempt_until = null, attempt_node = null where message_id = ?", messageId);
    }

    /**
     * Ends every claim the node holds (it starts again after dying mid-attempt); returns how many. Delivered and failed
     * messages hold none (markDelivered, markFailed end them), so this touches only the attempts that were in flight.
     */
    public int endClaimsOf(String node) {
        return jdbc.update("update messages set attempt_until = null, attempt_node = null where attempt_node = ?", node);
    }

    /** Given up: FAILED with the last error (attempts were counted as they failed); listed as a dead letter from now on. */
    public void markFailed(String messageId, String error) {
        jdbc.update("update messages set status = 'FAILED', last_error = ?, failed_at = ?, next_attempt_at = null, replay_requested_at = null,"
                + " attempt_until = null, attempt_node = null"
                + " where message_id = ? and status <> 'DELIVERED'", truncate(error), now(), messageId);
    }

    /**
     * Counts a failed delivery attempt and when the next one is due; returns how many attempts have failed so far
     * (0 when the row is gone: the caller gives up rather than retrying a message that no longer exists).
     */
    public int recordFailedAttempt(String messageId, String error, Duration nextIn) {
        jdbc.update("update messages set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where message_id = ?",
                truncate(error), now().plus(nextIn), messageId);
        return jdbc.queryForList("select attempts from messages where message_id = ?", Integer.class, messageId)
                .stream().findFirst().orElse(0);
    }

    /**
     * What delivery decides on before it spends anything: the row without its payload, and whether an earlier message
     * of its case to the same recipient is still unfinished (then earlierUnfinished says which).
     */
    public record Queued(String messageId, String type, String sender, String recipient, String caseId, MessageStatus status,
                         long acceptSeq, String fanoutId, int attempts, int replays, boolean blocked) {
        /** Delivered or given up: a queue entry for it has nothing left to do. */
        public boolean finished() {
            return status.finished();
        }
    }

    /**
     * The message's delivery state, without payload, signatures or reports; the order check rides along in the same
     * statement (an indexed EXISTS), so a message that is next in line costs one read before its attempt.
     */
    public Optional<Queued> queued(String messageId) {
        return jdbc.query("select m.message_id, m.type, m.sender, m.recipient, m.case_id, m.status, m.accept_seq, m.fanout_id,"
                        + " m.attempts, m.replays, case when exists (select 1 from messages e where e.case_id = m.case_id"
                        + " and e.recipient = m.recipient and e.accept_seq < m.accept_seq and e.status not in ('DELIVERED', 'FAILED', 'DISCARDED'))"
                        + " then 1 else 0 end from messages m where m.message_id = ?",
                (rs, row) -> new Queued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        MessageStatus.valueOf(rs.getString(6)), rs.getLong(7), rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getInt(11) == 1), messageId)
                .stream().findFirst();
    }

    /** The first earlier message of the same case to the same recipient that is not delivered or given up yet, and how many are. */
    public record Earlier(String messageId, MessageStatus status, OffsetDateTime nextAttemptAt, int ahead) {
    }

    /**
     * The first message of this case to this recipient accepted before acceptSeq that is still to be delivered
     * (accepted, queued, parked, being retried); empty when the message is next in line. Indexed range reads.
     */
    public Optional<Earlier> earlierUnfinished(String caseId, String recipient, long acceptSeq) {
        String unfinished = " from messages where case_id = ? and recipient = ? and accept_seq < ? and status not in ('DELIVERED', 'FAILED', 'DISCARDED')";
        Optional<Earlier> first = jdbc.query("select message_id, status, next_attempt_at" + unfinished + " order by accept_seq fetch first 1 rows only",
                (rs, row) -> new Earlier(rs.getString(1), MessageStatus.valueOf(rs.getString(2)), rs.getObject(3, OffsetDateTime.class), 1),
                caseId, recipient, acceptSeq).stream().findFirst();
        // counted only when blocked (one connection at a time: a count inside the row mapper would hold two)
        return first.map(e -> new Earlier(e.messageId(), e.status(), e.nextAttemptAt(),
                jdbc.queryForObject("select count(*)" + unfinished, Integer.class, caseId, recipient, acceptSeq)));
    }

    /**
     * Claims a FAILED message for a replay: back to RELAYED with a fresh retry schedule, marked as a replay not yet
     * queued. Returns the replay's number (its duplicate-detection key), or empty when the message is not FAILED
     * (never failed, already replayed by a concurrent request, delivered): the conditional update is the claim.
     */
    public Optional<Integer> claimReplay(String messageId) {
        int claimed = jdbc.update("update messages set status = 'RELAYED', attempts = 0, next_attempt_at = null, replays = replays + 1,"
                + " replay_requested_at = ? where message_id = ? and status = 'FAILED'", now(), messageId);
        if (claimed == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForObject("select replays from messages where message_id = ?", Integer.class, messageId));
    }

    /** The replay's queue entry is on the broker: the mark is cleared (unless delivery already finished the message). */
    public void replayQueued(String messageId) {
        jdbc.update("update messages set replay_requested_at = null where message_id = ? and replay_requested_at is not null", messageId);
    }

    /** A replay that was claimed but not confirmed queued within olderThan: interrupted by a crash or a broker outage. */
    public record Replay(String messageId, int replays) {
    }

    public List<Replay> interruptedReplays(Duration olderThan, int limit) {
        return jdbc.query("select message_id, replays from messages where replay_requested_at < ? order by replay_requested_at"
                        + " fetch first " + limit + " rows only",
                (rs, row) -> new Replay(rs.getString(1), rs.getInt(2)), now().minus(olderThan));
    }

    /** Holds a message for a suspended recipient (status PARKED) until it resumes. */
    public void park(String messageId, String reason) {
        jdbc.update("update messages set status = 'PARKED', parked_at = ?, last_error = ? where message_id = ? and status in ('ACCEPTED', 'RELAYED')",
                now(), truncate(reason), messageId);
    }

    /** Parked messages of recipients that are active again, oldest first. */
    public List<String> releasable(int limit) {
        return jdbc.queryForList("select m.message_id from messages m join participants p on p.code = m.recipient"
                + " where m.status = 'PARKED' and p.status = 'ACTIVE' order by m.received_at fetch first " + limit + " rows only", String.class);
    }

    /** A released message is queued again: RELAYED. Returns false when another replica released it first. */
    public boolean unpark(String messageId) {
        return jdbc.update("update messages set status = 'RELAYED', parked_at = null, last_error = null, relayed_at = ?"
                + " where message_id = ? and status = 'PARKED'", now(), messageId) == 1;
    }

    /** Accepted messages that were never queued (a crash or broker outage after the commit), oldest first. */
    public List<Stale> staleAccepted(Duration olderThan, int limit) {
        // children of a fan-out still being queued are left to it, unless it started long ago (a crash)
        return jdbc.query("select m.message_id, m.recipient from messages m where m.status = 'ACCEPTED' and m.received_at < ?"
                        + " and (m.fanout_id is null or not exists (select 1 from messages p where p.message_id = m.fanout_id"
                        + " and p.status = 'EXPANDING' and p.received_at > ?))"
                        + " order by m.received_at fetch first " + limit + " rows only",
                (rs, row) -> new Stale(rs.getString(1), rs.getString(2)), now().minus(olderThan), now().minus(EXPANSION_TIMEOUT));
    }

    /** An accepted message the relay has not queued yet, and whom it is for (a group message is expanded, not queued). */
    public record Stale(String messageId, String recipient) {
    }

    private OffsetDateTime now() {
        // microseconds: what both H2 and PostgreSQL keep, so a re-read receipt equals the first one
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
    }

    private static StoredMessage map(ResultSet rs, int row) throws SQLException {
        return new StoredMessage(
                rs.getString("message_id"), rs.getString("type"), rs.getString("sender"), rs.getString("recipient"),
                rs.getString("case_id"), rs.getString("correlation_id"), rs.getString("ingress_channel"),
                MessageStatus.valueOf(rs.getString("status")), rs.getBytes("payload"), rs.getString("payload_sha256"),
                rs.getString("sender_signature"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getObject("relayed_at", OffsetDateTime.class),
                rs.getObject("delivered_at", OffsetDateTime.class), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getString("fanout_id"), rs.getBytes("document_report"));
    }
}
