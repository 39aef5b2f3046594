package cn.courtmediation.hub.console;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The Statistics page: the lifecycle statistics of a period (default: from the first to the last dispatched case; the
 * demo replays a past year) as figures and ECharts charts
 * of success rate and mediation days by court, region, partner and dispute type (static/console/statistics.js, which
 * reads GET /console/api/statistics).
 */
@Controller
class StatisticsPages {
    private final CaseBreakdown breakdown;

    StatisticsPages(CaseBreakdown breakdown) {
        this.breakdown = breakdown;
    }

    @GetMapping("/console/statistics")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        LocalDate[] period = period(from, to);
        model.addAttribute("from", period[0].toString());
        model.addAttribute("to", period[1].toString());
        model.addAttribute("b", breakdown.of(start(period[0]), start(period[1].plusDays(1))));
        return "console/statistics";
    }

    @GetMapping("/console/api/statistics")
    @ResponseBody
    CaseBreakdown.Breakdown data(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        LocalDate[] period = period(from, to);
        return breakdown.of(start(period[0]), start(period[1].plusDays(1)));
    }

    private static Instant start(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** [first day, last day], both included. */
    private LocalDate[] period(String from, String to) {
        if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
            LocalDate[] span = breakdown.span();
            if (span != null) {
                return span;
            }
        }
        try {
            LocalDate t = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(to);
            LocalDate f = from == null || from.isBlank() ? t.minusDays(364) : LocalDate.parse(from);
            if (f.isAfter(t)) {
                throw new HubException(ErrorCode.MALFORMED, "from (" + f + ") is after to (" + t + ").");
            }
            return new LocalDate[] {f, t};
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.MALFORMED, "from and to are dates, YYYY-MM-DD: " + e.getParsedString());
        }
    }
}
