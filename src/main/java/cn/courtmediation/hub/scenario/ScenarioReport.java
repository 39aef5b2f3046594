package cn.courtmediation.hub.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a scenario run did: submissions sent and refused (a refusal is a generator bug), the hub's own
 * filing requests and deadline warnings, messages the queue partners read from their addresses, time taken
 * (and the hub's mean answer to a submission), the figures as the hub stored them, scenario messages by status.
 */
record ScenarioReport(int cases, int days, long submissions, long refusals, long duplicates, long hubPushes, long partnerReads,
                      Duration elapsed, Duration meanAnswer, Figures figures, Map<String, Long> messageStatuses, List<String> firstRefusals) {

    /** Success rate and mediation days computed from the cases table, with the statistics' definitions. */
    record Figures(long dispatched, Map<String, Long> outcomes, double successRate, double averageDays, double p90Days) {
        static Figures of(long dispatched, Map<String, Long> outcomes, List<Double> days) {
            long s = outcomes.getOrDefault("SUCCEEDED", 0L);
            long decided = s + outcomes.getOrDefault("FAILED", 0L) + outcomes.getOrDefault("REFUSED", 0L)
                    + outcomes.getOrDefault("EXPIRED", 0L);
            double avg = days.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            List<Double> sorted = days.stream().sorted().toList();
            double p90 = sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
            return new Figures(dispatched, Map.copyOf(outcomes), decided == 0 ? Double.NaN : (double) s / decided, avg, p90);
        }

        long concluded() {
            return outcomes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One line for the log and the measurement script (scripts/scenario.sh reads it). */
    String summary() {
        return String.format("Scenario finished: %d cases over %d days in %.1f s; %d submissions (%d refused, %d duplicates, mean answer %d ms),"
                        + " %d filing requests and deadline warnings pushed by the hub, %d messages read by the queue partners; stored: %d dispatched, %d concluded %s, success rate %.2f%%,"
                        + " average mediation %.2f days (p90 %.1f); scenario messages by status %s",
                cases, days, elapsed.toMillis() / 1000.0, submissions, refusals, duplicates, meanAnswer.toMillis(), hubPushes, partnerReads, figures.dispatched(),
                figures.concluded(), figures.outcomes(), figures.successRate() * 100, figures.averageDays(), figures.p90Days(),
                messageStatuses);
    }
}
