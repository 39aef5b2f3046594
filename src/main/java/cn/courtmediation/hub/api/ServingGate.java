package cn.courtmediation.hub.api;

import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.error.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 503 SERVICE_UNAVAILABLE (problem+json, Retry-After) to every request but /actuator/** until the hub has started and from the moment it begins to stop. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServingGate extends OncePerRequestFilter {
    // Tomcat opens before Camel registers the REST and SOAP routes (its context starts on ContextRefreshedEvent):
    // without this gate a request in between got Spring's 404, which a client may take as final. Camel alone is
    // not enough either: the registry is loaded by application runners after it, and a message in between got
    // 422 UNKNOWN_RECIPIENT for a recipient that was about to exist (KillRestartIT). So the gate opens on
    // ApplicationReadyEvent, which Spring Boot publishes after every runner, and first among its listeners (the
    // demo scenario, which posts to this hub, listens to the same event).
    private final ObjectProvider<CamelContext> camel;
    private final ApplicationContext context;
    private final ObjectMapper json;
    private final String retryAfter;
    private volatile boolean ready;
    private volatile boolean closing;

    ServingGate(ObjectProvider<CamelContext> camel, ApplicationContext context, ObjectMapper json,
                @Value("${hub.unavailable.retry-after}") long retryAfterSeconds) {
        this.camel = camel;
        this.context = context;
        this.json = json;
        this.retryAfter = String.valueOf(retryAfterSeconds);
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
        if (serving()) {
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

    private boolean serving() {
        if (closing || !ready) {
            return false;
        }
        CamelContext c = camel.getIfAvailable();
        return c != null && c.isStarted();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() == context) {
            ready = true;
        }
    }

    @EventListener(ContextClosedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void closing(ContextClosedEvent event) {
        // published first thing on close, before the web server drains and Camel stops its routes
        if (event.getApplicationContext() == context) {
            closing = true;
        }
    }
}
