package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bulk replay jobs (bearer token, /admin/replays): start one over a selection of ids or a filter, watch it, cancel it. */
@RestController
class ReplayJobController {
    private final ReplayJobs jobs;
    private final ReplayJobSettings settings;

    ReplayJobController(ReplayJobs jobs, ReplayJobSettings settings) {
        this.jobs = jobs;
        this.settings = settings;
    }

    /** {"messageIds":[…]} or {"filter":{…}}, optional "rate": 202 with the job, which runs off this request. */
    @PostMapping("/admin/replays")
    ResponseEntity<ReplayJobs.Job> start(@RequestBody Map<String, Object> body) {
        boolean ids = body.containsKey("messageIds");
        if (ids == body.containsKey("filter")) {
            throw new HubException(ErrorCode.MALFORMED, "Give either messageIds (a selection) or filter (every dead letter matching it).");
        }
        int rate = rate(body.get("rate"));
        String actor = actor();
        ReplayJobs.Job job = ids ? jobs.createForIds(FailureParams.messageIds(body, settings.maxIds()), actor, rate)
                : jobs.createForFilter(FailureParams.filter(body.get("filter")), actor, rate);
        return ResponseEntity.accepted().location(URI.create("/admin/replays/" + job.jobId())).body(job);
    }

    @GetMapping("/admin/replays")
    Map<String, Object> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        FailureParams.page(page, size);
        return FailureParams.pageOf(page, size, jobs.count(), jobs.recent(page, size));
    }

    @GetMapping("/admin/replays/{jobId}")
    ReplayJobs.Job get(@PathVariable String jobId) {
        return find(jobId);
    }

    /** Stops the job between two dead letters; answers the job (also when it had finished already: nothing to stop). */
    @PostMapping("/admin/replays/{jobId}/cancel")
    ReplayJobs.Job cancel(@PathVariable String jobId) {
        find(jobId);
        jobs.cancel(jobId, actor());
        return find(jobId);
    }

    private ReplayJobs.Job find(String jobId) {
        return jobs.find(jobId).orElseThrow(() -> new HubException(ErrorCode.NOT_FOUND, "No replay job " + jobId + "."));
    }

    private int rate(Object value) {
        if (value == null) {
            return settings.defaultRate();
        }
        if (!(value instanceof Integer r) || r < 1 || r > settings.maxRate()) {
            throw new HubException(ErrorCode.MALFORMED, "rate must be a whole number of replays per second, 1 to " + settings.maxRate() + ".");
        }
        return r;
    }

    private static String actor() {
        return Caller.current().map(Caller::name).orElse("unknown");
    }
}
