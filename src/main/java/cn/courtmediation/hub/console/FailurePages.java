package cn.courtmediation.hub.console;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.delivery.DeadLetterDiscards;
import cn.courtmediation.hub.delivery.Failures;
import cn.courtmediation.hub.delivery.ReplayJobs;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's Failures page: refusals grouped by error code (click through to a code's refusals), dead letters with
 * their reason and attempts, replay of a selection or of everything matching the filter (a replay job), discard with a
 * reason, and the replay jobs with their progress (refreshed live by failures.js) and a cancel button.
 */
@Controller
class FailurePages {
    /** The refusal windows the page offers. */
    static final Map<String, Duration> WINDOWS = windows();
    private static final int PAGE_SIZE = 50;
    private final Failures failures;

    FailurePages(Failures failures) {
        this.failures = failures;
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> w = new LinkedHashMap<>();
        w.put("1h", Duration.ofHours(1));
        w.put("24h", Duration.ofDays(1));
        w.put("7d", Duration.ofDays(7));
        w.put("30d", Duration.ofDays(30));
        return w;
    }

    @GetMapping("/console/failures")
    String page(@RequestParam(defaultValue = "24h") String window, @RequestParam(required = false) String code,
                @RequestParam(defaultValue = "0") int refusalPage, @ModelAttribute("filter") Failures.Filter filter,
                @RequestParam(defaultValue = "0") int page, Model model) {
        String w = WINDOWS.containsKey(window) ? window : "24h";
        OffsetDateTime since = failures.now().minus(WINDOWS.get(w));
        model.addAttribute("window", w);
        model.addAttribute("windows", WINDOWS.keySet());
        model.addAttribute("groups", failures.refusalGroups(since));
        if (code != null && Arrays.stream(ErrorCode.values()).anyMatch(c -> c.name().equals(code))) {
            model.addAttribute("code", code);
            model.addAttribute("refusals", failures.refusals(code, since, Math.max(0, refusalPage), PAGE_SIZE));
        }
        try {
            model.addAttribute("deadLetters", failures.deadLetters(filter, Math.max(0, page), PAGE_SIZE));
        } catch (HubException e) {
            model.addAttribute("filterError", e.getMessage());
        }
        model.addAttribute("jobs", failures.recentJobs(10));
        return "console/failures";
    }

    /** The recent replay jobs as JSON: the page's live refresh of their progress. */
    @GetMapping(value = "/console/failures/replays", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<ReplayJobs.Job> jobs() {
        return failures.recentJobs(10);
    }

    @PostMapping("/console/failures/replay")
    String replaySelected(@RequestParam(name = "messageId", required = false) List<String> ids, @ModelAttribute Failures.Filter filter,
                          RedirectAttributes redirect) {
        return act(redirect, filter, () -> {
            ReplayJobs.Job job = failures.replaySelected(ids == null ? List.of() : ids, actor());
            return "Replay job " + job.jobId() + " started for " + job.total() + " selected dead letter(s).";
        });
    }

    @PostMapping("/console/failures/replay-matching")
    String replayMatching(@ModelAttribute Failures.Filter filter, RedirectAttributes redirect) {
        return act(redirect, filter, () -> {
            ReplayJobs.Job job = failures.replayMatching(filter, actor());
            return "Replay job " + job.jobId() + " started for the " + job.total() + " dead letter(s) matching the filter.";
        });
    }

    @PostMapping("/console/failures/discard")
    String discard(@RequestParam(name = "messageId", required = false) List<String> ids, @RequestParam(required = false) String discardReason,
                   @ModelAttribute Failures.Filter filter, RedirectAttributes redirect) {
        return act(redirect, filter, () -> {
            List<DeadLetterDiscards.Outcome> outcomes = failures.discard(ids == null ? List.of() : ids, discardReason, actor());
            long done = outcomes.stream().filter(DeadLetterDiscards.Outcome::discarded).count();
            return "Discarded " + done + " dead letter(s)" + (done < outcomes.size() ? "; " + (outcomes.size() - done)
                    + " were no longer FAILED and were left as they are." : ".");
        });
    }

    @PostMapping("/console/failures/replays/{jobId}/cancel")
    String cancel(@PathVariable String jobId, RedirectAttributes redirect) {
        return act(redirect, new Failures.Filter(null, null, null, null, null), () -> {
            if (!failures.cancel(jobId, actor())) {
                throw new HubException(ErrorCode.NOT_FOUND, "No replay job " + jobId + ".");
            }
            return "Replay job " + jobId + " cancelled: the dead letters it had not reached are still FAILED.";
        });
    }

    /** Runs an action and goes back to the page (its filter kept) with what happened, or why not. */
    private static String act(RedirectAttributes redirect, Failures.Filter filter, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        UriComponentsBuilder back = UriComponentsBuilder.fromPath("/console/failures");
        if (filter != null) {
            add(back, "recipient", filter.recipient());
            add(back, "caseId", filter.caseId());
            add(back, "from", filter.from());
            add(back, "to", filter.to());
            add(back, "reason", filter.reason());
        }
        return "redirect:" + back.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) {
            b.queryParam(name, value);
        }
    }

    private static String actor() {
        return Caller.current().map(Caller::name).orElse("unknown");
    }
}
