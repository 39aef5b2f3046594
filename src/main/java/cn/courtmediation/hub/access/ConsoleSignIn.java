package cn.courtmediation.hub.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the console's sign-in form against the operator accounts (OperatorAccounts), with the same throttle per client
 * address as Basic passwords (a bcrypt each): the principal is the Caller, as for a token.
 */
final class ConsoleSignIn implements AuthenticationProvider {
    private final OperatorAccounts accounts;
    private final PerSecondLimits passwordChecks;

    /** Too many sign-ins from one address in a second. */
    static final class Throttled extends AuthenticationException {
        Throttled(String message) {
            super(message);
        }
    }

    ConsoleSignIn(OperatorAccounts accounts, int passwordChecksPerSecond) {
        this.accounts = accounts;
        this.passwordChecks = new PerSecondLimits(passwordChecksPerSecond);
    }

    @Override
    public Authentication authenticate(Authentication form) {
        String address = form.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
        if (!passwordChecks.tryAcquire(address)) {
            throw new Throttled("More than " + passwordChecks.perSecond() + " password checks per second from " + address);
        }
        String user = String.valueOf(form.getPrincipal());
        String password = form.getCredentials() == null ? "" : form.getCredentials().toString();
        Caller caller = CredentialLookups.orUnavailable(() -> accounts.authenticate(user, password))
                .orElseThrow(() -> new BadCredentialsException("Wrong user name or password, or the account is disabled."));
        return UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** A refused sign-in: back to the form with the reason, recorded as refused (401, or 429 when throttled). */
    static void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean throttled = e instanceof Throttled;
        request.setAttribute(AuditFilter.STATUS, throttled ? 429 : 401);
        response.sendRedirect(request.getContextPath() + "/console/login?" + (throttled ? "throttled" : "error"));
    }
}
