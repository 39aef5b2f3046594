package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.PlannedCase;
import cn.courtmediation.hub.demo.scenario.Ending;
import cn.courtmediation.hub.demo.scenario.Action;
import cn.courtmediation.hub.demo.scenario.PlannedCase.CourtPolicy;
import cn.courtmediation.hub.demo.scenario.PlannedCase.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Plans a year of partner-case traffic shaped like the published 2021 figures (62.65% success among
 * decided cases, 18 days average mediation): endings are drawn by quota rather than independently, and
 * the mediation durations are then nudged a day at a time until their mean is on target, so that even a
 * few hundred cases reproduce the figures. Same settings and seed, same plan.
 */
final class ScenarioPlanner {
    static final double SUCCESS_RATE = 0.6265;
    static final double AVERAGE_DAYS = 18.0;
    /** Scenario case ids carry this after the court and year (C110105-2021-SCN000042): how a restart finds earlier scenario data. */
    static final String MARKER = "-SCN";
    /** The day's deadline scan runs this long after its submissions, so an expired case concludes that long after its deadline. */
    static final Duration SCAN_DELAY = Duration.ofHours(8);
    static final int DISPATCH_DAYS = 365;

    // shares of all cases (withdrawn) and of decided cases (the rest); the success share is the published one
    private static final double WITHDRAWN = 0.03;
    private static final double EXPIRED = 0.12;
    private static final double REFUSED = 0.08;
    private static final double EXTENDED = 0.10;
    private static final double CONFIRMATION = 0.70;
    private static final double CONFIRMATION_REJECTED = 0.04;
    private static final int[] EXTENSIONS = {10, 15, 20, 30};
    private static final String[] OTHER_DISPUTES = {"CONTRACT", "CONSUMER", "PROPERTY_SERVICE", "TRAFFIC_ACCIDENT",
            "MARRIAGE_FAMILY", "NEIGHBOURHOOD", "INTERNET", "LABOUR", "FINANCIAL"};

    private ScenarioPlanner() {
    }

