package cn.courtmediation.hub.messagelog;

import cn.courtmediation.hub.contract.Sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.messagelog.MessageLogVerifier.Problem;
import cn.courtmediation.hub.messagelog.MessageLogVerifier.Report;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.TestMessages;
import cn.courtmediation.hub.trust.Evidences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message log on the real hub: signed messages go in through the REST intake, then the database is
 * tampered with plain SQL (and each change undone afterwards) and the verifier must name the first broken
 * entry; an unwritable log refuses the message. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class MessageLogContract extends HubIntegrationTest {
    static final String COURT = "C110105";

    @Autowired
    MessageLogVerifier verifier;
    @Autowired
    MessageLogCheckpoints checkpoints;
    @Autowired
    MessageLogSealer sealer;
    @Autowired
    Evidences evidences;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Environment env;

    String partner;

    /** Checkpoints and sealing only when a test asks (so each test knows what is pending),  */
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.message-log.checkpoint-interval", () -> 3_600_000);
        registry.add("hub.message-log.seal-interval", () -> 3_600_000);
    }

    @BeforeEach
    void partner() {
        partner = newPartner("ML");
        // what earlier tests left in flight (a fan-out's children's evidences) is chained before this test begins
        sealAll();
    }

    @Test
    void everyAcceptedMessageAndItsEvidencesAreChainedAndVerify() throws Exception {
        String id = acceptAndSettle();
        long message = seq("MESSAGE", id);
        String accepted = evidence(id, "SUBMISSION_ACCEPTED");
        // the evidence of the acceptance is in the same transaction as the message: adjacent entries
        assertThat(seq("EVIDENCE", accepted)).isEqualTo(message - 1);
        assertThat(seq("EVIDENCE", evidence(id, "DELIVERED"))).isGreaterThan(message);
        Map<String, Object> e = jdbc.queryForMap("select prev_hash, entry_hash from message_log where seq = ?", message);
        assertThat(((String) e.get("prev_hash")).trim())
                .isEqualTo(((String) jdbc.queryForObject("select entry_hash from message_log where seq = ?", String.class, message - 1)).trim());

        HttpResponse<String> verify = https().send(HttpRequest.newBuilder(URI.create(tlsBase() + "/admin/message-log/verify"))
                .header("Authorization", adminAuth()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(verify.body());
        assertThat(report.get("intact").asBoolean()).as(verify.body()).isTrue();
        assertThat(report.get("entries").asLong()).isGreaterThanOrEqualTo(message);
        assertThat(getWithoutCredentials("/admin/message-log/verify").statusCode()).isEqualTo(401);
    }

    @Test
    void fanOutChildrenAreLoggedWithTheirGroupMessage() throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", COURT, "ALL-COURTS");
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(COURT, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = m.get("messageId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "FANNED_OUT".equals(
                jdbc.queryForObject("select status from messages where message_id = ?", String.class, id)));
        sealAll();
        long children = jdbc.queryForObject("select count(*) from messages where fanout_id = ?", Long.class, id);
        assertThat(children).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from message_log l join messages c on c.message_id = l.ref_id"
                + " where l.kind = 'MESSAGE' and c.fanout_id = ?", Long.class, id)).isEqualTo(children);
        assertThat(seq("MESSAGE", id)).isLessThan(jdbc.queryForObject("select min(l.seq) from message_log l join messages c"
                + " on c.message_id = l.ref_id where c.fanout_id = ?", Long.class, id));
        assertIntact();
    }

    @Test
    void anEditedMessageIsCaughtAtItsEntry() throws Exception {
        String id = acceptAndSettle();
        long seq = seq("MESSAGE", id);
        Map<String, Object> row = jdbc.queryForMap("select sender, payload, payload_sha256 from messages where message_id = ?", id);

        jdbc.update("update messages set sender = 'C110106' where message_id = ?", id);
        assertBroken(seq, Problem.CONTENT_CHANGED, id);
        jdbc.update("update messages set sender = ? where message_id = ?", row.get("sender"), id);
        assertIntact();

        byte[] forged = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8).replace("\"caseId\"", "\"caseId\" ")
                .getBytes(StandardCharsets.UTF_8);
        jdbc.update("update messages set payload = ? where message_id = ?", forged, id);
        assertBroken(seq, Problem.CONTENT_CHANGED, id);
        // a forger who also rewrites the stored hash is caught all the same
        jdbc.update("update messages set payload_sha256 = ? where message_id = ?", Sha256.hex(forged), id);
        assertBroken(seq, Problem.CONTENT_CHANGED, id);
        jdbc.update("update messages set payload = ?, payload_sha256 = ? where message_id = ?", row.get("payload"), row.get("payload_sha256"), id);
        assertIntact();
    }

    @Test
    void aDeletedMessageIsCaughtAtItsEntry() throws Exception {
        String id = acceptAndSettle();
        long seq = seq("MESSAGE", id);
        String saved = save("messages", "message_id", id);
        jdbc.update("delete from messages where message_id = ?", id);
        assertBroken(seq, Problem.ROW_MISSING, id);
        restore("messages", saved);
        assertIntact();
    }

    @Test
    void aDeletedLogEntryIsCaught() throws Exception {
        String id = acceptAndSettle();
        long seq = seq("MESSAGE", id);
        String saved = save("message_log", "ref_id", id);
        jdbc.update("delete from message_log where seq = ?", seq);
        assertBroken(seq, Problem.ENTRY_MISSING, null);
        restore("message_log", saved);
        assertIntact();
    }

    @Test
    void reorderedLogEntriesAreCaught() throws Exception {
        String id = acceptAndSettle();
        long first = seq("EVIDENCE", evidence(id, "SUBMISSION_ACCEPTED"));
        long second = seq("EVIDENCE", evidence(id, "DELIVERED"));
        swap(first, second);
        assertBroken(first, Problem.ORDER_BROKEN, null);
        swap(first, second);
        assertIntact();
    }

    @Test
    void anEditedEvidenceIsCaughtAtItsEntry() throws Exception {
        String id = acceptAndSettle();
        String evidence = evidence(id, "DELIVERED");
        long seq = seq("EVIDENCE", evidence);
        byte[] document = jdbc.queryForObject("select document from evidences where evidence_id = ?", byte[].class, evidence);
        byte[] forged = new String(document, StandardCharsets.UTF_8).replace("DELIVERED", "DELIVERY_FAILED").getBytes(StandardCharsets.UTF_8);
        jdbc.update("update evidences set document = ? where evidence_id = ?", forged, evidence);
        assertBroken(seq, Problem.CONTENT_CHANGED, evidence);
        jdbc.update("update evidences set document = ? where evidence_id = ?", document, evidence);
        assertIntact();
    }

    @Test
    void checkpointsAreSignedChainedOncePerHeadAndAForgedSignatureIsCaught() throws Exception {
        acceptAndSettle();
        long first = checkpoints.checkpoint().orElseThrow();
        assertThat(checkpoints.checkpoint()).as("one checkpoint per head").isEmpty();
        acceptAndSettle();
        long second = checkpoints.checkpoint().orElseThrow();
        assertThat(second).isGreaterThan(first);
        // replicas checkpointing at the same moment: exactly one checkpoint of the head is stored, the chain does not fork
        acceptAndSettle();
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<Long>>> racing = replicas.invokeAll(Collections.nCopies(4, (Callable<Optional<Long>>) checkpoints::checkpoint));
            long stored = 0;
            for (Future<Optional<Long>> f : racing) {
                stored += f.get().isPresent() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            replicas.shutdown();
        }
        Report ok = assertIntact();
        assertThat(ok.checkpoints()).isGreaterThanOrEqualTo(3);
        assertThat(ok.caChecked()).isTrue();

        Map<String, Object> cp = jdbc.queryForMap("select document, signature from message_log_checkpoints where seq = ?", second);
        byte[] document = (byte[]) cp.get("document");
        // a participant's valid signature over the very document, and the hub's signature over another document
        jdbc.update("update message_log_checkpoints set signature = ? where seq = ?", signers.sign(COURT, document), second);
        assertBroken(second, Problem.CHECKPOINT_SIGNATURE_INVALID, null);
        String hubSignatureOverOther = jdbc.queryForObject("select signature from message_log_checkpoints where seq = ?", String.class, first);
        jdbc.update("update message_log_checkpoints set signature = ? where seq = ?", hubSignatureOverOther, second);
        assertBroken(second, Problem.CHECKPOINT_SIGNATURE_INVALID, null);
        jdbc.update("update message_log_checkpoints set signature = ? where seq = ?", cp.get("signature"), second);
        assertIntact();
    }

    @Test
    void entriesCutOffTheEndAreCaughtByTheHeadRow() throws Exception {
        acceptAndSettle();
        Map<String, Object> head = jdbc.queryForMap("select seq, entry_hash from message_log_head where id = 1");
        long seq = ((Number) head.get("seq")).longValue();
        // the head row moves on with every append: this one is caught as long as nothing else is appended meanwhile
        jdbc.update("update message_log_head set seq = ?, entry_hash = ? where id = 1 and seq = ?", seq + 1, head.get("entry_hash"), seq);
        assertBroken(seq + 1, Problem.ENTRY_MISSING, null);
        jdbc.update("update message_log_head set seq = ? where id = 1 and seq = ?", seq, seq + 1);
        assertIntact();
    }

    @Test
    void ingestStopsWhenTheLogCannotBeWritten() throws Exception {
        acceptAndSettle();
        ObjectNode m = TestMessages.fresh("case-dispatch.json", COURT, partner);
        byte[] body = TestMessages.bytes(m);
        String id = m.get("messageId").asText();
        long head = headSeq();
        // the table storing transactions write their (pending) entries to
        jdbc.execute("alter table message_log_pending rename to message_log_pending_frozen");
        HttpResponse<String> refused;
        try {
            refused = postMessage(body, signers.sign(COURT, body));
        } finally {
            jdbc.execute("alter table message_log_pending_frozen rename to message_log_pending");
        }
        // refused as unavailable, to be retried: nothing was stored
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(jdbc.queryForObject("select count(*) from messages where message_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from evidences where message_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from cases where case_id = ?", Long.class, m.get("caseId").asText())).isZero();
        assertThat(headSeq()).isEqualTo(head);

        HttpResponse<String> retried = postMessage(body, signers.sign(COURT, body));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(JSON.readTree(retried.body()).get("duplicate").asBoolean()).isFalse();
        settle(id);
        assertIntact();
    }

    @Test
    void theOfflineCommandVerifiesTheSameDatabase() throws Exception {
        acceptAndSettle();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String[] args = {
            "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
            "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
            "--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""),
            "--hub.data-dir=" + env.getProperty("hub.data-dir"),
            "--hub.message-log.verify.progress-every=1"};
        int code = VerifyLogCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(code).as(out + "\n" + progress).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("INTACT").contains("signers checked against the hub CA");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("entries verified");

        String id = acceptAndSettle();
        jdbc.update("update messages set recipient = 'ACFTU' where message_id = ?", id);
        try {
            out.reset();
            assertThat(VerifyLogCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(progress, true)))
                    .isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("BROKEN")
                    .contains("first break: seq " + seq("MESSAGE", id) + " CONTENT_CHANGED MESSAGE " + id);
        } finally {
            jdbc.update("update messages set recipient = ? where message_id = ?", partner, id);
        }
        assertIntact();
    }

    @Test
    void pendingEntriesAreChainedInCommitThenIdOrderAndALateCommitInALaterBatch() throws Exception {
        acceptAndSettle();
        // a storing transaction that takes its pending id first but commits last
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService late = Executors.newSingleThreadExecutor();
        try {
            Future<Evidences.Evidence> lateEvidence = late.submit(() -> tx.execute(status -> {
                Evidences.Evidence e = rejection("late");
                stored.countDown();
                try {
                    assertThat(commit.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
                return e;
            }));
            assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();

            String first = accept();
            quiesce(first);
            String second = accept();
            quiesce(second);
            long firstId = pendingId("MESSAGE", first);
            long secondId = pendingId("MESSAGE", second);
            assertThat(secondId).isGreaterThan(firstId);
            sealAll();
            // committed entries are chained in id order; the uncommitted one is not seen, and is not skipped for good
            assertThat(seq("MESSAGE", second)).isGreaterThan(seq("MESSAGE", first));
            assertThat(seq("EVIDENCE", evidence(first, "SUBMISSION_ACCEPTED"))).isEqualTo(seq("MESSAGE", first) - 1);
            assertThat(pending()).isZero();
            assertIntact();

            commit.countDown();
            Evidences.Evidence e = lateEvidence.get(60, TimeUnit.SECONDS);
            assertThat(pendingId("EVIDENCE", e.evidenceId())).isLessThan(firstId);
            sealAll();
            // the chain order is the seal order: the lower id, committed late, comes after
            assertThat(seq("EVIDENCE", e.evidenceId())).isGreaterThan(seq("MESSAGE", second));
            assertThat(pending()).isZero();
            assertIntact();
        } finally {
            commit.countDown();
            late.shutdown();
        }
    }

    @Test
    void sealersRacingWhileRowsAreStoredBuildOneChain() throws Exception {
        acceptAndSettle();
        long before = headSeq();
        int perAppender = 60;
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<List<String>>> appenders = new ArrayList<>();
            for (int a = 0; a < 2; a++) {
                appenders.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perAppender; i++) {
                        ids.add(rejection("race").evidenceId());
                    }
                    return ids;
                }));
            }
            // three replicas' sealers, small batches so that they interleave: each seals until the appenders are done
            // and nothing is left
            List<Future<Integer>> sealers = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                sealers.add(pool.submit(() -> {
                    int sealed = 0;
                    while (true) {
                        boolean appending = appenders.stream().anyMatch(f -> !f.isDone());
                        int n = sealer.sealBatch(7);
                        sealed += n;
                        if (n == 0 && !appending) {
                            return sealed;
                        }
                    }
                }));
            }
            List<String> stored = new ArrayList<>();
            for (Future<List<String>> f : appenders) {
                stored.addAll(f.get(120, TimeUnit.SECONDS));
            }
            int sealed = 0;
            for (Future<Integer> f : sealers) {
                sealed += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(sealed).isEqualTo(2 * perAppender);
            assertThat(headSeq()).isEqualTo(before + 2 * perAppender);
            assertThat(pending()).isZero();
            // each evidence exactly once in the chain, seq without gaps or duplicates (the primary key), links intact
            for (String id : stored) {
                assertThat(seq("EVIDENCE", id)).isBetween(before + 1, before + 2 * perAppender);
            }
            assertThat(jdbc.queryForObject("select count(*) from message_log where seq > ?", Long.class, before))
                    .isEqualTo(2L * perAppender);
            assertIntact();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEntryStillPendingAfterTheGraceIsABreak() {
        Evidences.Evidence e = rejection("unsealed");
        // pending within the grace: not chained yet, not a break
        Report fresh = assertIntact();
        assertThat(fresh.pending()).isPositive();

        OffsetDateTime at = jdbc.queryForObject("select logged_at from message_log_pending where ref_id = ?", OffsetDateTime.class,
                e.evidenceId());
        jdbc.update("update message_log_pending set logged_at = ? where ref_id = ?", at.minusMinutes(2), e.evidenceId());
        Report r = verifier.verify();
        assertThat(r.intact()).as("%s", r).isFalse();
        assertThat(r.firstBreak().problem()).as("%s", r).isEqualTo(Problem.UNSEALED);
        assertThat(r.firstBreak().refId()).isEqualTo(e.evidenceId());
        assertThat(r.firstBreak().seq()).isNull();

        sealAll();
        assertThat(assertIntact().pending()).isZero();
    }

    @Test
    void aPendingEntryDeletedBeforeSealingIsCaughtAsAnUnloggedRowUnlessItsRowGoesToo() {
        Evidences.Evidence e = rejection("pending");
        String entry = save("message_log_pending", "ref_id", e.evidenceId());
        jdbc.update("delete from message_log_pending where ref_id = ?", e.evidenceId());
        Report r = verifier.verify();
        assertThat(r.intact()).as("%s", r).isFalse();
        assertThat(r.firstBreak().problem()).as("%s", r).isEqualTo(Problem.UNLOGGED_ROWS);

        // the window of deferred sealing: the row deleted together with its pending entry leaves no trace in the log
        String row = save("evidences", "evidence_id", e.evidenceId());
        jdbc.update("delete from evidences where evidence_id = ?", e.evidenceId());
        assertIntact();

        restore("evidences", row);
        restore("message_log_pending", entry);
        sealAll();
        assertIntact();
    }

    /** Accepts a signed case dispatch through REST and waits until it is delivered and its evidence recorded. */
    String acceptAndSettle() throws Exception {
        String id = accept();
        settle(id);
        return id;
    }

    /** Accepts a signed case dispatch through REST; returns its messageId. */
    String accept() throws Exception {
        ObjectNode m = TestMessages.fresh("case-dispatch.json", COURT, partner);
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(COURT, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return m.get("messageId").asText();
    }

    /** Waits until the message is delivered and nothing is in flight, then seals everything pending. */
    void settle(String id) {
        quiesce(id);
        sealAll();
    }

    /** Waits until the message is delivered and its evidences recorded, and nothing is in flight. */
    void quiesce(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from evidences where message_id = ? and kind = 'DELIVERED'", Long.class, id) == 1);
        // the DELIVERED evidence is pushed to the court as a hub message: wait until nothing is in flight
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from messages where status in ('ACCEPTED', 'RELAYED')", Long.class) == 0);
    }

    /** Seals what is pending, as the message-log-seal route does every tick. */
    void sealAll() {
        sealer.seal();
    }

    /** A rejection evidence filed under a made-up id: a real logged row (as a quarantined input has) that no delivery touches. */
    Evidences.Evidence rejection(String prefix) {
        return evidences.record(prefix + "-" + UUID.randomUUID(), Evidences.Kind.SUBMISSION_REJECTED, Map.of("code", "MALFORMED"));
    }

    long pendingId(String kind, String refId) {
        return jdbc.queryForObject("select id from message_log_pending where kind = ? and ref_id = ?", Long.class, kind, refId);
    }

    long pending() {
        return jdbc.queryForObject("select count(*) from message_log_pending", Long.class);
    }

    long seq(String kind, String refId) {
        return jdbc.queryForObject("select seq from message_log where kind = ? and ref_id = ?", Long.class, kind, refId);
    }

    String evidence(String messageId, String kind) {
        return jdbc.queryForObject("select evidence_id from evidences where message_id = ? and kind = ?", String.class, messageId, kind);
    }

    long headSeq() {
        return jdbc.queryForObject("select seq from message_log_head where id = 1", Long.class);
    }

    Report assertIntact() {
        Report r = verifier.verify();
        assertThat(r.intact()).as("%s", r).isTrue();
        assertThat(r.firstBreak()).isNull();
        return r;
    }

    void assertBroken(long seq, Problem problem, String refId) {
        Report r = verifier.verify();
        assertThat(r.intact()).as("%s", r).isFalse();
        assertThat(r.firstBreak().seq()).as("%s", r).isEqualTo(seq);
        assertThat(r.firstBreak().problem()).as("%s", r).isEqualTo(problem);
        if (refId != null) {
            assertThat(r.firstBreak().refId()).isEqualTo(refId);
        }
    }

    /** Swaps two entries' places in the log, as an editor of the table would (seq is the order). */
    void swap(long a, long b) {
        jdbc.update("update message_log set seq = -1 where seq = ?", a);
        jdbc.update("update message_log set seq = ? where seq = ?", a, b);
        jdbc.update("update message_log set seq = ? where seq = -1", b);
    }

    /** Copies a row into a table of its own (portable: create table as select), to put it back after the test. */
    String save(String table, String key, String value) {
        String copy = "saved_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute("create table " + copy + " as select * from " + table + " where " + key + " = '" + value + "'");
        assertThat(jdbc.queryForObject("select count(*) from " + copy, Long.class)).isEqualTo(1);
        return copy;
    }

    void restore(String table, String copy) {
        jdbc.execute("insert into " + table + " select * from " + copy);
        jdbc.execute("drop table " + copy);
    }
}
