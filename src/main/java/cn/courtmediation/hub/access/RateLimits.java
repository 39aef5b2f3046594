package cn.courtmediation.hub.access;

import cn.courtmediation.hub.api.HttpRefusals;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.trust.Certificates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits per caller (issue 13 item 5): submissions (REST and SOAP) and reads each get a bucket per participant
 * (its client certificate) or operator token on the HTTPS port; a request without credentials (a signed submission on
 * the plain port, whose sender is known only once its signature is checked) gets a bucket per client address. A caller
 * over its limit gets 429 TOO_MANY_REQUESTS with Retry-After before its credentials are checked or anything is read,
 * so a flood spends its own budget, not the others' (PerSecondLimits: one counter per caller and kind). Measured with scripts/flood.sh: with the limit after the credential check, each refused request
 * still cost a database look-up of the certificate's standing.
 */
final class RateLimits extends OncePerRequestFilter {
    private final PerSecondLimits submissions;
    private final PerSecondLimits reads;
    private final PerSecondLimits unauthenticated;

    RateLimits(AccessSettings.RateLimit limit) {
        this.submissions = new PerSecondLimits(limit.submissionsPerSecond());
        this.reads = new PerSecondLimits(limit.readsPerSecond());
        this.unauthenticated = new PerSecondLimits(limit.unauthenticatedPerSecond());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String kind = kind(request);
        if (kind == null) {
            chain.doFilter(request, response);
            return;
        }
        String[] presented = presented(request);
        String who = presented[1];
        PerSecondLimits limits = presented[0] == null ? unauthenticated : kind.equals("reads") ? reads : submissions;
        if (limits.tryAcquire(kind + "/" + presented[0] + "/" + who)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", "1");
        int limit = limits.perSecond();
        HubException refusal = new HubException(ErrorCode.TOO_MANY_REQUESTS, "More than " + limit + " " + kind + " per second from " + who
                + ": nothing was read or stored; retry after the time in Retry-After (seconds).");
        if (kind.equals("reads")) {
            HttpRefusals.writeKeepingConnection(response, AccessRules.pathOf(request), refusal);
        } else {
            // a submission's body was not read: the connection goes (Tomcat would otherwise read and discard it)
            HttpRefusals.write(response, AccessRules.pathOf(request), refusal);
        }
    }

    /**
     * Whose budget a request spends, from what it presents, before any credential is checked (that costs a database
     * look-up or a bcrypt, which a refused flood must not cause): a client certificate (the TLS handshake has checked
     * that the hub CA issued it) by its participant code, a bearer token by a digest of it, anything else by the
     * client's address. {kind of key or null, name}.
     */
    private static String[] presented(HttpServletRequest request) {
        if (request.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain && chain.length > 0) {
            String code = Certificates.commonName(chain[0]);
            if (code != null) {
                return new String[] {"participant", code};
            }
        }
        String authorization = request.getHeader("Authorization");
        if (request.isSecure() && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String digest = Sha256.hex(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
            return new String[] {"token", "the operator token " + digest.substring(0, 12) + "…"};
        }
        return new String[] {null, "address " + request.getRemoteAddr()};
    }

    /** "submissions", "reads", or null for what is not limited (health, contracts, administration). */
    private static String kind(HttpServletRequest request) {
        String path = AccessRules.pathOf(request);
        String method = request.getMethod();
        if ("POST".equals(method) && (path.equals("/api/v1/messages") || path.startsWith("/services/"))) {
            return "submissions";
        }
        if (("GET".equals(method) || "HEAD".equals(method)) && (path.startsWith("/api/v1/messages/") || path.startsWith("/api/v1/cases/")
                || path.equals("/api/v1/statistics"))) {
            return "reads";
        }
        return null;
    }
}
