package cn.courtmediation.hub.load.faults;

import java.util.ArrayDeque;
import java.util.Deque;

/** Everything a fault run started (hub, broker, proxy, court, database, receiver); closed in reverse order, also from a shutdown hook. */
final class Rig implements AutoCloseable {
    HubProcess hub;
    ExternalBroker broker;
    TcpProxy proxy;
    CourtReceiver court;
    Postgres database;
    QueueReceiver queue;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private boolean closed;

    /** Registers a part for closing; returns it. */
    synchronized <T extends AutoCloseable> T own(T part) {
        opened.push(part);
        return part;
    }

    /** Kills the processes at once (the JVM is going down: no time for a graceful stop), then closes the rest. */
    void emergencyStop() {
        try {
            if (hub != null) {
                hub.kill9();
            }
            if (broker != null) {
                broker.kill9();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!opened.isEmpty()) {
            AutoCloseable part = opened.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("fault run: closing " + part.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
