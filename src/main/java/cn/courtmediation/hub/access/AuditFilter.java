package cn.courtmediation.hub.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every administrative request in the audit trail once it is answered: each /admin and /console request but a
 * read (GET, HEAD) - a console action, a sign-in, a sign-out - and every refused one, reads included (who tried what
 * without the role). First in the security chain, so that refusals of the credential filters are recorded too.
 */
final class AuditFilter extends OncePerRequestFilter {
    /** Request attribute: the status to record when the answer's own says less (a refused sign-in is a redirect to the form). */
    static final String STATUS = AuditFilter.class.getName() + ".status";
    private final AuditTrail trail;

    AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = AccessRules.pathOf(request);
        return !(path.equals("/admin") || path.startsWith("/admin/") || path.equals("/console") || path.startsWith("/console/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = 500;
        // a session's operator, known before the request (signing out clears it before the answer is recorded)
        Caller before = Caller.current().orElse(null);
        try {
            chain.doFilter(request, response);
            status = request.getAttribute(STATUS) instanceof Integer s ? s : response.getStatus();
        } finally {
            boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
            if (!read || status >= 400) {
                String query = request.getQueryString();
                String path = AccessRules.pathOf(request) + (query == null ? "" : "?" + query);
                trail.record(Caller.current().orElse(before), claimedUser(request), request.getMethod(), path, status, null);
            }
        }
    }

    /** The user name a refused Basic credential or sign-in form named (an attempt on someone's account is worth knowing). */
    private static String claimedUser(HttpServletRequest request) {
        if ("POST".equals(request.getMethod()) && "/console/login".equals(AccessRules.pathOf(request))) {
            String user = request.getParameter("username");
            return user == null || user.isBlank() ? null : "?" + user;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] up = OperatorCredentials.basic(header.substring(6).trim());
            return up == null ? null : "?" + up[0];
        }
        return null;
    }
}
