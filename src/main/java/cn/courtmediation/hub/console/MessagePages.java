package cn.courtmediation.hub.console;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.monitoring.MessageDetails;
import cn.courtmediation.hub.monitoring.MessageSearch;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Messages pages: the search form (message id, case id, court case number in Chinese, participant, type, status, time
 * range) with its results, paged; and one message: envelope, masked payload, signature, evidence trail, case timeline.
 */
@Controller
class MessagePages {
    private static final int SIZE = 50;
    private final MessageSearch search;
    private final MessageDetails details;

    MessagePages(MessageSearch search, MessageDetails details) {
        this.search = search;
        this.details = details;
    }

    @GetMapping("/console/messages")
    String messages(@RequestParam(required = false) String messageId, @RequestParam(required = false) String caseId,
                    @RequestParam(required = false) String caseNumber, @RequestParam(required = false) String participant,
                    @RequestParam(required = false) String type, @RequestParam(required = false) String status,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        MessageSearch.Query q = new MessageSearch.Query(ParticipantPages.trim(messageId), ParticipantPages.trim(caseId),
                ParticipantPages.trim(caseNumber), upper(participant), upper(type), upper(status), date(from), date(to));
        model.addAttribute("q", q);
        model.addAttribute("from", ParticipantPages.trim(from));
        model.addAttribute("to", ParticipantPages.trim(to));
        model.addAttribute("statuses", new String[] {"ACCEPTED", "RELAYED", "DELIVERED", "FAILED", "PARKED", "FANNED_OUT"});
        if (!q.empty()) {
            try {
                model.addAttribute("result", search.search(q, Math.max(0, Math.min(page, 200)), SIZE));
            } catch (HubException refused) {
                model.addAttribute("problem", refused.getMessage());
            }
        }
        return "console/messages";
    }

    @GetMapping("/console/messages/{messageId}")
    String message(@PathVariable String messageId, Model model) {
        model.addAttribute("m", details.of(messageId));
        return "console/message";
    }

    private static String upper(String s) {
        String t = ParticipantPages.trim(s);
        return t == null ? null : t.toUpperCase(java.util.Locale.ROOT);
    }

    /** A date (yyyy-mm-dd, as a date input sends it: UTC midnight) or a full ISO-8601 time; unreadable input filters nothing. */
    private static OffsetDateTime date(String s) {
        String t = ParticipantPages.trim(s);
        if (t == null) {
            return null;
        }
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
