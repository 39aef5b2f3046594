package cn.courtmediation.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console's first page (GET /console): the hub's traffic of the last hour at a glance; the page polls
 * GET /console/api/overview every 5 s and redraws (static/console/overview.js).
 */
@Controller
class OverviewPage {
    private final TrafficSummary traffic;

    OverviewPage(TrafficSummary traffic) {
        this.traffic = traffic;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        model.addAttribute("summary", traffic.current());
        return "console/overview";
    }

    @GetMapping("/console/api/overview")
    @ResponseBody
    TrafficSummary.Summary data() {
        return traffic.current();
    }
}
