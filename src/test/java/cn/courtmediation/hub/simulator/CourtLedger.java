package cn.courtmediation.hub.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** All the simulator's state: per-court counters and behaviour, and the memory of recently accepted message ids. */
final class CourtLedger {
    /** Where counts go once maxCourts codes are counted: a flood of made-up codes must not grow memory without end. */
    static final String OVERFLOW = "(other)";

    /** How the court answers one delivery. */
    record Answer(boolean failed, long latencyMs) {
    }

    private final Map<String, CourtCounters> counters = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final RecentIds recent;
    private final int maxCourts;
    private volatile Behaviour defaults;

    CourtLedger(Behaviour defaults, int rememberedIds, int maxCourts) {
        this.defaults = defaults;
        this.recent = new RecentIds(rememberedIds);
        this.maxCourts = maxCourts;
    }

    /** Counts one well-formed delivery and decides the answer; a failed delivery is not remembered, so its retry is no duplicate. */
    Answer receive(String court, String messageId, boolean signatureValid) {
        Behaviour b = behaviour(court);
        CourtCounters c = countersOf(court);
        c.received.incrementAndGet();
        if (!signatureValid) {
            c.badSignatures.incrementAndGet();
        }
        if (b.failsNow()) {
            c.failures.incrementAndGet();
            return new Answer(true, b.latencyMs());
        }
        if (!recent.firstTime(court, messageId)) {
            c.duplicates.incrementAndGet();
        }
        return new Answer(false, b.latencyMs());
    }

    void malformed(String court) {
        countersOf(court).malformed.incrementAndGet();
    }

    Behaviour behaviour(String court) {
        return behaviours.getOrDefault(court, defaults);
    }

    Behaviour defaults() {
        return defaults;
    }

    void configure(String court, Behaviour b) {
        behaviours.put(court, b);
    }

    void configureDefaults(Behaviour b) {
        defaults = b;
    }

    CourtStats stats(String court) {
        CourtCounters c = counters.get(court);
        return c == null ? CourtStats.NONE : c.snapshot();
    }

    /** Counts of every court that received something, and of every court configured, by code. */
    Map<String, CourtStats> all() {
        Map<String, CourtStats> all = new TreeMap<>();
        behaviours.keySet().forEach(code -> all.put(code, CourtStats.NONE));
        counters.forEach((code, c) -> all.put(code, c.snapshot()));
        return all;
    }

    CourtStats totals() {
        CourtStats t = CourtStats.NONE;
        for (CourtCounters c : counters.values()) {
            t = t.plus(c.snapshot());
        }
        return t;
    }

    int courtsCounted() {
        return counters.size();
    }

    /** Forgets counts and remembered ids (not the behaviours); deliveries in flight meanwhile may count either side. */
    void reset() {
        counters.clear();
        recent.clear();
    }

    private CourtCounters countersOf(String court) {
        CourtCounters c = counters.get(court);
        if (c != null) {
            return c;
        }
        // the size check races with other first deliveries: the bound may be passed by a few, which is harmless
        return counters.computeIfAbsent(counters.size() < maxCourts ? court : OVERFLOW, k -> new CourtCounters());
    }
}
