package cn.courtmediation.hub.delivery;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs bulk replay jobs off the request thread, a turn every hub.replay-jobs.interval (routes/replay-jobs.camel.yaml):
 * each turn replays at most the job's rate x interval of its items, through the same per-message claim as a single
 * replay, with the item's outcome written in the claim's transaction. So a job cancelled or interrupted at any point
 * has replayed each of its dead letters at most once, and those it did not reach are still FAILED; a crash between a
 * claim and its queueing is finished by the replay sweep (DeadLetterReplay.interrupted).
 */
@Component("replayJobRunner")
public class ReplayJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayJobRunner.class);
    /** Items between two looks at whether the job was cancelled. */
    private static final int CANCEL_CHECK_EVERY = 10;
    private final ReplayJobs jobs;
    private final DeadLetterReplay replay;
    private final ReplayJobSettings settings;
    private final String node;

    ReplayJobRunner(ReplayJobs jobs, DeadLetterReplay replay, ReplayJobSettings settings, DeliveryNode node) {
        this.jobs = jobs;
        this.replay = replay;
        this.settings = settings;
        this.node = node.id();
    }

    /** One turn: each running job this node holds or may take over moves on by its rate. */
    public void tick() {
        for (String jobId : jobs.lease(node, settings.lease(), 5)) {
            turn(jobId);
        }
    }

    private void turn(String jobId) {
        ReplayJobs.Job job = jobs.find(jobId).orElseThrow();
        int budget = (int) Math.max(1, job.rate() * settings.interval() / 1000);
        List<String> items = jobs.open(jobId, budget);
        for (int i = 0; i < items.size(); i++) {
            if (i % CANCEL_CHECK_EVERY == 0 && !jobs.running(jobId)) {
                LOG.info("Replay job {} was cancelled: it stops with its remaining dead letters untouched", jobId);
                return;
            }
            String messageId = items.get(i);
            boolean replayed = replay.replay(messageId, n -> jobs.record(jobId, messageId, "REPLAYED", n)).isPresent();
            if (!replayed) {
                // not FAILED any more (delivered, discarded, replayed meanwhile), or already recorded by another turn
                jobs.record(jobId, messageId, "SKIPPED", null);
            }
        }
        jobs.finishIfDone(jobId);
        jobs.find(jobId).ifPresent(j -> {
            if (!ReplayJobs.RUNNING.equals(j.state())) {
                LOG.info("Replay job {} {}: {} replayed, {} skipped of {}", jobId, j.state().toLowerCase(java.util.Locale.ROOT), j.replayed(),
                        j.skipped(), j.total());
            } else if (tenths(j) > tenths(job)) {
                // a few progress lines for a long job: one per tenth done
                LOG.info("Replay job {}: {}% ({} of {})", jobId, 100 * (j.replayed() + j.skipped()) / j.total(), j.replayed() + j.skipped(),
                        j.total());
            }
        });
    }

    private static int tenths(ReplayJobs.Job j) {
        return j.total() == 0 ? 10 : 10 * (j.replayed() + j.skipped()) / j.total();
    }
}
