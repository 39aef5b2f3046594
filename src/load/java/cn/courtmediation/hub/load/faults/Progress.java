package cn.courtmediation.hub.load.faults;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a progress line every 5 s: acknowledged, received, errors and what the fault driver is doing. */
final class Progress {
    private final String scenario;
    private final Ledger ledger;
    private final Supplier<String> phase;
    private final long t0;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-progress");
        t.setDaemon(true);
        return t;
    });

    Progress(String scenario, Ledger ledger, Supplier<String> phase, long t0) {
        this.scenario = scenario;
        this.ledger = ledger;
        this.phase = phase;
        this.t0 = t0;
    }

    Progress start() {
        timer.scheduleAtFixedRate(this::print, 5, 5, TimeUnit.SECONDS);
        return this;
    }

    void stop() {
        timer.shutdownNow();
    }

    private void print() {
        System.out.printf(Locale.ROOT, "[%s %4.0fs] sent %d, acknowledged %d, received %d, errors %d, duplicated %d; %s%n", scenario,
                (System.nanoTime() - t0) / 1e9, ledger.sentCount(), ledger.acknowledgedCount(), ledger.receivedDistinct(),
                ledger.errorCount(), ledger.duplicated(), phase.get());
    }
}
