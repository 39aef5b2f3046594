package cn.courtmediation.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The failures an operator works with, for the console's Failures page: refusals grouped by code, dead letters by
 * filter, replay jobs and discards. The same services as the /admin endpoints, with the same checks (HubException
 * MALFORMED for bad input).
 */
@Component
public class Failures {
    private final RefusalGroups refusals;
    private final DeadLetterSearch deadLetters;
    private final ReplayJobs jobs;
    private final DeadLetterDiscards discards;
    private final ReplayJobSettings settings;
    private final Clock clock;

    Failures(RefusalGroups refusals, DeadLetterSearch deadLetters, ReplayJobs jobs, DeadLetterDiscards discards, ReplayJobSettings settings,
             Clock clock) {
        this.refusals = refusals;
        this.deadLetters = deadLetters;
        this.jobs = jobs;
        this.discards = discards;
        this.settings = settings;
        this.clock = clock;
    }

    /** One page of a list, with the total. */
    public record Page<T>(List<T> items, long total, int page, int size) {
        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    /** A dead-letter filter as the page's form gives it (blank fields are absent; times ISO-8601). */
    public record Filter(String recipient, String caseId, String from, String to, String reason) {
        DeadLetterFilter parsed() {
            return new DeadLetterFilter(recipient, caseId, FailureParams.time("from", from), FailureParams.time("to", to), reason);
        }
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Refusal groups since the given time (up to now), most frequent first. */
    public List<RefusalGroups.Group> refusalGroups(OffsetDateTime from) {
        return refusals.groups(from, now().plusSeconds(1), null);
    }

    public Page<RefusalGroups.Refusal> refusals(String code, OffsetDateTime from, int page, int size) {
        FailureParams.page(page, size);
        OffsetDateTime to = now().plusSeconds(1);
        return new Page<>(refusals.ofCode(code, from, to, null, page, size), refusals.countOfCode(code, from, to, null), page, size);
    }

    public Page<DeadLetterSearch.DeadLetter> deadLetters(Filter filter, int page, int size) {
        FailureParams.page(page, size);
        DeadLetterFilter f = filter.parsed();
        return new Page<>(deadLetters.find(f, page, size), deadLetters.count(f), page, size);
    }

    public ReplayJobs.Job replaySelected(List<String> messageIds, String actor) {
        return jobs.createForIds(FailureParams.messageIds(java.util.Map.of("messageIds", messageIds), settings.maxIds()), actor,
                settings.defaultRate());
    }

    public ReplayJobs.Job replayMatching(Filter filter, String actor) {
        return jobs.createForFilter(filter.parsed(), actor, settings.defaultRate());
    }

    public List<ReplayJobs.Job> recentJobs(int size) {
        return jobs.recent(0, size);
    }

    /** Cancels the job; false when there is no such job. */
    public boolean cancel(String jobId, String actor) {
        if (jobs.find(jobId).isEmpty()) {
            return false;
        }
        jobs.cancel(jobId, actor);
        return true;
    }

    public List<DeadLetterDiscards.Outcome> discard(List<String> messageIds, String reason, String actor) {
        List<String> ids = FailureParams.messageIds(java.util.Map.of("messageIds", messageIds), settings.maxIds());
        return discards.discard(ids, FailureParams.reason(java.util.Map.of("reason", reason == null ? "" : reason)), actor);
    }
}
