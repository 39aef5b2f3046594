package cn.courtmediation.hub.access;

import cn.courtmediation.hub.api.HttpRefusals;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authenticates an operator on the HTTPS port: Authorization: Bearer with a token from POST /admin/tokens (what scripts
 * use), or Basic with the account's user name and password (to get that token). A wrong or unknown credential is 401 on
 * this request; the attempt is in the audit trail when it was aimed at /admin.
 */
final class OperatorCredentials extends CredentialFilter {
    private final OperatorAccounts accounts;
    private final OperatorTokens tokens;
    // a password check is a bcrypt (tens of ms of CPU): per client address only so many a second, so that guessing
    // passwords is slow and cannot take the hub's CPU from everyone else
    private final PerSecondLimits passwordChecks;

    OperatorCredentials(OperatorAccounts accounts, OperatorTokens tokens, int passwordChecksPerSecond) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwordChecks = new PerSecondLimits(passwordChecksPerSecond);
    }


    @Override
    protected void authenticate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !request.isSecure()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller;
        String refusal;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            caller = CredentialLookups.orUnavailable(() -> tokens.caller(token));
            refusal = "The bearer token is unknown, expired or revoked, or its account is disabled; get a new one with"
                    + " POST /admin/tokens (Basic user:password).";
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String address = request.getRemoteAddr();
            if (!passwordChecks.tryAcquire(address)) {
                response.setHeader("Retry-After", "1");
                HttpRefusals.write(response, AccessRules.pathOf(request), new HubException(ErrorCode.TOO_MANY_REQUESTS,
                        "More than " + passwordChecks.perSecond() + " password checks per second from " + address
                                + "; scripts get a token once (POST /admin/tokens) and send it instead."));
                return;
            }
            String[] userPassword = basic(header.substring(6).trim());
            caller = userPassword == null ? Optional.empty()
                    : CredentialLookups.orUnavailable(() -> accounts.authenticate(userPassword[0], userPassword[1]));
            refusal = "Wrong user name or password, or the account is disabled.";
            response.setHeader("WWW-Authenticate", "Basic realm=\"mediation-hub\", charset=\"UTF-8\"");
        } else {
            caller = Optional.empty();
            refusal = "Send Authorization: Bearer <token> (POST /admin/tokens) or Basic user:password.";
        }
        if (caller.isEmpty()) {
            HttpRefusals.write(response, AccessRules.pathOf(request), new HubException(ErrorCode.UNAUTHORIZED, refusal));
            return;
        }
        Caller c = caller.get();
        authenticated(request, UsernamePasswordAuthenticationToken.authenticated(
                c, null, List.of(new SimpleGrantedAuthority("ROLE_" + c.role().name()))));
        chain.doFilter(request, response);
    }

    /** user and password of a Basic credential, or null when it is not one. */
    static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
