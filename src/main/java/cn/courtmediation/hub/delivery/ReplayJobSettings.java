package cn.courtmediation.hub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.replay-jobs: how bulk replays run (the interval is read by routes/replay-jobs.camel.yaml too).
 *
 * @param interval     ms between the runner's turns; each turn replays at most rate x interval dead letters of a job
 * @param lease        how long a job stays with the node running it after its last turn: a node that died is replaced then
 * @param defaultRate  replays per second of a job that names no rate (HUB_REPLAY_DEFAULT_RATE): a court just back is not flooded
 * @param maxRate      the highest rate a job may ask for
 * @param maxIds       the most ids one selection may list
 */
@ConfigurationProperties("hub.replay-jobs")
record ReplayJobSettings(long interval, Duration lease, int defaultRate, int maxRate, int maxIds) {
}