    /** The plan, ordered by dispatch day; courts and mediators are drawn uniformly from the given ones. */
    static List<PlannedCase> plan(ScenarioSettings s, List<CourtPolicy> courts) {
        Random r = new Random(s.seed());
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < s.cases(); i++) {
            Draft d = new Draft();
            d.court = courts.get(r.nextInt(courts.size()));
            d.mediator = s.mediators().get(r.nextInt(s.mediators().size()));
            d.disputeType = disputeType(d.mediator, r);
            d.preLitigation = r.nextDouble() < 0.8;
            d.dispatchDay = r.nextInt(DISPATCH_DAYS);
            d.acceptDay = d.dispatchDay + 1 + r.nextInt(2);
            drafts.add(d);
        }
        drafts.sort(Comparator.comparingInt(d -> d.dispatchDay));
        assignEndings(drafts, r);
        assignExtensions(drafts, r);
        drafts.forEach(d -> d.sample(r));
        calibrate(drafts.stream().filter(d -> d.ending.decided()).toList(), r);
        calibrate(drafts.stream().filter(d -> !d.ending.decided()).toList(), r);
        List<PlannedCase> plan = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            int year = s.start().plusDays(d.dispatchDay).getYear();
            String caseId = String.format("%s-%d%s%06d", d.court.code(), year, MARKER, i + 1);
            plan.add(new PlannedCase(i + 1, caseId, d.court, d.mediator, d.disputeType, d.preLitigation, d.acceptDay,
                    d.extensionDays, d.ending, d.days, d.steps(r)));
        }
        return plan;
    }

    private static String disputeType(String mediator, Random r) {
        return switch (mediator) {
            case "PBOC", "CBIRC", "CSRC" -> "FINANCIAL";
            case "ACFTU" -> "LABOUR";
            case "CNIPA" -> "INTELLECTUAL_PROPERTY";
            default -> OTHER_DISPUTES[r.nextInt(OTHER_DISPUTES.length)];
        };
    }

    /** Exact shares, shuffled: i.i.d. draws would miss 62.65% by several points on a few hundred cases. */
    private static void assignEndings(List<Draft> drafts, Random r) {
        int n = drafts.size();
        int withdrawn = (int) Math.round(n * WITHDRAWN);
        int decided = n - withdrawn;
        int succeeded = (int) Math.round(decided * SUCCESS_RATE);
        int expired = (int) Math.round(decided * EXPIRED);
        int refused = (int) Math.round(decided * REFUSED);
        int failed = decided - succeeded - expired - refused;
        List<Ending> endings = new ArrayList<>(n);
        endings.addAll(Collections.nCopies(withdrawn, Ending.WITHDRAWN));
        endings.addAll(Collections.nCopies(succeeded, Ending.SUCCEEDED));
        endings.addAll(Collections.nCopies(expired, Ending.EXPIRED));
        endings.addAll(Collections.nCopies(refused, Ending.REFUSED));
        endings.addAll(Collections.nCopies(Math.max(0, failed), Ending.FAILED));
        Collections.shuffle(endings, r);
        for (int i = 0; i < n; i++) {
            drafts.get(i).ending = endings.get(i);
        }
    }

    /** A share of the cases extends with both parties' consent: a third of them still expire, the rest end in the extra time. */
    private static void assignExtensions(List<Draft> drafts, Random r) {
        List<Draft> expired = new ArrayList<>(drafts.stream().filter(d -> d.ending == Ending.EXPIRED).toList());
        List<Draft> ending = new ArrayList<>(drafts.stream().filter(d -> d.ending == Ending.SUCCEEDED || d.ending == Ending.FAILED).toList());
        Collections.shuffle(expired, r);
        Collections.shuffle(ending, r);
        int total = (int) Math.round(drafts.size() * EXTENDED);
        int fromExpired = Math.min(expired.size(), total / 3);
        List<Draft> chosen = new ArrayList<>(expired.subList(0, fromExpired));
        chosen.addAll(ending.subList(0, Math.min(ending.size(), total - fromExpired)));
        for (Draft d : chosen) {
            int max = d.court.maxExtensionDays();
            int days = Math.min(max, EXTENSIONS[r.nextInt(EXTENSIONS.length)]);
            d.extensionDays = Math.max(0, days);
        }
    }

    /**
     * Moves durations a day at a time, on randomly picked cases within their bounds, until the group's mean
     * mediation time (expiries counted with the scan's delay) is the target, or as near as the bounds allow.
     */
    static void calibrate(List<Draft> group, Random r) {
        if (group.isEmpty()) {
            return;
        }
        double scanDelay = SCAN_DELAY.toMinutes() / 1440.0;
        double fixed = 0;
        long have = 0;
        long lo = 0;
        long hi = 0;
        List<Draft> adjustable = new ArrayList<>();
        for (Draft d : group) {
            if (d.ending == Ending.EXPIRED) {
                fixed += d.days + scanDelay;
            } else {
                adjustable.add(d);
                have += d.days;
                lo += d.lo();
                hi += d.hi();
            }
        }
        if (adjustable.isEmpty()) {
            return;
        }
        long want = Math.max(lo, Math.min(hi, Math.round(AVERAGE_DAYS * group.size() - fixed)));
        while (have != want) {
            Draft d = adjustable.get(r.nextInt(adjustable.size()));
            if (have < want && d.days < d.hi()) {
                d.days++;
                have++;
            } else if (have > want && d.days > d.lo()) {
                d.days--;
                have--;
            }
        }
    }

    /** A case while it is being planned. */
    static final class Draft {
        CourtPolicy court;
        String mediator;
        String disputeType;
        boolean preLitigation;
        int dispatchDay;
        int acceptDay;
        int extensionDays;
        Ending ending;
        /** Mediation days: concluded - accepted. */
        int days;
        private int extendOffset;

        int limit() {
            return court.policyDays() + extensionDays;
        }

        /** Shortest duration: a day; an extended case ends after its extension. */
        int lo() {
            return extensionDays > 0 ? Math.max(extendOffset + 1, court.policyDays() - 2) : 1;
        }

        /** Longest duration: the day before the deadline (the mediator answers in time). */
        int hi() {
            return Math.max(lo(), limit() - 1);
        }

        void sample(Random r) {
            int policy = court.policyDays();
            if (extensionDays > 0) {
                extendOffset = Math.max(1, policy - 3 - r.nextInt(5));
            }
            if (ending == Ending.EXPIRED) {
                days = limit();
                return;
            }
            double u = switch (ending) {
                // settled and refused cases end early more often; failed ones tend to run on
                case SUCCEEDED, REFUSED -> Math.min(r.nextDouble(), r.nextDouble());
                default -> (r.nextDouble() + r.nextDouble()) / 2;
            };
            days = lo() + (int) Math.floor(u * (hi() - lo() + 1));
            days = Math.min(hi(), days);
        }

        List<Step> steps(Random r) {
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(dispatchDay, Action.DISPATCH));
            steps.add(new Step(acceptDay, Action.ACCEPT));
            if (extensionDays > 0) {
                steps.add(new Step(acceptDay + extendOffset, Action.EXTEND));
            }
            int end = acceptDay + days;
            int answer = end + 2 + r.nextInt(5);
            switch (ending) {
                case SUCCEEDED -> {
                    if (r.nextDouble() < CONFIRMATION) {
                        steps.add(new Step(end, Action.SUCCEED_FOR_CONFIRMATION));
                        if (r.nextDouble() < CONFIRMATION_REJECTED) {
                            // the court will not confirm; the mediator asks for a mediation document instead
                            steps.add(new Step(answer, Action.REJECT_CONFIRMATION));
                            int request = answer + 1 + r.nextInt(2);
                            steps.add(new Step(request, Action.REQUEST_DOCUMENT));
                            steps.add(new Step(request + 2 + r.nextInt(4), Action.ISSUE_DOCUMENT));
                        } else {
                            steps.add(new Step(answer, Action.CONFIRM));
                        }
                    } else {
                        steps.add(new Step(end, Action.SUCCEED_FOR_DOCUMENT));
                        steps.add(new Step(answer, Action.ISSUE_DOCUMENT));
                    }
                }
                case FAILED -> {
                    steps.add(new Step(end, Action.FAIL_TO_FILING));
                    steps.add(new Step(answer, Action.FILE));
                }
                case REFUSED -> {
                    steps.add(new Step(end, Action.REFUSE));
                    steps.add(new Step(answer, Action.FILE));
                }
                // no answer from the mediator: the hub's deadline scan transfers the case on day `end`
                case EXPIRED -> steps.add(new Step(answer, Action.FILE));
                case WITHDRAWN -> steps.add(new Step(end, r.nextBoolean() ? Action.COURT_WITHDRAW : Action.MEDIATOR_WITHDRAW));
            }
            return List.copyOf(steps);
        }
    }
}
