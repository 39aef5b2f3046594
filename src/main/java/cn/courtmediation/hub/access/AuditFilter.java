package cn.courtmediation.hub.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every administrative request in the audit trail once it is answered: each /admin request but a read (GET,
 * HEAD), and every refused one, reads included (who tried what without the role). First in the security chain, so that
 * refusals of the credential filters are recorded too.
 */
final class AuditFilter extends OncePerRequestFilter {
    private final AuditTrail trail;

    AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = AccessRules.pathOf(request);
        return !(path.equals("/admin") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
            if (!read || status >= 400) {
                String query = request.getQueryString();
                String path = AccessRules.pathOf(request) + (query == null ? "" : "?" + query);
                trail.record(Caller.current().orElse(null), claimedUser(request), request.getMethod(), path, status, null);
            }
        }
    }

    /** The user name a refused Basic credential named (an attempt on someone's account is worth knowing). */
    private static String claimedUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] up = OperatorCredentials.basic(header.substring(6).trim());
            return up == null ? null : "?" + up[0];
        }
        return null;
    }
}
