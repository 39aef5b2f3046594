package cn.courtmediation.hub.cases;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read side of the case lifecycle over REST: a case's timeline and the statistics of the cases dispatched. */
@RestController
class CaseQueryController {
    private final CaseTimeline timeline;
    private final CaseStatistics statistics;

    CaseQueryController(CaseTimeline timeline, CaseStatistics statistics) {
        this.timeline = timeline;
        this.statistics = statistics;
    }

    @GetMapping("/api/v1/cases/{caseId}/timeline")
    Timeline timeline(@PathVariable String caseId) {
        return timeline.of(caseId).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND, "The hub knows no case " + caseId + "."));
    }

    /** Filters come as text so that a bad value gets the hub's MALFORMED with a precise detail, not Spring's conversion error. */
    @GetMapping("/api/v1/statistics")
    Statistics statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String court, @RequestParam(required = false) String region,
                          @RequestParam(required = false) String partner, @RequestParam(required = false) String mediatorKind,
                          @RequestParam(required = false) String disputeType) {
        return statistics.compute(statistics.filter(from, to, court, region, partner, mediatorKind, disputeType));
    }
}
