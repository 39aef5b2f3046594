package cn.courtmediation.hub.console;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Audit page (admin, as GET /admin/audit): who did what and when, newest first, paged, filtered by actor, path and time. */
@Controller
class AuditPages {
    private final AuditSearch search;

    AuditPages(AuditSearch search) {
        this.search = search;
    }

    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String path,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) Long before, Model model) {
        List<AuditSearch.Entry> entries = search.page(new AuditSearch.Filter(actor, path, time(from, "from"), time(to, "to"), before));
        boolean more = entries.size() > AuditSearch.PAGE_SIZE;
        List<AuditSearch.Entry> shown = more ? entries.subList(0, AuditSearch.PAGE_SIZE) : entries;
        model.addAttribute("entries", shown);
        model.addAttribute("next", more ? shown.get(shown.size() - 1).seq() : null);
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("path", path == null ? "" : path);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("paged", before != null);
        return "console/audit";
    }

    /** A browser's datetime-local value (UTC), or null. */
    private static Instant time(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.MALFORMED, name + " is a time, YYYY-MM-DDTHH:MM (UTC); got '" + value + "'.");
        }
    }
}
