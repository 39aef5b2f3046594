package cn.courtmediation.hub.access;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as authenticated by the web layer (access/WebSecurity): a participant by the hub-issued certificate it
 * presented on the HTTPS port (name = its registry code), or an operator account with its role (name = user name).
 * It is the principal of Spring Security's Authentication.
 */
public record Caller(Kind kind, String name, Role role) {

    /** A participant system or a person operating the hub. */
    public enum Kind { PARTICIPANT, OPERATOR }

    /** Operator roles, each including the ones before it: viewer reads, engineer also acts on traffic, admin manages all. */
    public enum Role { VIEWER, ENGINEER, ADMIN }

    public static Caller participant(String code) {
        return new Caller(Kind.PARTICIPANT, code, null);
    }

    public static Caller operator(String user, Role role) {
        return new Caller(Kind.OPERATOR, user, role);
    }

    /** The caller of the current request (the servlet thread's security context), if it authenticated. */
    public static Optional<Caller> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The caller an Authentication (or a request's user principal) stands for, if any. */
    public static Optional<Caller> of(Object authentication) {
        return authentication instanceof Authentication a && a.isAuthenticated() && a.getPrincipal() instanceof Caller c
                ? Optional.of(c) : Optional.empty();
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }

    /** True for the participant with this registry code. */
    public boolean is(String participantCode) {
        return kind == Kind.PARTICIPANT && name.equals(participantCode);
    }

    /** True for an operator whose role includes the given one. */
    public boolean hasRole(Role needed) {
        return kind == Kind.OPERATOR && role.compareTo(needed) >= 0;
    }
}
