package cn.courtmediation.hub.demo.scenario;

import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode of the embedded default: once the hub is ready, replays a year of partner cases in the
 * background so that a newcomer finds cases, timelines and statistics, unless the database already holds
 * scenario data (a restart does not replay twice). Needs the demo registry (hub.demo.enabled).
 */
@Component
@ConditionalOnProperty(name = {"hub.demo.enabled", "hub.demo.scenario.enabled"}, havingValue = "true")
class DemoScenario {
    private static final Logger LOG = LoggerFactory.getLogger(DemoScenario.class);

    private final ScenarioReplay replay;
    private final ScenarioCases cases;
    private final Environment env;
    private final ScenarioSettings settings;
    private volatile Thread worker;
    private volatile boolean running;

    DemoScenario(ScenarioReplay replay, ScenarioCases cases, Environment env, ScenarioSettings settings) {
        this.replay = replay;
        this.cases = cases;
        this.env = env;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (cases.present()) {
            LOG.info("Demo scenario: the database already holds scenario cases; not replaying again");
            return;
        }
        URI hub = URI.create("http://127.0.0.1:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080")));
        // set before Spring Boot declares the hub ready (just after this event), so that readiness never flickers UP
        running = true;
        Thread t = new Thread(() -> {
            try {
                replay.run(settings, hub);
            } catch (InterruptedException e) {
                LOG.warn("Demo scenario stopped before it finished (the hub is shutting down)");
            } catch (RuntimeException e) {
                LOG.error("Demo scenario failed", e);
            } finally {
                running = false;
                LOG.info("Demo scenario over: the hub's clock is real time again and readiness is UP");
            }
        }, "demo-scenario");
        t.setDaemon(true);
        worker = t;
        LOG.info("Demo scenario: replaying {} cases of {} in the background. Until it ends the hub's clock runs in {}, so"
                + " submissions signed at real time would be refused (STALE_MESSAGE): readiness stays OUT_OF_SERVICE meanwhile",
                settings.cases(), settings.start().getYear(), settings.start().getYear());
        t.start();
    }

    /** True while the replay runs (the clock is in the scenario's past). */
    boolean running() {
        return running;
    }

    /** Stops the replay before the hub's routes and web server stop under it; the replay puts the clock back itself. */
    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        Thread t = worker;
        if (t != null && t.isAlive()) {
            t.interrupt();
            t.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
