package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards the administration API (/admin/**) with a bearer token: HUB_ADMIN_TOKEN, or one generated at
 * first start into the data directory. A stop-gap until the access-hardening release brings real accounts.
 */
@Component
class AdminToken implements HandlerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    private final byte[] token;

    AdminToken(TrustSettings trust, DataDirSettings data) {
        try {
            String value = trust.adminToken();
            if (value.isBlank()) {
                Path file = data.pki().resolve("admin-token");
                value = GeneratedSecrets.readOrCreate(file);
                LOG.info("Administration API token is in {}", file);
            }
            this.token = value.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            throw new HubException(ErrorCode.UNAUTHORIZED, "Send the administrator token as Authorization: Bearer <token>"
                    + " (HUB_ADMIN_TOKEN, or the file data/pki/admin-token of the embedded default).");
        }
        return true;
    }
}
