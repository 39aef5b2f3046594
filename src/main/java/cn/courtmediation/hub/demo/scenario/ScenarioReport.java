package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.cases.Statistics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario run did: submissions sent and refused (a refusal is a generator bug), the hub's own
 * filing requests and deadline warnings, messages the queue partners read from their addresses, time taken
 * (and the hub's mean answer to a submission), the replayed period's figures as GET /api/v1/statistics gives
 * them, scenario messages by status.
 */
record ScenarioReport(int cases, int days, long submissions, long refusals, long duplicates, long hubPushes, long partnerReads,
                      Duration elapsed, Duration meanAnswer, Statistics figures, Map<String, Long> messageStatuses, List<String> firstRefusals) {

    /** One line for the log and the measurement script (scripts/scenario.sh reads it). */
    String summary() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("SUCCEEDED", figures.succeeded());
        outcomes.put("FAILED", figures.failed());
        outcomes.put("REFUSED", figures.refused());
        outcomes.put("EXPIRED", figures.expired());
        outcomes.put("WITHDRAWN", figures.withdrawn());
        long concluded = outcomes.values().stream().mapToLong(Long::longValue).sum();
        return String.format("Scenario finished: %d cases over %d days in %.1f s; %d submissions (%d refused, %d duplicates, mean answer %d ms),"
                        + " %d filing requests and deadline warnings pushed by the hub, %d messages read by the queue partners; stored: %d dispatched,"
                        + " %d concluded %s, success rate %s, average mediation %s days (p90 %s); scenario messages by status %s",
                cases, days, elapsed.toMillis() / 1000.0, submissions, refusals, duplicates, meanAnswer.toMillis(), hubPushes, partnerReads,
                figures.dispatched(), concluded, outcomes, figures.successRate() == null ? "-" : figures.successRate().movePointRight(2) + "%",
                figures.averageMediationDays(), figures.p90MediationDays(), messageStatuses);
    }
}
