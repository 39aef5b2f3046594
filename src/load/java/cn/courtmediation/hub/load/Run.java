package cn.courtmediation.hub.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Bookkeeping of one run: when each message was sent, whether its sender got it accepted, when it arrived, as histograms. */
final class Run {
    /** Latencies are recorded in microseconds, up to an hour, with 3 significant digits. */
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    final String name;
    final int planned;
    private final ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final AtomicInteger failedCount = new AtomicInteger();
    private final AtomicInteger receivedCount = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> failureKinds = new ConcurrentHashMap<>();
    private final List<String> failureSamples = new ArrayList<>();
    private final ConcurrentHashMap<String, String> sampleByKind = new ConcurrentHashMap<>();
    private final Histogram requestLatency = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
    private final Histogram endToEndLatency = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
    /** End-to-end latencies by the second (since the first send) in which each message was sent: shows a growing queue. */
    private final ConcurrentHashMap<Integer, Histogram> bySendSecond = new ConcurrentHashMap<>();
    private final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    private volatile long lastAccepted;
    private volatile long lastReceived;
    private volatile long sendingDone;

    Run(String name, int planned) {
        this.name = name;
        this.planned = planned;
    }

    /** Call just before handing the message to the transport; returns the send time (System.nanoTime). */
    long sending(String id) {
        long now = System.nanoTime();
        sentAt.put(id, now);
        firstSend.accumulateAndGet(now, Math::min);
        sent.incrementAndGet();
        return now;
    }

    /**
     * Open model: the message was due at intendedNanos (System.nanoTime) and is being sent now; both latencies are then
     * measured from the intended time, so that a send delayed by queueing still counts its wait (no coordinated omission).
     */
    void sendingAt(String id, long intendedNanos) {
        sentAt.put(id, intendedNanos);
        firstSend.accumulateAndGet(intendedNanos, Math::min);
        sent.incrementAndGet();
    }

    /** The transport accepted the message (HTTP 202, or the synchronous send returned). */
    void accepted(String id, long sentNanos) {
        long now = System.nanoTime();
        requestLatency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (now - sentNanos) / 1000)));
        accepted.add(id);
        acceptedCount.incrementAndGet();
        lastAccepted = Math.max(lastAccepted, now);
    }

    /** The transport refused the message or failed; kind groups failures in the report, sample shows one. */
    void failed(String id, String kind, String sample) {
        failedCount.incrementAndGet();
        failureKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        synchronized (failureSamples) {
            if (failureSamples.size() < 5) {
                failureSamples.add(id + ": " + sample);
            }
        }
        sampleByKind.putIfAbsent(kind, id + ": " + sample);
    }

    void sendingDone() {
        sendingDone = System.nanoTime();
    }

    /** A consumer received a message with this id at time now; false when the id is not one of this run's. */
    boolean received(String id, long now) {
        Long sentNanos = sentAt.get(id);
        if (sentNanos == null) {
            return false;
        }
        if (received.add(id)) {
            long micros = Math.min(HIGHEST_MICROS, Math.max(1, (now - sentNanos) / 1000));
            endToEndLatency.recordValue(micros);
            int second = (int) Math.max(0, (sentNanos - firstSend.get()) / 1_000_000_000L);
            bySendSecond.computeIfAbsent(second, k -> new ConcurrentHistogram(1, HIGHEST_MICROS, 2)).recordValue(micros);
            receivedCount.incrementAndGet();
            lastReceived = Math.max(lastReceived, now);
        } else {
            duplicates.incrementAndGet();
        }
        return true;
    }

    /** Every accepted message has arrived (only meaningful once sending is done). */
    boolean complete() {
        return receivedCount.get() >= acceptedCount.get() && lostIds().isEmpty();
    }

    /** Accepted by the transport but not (yet) received by the consumer. */
    List<String> lostIds() {
        List<String> lost = new ArrayList<>();
        for (String id : accepted) {
            if (!received.contains(id)) {
                lost.add(id);
            }
        }
        return lost;
    }

    int sent() {
        return sent.get();
    }

    int acceptedCount() {
        return acceptedCount.get();
    }

    int failedCount() {
        return failedCount.get();
    }

    int receivedCount() {
        return receivedCount.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    /** Received although the transport did not accept it (e.g. an HTTP timeout after the hub had stored it). */
    int receivedUnaccepted() {
        int n = 0;
        for (String id : received) {
            if (!accepted.contains(id)) {
                n++;
            }
        }
        return n;
    }

    Map<String, Integer> failureKinds() {
        Map<String, Integer> kinds = new TreeMap<>();
        failureKinds.forEach((k, v) -> kinds.put(k, v.get()));
        return kinds;
    }

    /** The first failure of each kind. */
    Map<String, String> failureSampleByKind() {
        return new TreeMap<>(sampleByKind);
    }

    List<String> failureSamples() {
        synchronized (failureSamples) {
            return List.copyOf(failureSamples);
        }
    }

    /** Seconds from the first send to the last arrival (or to the last acceptance if nothing arrived). */
    double durationSeconds() {
        long start = firstSend.get();
        if (start == Long.MAX_VALUE) {
            return 0;
        }
        long end = lastReceived != 0 ? lastReceived : lastAccepted;
        return Math.max(0, end - start) / 1e9;
    }

    /** Arrivals per second over first send to last arrival. */
    double throughput() {
        double s = durationSeconds();
        return s > 0 ? receivedCount.get() / s : 0;
    }

    /** Acceptances per second over first send to last acceptance (the intake rate alone). */
    double acceptRate() {
        long start = firstSend.get();
        if (start == Long.MAX_VALUE || lastAccepted <= start) {
            return 0;
        }
        return acceptedCount.get() / ((lastAccepted - start) / 1e9);
    }

    double secondsSinceStart() {
        long start = firstSend.get();
        return start == Long.MAX_VALUE ? 0 : (System.nanoTime() - start) / 1e9;
    }

    double secondsSinceSendingDone() {
        return sendingDone == 0 ? 0 : (System.nanoTime() - sendingDone) / 1e9;
    }

    Histogram requestLatency() {
        return requestLatency.copy();
    }

    Histogram endToEndLatency() {
        return endToEndLatency.copy();
    }

    /** End-to-end latencies grouped by the second of the run in which the message was sent (copies, in order). */
    Map<Integer, Histogram> endToEndBySendSecond() {
        Map<Integer, Histogram> copy = new TreeMap<>();
        bySendSecond.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    String progressLine() {
        double s = secondsSinceStart();
        return String.format(Locale.ROOT, "[%s] %6.1f s  sent %d/%d  accepted %d  failed %d  received %d  (%.0f msg/s received)",
                name, s, sent.get(), planned, acceptedCount.get(), failedCount.get(), receivedCount.get(),
                s > 0 ? receivedCount.get() / s : 0.0);
    }

    /** One line of latency percentiles in milliseconds. */
    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %8.2f ms   p90 %8.2f ms   p99 %8.2f ms   p99.9 %8.2f ms   max %8.2f ms   (mean %.2f ms, n=%d)",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1000.0, h.getTotalCount());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
