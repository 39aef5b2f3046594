package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.Ending;
import cn.courtmediation.hub.demo.scenario.Action;
import java.util.List;

/**
 * One scenario case as planned: its parties, the day each step is submitted (days from the scenario's
 * start), and how and when its mediation ends. mediationDays is what the hub will store as
 * concluded - accepted, in whole days (an expiry concludes at the scan, a fraction of a day later).
 */
record PlannedCase(int seq, String caseId, CourtPolicy court, String mediator, String disputeType, boolean preLitigation,
                   int acceptDay, int extensionDays, Ending ending, int mediationDays, List<Step> steps) {

    /** A submission on a day. */
    record Step(int day, Action action) {
    }

    /** The court's time-limit policy, as the registry holds it. */
    record CourtPolicy(String code, String region, int policyDays, int maxExtensionDays) {
    }

    int dispatchDay() {
        return steps.get(0).day();
    }

    int lastDay() {
        return steps.get(steps.size() - 1).day();
    }
}
