package cn.courtmediation.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page (GET /console): the hub's traffic of the last hour at a glance, refreshed live. */
@Controller
class OverviewPage {

    @GetMapping({"/console", "/console/"})
    String overview() {
        return "console/overview";
    }
}
