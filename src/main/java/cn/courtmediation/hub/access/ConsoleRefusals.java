package cn.courtmediation.hub.access;

import cn.courtmediation.hub.api.HttpRefusals;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The console's refusals: a browser without a session is sent to the sign-in page; a script (a token, or not asking for
 * HTML) gets 401 problem+json as on /admin; a POST without its CSRF token is 403 FORBIDDEN saying so; a role too low is
 * 403 FORBIDDEN (AccessRefusals).
 */
final class ConsoleRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final AccessRefusals refusals;

    ConsoleRefusals(AccessRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (isBrowser(request)) {
            response.sendRedirect(request.getContextPath() + "/console/login");
            return;
        }
        refusals.commence(request, response, e);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (e instanceof CsrfException) {
            HttpRefusals.write(response, AccessRules.pathOf(request), new HubException(ErrorCode.FORBIDDEN, request.getMethod() + " "
                    + AccessRules.pathOf(request) + " came without this session's CSRF token (or with a stale one): reload the page and"
                    + " submit its form again. Scripts send an operator token (Authorization: Bearer) instead of a session cookie."));
            return;
        }
        refusals.handle(request, response, e);
    }

    /** A browser's page request: asks for HTML and carries no credential of a script. */
    static boolean isBrowser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("Authorization") == null && accept != null && accept.contains("text/html");
    }
}
