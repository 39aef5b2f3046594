package cn.courtmediation.hub.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The replay_jobs and replay_job_items tables: a bulk replay's fixed list of dead letters, its state and counts, the
 * lease of the node running it, and each item's outcome.
 */
@Component
public class ReplayJobs {
    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";
    static final String CANCELLED = "CANCELLED";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "job_id, actor, selection, rate, state, total, replayed, skipped, created_at, finished_at, cancelled_by";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    ReplayJobs(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** A job as the admin API and the Failures page show it. */
    public record Job(String jobId, String actor, Map<String, Object> selection, int rate, String state, int total, int replayed, int skipped,
               OffsetDateTime createdAt, OffsetDateTime finishedAt, String cancelledBy) {
        /** Items not reached yet: still FAILED and replayable after a cancel. */
        @com.fasterxml.jackson.annotation.JsonProperty
        public int remaining() {
            return total - replayed - skipped;
        }
    }

    /** A job over the listed ids (each at most once; ids that are not FAILED at their turn are skipped). */
    Job createForIds(List<String> messageIds, String actor, int rate) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(messageIds));
        return create(actor, rate, Map.of("selected", ids.size()), jobId -> {
            jdbc.batchUpdate("insert into replay_job_items (job_id, message_id) values (?, ?)",
                    ids.stream().map(id -> new Object[] {jobId, id}).toList());
            return ids.size();
        });
    }

    /** A job over every dead letter that matches the filter now; later failures are not part of it. */
    Job createForFilter(DeadLetterFilter filter, String actor, int rate) {
        return create(actor, rate, Map.of("filter", filter.describe()), jobId -> {
            List<Object> args = new ArrayList<>();
            args.add(jobId);
            String where = filter.where(args);
            return jdbc.update("insert into replay_job_items (job_id, message_id) select ?, message_id from messages" + where, args.toArray());
        });
    }

    private Job create(String actor, int rate, Map<String, Object> selection, java.util.function.ToIntFunction<String> items) {
        String jobId = UUID.randomUUID().toString();
        String described;
        try {
            described = JSON.writeValueAsString(selection);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String recorded = described.length() <= 4000 ? described : described.substring(0, 3990) + "…";
        tx.executeWithoutResult(status -> {
            jdbc.update("insert into replay_jobs (job_id, actor, selection, rate, state, total, replayed, skipped, created_at)"
                    + " values (?, ?, ?, ?, ?, 0, 0, 0, ?)", jobId, actor, recorded, rate, RUNNING, now());
            int total = items.applyAsInt(jobId);
            jdbc.update("update replay_jobs set total = ?, state = ?, finished_at = ? where job_id = ?", total,
                    total == 0 ? FINISHED : RUNNING, total == 0 ? now() : null, jobId);
        });
        return find(jobId).orElseThrow();
    }

    Optional<Job> find(String jobId) {
        return jdbc.query("select " + COLUMNS + " from replay_jobs where job_id = ?", ReplayJobs::map, jobId).stream().findFirst();
    }

    /** The jobs, newest first. */
    List<Job> recent(int page, int size) {
        return jdbc.query("select " + COLUMNS + " from replay_jobs order by created_at desc, job_id offset " + ((long) page * size)
                + " rows fetch next " + size + " rows only", ReplayJobs::map);
    }

    long count() {
        Long n = jdbc.queryForObject("select count(*) from replay_jobs", Long.class);
        return n == null ? 0 : n;
    }

    /** Stops a running job: its items not reached stay FAILED. False when it was not running (finished or cancelled). */
    boolean cancel(String jobId, String actor) {
        return jdbc.update("update replay_jobs set state = ?, cancelled_by = ?, finished_at = ?, runner = null, lease_until = null"
                + " where job_id = ? and state = ?", CANCELLED, actor, now(), jobId, RUNNING) == 1;
    }

    boolean running(String jobId) {
        return jdbc.queryForList("select state from replay_jobs where job_id = ?", String.class, jobId).stream().anyMatch(RUNNING::equals);
    }

    /**
     * The running jobs this node may work on now, oldest first, each leased to it for the lease time: those it ran
     * before (also before a restart: the node's name stays), and those whose runner's lease lapsed.
     */
    List<String> lease(String node, Duration lease, int limit) {
        OffsetDateTime now = now();
        List<String> free = jdbc.queryForList("select job_id from replay_jobs where state = ? and (runner = ? or lease_until is null"
                + " or lease_until < ?) order by created_at fetch first " + limit + " rows only", String.class, RUNNING, node, now);
        List<String> leased = new ArrayList<>();
        for (String jobId : free) {
            if (jdbc.update("update replay_jobs set runner = ?, lease_until = ? where job_id = ? and state = ? and (runner = ?"
                    + " or lease_until is null or lease_until < ?)", node, now.plus(lease), jobId, RUNNING, node, now) == 1) {
                leased.add(jobId);
            }
        }
        return leased;
    }

    /** The job's next items not reached yet, in a stable order. */
    List<String> open(String jobId, int limit) {
        return jdbc.queryForList("select message_id from replay_job_items where job_id = ? and outcome is null order by message_id"
                + " fetch first " + limit + " rows only", String.class, jobId);
    }

    /**
     * Records an item's outcome and counts it, once: false when it already had one (another runner, or a turn before a
     * crash, got there first). Runs in the caller's transaction (for REPLAYED, the claim's).
     */
    boolean record(String jobId, String messageId, String outcome, Integer replay) {
        if (jdbc.update("update replay_job_items set outcome = ?, replay = ? where job_id = ? and message_id = ? and outcome is null",
                outcome, replay, jobId, messageId) == 0) {
            return false;
        }
        String counter = "REPLAYED".equals(outcome) ? "replayed" : "skipped";
        jdbc.update("update replay_jobs set " + counter + " = " + counter + " + 1 where job_id = ?", jobId);
        return true;
    }

    /** FINISHED once no item is left (unless it was cancelled meanwhile). */
    void finishIfDone(String jobId) {
        jdbc.update("update replay_jobs set state = ?, finished_at = ?, runner = null, lease_until = null where job_id = ? and state = ?"
                + " and not exists (select 1 from replay_job_items where job_id = ? and outcome is null)", FINISHED, now(), jobId, RUNNING, jobId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    @SuppressWarnings("unchecked")
    private static Job map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Map<String, Object> selection;
        try {
            selection = JSON.readValue(rs.getString(3), Map.class);
        } catch (JsonProcessingException e) {
            selection = Map.of("recorded", rs.getString(3));
        }
        return new Job(rs.getString(1), rs.getString(2), selection, rs.getInt(4), rs.getString(5), rs.getInt(6), rs.getInt(7),
                rs.getInt(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class), rs.getString(11));
    }
}
