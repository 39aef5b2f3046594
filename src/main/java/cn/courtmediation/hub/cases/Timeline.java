package cn.courtmediation.hub.cases;

import java.util.List;

/** GET /api/v1/cases/{caseId}/timeline: the case, then its entries oldest first, at most {@code limit} of {@code totalEntries}. */
record Timeline(TimelineSummary summary, List<TimelineEntry> entries, long totalEntries, boolean truncated, int limit) {
}
