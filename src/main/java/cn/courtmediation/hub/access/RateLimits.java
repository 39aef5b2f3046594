package cn.courtmediation.hub.access;

import cn.courtmediation.hub.api.HttpRefusals;
import cn.courtmediation.hub.contract.Sha256;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.trust.Certificates;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits per caller (issue 13 item 5): submissions (REST and SOAP) and reads each get a bucket per participant
 * (its client certificate) or operator token on the HTTPS port; a request without credentials (a signed submission on
 * the plain port, whose sender is known only once its signature is checked) gets a bucket per client address. A caller
 * over its limit gets 429 TOO_MANY_REQUESTS with Retry-After before its credentials are checked or anything is read,
 * so a flood spends its own budget, not the others' (resilience4j RateLimiter, one per caller and kind, dropped after
 * 10 idle minutes). Measured with scripts/flood.sh: with the limit after the credential check, each refused request
 * still cost a database look-up of the certificate's standing.
 */
final class RateLimits extends OncePerRequestFilter {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final RateLimiterConfig submissions;
    private final RateLimiterConfig reads;
    private final RateLimiterConfig unauthenticated;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    RateLimits(AccessSettings.RateLimit limit) {
        this.submissions = config(limit.submissionsPerSecond());
        this.reads = config(limit.readsPerSecond());
        this.unauthenticated = config(limit.unauthenticatedPerSecond());
    }

    /** limit per second, refilled each second (no waiting: a request over it is answered at once). */
    private static RateLimiterConfig config(int perSecond) {
        return RateLimiterConfig.custom().limitForPeriod(Math.max(1, perSecond)).limitRefreshPeriod(PERIOD).timeoutDuration(Duration.ZERO).build();
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
        RateLimiterConfig config = presented[0] == null ? unauthenticated : kind.equals("reads") ? reads : submissions;
        RateLimiter limiter = limiters.get(kind + "/" + presented[0] + "/" + who, k -> RateLimiter.of(k, config));
        if (limiter.acquirePermission()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", "1");
        int limit = limiter.getRateLimiterConfig().getLimitForPeriod();
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
