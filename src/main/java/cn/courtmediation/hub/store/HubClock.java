package cn.courtmediation.hub.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hub's clock: system UTC plus an offset that only tests and the demo scenario move, so that 60 days of
 * mediation time limits (or a year of traffic) run in seconds through the real flows.
 */
public final class HubClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // a view that keeps following this clock's moves, only in another zone
        HubClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Moves the hub's time forward (or back, with a negative amount). */
    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    /** Sets the hub's time to the given instant (it then runs on from there). */
    public void set(Instant now) {
        offset.set(Duration.between(Instant.now(), now));
    }

    /** Back to the system time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }
}
