package cn.courtmediation.hub.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Who may use the operations console (/console/**), a chain of its own before the hub's stateless one (WebSecurity):
 * a person signs in with an operator account at /console/login and keeps a session cookie (Secure, HttpOnly,
 * SameSite=Strict; server.servlet.session.cookie), and every POST of a session needs its CSRF token; a script sends an
 * operator token (or Basic) as on /admin and needs no CSRF token, since a browser never adds that header by itself.
 * Roles as everywhere (AccessRules); every POST and every refusal is in the audit trail (AuditFilter).
 */
@Configuration
class ConsoleSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain consoleChain(HttpSecurity http, Environment environment, OperatorAccounts accounts, OperatorTokens tokens,
                                        AuditTrail audit, AccessSettings settings) throws Exception {
        ConsoleRefusals refusals = new ConsoleRefusals(new AccessRefusals());
        int passwordChecks = settings.rateLimit().passwordChecksPerSecond();
        return http.securityMatcher(ConsoleSecurity::isConsole)
                // a session only from signing in (a new id then): a token's request is authenticated anew each time and
                // must not get one (Spring's implicit session management would store its authentication in a new session)
                // (Spring's defaults otherwise: created when needed, a new id on signing in)
                .sessionManagement(s -> s.requireExplicitAuthenticationStrategy(true))
                // after signing in, always the Overview: a saved request would need a session for every anonymous visit
                .requestCache(c -> c.disable())
                .csrf(c -> c.ignoringRequestMatchers(ConsoleSecurity::isScript).csrfTokenRepository(new SessionCsrfTokens()))
                .httpBasic(b -> b.disable())
                .authenticationProvider(new ConsoleSignIn(accounts, passwordChecks))
                .formLogin(f -> f.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", true)
                        .failureHandler(ConsoleSignIn::failed)
                        .permitAll(false))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut"))
                .addFilterAfter(new AuditFilter(audit), SecurityContextHolderFilter.class)
                .addFilterAfter(new ConsolePlainPort(environment), AuditFilter.class)
                .addFilterAfter(new PlainPort(environment), ConsolePlainPort.class)
                .addFilterBefore(new OperatorCredentials(accounts, tokens, passwordChecks), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .authorizeHttpRequests(a -> a.anyRequest().access((authentication, context) -> new AuthorizationDecision(
                        AccessRules.ruleFor(context.getRequest()).who().admits(Caller.of(authentication.get()).orElse(null)))))
                .build();
    }

    /** A script's request: it carries its credential (token or Basic) in each request, not in a session cookie. */
    static boolean isScript(HttpServletRequest request) {
        return request.getHeader("Authorization") != null;
    }

    /**
     * CSRF tokens kept in the session, for sessions only: a script's request renders pages too, and must not get a
     * session (and a cookie) for a token it never needs.
     */
    static final class SessionCsrfTokens implements CsrfTokenRepository {
        private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();

        @Override
        public CsrfToken generateToken(HttpServletRequest request) {
            return sessions.generateToken(request);
        }

        @Override
        public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
            if (!isScript(request)) {
                sessions.saveToken(token, request, response);
            }
        }

        @Override
        public CsrfToken loadToken(HttpServletRequest request) {
            return isScript(request) ? null : sessions.loadToken(request);
        }
    }

    static boolean isConsole(HttpServletRequest request) {
        String path = AccessRules.pathOf(request);
        return path.equals("/console") || path.startsWith("/console/");
    }
}
