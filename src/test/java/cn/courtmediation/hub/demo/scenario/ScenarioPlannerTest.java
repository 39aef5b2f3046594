package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.ScenarioSettings;
import cn.courtmediation.hub.demo.scenario.ScenarioPlanner;
import cn.courtmediation.hub.demo.scenario.PlannedCase;
import cn.courtmediation.hub.demo.scenario.Ending;
import cn.courtmediation.hub.demo.scenario.Action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.courtmediation.hub.demo.scenario.PlannedCase.CourtPolicy;
import cn.courtmediation.hub.demo.scenario.PlannedCase.Step;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The scenario plan: deterministic, shaped like the 2021 figures at any size, and every step fits the case lifecycle. */
class ScenarioPlannerTest {
    static final List<CourtPolicy> COURTS = List.of(new CourtPolicy("C110105", "110105", 30, 30),
            new CourtPolicy("C310115", "310115", 30, 30), new CourtPolicy("C440305", "440305", 20, 10));

    static ScenarioSettings settings(int cases, long seed) {
        return new ScenarioSettings(cases, seed, LocalDate.of(2021, 1, 1), List.of("C110105", "C310115", "C440305"),
                List.of("PBOC", "ACFTU", "M110105001"), 4, 30);
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnotherOne() {
        assertThat(ScenarioPlanner.plan(settings(300, 7), COURTS)).isEqualTo(ScenarioPlanner.plan(settings(300, 7), COURTS));
        assertThat(ScenarioPlanner.plan(settings(300, 8), COURTS)).isNotEqualTo(ScenarioPlanner.plan(settings(300, 7), COURTS));
    }

    @ParameterizedTest
    @ValueSource(ints = {150, 600, 2000})
    void anySizeIsShapedLikeThe2021Figures(int cases) {
        List<PlannedCase> plan = ScenarioPlanner.plan(settings(cases, 2021), COURTS);
        long succeeded = plan.stream().filter(c -> c.ending() == Ending.SUCCEEDED).count();
        long decided = plan.stream().filter(c -> c.ending().decided()).count();
        double delay = ScenarioPlanner.SCAN_DELAY.toMinutes() / 1440.0;
        double average = plan.stream().mapToDouble(c -> c.mediationDays() + (c.ending() == Ending.EXPIRED ? delay : 0)).average().orElseThrow();
        assertThat(100.0 * succeeded / decided).isCloseTo(62.65, within(0.5));
        assertThat(average).isCloseTo(18.0, within(0.1));
        assertThat(plan).extracting(PlannedCase::ending).contains(Ending.values());
        assertThat(plan).filteredOn(c -> c.extensionDays() > 0).isNotEmpty();
        assertThat(plan).allSatisfy(c -> assertThat(c.dispatchDay()).isBetween(0, 364));
    }

    @Test
    void everyStepFitsTheLifecycleAndTheCourtsTimeLimit() {
        for (PlannedCase c : ScenarioPlanner.plan(settings(2000, 2021), COURTS)) {
            Set<Integer> days = new HashSet<>();
            int previous = -1;
            for (Step s : c.steps()) {
                assertThat(s.day()).as("steps in order, one a day: %s", c).isGreaterThan(previous);
                assertThat(days.add(s.day())).isTrue();
                previous = s.day();
            }
            int deadline = c.acceptDay() + c.court().policyDays() + c.extensionDays();
            assertThat(c.extensionDays()).isBetween(0, c.court().maxExtensionDays());
            assertThat(c.steps().get(1)).isEqualTo(new Step(c.acceptDay(), Action.ACCEPT));
            if (c.ending() == Ending.EXPIRED) {
                assertThat(c.acceptDay() + c.mediationDays()).isEqualTo(deadline);
                assertThat(c.lastDay()).as("the court files after the hub's transfer").isGreaterThan(deadline);
            } else {
                assertThat(c.acceptDay() + c.mediationDays()).as("the mediator answers before the deadline: %s", c).isLessThan(deadline);
            }
            c.steps().stream().filter(s -> s.action() == Action.EXTEND).forEach(s -> assertThat(s.day())
                    .isGreaterThan(c.acceptDay()).isLessThan(c.acceptDay() + c.court().policyDays())
                    .isLessThan(c.acceptDay() + c.mediationDays()));
            assertThat(c.caseId()).startsWith(c.court().code() + "-2021" + ScenarioPlanner.MARKER);
        }
    }
}
