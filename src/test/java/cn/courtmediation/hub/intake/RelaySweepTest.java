package cn.courtmediation.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.store.MessageStore.Stale;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep queues what the relay dropped, never what the relay finished between the sweep's snapshot and its read. */
class RelaySweepTest {
    private final RelaySettings settings = new RelaySettings(Duration.ofSeconds(10), 500);
    private final RelayBacklog backlog = new RelayBacklog(Clock.systemUTC(), settings);
    // notHeld reads neither the store nor the registry
    private final RelaySweep sweep = new RelaySweep(null, null, backlog, settings);

    @Test
    void leavesARowTheRelayHeldAtTheSnapshotAndLetGoBeforeTheRead() {
        backlog.handedOver("in-batch");
        var heldBefore = backlog.heldNow();
        // the relay's batch: broker commit, then RELAYED committed after the sweep's read saw ACCEPTED, then it lets go
        backlog.done("in-batch");
        assertThat(sweep.notHeld(List.of(new Stale("in-batch", "PBOC")), heldBefore))
                .as("queued a second time: a duplicate that failed the next batch's broker commit").isEmpty();
    }

    @Test
    void queuesWhatTheRelayDidNotHoldButNotWhatWasHandedToItSince() {
        var heldBefore = backlog.heldNow();
        backlog.handedOver("handed-over-since");
        assertThat(sweep.notHeld(List.of(new Stale("dropped", "PBOC"), new Stale("handed-over-since", "PBOC")), heldBefore))
                .extracting(Stale::messageId).containsExactly("dropped");
    }
}
