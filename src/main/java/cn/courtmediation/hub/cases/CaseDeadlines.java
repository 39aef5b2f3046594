package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.store.HubOutbox;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on mediation time limits: at expiry without agreement the hub transfers the case to filing and
 * pushes a filing request to the court's trial system (copy to the mediator); before it, deadline warnings.
 * Every replica scans; each act happens exactly once because it is claimed under the case row's lock with
 * the condition re-checked (a second replica finds the state or the warning time already moved). State lives
 * in the database, so a restart loses nothing: what fell due while the hub was down is acted on at the next scan.
 */
@Component("caseDeadlines")
public class CaseDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(CaseDeadlines.class);
    private static final int BATCH = 200;
    private static final java.time.Duration SUMMARY_EVERY = java.time.Duration.ofMinutes(10);

    private final CaseStore cases;
    private final Deadlines deadlines;
    private final CasePushes pushes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private long sinceSummary;
    private long lastSummary;
    private boolean summarized;

    CaseDeadlines(CaseStore cases, Deadlines deadlines, CasePushes pushes, TransactionTemplate tx, Clock clock) {
        this.cases = cases;
        this.deadlines = deadlines;
        this.pushes = pushes;
        this.tx = tx;
        this.clock = clock;
    }

    /** One scan: expiries, then warnings. Returns the ids of the hub messages stored, to be queued. */
    public List<String> scan() {
        OffsetDateTime start = now();
        List<String> stored = new ArrayList<>();
        for (String caseId : cases.expired(start, BATCH)) {
            stored.addAll(tx.execute(status -> expire(caseId)));
        }
        for (String caseId : cases.warningsDue(start, BATCH)) {
            stored.addAll(tx.execute(status -> warn(caseId)));
        }
        if (!stored.isEmpty()) {
            LOG.debug("Deadline scan: {} hub message(s) stored (filing requests, warnings)", stored.size());
        }
        summarize(stored.size());
        return stored;
    }

    /**
     * The scans' INFO line: at the first act, then at most one line per SUMMARY_EVERY with what the scans stored since,
     * written by the next scan after it (a replayed year made 212 lines of one scan each; the per-scan line is DEBUG).
     */
    private synchronized void summarize(int n) {
        sinceSummary += n;
        long now = System.nanoTime();
        if (sinceSummary > 0 && (!summarized || now - lastSummary >= SUMMARY_EVERY.toNanos())) {
            LOG.info("Deadline scans: {} hub message(s) stored (filing requests, warnings) since {}", sinceSummary,
                    summarized ? "the last such line, " + (now - lastSummary) / 1_000_000_000 + " s ago" : "the start");
            sinceSummary = 0;
            lastSummary = now;
            summarized = true;
        }
    }

    /** The time of an act is taken under the case's lock, so it is never earlier than an event that came before it. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private List<String> expire(String caseId) {
        CaseRow c = cases.lock(caseId).orElseThrow();
        OffsetDateTime now = now();
        if (!due(c, now)) {
            return List.of(); // another replica (or an event) got there first
        }
        return expireLocked(c, now);
    }

    /** Whether a case is mediating past its deadline. */
    static boolean due(CaseRow c, OffsetDateTime now) {
        return c.state != null && CaseState.MEDIATING.contains(c.state) && !c.deadlineAt.isAfter(now);
    }

    /**
     * Transfers a case past its deadline to filing; the caller holds the case's lock and commits. Also used by the
     * lifecycle when an event arrives for such a case before a scan got to it: the event is judged after the expiry.
     * Returns the ids of the filing requests stored, to be queued after the commit.
     */
    List<String> expireLocked(CaseRow c, OffsetDateTime now) {
        c.conclude("EXPIRED", now);
        c.filingReason = "DEADLINE_EXPIRED";
        cases.transition(c, CaseEvent.EXPIRE, HubOutbox.HUB, null, now,
                "no agreement by the deadline " + c.deadlineAt.toInstant() + "; transferred to filing");
        cases.save(c, now);
        return pushes.filingRequest(c, c.filingReason, null, true);
    }

    private List<String> warn(String caseId) {
        CaseRow c = cases.lock(caseId).orElseThrow();
        OffsetDateTime now = now();
        // past its deadline, a case is expired (by this scan's next round or the next scan), never warned
        if (c.state == null || !CaseState.MEDIATING.contains(c.state) || c.nextWarningAt == null || c.nextWarningAt.isAfter(now)
                || !c.deadlineAt.isAfter(now)) {
            return List.of();
        }
        c.nextWarningAt = deadlines.nextWarning(c.deadlineAt, now);
        cases.transition(c, CaseEvent.DEADLINE_WARNING, HubOutbox.HUB, null, now, "deadline " + c.deadlineAt.toInstant() + " approaching");
        cases.save(c, now);
        return pushes.deadlineWarning(c);
    }
}
