package cn.courtmediation.hub.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the hub process costs while a phase runs: its CPU time from /proc/&lt;pid&gt;/stat (same machine) and its heap from
 * the actuator metrics read as an operator over HTTPS, polled once a second; the maxima are kept per phase.
 */
final class HubGauges implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubAdmin admin;
    private final long pid;
    private final int clockTicks;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(LoadSupport.daemon("gauges"));
    private volatile double heapUsedMb = -1;
    private volatile double heapMaxInPhaseMb = -1;
    private volatile double liveMaxInPhaseMb = -1;
    private volatile double heapMaxOverallMb = -1;
    private volatile double heapLimitMb = -1;
    private volatile String lastError;

    /** pid 0: CPU is not measured (the hub is not on this machine); admin null: heap is not measured. */
    HubGauges(HubAdmin admin, long pid, int clockTicks) {
        this.admin = admin;
        this.pid = pid;
        this.clockTicks = clockTicks;
        if (admin != null) {
            heapLimitMb = metric("jvm.memory.max");
            poller.scheduleWithFixedDelay(this::poll, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** Starts a new phase: the per-phase maxima start again. */
    void resetPhase() {
        heapMaxInPhaseMb = heapUsedMb;
        liveMaxInPhaseMb = -1;
    }

    /** The hub's user + system CPU time so far in seconds, or -1 when it cannot be read. */
    double cpuSeconds() {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / (double) clockTicks;
        } catch (IOException | RuntimeException e) {
            lastError = "cpu: " + e;
            return -1;
        }
    }

    double heapUsedMb() {
        return heapUsedMb;
    }

    double heapMaxInPhaseMb() {
        return heapMaxInPhaseMb;
    }

    /** Largest heap left live after a GC in this phase (jvm.gc.live.data.size), MB. */
    double liveMaxInPhaseMb() {
        return liveMaxInPhaseMb;
    }

    double heapMaxOverallMb() {
        return heapMaxOverallMb;
    }

    /** The heap's limit as the hub reports it (its -Xmx), MB. */
    double heapLimitMb() {
        return heapLimitMb;
    }

    String lastError() {
        return lastError;
    }

    private void poll() {
        double used = metric("jvm.memory.used");
        if (used >= 0) {
            heapUsedMb = used;
            heapMaxInPhaseMb = Math.max(heapMaxInPhaseMb, used);
            heapMaxOverallMb = Math.max(heapMaxOverallMb, used);
        }
        double live = liveData();
        if (live >= 0) {
            liveMaxInPhaseMb = Math.max(liveMaxInPhaseMb, live);
        }
    }

    /** A heap metric (summed over the heap's pools) in MB, or -1. */
    private double metric(String name) {
        return read("/actuator/metrics/" + name + "?tag=area:heap");
    }

    /** A counter's total (statistic COUNT) from the actuator, or -1 when it cannot be read. */
    double count(String name) {
        try {
            JsonNode m = JSON.readTree(admin.get("/actuator/metrics/" + name));
            for (JsonNode s : m.path("measurements")) {
                if ("COUNT".equals(s.path("statistic").asText())) {
                    return s.path("value").asDouble();
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            lastError = name + ": " + e.getMessage();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private double liveData() {
        return read("/actuator/metrics/jvm.gc.live.data.size");
    }

    private double read(String path) {
        try {
            JsonNode m = JSON.readTree(admin.get(path));
            for (JsonNode s : m.path("measurements")) {
                if ("VALUE".equals(s.path("statistic").asText())) {
                    return s.path("value").asDouble() / (1024.0 * 1024.0);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            lastError = path + ": " + e.getMessage();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
