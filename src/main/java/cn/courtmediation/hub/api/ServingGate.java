package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 503 SERVICE_UNAVAILABLE (problem+json, Retry-After) to every request but /actuator/** until the hub has started and from the moment it begins to stop. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServingGate extends OncePerRequestFilter {
    // Tomcat opens before Camel registers the REST and SOAP routes (Camel starts on ContextRefreshedEvent), and the
    // start-up runners (demo registry, partner listeners) run after that: a request in between got Spring's 404, or on
    // a first demo start UNKNOWN_SENDER, which a client may take as final
    private final ApplicationContext context;
    private final ObjectMapper json;
    private final String retryAfter;
    private volatile boolean started;
    private volatile boolean closing;

    ServingGate(ApplicationContext context, ObjectMapper json, UnavailableSettings settings) {
        this.context = context;
        this.json = json;
        this.retryAfter = String.valueOf(settings.retryAfter());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // probes and metrics tell the truth about starting and stopping themselves (readiness is DOWN meanwhile)
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (started && !closing) {
            chain.doFilter(request, response);
            return;
        }
        HubException unavailable = Problems.unavailable(closing
                ? "The hub is stopping; nothing was accepted. Retry later (another replica may answer at once)."
                : "The hub is starting; nothing was accepted. Retry later.");
        response.setStatus(unavailable.code().httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Retry-After", retryAfter);
        json.writeValue(response.getOutputStream(), Problems.asMap(unavailable));
    }

    /** Camel's routes are up and every start-up runner is done; first among the listeners, so the demo scenario's own submissions pass. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void started(ApplicationReadyEvent event) {
        if (event.getApplicationContext() == context) {
            started = true;
        }
    }

    /** Published first thing on close (after readiness went to REFUSING_TRAFFIC), before the web server drains and Camel stops. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void closing(ContextClosedEvent event) {
        if (event.getApplicationContext() == context) {
            closing = true;
        }
    }
}
