package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.DemoScenario;
import org.springframework.boot.actuate.availability.ReadinessStateHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * The readiness probe (/actuator/health/readiness) in demo mode: OUT_OF_SERVICE while the demo scenario
 * replays its year, since the hub's clock is then in the past and refuses live submissions as stale; a
 * newcomer or a script waiting for readiness starts once the hub is on real time. Replaces Spring Boot's
 * indicator of the same name (its auto-configuration backs off for a bean with this name).
 */
@Component("readinessStateHealthIndicator")
@ConditionalOnProperty(name = {"hub.demo.enabled", "hub.demo.scenario.enabled"}, havingValue = "true")
class ScenarioReadiness extends ReadinessStateHealthIndicator {
    private final DemoScenario scenario;

    ScenarioReadiness(ApplicationAvailability availability, DemoScenario scenario) {
        super(availability);
        this.scenario = scenario;
    }

    @Override
    protected ReadinessState getState(ApplicationAvailability availability) {
        return scenario.running() ? ReadinessState.REFUSING_TRAFFIC : availability.getReadinessState();
    }
}
