package cn.courtmediation.hub.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that authenticates a request once and carries the result over to the request's async dispatch, on which a
 * submission or SOAP call runs once api/SubmissionBodies has read its body: the security context of the first dispatch
 * is gone by then (SOAP GetMessageStatus checks its caller there), and checking again would cost a second database
 * look-up, or a second bcrypt. When the first dispatch did not pass the security chain, the async one authenticates.
 */
abstract class CredentialFilter extends OncePerRequestFilter {
    private static final String AUTHENTICATION = CredentialFilter.class.getName() + ".authentication";

    @Override
    protected final boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // a submission's first dispatch may never reach this filter (SubmissionBodies starts reading the body before the
        // security chain runs): then the async dispatch is the first to authenticate
        if (isAsyncDispatch(request) && request.getAttribute(AUTHENTICATION) instanceof Authentication a) {
            SecurityContextHolder.getContext().setAuthentication(a);
            chain.doFilter(request, response);
            return;
        }
        authenticate(request, response, chain);
    }

    /** Authenticates (authenticated(...)) and goes on down the chain, or answers the refusal itself. */
    protected abstract void authenticate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException;

    /** Makes the request the caller's, on this dispatch and on its async dispatch. */
    static void authenticated(HttpServletRequest request, Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        request.setAttribute(AUTHENTICATION, authentication);
    }
}
