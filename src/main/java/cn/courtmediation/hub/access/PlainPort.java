package cn.courtmediation.hub.access;

import cn.courtmediation.hub.api.HttpRefusals;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the plain HTTP port to what needs no credentials: health probes, /pki, the contracts and signed submissions.
 * Anything else is refused 401 there before any credential is looked at (a password or token must not cross it in clear).
 */
final class PlainPort extends OncePerRequestFilter {
    private final Environment environment;

    PlainPort(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.isSecure() || AccessRules.ruleFor(request).who() == AccessRules.Who.ANYONE) {
            chain.doFilter(request, response);
            return;
        }
        String tlsPort = environment.getProperty(TlsConnector.PORT_PROPERTY, "of the hub");
        HttpRefusals.write(response, AccessRules.pathOf(request), new HubException(ErrorCode.UNAUTHORIZED,
                "This plain HTTP port serves only health probes, /pki, the contracts and signed submissions. Use the HTTPS port "
                        + tlsPort + " with a client certificate issued by the hub CA, or an operator token."));
    }
}
