package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.demo.scenario.ScenarioPlanner;
import cn.courtmediation.hub.demo.scenario.ScenarioMessages;
import cn.courtmediation.hub.demo.scenario.ScenarioCases;
import cn.courtmediation.hub.demo.scenario.RestSubmitter;
import cn.courtmediation.hub.demo.scenario.PlannedCase;
import cn.courtmediation.hub.demo.scenario.PartnerSystems;
import cn.courtmediation.hub.demo.scenario.Action;
import cn.courtmediation.hub.cases.CaseDeadlines;
import cn.courtmediation.hub.cases.CaseStatistics;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.demo.scenario.PlannedCase.CourtPolicy;
import cn.courtmediation.hub.store.HubClock;
import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.TrustSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Replays a scenario through the real flows: sets the hub's clock to the scenario's first day, then steps
 * a day at a time, submitting that day's messages over REST to the running hub (signed, each answer
 * awaited; the cases of a day run in parallel, each case has at most one step a day), letting the hub
 * deliver them, then running the deadline scan, whose filing requests and warnings the hub queues as usual.
 * It steps on until no case is left mediating, then puts the clock back on real time, so that no scenario
 * case expires later at real time; at the end the queue partners read what the hub delivered to them.
 */
@Component
class ScenarioReplay {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioReplay.class);
    /** The timer route of routes/case-deadlines.camel.yaml. */
    private static final String SCAN_ROUTE = "case-deadlines-scan";
    /** Submissions happen at 09:30 China time; the deadline scan follows ScenarioPlanner.SCAN_DELAY later. */
    private static final LocalTime OFFICE_HOURS = LocalTime.of(9, 30);
    /** After the plan's last step, days the replay keeps scanning for cases still mediating (only after a refused step). */
    private static final int TAIL_DAYS = 120;
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(30);

    private final Clock clock;
    private final Registry registry;
    private final CertificateAuthority ca;
    private final CaseDeadlines deadlines;
    private final ProducerTemplate producer;
    private final ScenarioCases cases;
    private final CaseStatistics statistics;
    private final PartnerSystems partners;
    private final ObjectMapper json;
    private final boolean evidencesPushed;
    private final CamelContext camel;

    ScenarioReplay(Clock clock, Registry registry, CertificateAuthority ca, CaseDeadlines deadlines, ProducerTemplate producer,
                   ScenarioCases cases, CaseStatistics statistics, PartnerSystems partners, ObjectMapper json,
                   TrustSettings trust, CamelContext camel) {
        this.camel = camel;
        this.clock = clock;
        this.registry = registry;
        this.ca = ca;
        this.deadlines = deadlines;
        this.producer = producer;
        this.cases = cases;
        this.statistics = statistics;
        this.partners = partners;
        this.json = json;
        this.evidencesPushed = trust.pushEvidences().contains("DELIVERED") && trust.pushEvidences().contains("DELIVERY_FAILED");
    }

    private void suspendScanTimer(boolean suspend) {
        try {
            if (suspend) {
                camel.getRouteController().suspendRoute(SCAN_ROUTE);
            } else {
                camel.getRouteController().resumeRoute(SCAN_ROUTE);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not " + (suspend ? "suspend" : "resume") + " route " + SCAN_ROUTE, e);
        }
    }

    /** Runs the whole scenario against the hub at hubBase (this hub's own REST edge) and reports; the clock is real time again afterwards. */
    ScenarioReport run(ScenarioSettings s, URI hubBase) throws InterruptedException {
        if (!(clock instanceof HubClock hubClock)) {
            throw new IllegalStateException("the scenario moves the hub's clock, but the Clock bean is a " + clock.getClass().getName());
        }
        List<PlannedCase> plan = ScenarioPlanner.plan(s, courts(s));
        checkMediators(s);
        Map<Integer, List<Task>> byDay = new TreeMap<>();
        plan.forEach(c -> c.steps().forEach(step -> byDay.computeIfAbsent(step.day(), d -> new ArrayList<>()).add(new Task(c, step.action()))));
        int lastDay = plan.stream().mapToInt(PlannedCase::lastDay).max().orElse(0);
        ScenarioMessages messages = new ScenarioMessages(json, signers(s, lastDay), s.seed(), s.start());
        RestSubmitter submitter = new RestSubmitter(hubBase);
        Counters n = new Counters();
        long started = System.nanoTime();
        LOG.info("Scenario: replaying {} cases from {} ({} days of steps) through {} with seed {}, {} at a time;"
                        + " the hub's clock runs in the scenario's past until it ends", plan.size(), s.start(), lastDay + 1, hubBase,
                s.seed(), s.concurrency());
        ExecutorService pool = Executors.newFixedThreadPool(s.concurrency(), r -> {
            Thread t = new Thread(r, "scenario-submit");
            t.setDaemon(true);
            return t;
        });
        int day = 0;
        // only the replay's own scans, at the end of each replayed day: the timer would act between its clock moves
        // (expiring cases at the wrong time of day, which the planned durations do not expect)
        suspendScanTimer(true);
        try {
            // after the plan's last step, on only while a case is still mediating (possible only after a refused step)
            for (; day <= lastDay || (day <= lastDay + TAIL_DAYS && cases.mediating() > 0); day++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("scenario stopped on day " + day);
                }
                step(hubClock, s, day, byDay.getOrDefault(day, List.of()), pool, messages, submitter, n);
                if (day % s.progressEveryDays() == 0) {
                    LOG.info("Scenario day {}/{} ({}%, {}): {} cases dispatched, {} concluded; {} messages sent, {} refused; {} s", day,
                            lastDay, lastDay == 0 ? 100 : Math.min(100, day * 100 / lastDay), s.start().plusDays(day), cases.dispatched(), cases.concluded(), n.submissions.get(), n.refusals.get(),
                            String.format("%.1f", (System.nanoTime() - started) / 1e9));
                }
            }
        } finally {
            pool.shutdownNow();
            hubClock.reset();
            suspendScanTimer(false);
        }
        waitForDeliveries();
        long read = readPartnerQueues(s);
        ScenarioReport report = new ScenarioReport(plan.size(), day, n.submissions.get(), n.refusals.get(), n.duplicates.get(),
                cases.hubPushes(), read, Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(n.answerNanos.get() / Math.max(1, n.submissions.get())), statistics.between(at(s.start(), 0).truncatedTo(ChronoUnit.DAYS), at(s.start(), day + 1)), cases.messageStatuses(),
                List.copyOf(n.firstRefusals));
        if (report.refusals() > 0) {
            LOG.error("Scenario: {} submission(s) REFUSED by the hub - a bug in the scenario generator; first: {}", report.refusals(),
                    report.firstRefusals());
        }
        LOG.info(report.summary());
        return report;
    }

    /**
     * One day: the clock at office hours, the day's submissions (in parallel, each answer awaited), then the
     * clock at scan time and the deadline scan, whose filing requests and warnings are queued like any message.
     */
    private void step(HubClock hubClock, ScenarioSettings s, int day, List<Task> tasks, ExecutorService pool, ScenarioMessages messages,
                      RestSubmitter submitter, Counters n) throws InterruptedException {
        hubClock.set(at(s.start(), day));
        List<Future<?>> sent = new ArrayList<>();
        for (Task t : tasks) {
            sent.add(pool.submit(() -> send(t, messages, submitter, n)));
        }
        try {
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("scenario step failed on day " + day, e.getCause());
        }
        // every scenario case, not only today's: a delivery that ended meanwhile for a case not sent to today (a partner's
        // answer) has its evidence pushed just after, which a check of today's cases cannot see; ScenarioIT once found
        // such a push delivered eight hub-hours late, after the clock had moved to the scan
        settle();
        hubClock.set(at(s.start(), day).plus(ScenarioPlanner.SCAN_DELAY));
        // what the deadline scan stored in the outbox goes to the relay, as the case-deadlines route does
        deadlines.scan().forEach(id -> producer.sendBody("direct:message-intake-relay", id));
        settle();
    }

    /**
     * Lets the hub deliver what is in flight (and push the evidences of every scenario message that ended) before the
     * clock jumps hours ahead, so that timelines show deliveries at the time they would have happened, not at the next
     * clock setting. Bounded: a slow recipient delays the replay at most SETTLE_WAIT a step and is delivered anyway.
     */
    private void settle() throws InterruptedException {
        long until = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (!cases.settled(evidencesPushed)) {
            if (System.nanoTime() >= until) {
                LOG.warn("Scenario: messages still in flight after {} s; the clock moves on (they are delivered later)", SETTLE_WAIT.toSeconds());
                return;
            }
            Thread.sleep(5);
        }
    }

    /**
     * Participants' certificates valid from the day before the scenario until its tail has passed, or a year from
     * real time if that is later: a year-long replay outlives the usual year of validity from the hub's moved now.
     */
    private ScenarioSigners signers(ScenarioSettings s, int lastDay) {
        Instant until = at(s.start(), lastDay + TAIL_DAYS + 1);
        Instant aYearFromNow = Instant.now().plus(Duration.ofDays(365));
        return new ScenarioSigners(ca, at(s.start(), 0).minus(Duration.ofDays(1)), until.isAfter(aYearFromNow) ? until : aYearFromNow);
    }

    /** A step of one case on its day. */
    private record Task(PlannedCase c, Action action) {
    }

    /** Running counts, shared by the submitting threads. */
    private static final class Counters {
        final AtomicLong submissions = new AtomicLong();
        final AtomicLong refusals = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong answerNanos = new AtomicLong();
        final List<String> firstRefusals = Collections.synchronizedList(new ArrayList<>());
    }

    private void send(Task t, ScenarioMessages messages, RestSubmitter submitter, Counters n) {
        ScenarioMessages.Submission s = messages.build(t.c(), t.action(), OffsetDateTime.now(clock));
        long t0 = System.nanoTime();
        RestSubmitter.Answer a = submitter.submit(s);
        n.answerNanos.addAndGet(System.nanoTime() - t0);
        n.submissions.incrementAndGet();
        if (!a.accepted()) {
            n.refusals.incrementAndGet();
            String what = t.action() + " of " + s.caseId() + " by " + s.sender() + ": HTTP " + a.status() + " " + a.body();
            if (n.firstRefusals.size() < 10) {
                n.firstRefusals.add(what);
            }
            LOG.error("Scenario submission REFUSED (a generator bug): {}", what);
        } else if (a.duplicate()) {
            n.duplicates.incrementAndGet();
        }
    }

    /** Waits (bounded) until the hub delivered what the scenario caused, so that the report's statuses are final. */
    private void waitForDeliveries() throws InterruptedException {
        long until = System.nanoTime() + DELIVERY_WAIT.toNanos();
        while (!cases.settled(evidencesPushed) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
    }

    private long readPartnerQueues(ScenarioSettings s) {
        try {
            return partners.read(s.mediators());
        } catch (JMSException e) {
            LOG.warn("Scenario: could not read the partners' from-hub addresses; their scenario messages stay there", e);
            return 0;
        }
    }

    /** Day `day` of the scenario at office hours, China time. */
    static Instant at(LocalDate start, int day) {
        return start.plusDays(day).atTime(OFFICE_HOURS).atOffset(ScenarioMessages.CST).toInstant();
    }

    private List<CourtPolicy> courts(ScenarioSettings s) {
        List<CourtPolicy> courts = new ArrayList<>();
        for (String code : s.courts()) {
            Participant p = registry.find(code).orElseThrow(() -> new IllegalStateException("scenario court " + code + " is not in the registry"));
            if (p.kind() != Participant.Kind.COURT && p.kind() != Participant.Kind.TRIBUNAL) {
                throw new IllegalStateException("scenario court " + code + " is a " + p.kind());
            }
            courts.add(new CourtPolicy(code, p.region(), p.policyDays() == null ? Participant.DEFAULT_POLICY_DAYS : p.policyDays(),
                    p.maxExtensionDays() == null ? Participant.DEFAULT_MAX_EXTENSION_DAYS : p.maxExtensionDays()));
        }
        return courts;
    }

    private void checkMediators(ScenarioSettings s) {
        for (String code : s.mediators()) {
            Participant p = registry.find(code).orElseThrow(() -> new IllegalStateException("scenario mediator " + code + " is not in the registry"));
            if (p.kind() != Participant.Kind.PARTNER && p.kind() != Participant.Kind.MEDIATION_ORG) {
                throw new IllegalStateException("scenario mediator " + code + " is a " + p.kind() + ", not a partner or mediation organisation");
            }
        }
    }
}
