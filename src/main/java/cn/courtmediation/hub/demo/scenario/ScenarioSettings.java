package cn.courtmediation.hub.demo.scenario;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What one scenario run replays: how many cases, from which seed and start date, which courts dispatch to
 * which mediators (registry codes), how many submissions run at once, and how often progress is logged
 * (hub.demo.scenario; whether it runs at all is hub.demo.scenario.enabled, DemoScenario's condition).
 */
@ConfigurationProperties("hub.demo.scenario")
record ScenarioSettings(int cases, long seed, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start, List<String> courts, List<String> mediators,
                        int concurrency, int progressEveryDays) {

    ScenarioSettings {
        if (cases < 1) {
            throw new IllegalArgumentException("a scenario needs at least one case, not " + cases);
        }
        if (courts.isEmpty() || mediators.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one court and one mediator");
        }
        courts = List.copyOf(courts);
        mediators = List.copyOf(mediators);
        concurrency = Math.max(1, concurrency);
        progressEveryDays = Math.max(1, progressEveryDays);
    }

    ScenarioSettings withCases(int n) {
        return new ScenarioSettings(n, seed, start, courts, mediators, concurrency, progressEveryDays);
    }
}
