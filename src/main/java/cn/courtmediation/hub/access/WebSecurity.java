package cn.courtmediation.hub.access;

import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.trust.CertificateStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Who may call what over HTTP: the plain port keeps only what needs no credentials (PlainPort); on the HTTPS port a
 * client certificate makes a participant (ParticipantCertificates) and a token or password an operator
 * (OperatorCredentials); RateLimits caps each caller; AccessRules decides per path; AccessRefusals answers 401/403 in the hub's format; AuditFilter
 * records administration. Stateless: no session, no cookie, so no CSRF token either.
 */
@Configuration
class WebSecurity {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, Environment environment, CertificateStore certificates, Registry registry,
                                    OperatorAccounts accounts, OperatorTokens tokens, AuditTrail audit, AccessSettings settings)
            throws Exception {
        AccessRefusals refusals = new AccessRefusals();
        return http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .addFilterAfter(new AuditFilter(audit), SecurityContextHolderFilter.class)
                .addFilterAfter(new PlainPort(environment), AuditFilter.class)
                .addFilterAfter(new RateLimits(settings.rateLimit()), PlainPort.class)
                .addFilterAfter(new ParticipantCertificates(certificates, registry), RateLimits.class)
                .addFilterAfter(new OperatorCredentials(accounts, tokens, settings.rateLimit().passwordChecksPerSecond()), ParticipantCertificates.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .authorizeHttpRequests(a -> a.anyRequest().access((authentication, context) -> new AuthorizationDecision(
                        AccessRules.ruleFor(context.getRequest()).who().admits(Caller.of(authentication.get()).orElse(null)))))
                .build();
    }
}
