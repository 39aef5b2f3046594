package cn.courtmediation.hub.load.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the client sent, what the hub acknowledged and what the receivers got, by messageId; the figures of a fault run. */
final class Ledger {
    /** Where a message sits in its case's sequence, to judge the order of arrivals. */
    record Slot(int caseIndex, int seq) {
    }

    private final Map<String, Slot> sent = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Distinct deliveries per messageId: a broker redelivery of the same copy (same transport id) is not a second copy. */
    private final Map<String, Set<String>> copies = new ConcurrentHashMap<>();
    private final Map<Integer, List<Integer>> arrivals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder redeliveries = new LongAdder();
    private final LongAdder strays = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final AtomicLong ackCount = new AtomicLong();
    private volatile long lastFirstArrival;

    void sent(String id, int caseIndex, int seq) {
        sent.put(id, new Slot(caseIndex, seq));
    }

    void acknowledged(String id) {
        if (acknowledged.add(id)) {
            ackCount.incrementAndGet();
        }
    }

    /** A client-visible error of one attempt, by kind ("HTTP 503", "connection refused", "timeout", ...). */
    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** An answer (of any status) that took longer than the run's slow threshold. */
    void slowAnswer() {
        slow.increment();
    }

    /** A receiver got messageId; transportId tells a broker redelivery (same id) from a second copy the hub sent. */
    void received(String id, String transportId) {
        Slot slot = id == null ? null : sent.get(id);
        if (slot == null) {
            strays.increment();
            return;
        }
        Set<String> seen = copies.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
        boolean first;
        synchronized (seen) {
            first = seen.isEmpty();
            if (!seen.add(transportId)) {
                redeliveries.increment();
                return;
            }
        }
        if (first) {
            lastFirstArrival = System.nanoTime();
            List<Integer> order = arrivals.computeIfAbsent(slot.caseIndex(), k -> new ArrayList<>());
            synchronized (order) {
                order.add(slot.seq());
            }
        }
    }

    /** System.nanoTime() of the last first arrival (0: none yet): how long delivery took to catch up after a fault. */
    long lastFirstArrival() {
        return lastFirstArrival;
    }

    long sentCount() {
        return sent.size();
    }

    long acknowledgedCount() {
        return ackCount.get();
    }

    long receivedDistinct() {
        return copies.size();
    }

    /** Acknowledged messages that no receiver has had yet. */
    List<String> missing() {
        List<String> out = new ArrayList<>();
        for (String id : acknowledged) {
            if (!copies.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Messages received more than once as distinct copies. */
    long duplicated() {
        return copies.values().stream().filter(s -> s.size() > 1).count();
    }

    /** Received messages the hub never acknowledged (it stored them, but the client saw an error). */
    long receivedUnacknowledged() {
        return copies.keySet().stream().filter(id -> !acknowledged.contains(id)).count();
    }

    long redeliveries() {
        return redeliveries.sum();
    }

    long strays() {
        return strays.sum();
    }

    long slowAnswers() {
        return slow.sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Errors by kind, sorted by kind. */
    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** [out-of-order neighbouring pairs, all neighbouring pairs] over the first arrivals of each case. */
    long[] orderPairs() {
        long bad = 0;
        long pairs = 0;
        for (List<Integer> order : arrivals.values()) {
            synchronized (order) {
                for (int i = 1; i < order.size(); i++) {
                    pairs++;
                    if (order.get(i) < order.get(i - 1)) {
                        bad++;
                    }
                }
            }
        }
        return new long[] {bad, pairs};
    }
}
