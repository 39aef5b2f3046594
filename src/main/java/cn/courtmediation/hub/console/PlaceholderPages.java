package cn.courtmediation.hub.console;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A placeholder for each console page in the navigation that no controller serves yet: a page's own mapping
 * (/console/participants, ...) is more specific than this pattern and wins, so a page replaces its placeholder by
 * existing. Any other /console/{name} is 404 NOT_FOUND; a name with a dot is a static file (static/console/).
 */
@Controller
class PlaceholderPages {
    private static final Map<String, String> TITLES = Map.of(
            "routes", "Routes", "queues", "Queues", "participants", "Participants", "messages", "Messages",
            "failures", "Failures", "alerts", "Alerts", "statistics", "Statistics", "audit", "Audit trail");

    @GetMapping("/console/{page:[a-z-]+}")
    String placeholder(@PathVariable String page, Model model) {
        String title = TITLES.get(page);
        if (title == null) {
            throw new HubException(ErrorCode.NOT_FOUND, "There is no console page /console/" + page + ".");
        }
        model.addAttribute("title", title);
        return "console/placeholder";
    }
}
