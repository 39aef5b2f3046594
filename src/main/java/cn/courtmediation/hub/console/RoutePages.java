package cn.courtmediation.hub.console;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Routes page: every Camel route with its state and exchange statistics (RouteStatistics), start, stop, suspend and
 * resume for engineers (POST /console/routes/{id}/{action}, audited by the access layer), a route's YAML file with its
 * opening comment, and the latest reloads of changed route files (RouteReloads).
 */
@Controller
class RoutePages {
    private static final List<String> ACTIONS = List.of("start", "stop", "suspend", "resume");
    private final CamelContext camel;
    private final RouteStatistics statistics;
    private final RouteReloads reloads;

    /** One row of the table. */
    record RouteRow(String id, String file, String state, String uptime, RouteStatistics.Snapshot stats) {
    }

    RoutePages(CamelContext camel, RouteStatistics statistics, RouteReloads reloads) {
        this.camel = camel;
        this.statistics = statistics;
        this.reloads = reloads;
    }

    @GetMapping("/console/routes")
    String routes(@org.springframework.web.bind.annotation.RequestParam(required = false) String done,
                  @org.springframework.web.bind.annotation.RequestParam(required = false) String action, Model model) {
        if (done != null && action != null && camel.getRoute(done) != null) {
            model.addAttribute("done", "Route " + done + ": " + action + " done; it is now "
                    + state(camel.getRouteController().getRouteStatus(done)) + ".");
        }
        model.addAttribute("routes", rows());
        model.addAttribute("reloads", reloads.recent());
        model.addAttribute("watched", reloads.folder() == null ? null : reloads.folder().toString());
        return "console/routes";
    }

    @GetMapping("/console/api/routes")
    @ResponseBody
    List<RouteRow> data() {
        return rows();
    }

    @GetMapping("/console/routes/{id}")
    String route(@PathVariable String id, Model model) {
        Route route = require(id);
        model.addAttribute("route", row(route));
        model.addAttribute("description", route.getDescription());
        model.addAttribute("source", source(route.getSourceResource()));
        model.addAttribute("siblings", camel.getRoutes().stream().filter(r -> file(r).equals(file(route))).map(Route::getRouteId).sorted().toList());
        return "console/route";
    }

    @PostMapping("/console/routes/{id}/{action}")
    String act(@PathVariable String id, @PathVariable String action, RedirectAttributes redirect) throws Exception {
        require(id);
        if (!ACTIONS.contains(action)) {
            throw new HubException(ErrorCode.NOT_FOUND, "A route can be " + String.join(", ", ACTIONS) + "; not '" + action + "'.");
        }
        switch (action) {
            case "start" -> camel.getRouteController().startRoute(id);
            case "stop" -> camel.getRouteController().stopRoute(id);
            case "suspend" -> camel.getRouteController().suspendRoute(id);
            default -> camel.getRouteController().resumeRoute(id);
        }
        // query parameters, not flash attributes: those need a session, and a script's token request has none
        redirect.addAttribute("done", id);
        redirect.addAttribute("action", action);
        return "redirect:/console/routes";
    }

    private Route require(String id) {
        Route route = camel.getRoute(id);
        if (route == null) {
            throw new HubException(ErrorCode.NOT_FOUND, "There is no route " + id + ".");
        }
        return route;
    }

    private List<RouteRow> rows() {
        return camel.getRoutes().stream().map(this::row)
                .sorted(Comparator.comparing(RouteRow::file).thenComparing(RouteRow::id)).toList();
    }

    private RouteRow row(Route r) {
        return new RouteRow(r.getRouteId(), file(r), state(camel.getRouteController().getRouteStatus(r.getRouteId())), r.getUptime(),
                statistics.of(r.getRouteId()));
    }

    private static String state(ServiceStatus status) {
        return status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT);
    }

    private static String file(Route r) {
        Resource res = r.getSourceResource();
        if (res == null || res.getLocation() == null) {
            return "(from a template)";
        }
        String location = res.getLocation();
        return location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf(':')) + 1);
    }

    private static String source(Resource res) {
        if (res == null) {
            return null;
        }
        try (InputStream in = res.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + res.getLocation() + ": " + e.getMessage() + ")";
        }
    }
}
