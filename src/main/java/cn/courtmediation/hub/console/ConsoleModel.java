package cn.courtmediation.hub.console;

import cn.courtmediation.hub.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: who is signed in (name, role, what the role may do) and which page is open. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    /** The signed-in operator as the layout shows it; canAct: may use the operational actions (engineer, admin). */
    record ConsoleUser(String name, String role, boolean canAct, boolean admin) {
        static ConsoleUser of(Caller c) {
            return new ConsoleUser(c.name(), c.role() == null ? "participant" : c.role().name().toLowerCase(Locale.ROOT),
                    c.hasRole(Caller.Role.ENGINEER), c.hasRole(Caller.Role.ADMIN));
        }
    }

    @ModelAttribute("me")
    ConsoleUser me() {
        return Caller.current().map(ConsoleUser::of).orElse(null);
    }

    /** The request's path, for the navigation to mark the open page (Thymeleaf 3.1 no longer exposes the request). */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
