package cn.courtmediation.hub.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a browser that opened the console on the plain HTTP port (the landing page links it) to the same page on the
 * HTTPS port; anything else on the plain port is refused by PlainPort, so no password or session cookie crosses it.
 */
final class ConsolePlainPort extends OncePerRequestFilter {
    private final Environment environment;

    ConsolePlainPort(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tlsPort = environment.getProperty(TlsConnector.PORT_PROPERTY);
        if (request.isSecure() || tlsPort == null || !"GET".equals(request.getMethod()) || !ConsoleRefusals.isBrowser(request)) {
            chain.doFilter(request, response);
            return;
        }
        String host = request.getServerName().contains(":") ? "[" + request.getServerName() + "]" : request.getServerName();
        response.sendRedirect("https://" + host + ":" + tlsPort + request.getContextPath() + AccessRules.pathOf(request));
    }
}
