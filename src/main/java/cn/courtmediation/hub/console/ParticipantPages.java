package cn.courtmediation.hub.console;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.monitoring.Alerts;
import cn.courtmediation.hub.monitoring.ConnectionCheck;
import cn.courtmediation.hub.monitoring.ConnectionChecks;
import cn.courtmediation.hub.monitoring.ParticipantHealth;
import cn.courtmediation.hub.monitoring.ParticipantSwitch;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Participants pages: the registry searched by code, name, region, kind and status (paged), and one participant's
 * delivery health, certificates, alerts and connection checks, with suspend, resume and "send test message".
 */
@Controller
class ParticipantPages {
    private static final int SIZE = 50;
    private final Registry registry;
    private final ParticipantHealth health;
    private final ConnectionCheck check;
    private final ConnectionChecks checks;
    private final ParticipantSwitch participants;
    private final Alerts alerts;

    ParticipantPages(Registry registry, ParticipantHealth health, ConnectionCheck check, ConnectionChecks checks,
                     ParticipantSwitch participants, Alerts alerts) {
        this.registry = registry;
        this.health = health;
        this.check = check;
        this.checks = checks;
        this.participants = participants;
        this.alerts = alerts;
    }

    @GetMapping("/console/participants")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String region, @RequestParam(required = false) String status,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        String text = trim(q);
        Participant.Kind k = choice(Participant.Kind.class, kind);
        Participant.Status s = choice(Participant.Status.class, status);
        String r = trim(region);
        int p = Math.max(0, Math.min(page, 2000));
        List<Participant> items;
        long total;
        // a code finds its participant directly (primary key); any other text is searched in the names
        Participant exact = text == null ? null : registry.find(text.toUpperCase(Locale.ROOT)).orElse(null);
        if (exact != null) {
            items = List.of(exact);
            total = 1;
        } else {
            String name = text == null ? null : "%" + text.replace("%", "").replace("_", "") + "%";
            String regionPrefix = r == null ? null : r.replace("%", "") + "%";
            items = registry.search(k, regionPrefix, null, s, name, p, SIZE);
            total = registry.count(k, regionPrefix, null, s, name);
        }
        model.addAttribute("items", items);
        model.addAttribute("total", total);
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (total + SIZE - 1) / SIZE));
        model.addAttribute("q", text);
        model.addAttribute("kind", k);
        model.addAttribute("region", r);
        model.addAttribute("status", s);
        model.addAttribute("kinds", Participant.Kind.values());
        model.addAttribute("statuses", Participant.Status.values());
        return "console/participants";
    }

    @GetMapping("/console/participants/{code}")
    String participant(@PathVariable String code, Model model) {
        model.addAttribute("h", health.of(code));
        model.addAttribute("checks", checks.latest(code, 10));
        model.addAttribute("alerts", alerts.list("ALL", code, 0, 20));
        return "console/participant";
    }

    @PostMapping("/console/participants/{code}/suspend")
    String suspend(@PathVariable String code, RedirectAttributes flash) {
        participants.suspend(code);
        flash.addFlashAttribute("notice", code + " is suspended: its new messages are parked until it is resumed.");
        return "redirect:/console/participants/" + code;
    }

    @PostMapping("/console/participants/{code}/resume")
    String resume(@PathVariable String code, RedirectAttributes flash) {
        int released = participants.resume(code);
        flash.addFlashAttribute("notice", code + " is active again; " + released + " parked message(s) released to it.");
        return "redirect:/console/participants/" + code;
    }

    @PostMapping("/console/participants/{code}/test-message")
    String testMessage(@PathVariable String code, RedirectAttributes flash) {
        ConnectionChecks.Check c = check.send(code, Caller.current().map(Caller::name).orElse("-"));
        flash.addFlashAttribute("checked", c);
        return "redirect:/console/participants/" + code;
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An enum value from a form (any case), or null for empty or unknown (the filter is then not applied). */
    static <E extends Enum<E>> E choice(Class<E> type, String value) {
        String v = trim(value);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
