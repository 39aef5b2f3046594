package cn.courtmediation.hub.access;

import cn.courtmediation.hub.api.HttpRefusals;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The web layer's answers when the access rules say no, in the hub's own format (problem+json, or a SOAP fault under
 * /services/): 401 UNAUTHORIZED without credentials, 403 FORBIDDEN when the caller's role does not allow it.
 */
final class AccessRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        AccessRules.Who who = AccessRules.ruleFor(request).who();
        String how = who == AccessRules.Who.READER
                ? "Present a client certificate issued by the hub CA (participants) or an operator token (Authorization: Bearer)."
                : "Send an operator token (Authorization: Bearer, from POST /admin/tokens) or Basic user:password.";
        HttpRefusals.write(response, AccessRules.pathOf(request), new HubException(ErrorCode.UNAUTHORIZED, "Credentials needed. " + how));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        AccessRules.Who who = AccessRules.ruleFor(request).who();
        String caller = Caller.current().map(c -> c.isOperator() ? "operator " + c.name() + " (" + c.role().name().toLowerCase(java.util.Locale.ROOT) + ")"
                : "participant " + c.name()).orElse("the caller");
        HttpRefusals.write(response, AccessRules.pathOf(request), new HubException(ErrorCode.FORBIDDEN,
                request.getMethod() + " " + AccessRules.pathOf(request) + " needs " + needs(who) + "; " + caller + " is not."));
    }

    private static String needs(AccessRules.Who who) {
        return switch (who) {
            case OPERATOR -> "an operator account";
            case VIEWER -> "an operator (viewer, engineer or admin)";
            case ENGINEER -> "an operator with role engineer or admin";
            case ADMIN -> "an operator with role admin";
            default -> "credentials";
        };
    }
}
