package cn.courtmediation.hub.cases;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * GET /api/v1/statistics: the figures of the cases dispatched in the caller's scope under the filters (docs/case-api.md
 * defines each).
 */
public record Statistics(StatisticsFilter filters, StatisticsScope scope, Instant asOf, String nearDeadlineWithin,
                  long dispatched, long accepted, long succeeded, long failed, long refused, long expired, long withdrawn,
                  long transferredToFiling, BigDecimal successRate,
                  long measuredCases, BigDecimal averageMediationDays, BigDecimal p90MediationDays,
                  long casesExtended, long nearDeadline) {
}
