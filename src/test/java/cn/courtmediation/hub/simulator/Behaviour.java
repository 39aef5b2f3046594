package cn.courtmediation.hub.simulator;

import java.util.concurrent.ThreadLocalRandom;

/** How a simulated court answers: after how long, how often with a failure, and whether it is down altogether. */
record Behaviour(long latencyMs, double failureRate, boolean down) {
    /** Answers at once and never fails. */
    static final Behaviour NORMAL = new Behaviour(0, 0.0, false);

    Behaviour {
        if (latencyMs < 0 || latencyMs > 600_000) {
            throw new IllegalArgumentException("latencyMs must be 0..600000, was " + latencyMs);
        }
        if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
            throw new IllegalArgumentException("failureRate must be 0.0..1.0, was " + failureRate);
        }
    }

    /** Draws whether this delivery is answered with a failure. */
    boolean failsNow() {
        return down || (failureRate > 0.0 && ThreadLocalRandom.current().nextDouble() < failureRate);
    }
}
