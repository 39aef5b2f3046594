package cn.courtmediation.hub.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.access: how participants and operators authenticate, and how much each may ask.
 *
 * @param tlsPort the HTTPS port with client certificates next to the plain server.port; -1: none (the production profile
 *                makes server.port itself HTTPS); 0: a free port (tests)
 * @param initialAdminPassword password of the first admin account created on an empty database (HUB_ADMIN_PASSWORD);
 *                             empty: generated and printed once on the console
 * @param tokenValidity how long an operator token from POST /admin/tokens is valid
 * @param rateLimit requests per participant (or per address when unauthenticated)
 */
@ConfigurationProperties("hub.access")
record AccessSettings(int tlsPort, String initialAdminPassword, Duration tokenValidity, RateLimit rateLimit) {

    AccessSettings {
        initialAdminPassword = initialAdminPassword == null ? "" : initialAdminPassword;
    }

    /**
     * A token bucket per caller and kind of request.
     *
     * @param submissionsPerSecond submissions (REST and SOAP) per second per participant on the HTTPS port
     * @param readsPerSecond reads per second per participant or operator
     * @param unauthenticatedPerSecond requests per second per client address without credentials (signed submissions on
     *                                 the plain port)
     * @param passwordChecksPerSecond Basic user:password checks per second per client address (each is a bcrypt)
     */
    record RateLimit(int submissionsPerSecond, int readsPerSecond, int unauthenticatedPerSecond, int passwordChecksPerSecond) {
    }

    @Override
    public String toString() {
        return "AccessSettings[tlsPort=" + tlsPort + ", initialAdminPassword=" + (initialAdminPassword.isEmpty() ? "" : "***")
                + ", tokenValidity=" + tokenValidity + ", rateLimit=" + rateLimit + "]";
    }
}
