package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.jms.JmsConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Decides which partners the hub listens to: one route from the partner-intake-queue template (routes/partner-intake)
 * per queue participant in the registry, made when the hub has started and on every refresh (creating the partner's
 * two queues first, which a partner may not); and stops them all together, before the routes they feed.
 */
@Component("partnerInbox")
@Order(10)
public class PartnerInbox implements ApplicationRunner, SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerInbox.class);
    static final String TEMPLATE = "partner-intake-queue";
    /** How long the stop waits for listeners at most: five receive timeouts. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Registry registry;
    private final PartnerAddresses addresses;
    private final CamelContext camel;
    private final BrokerConnections broker;
    private final Set<String> routeIds = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    PartnerInbox(Registry registry, PartnerAddresses addresses, CamelContext camel, BrokerConnections broker) {
        this.registry = registry;
        this.broker = broker;
        this.addresses = addresses;
        this.camel = camel;
    }

    /** The id of a partner's route: partner-intake-queue-<code in lower case>. */
    public static String routeId(String partnerCode) {
        return TEMPLATE + "-" + partnerCode.toLowerCase(Locale.ROOT);
    }

    /** Starts listening: after the Camel routes are up (run by Spring Boot once the context has started, not by the lifecycle). */
    @Override
    public void run(ApplicationArguments args) {
        start();
    }

    @Override
    public void start() {
        running = true;
        refresh();
    }

    /** Adds a route for every queue participant that has none yet; returns how many partners are listened to. */
    public synchronized int refresh() {
        if (!running) {
            // not yet started, or stopping: a route started now would feed routes that are stopping
            return routeIds.size();
        }
        for (Participant p : registry.queueParticipants()) {
            String id = routeId(p.code());
            if (!routeIds.contains(id)) {
                // both of the partner's queues exist before it connects: its account may not create them (BrokerSecurity)
                broker.createQueues(p.code());
                TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(id)
                        .parameter("partner", p.code())
                        .parameter("address", addresses.toHub(p.code()))
                        .add();
                routeIds.add(id);
                LOG.info("Listening for partner {} on {} (route {})", p.code(), addresses.toHub(p.code()), id);
            }
        }
        return routeIds.size();
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops in the web server's graceful-shutdown phase, so before the Camel context (a later phase) and alongside the
     * draining of HTTP requests. Camel's own shutdown would stop these routes first too (added last, stopped first, and
     * the direct: and seda: routes they feed stay up until nothing is in flight), but one after another, each JMS
     * consumer waiting up to its receive timeout (1 s): with many partners longer than a stop phase.
     */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
    }

    /**
     * Stops every partner route's JMS listener at once; the callback runs when the last one has finished its message in
     * hand (at most one receive timeout), or after {@link #STOP_WAIT} at the latest. A message received while stopping
     * is rolled back, not processed. Camel stops the routes themselves later, at once, since their listeners are idle.
     */
    @Override
    public void stop(Runnable callback) {
        List<AbstractMessageListenerContainer> all = new ArrayList<>();
        synchronized (this) {
            running = false;
            for (String id : routeIds) {
                Route route = camel.getRoute(id);
                if (route != null && route.getConsumer() instanceof JmsConsumer consumer) {
                    try {
                        all.add(consumer.getListenerContainer());
                    } catch (Exception e) {
                        LOG.warn("Partner route {}: no listener to stop ({}); Camel stops it with the routes", id, e.getMessage());
                    }
                }
            }
        }
        if (all.isEmpty()) {
            callback.run();
            return;
        }
        long began = System.nanoTime();
        AtomicInteger left = new AtomicInteger(all.size());
        AtomicBoolean done = new AtomicBoolean();
        // A listener whose broker is gone is reconnecting, not holding a message, and its container finishes the attempt
        // in hand before it stops: 27 to 55 s in LifecycleReplicasPostgresIT, where a replica stops after the hub whose
        // broker it used. Such a listener has nothing to finish, and a message still in a route is Camel's in-flight
        // exchange, which Camel's own shutdown waits for: so the stop goes on after STOP_WAIT at the latest.
        CompletableFuture.delayedExecutor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (done.compareAndSet(false, true)) {
                LOG.info("Partner routes: {} of {} listener(s) still stopping (reconnecting to the broker) after {} ms; going on",
                        left.get(), all.size(), STOP_WAIT.toMillis());
                callback.run();
            }
        });
        // each stop on a thread of its own: a container reconnecting holds its lock for the whole connection attempt
        // (24 s against a broker that is gone), and stop() waits for that lock, which held Spring's shutdown thread
        for (AbstractMessageListenerContainer c : all) {
            CompletableFuture.runAsync(() -> c.stop(() -> {
                if (left.decrementAndGet() == 0 && done.compareAndSet(false, true)) {
                    LOG.info("Partner routes stopped taking messages: {} listener(s) in {} ms", all.size(), (System.nanoTime() - began) / 1_000_000);
                    callback.run();
                }
            }));
        }
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
