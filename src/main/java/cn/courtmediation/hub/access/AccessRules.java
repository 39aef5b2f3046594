package cn.courtmediation.hub.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call which path, as one table read top down (the first rule that matches decides), pinned to docs/interfaces.md
 * §18 by AccessRulesTest. What a reader may then see of a message or case is decided by the read itself (404 for what is
 * not the caller's); this table only says who may ask.
 */
final class AccessRules {

    /** Who a rule lets in. */
    enum Who {
        /** anybody, also on the plain port: health probes, the PKI, contracts, signed submissions (they authenticate themselves) */
        ANYONE,
        /** anybody, on the HTTPS port only: the console's sign-in page and its style (a password must not cross the plain port) */
        SIGN_IN,
        /** a participant with its certificate, or an operator of any role */
        READER,
        /** any operator account (getting or dropping a token) */
        OPERATOR,
        VIEWER,
        ENGINEER,
        ADMIN;

        boolean admits(Caller caller) {
            return switch (this) {
                case ANYONE, SIGN_IN -> true;
                case READER -> caller != null;
                case OPERATOR -> caller != null && caller.isOperator();
                case VIEWER -> caller != null && caller.hasRole(Caller.Role.VIEWER);
                case ENGINEER -> caller != null && caller.hasRole(Caller.Role.ENGINEER);
                case ADMIN -> caller != null && caller.hasRole(Caller.Role.ADMIN);
            };
        }
    }

    /** One row: a method (null: any) and a path pattern (parsed once). */
    record Rule(String method, String pattern, Who who, PathPattern parsed) {
        boolean matches(String requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && parsed.matches(path);
        }
    }

    private static Rule rule(String method, String pattern, Who who) {
        return new Rule(method, pattern, who, PathPatternParser.defaultInstance.parse(pattern));
    }

    static final List<Rule> RULES = List.of(
            rule("GET", "/actuator/health/liveness", Who.ANYONE),
            rule("GET", "/actuator/health/readiness", Who.ANYONE),
            rule(null, "/actuator/**", Who.VIEWER),
            rule("GET", "/pki/**", Who.ANYONE),
            rule("GET", "/", Who.ANYONE),
            rule("GET", "/api-doc", Who.ANYONE),
            rule("GET", "/api-doc.yaml", Who.ANYONE),
            rule("GET", "/schemas/**", Who.ANYONE),
            rule("POST", "/api/v1/messages", Who.ANYONE),
            rule("GET", "/api/v1/messages/**", Who.READER),
            rule("GET", "/api/v1/cases/**", Who.READER),
            rule("GET", "/api/v1/statistics", Who.READER),
            // the service listing; a service's own path (its ?wsdl, a SOAP call) is for anyone: GetMessageStatus checks
            // its caller itself, submissions are signed
            rule(null, "/services", Who.VIEWER),
            rule(null, "/services/", Who.VIEWER),
            rule(null, "/services/**", Who.ANYONE),
            rule(null, "/demo-court/inbox", Who.VIEWER),
            rule(null, "/demo-court/**", Who.ANYONE),
            rule("POST", "/admin/tokens", Who.OPERATOR),
            rule("DELETE", "/admin/tokens/current", Who.OPERATOR),
            rule("POST", "/admin/registry/participants/*/suspend", Who.ENGINEER),
            rule("POST", "/admin/registry/participants/*/resume", Who.ENGINEER),
            rule("POST", "/admin/dead-letters/*/replay", Who.ENGINEER),
            rule("POST", "/admin/dead-letters/*/discard", Who.ENGINEER),
            rule("POST", "/admin/dead-letters/discard", Who.ENGINEER),
            rule("POST", "/admin/replays", Who.ENGINEER),
            rule("POST", "/admin/replays/*/cancel", Who.ENGINEER),
            rule("POST", "/admin/participants/*/test-message", Who.ENGINEER),
            rule("POST", "/admin/alerts/*/ack", Who.ENGINEER),
            rule(null, "/admin/audit/**", Who.ADMIN),
            rule(null, "/admin/operators/**", Who.ADMIN),
            rule(null, "/admin/broker-accounts/**", Who.ADMIN),
            rule("GET", "/admin/**", Who.VIEWER),
            rule(null, "/admin/**", Who.ADMIN),
            rule("GET", "/about", Who.ANYONE),
            // the operations console (console/): signed in with a session (form login) or a token as /admin
            rule(null, "/console/login", Who.SIGN_IN),
            rule("GET", "/console/*.css", Who.SIGN_IN),
            rule("GET", "/console/*.js", Who.SIGN_IN),
            rule("POST", "/console/logout", Who.OPERATOR),
            rule(null, "/console/audit/**", Who.ADMIN),
            rule("GET", "/console/**", Who.VIEWER),
            rule(null, "/console/**", Who.ENGINEER),
            // anything else is for anyone to get its honest 404 or 405
            rule(null, "/**", Who.ANYONE));

    private AccessRules() {
    }

    /** The rule deciding a request. */
    static Rule ruleFor(HttpServletRequest request) {
        return ruleFor(request.getMethod(), pathOf(request));
    }

    static Rule ruleFor(String method, String path) {
        String m = "HEAD".equals(method) ? "GET" : method;
        PathContainer parsed = PathContainer.parsePath(path);
        for (Rule r : RULES) {
            if (r.matches(m, parsed)) {
                return r;
            }
        }
        throw new IllegalStateException("no access rule for " + path);
    }

    /** The request's path within the application, without the query; "/" for an empty one. */
    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.isEmpty() ? "/" : path;
    }
}
