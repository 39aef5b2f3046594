package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.access.Callers;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Registry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of the case lifecycle over REST: a case's timeline (for its parties and operators; NOT_FOUND to anyone
 * else, as for an unknown case) and the statistics of the cases dispatched, within the caller's scope.
 */
@RestController
class CaseQueryController {
    private final CaseTimeline timeline;
    private final CaseStatistics statistics;
    private final CaseReaders readers;
    private final Registry registry;

    CaseQueryController(CaseTimeline timeline, CaseStatistics statistics, CaseReaders readers, Registry registry) {
        this.timeline = timeline;
        this.statistics = statistics;
        this.readers = readers;
        this.registry = registry;
    }

    @GetMapping("/api/v1/cases/{caseId}/timeline")
    Timeline timeline(@PathVariable String caseId) {
        Caller caller = Callers.require(Caller.current());
        return (readers.mayRead(caller, caseId) ? timeline.of(caseId) : java.util.Optional.<Timeline>empty())
                .orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND, "The hub knows no case " + caseId + "."));
    }

    /** Filters come as text so that a bad value gets the hub's MALFORMED with a precise detail, not Spring's conversion error. */
    @GetMapping("/api/v1/statistics")
    Statistics statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String court, @RequestParam(required = false) String region,
                          @RequestParam(required = false) String partner, @RequestParam(required = false) String mediatorKind,
                          @RequestParam(required = false) String disputeType) {
        Caller caller = Callers.require(Caller.current());
        StatisticsFilter filter = statistics.filter(from, to, court, region, partner, mediatorKind, disputeType);
        StatisticsScope scope = StatisticsScope.of(caller, caller.isOperator() ? java.util.Optional.empty() : registry.find(caller.name()));
        return statistics.compute(filter, scope);
    }
}
