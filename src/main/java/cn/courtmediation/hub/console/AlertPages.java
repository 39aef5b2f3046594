package cn.courtmediation.hub.console;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.monitoring.Alerts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Alerts page: open and resolved alerts with their counts and times, and acknowledging one. */
@Controller
class AlertPages {
    private static final int SIZE = 100;
    private final Alerts alerts;

    AlertPages(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/console/alerts")
    String list(@RequestParam(defaultValue = "OPEN") String state, @RequestParam(defaultValue = "0") int page, Model model) {
        String s = "RESOLVED".equalsIgnoreCase(state) ? "RESOLVED" : "ALL".equalsIgnoreCase(state) ? "ALL" : "OPEN";
        int p = Math.max(0, Math.min(page, 1000));
        model.addAttribute("state", s);
        model.addAttribute("page", p);
        model.addAttribute("open", alerts.countOpen());
        model.addAttribute("items", alerts.list(s, null, p, SIZE));
        model.addAttribute("size", SIZE);
        return "console/alerts";
    }

    @PostMapping("/console/alerts/{alertId}/ack")
    String acknowledge(@PathVariable long alertId, @RequestParam(defaultValue = "OPEN") String state, RedirectAttributes flash) {
        alerts.acknowledge(alertId, Caller.current().map(Caller::name).orElse("-"));
        flash.addFlashAttribute("notice", "Alert " + alertId + " acknowledged.");
        return "redirect:/console/alerts?state=" + ("RESOLVED".equalsIgnoreCase(state) ? "RESOLVED" : "ALL".equalsIgnoreCase(state) ? "ALL" : "OPEN");
    }
}
