package cn.courtmediation.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's sign-in form (GET /console/login); its POST is Spring Security's form login (access/ConsoleSecurity). */
@Controller
class SignInPage {

    @GetMapping("/console/login")
    String signIn() {
        return "console/login";
    }
}
