package cn.courtmediation.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The relay backlog keeps the sweep off what the relay still holds, but not forever. */
class RelayBacklogTest {
    private final MovingClock clock = new MovingClock();
    private final RelayBacklog backlog = new RelayBacklog(clock, new RelaySettings(Duration.ofSeconds(10), 500));

    @Test
    void holdsAMessageFromHandOverUntilTheRelayIsDone() {
        assertThat(backlog.holds("m1")).isFalse();
        backlog.handedOver("m1");
        assertThat(backlog.holds("m1")).isTrue();
        backlog.done("m1");
        assertThat(backlog.holds("m1")).isFalse();
    }

    @Test
    void letsTheSweepQueueAMessageTheRelayHeldForThirtyTimesTheStaleness() {
        backlog.handedOver("stuck");
        clock.now = clock.now.plusSeconds(299);
        assertThat(backlog.holds("stuck")).isTrue();
        clock.now = clock.now.plusSeconds(2);
        assertThat(backlog.holds("stuck")).isFalse();
    }

    @Test
    void heldNowIsASnapshotThatALaterDoneDoesNotChange() {
        // the sweep takes it before reading the stale rows: a batch the relay finishes after that read is still its own
        backlog.handedOver("held-too-long");
        backlog.handedOver("stuck");
        clock.now = clock.now.plusSeconds(301);
        backlog.handedOver("fresh");
        var held = backlog.heldNow();
        backlog.done("fresh");
        assertThat(held).containsExactlyInAnyOrder("fresh");
        assertThat(backlog.holds("fresh")).isFalse();
        assertThat(backlog.heldNow()).isEmpty();
    }

    @Test
    void toleratesADoneWithoutAnId() {
        backlog.done(null);
        assertThat(backlog.holds("x")).isFalse();
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
