package cn.courtmediation.hub.load.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Injects a scenario's faults while the load runs, keyed to the share of messages acknowledged so far; records what it did. */
final class FaultDriver {
    private final Scenario scenario;
    private final Rig rig;
    private final Ledger ledger;
    private final int messages;
    private final BooleanSupplier loadRunning;
    private final Runnable onFailure;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final long t0 = System.nanoTime();
    private volatile String phase = "load";
    private volatile Exception failure;

    FaultDriver(Scenario scenario, Rig rig, Ledger ledger, int messages, BooleanSupplier loadRunning, Runnable onFailure) {
        this.scenario = scenario;
        this.rig = rig;
        this.ledger = ledger;
        this.messages = messages;
        this.loadRunning = loadRunning;
        this.onFailure = onFailure;
    }

    /** Starts the fault timeline on its own thread. */
    Thread start() {
        Thread t = new Thread(() -> {
            try {
                inject();
                phase = "faults done";
            } catch (Exception e) {
                failure = e;
                phase = "fault driver failed";
                System.out.println("fault driver failed: " + e);
                onFailure.run();
            }
        }, "fault-driver");
        t.setDaemon(true);
        t.start();
        return t;
    }

    String phase() {
        return phase;
    }

    List<String> notes() {
        return notes;
    }

    Exception failure() {
        return failure;
    }

    private void inject() throws Exception {
        switch (scenario) {
            case KILL9_H2, KILL9_POSTGRES -> {
                for (double share : new double[] {0.2, 0.5, 0.8}) {
                    if (!awaitAcknowledged(share)) {
                        return;
                    }
                    rig.hub.kill9();
                    note("kill -9 at " + ledger.acknowledgedCount() + " acknowledged");
                    restartHub();
                }
            }
            case SIGTERM -> {
                if (awaitAcknowledged(0.5)) {
                    phase = "SIGTERM, waiting for the hub to stop";
                    long ms = rig.hub.terminate(Duration.ofSeconds(60));
                    note(String.format(java.util.Locale.ROOT, "SIGTERM at %d acknowledged: the stop took %.1f s", ledger.acknowledgedCount(), ms / 1000.0));
                    restartHub();
                }
            }
            case BROKER_KILL -> {
                if (awaitAcknowledged(0.3)) {
                    rig.broker.kill9();
                    note("broker kill -9 at " + ledger.acknowledgedCount() + " acknowledged");
                    down(Duration.ofSeconds(12), "broker down");
                    rig.broker.start(Duration.ofSeconds(120));
                    note("broker restarted after 12 s down, at " + ledger.acknowledgedCount() + " acknowledged");
                }
            }
            case DB_REFUSE -> {
                if (awaitAcknowledged(0.3)) {
                    rig.proxy.refuse();
                    note("database refused from " + ledger.acknowledgedCount() + " acknowledged");
                    down(Duration.ofSeconds(30), "database refusing");
                    rig.proxy.open();
                    note("database back at " + ledger.acknowledgedCount() + " acknowledged");
                }
            }
            case NO_FAULT -> note("no fault (control run)");
            case COURT_DOWN -> {
                if (awaitAcknowledged(0.2)) {
                    rig.court.down();
                    note("court down at " + ledger.acknowledgedCount() + " acknowledged");
                    down(Duration.ofSeconds(90), "court down");
                    rig.court.up();
                    note("court back at " + ledger.acknowledgedCount() + " acknowledged");
                }
            }
        }
    }

    private void restartHub() throws Exception {
        phase = "restarting the hub";
        long start = System.nanoTime();
        rig.hub.start();
        rig.hub.awaitReady(HubProcess.startTimeout());
        note(String.format(java.util.Locale.ROOT, "ready again after %.1f s", (System.nanoTime() - start) / 1e9));
        phase = "load";
    }

    /**
     * Holds a fault for its duration (pacing of the fault, not a correctness wait), probing the hub's readiness once a
     * second meanwhile: whether it tells a load balancer the truth during the outage is part of the result.
     */
    private void down(Duration d, String what) throws InterruptedException {
        phase = what;
        long end = System.nanoTime() + d.toNanos();
        int probes = 0;
        int up = 0;
        while (System.nanoTime() < end) {
            long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            probes++;
            if (rig.hub.ready()) {
                up++;
            }
            long pause = Math.min(next, end) - System.nanoTime();
            if (pause > 0) {
                TimeUnit.NANOSECONDS.sleep(pause);
            }
        }
        note("readiness UP in " + up + " of " + probes + " probes while " + what);
        phase = "load";
    }

    /** Waits until the share of the planned messages is acknowledged; false when the load ended first (fault not injected). */
    private boolean awaitAcknowledged(double share) throws InterruptedException {
        long target = (long) Math.ceil(share * messages);
        while (ledger.acknowledgedCount() < target) {
            if (!loadRunning.getAsBoolean()) {
                note("load ended before " + Math.round(share * 100) + "% acknowledged: fault not injected");
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return true;
    }

    private void note(String s) {
        String line = String.format(java.util.Locale.ROOT, "t=%.0fs %s", (System.nanoTime() - t0) / 1e9, s);
        notes.add(line);
        System.out.println("[fault] " + line);
    }
}
