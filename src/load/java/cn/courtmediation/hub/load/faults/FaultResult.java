package cn.courtmediation.hub.load.faults;

import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one fault run, as printed and as one row of the docs/reliability.md table. */
record FaultResult(String scenario, String setup, long messages, long sent, long acknowledged, long received, long lost,
                   long duplicated, Map<String, Long> errors, long slowAnswers, long outOfOrder, long orderPairs, String notes) {

    long errorTotal() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "12 (HTTP 503: 10, connection refused: 2)" or "0". */
    String errorText() {
        if (errors.isEmpty()) {
            return "0";
        }
        return errorTotal() + " (" + errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    boolean clean() {
        return lost == 0 && duplicated == 0;
    }
}
