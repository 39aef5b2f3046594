package cn.courtmediation.hub.delivery;

import cn.courtmediation.hub.contract.ChannelHeaders;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Isolates recipients from each other: a circuit breaker per recipient (a dead court is not called
 * again until its breaker lets one probe through, open-for after it opened) and a bulkhead per recipient
 * (at most N deliveries to one recipient at a time, so a slow court cannot take every delivery thread).
 * Both live in bounded, expiring caches: 42,000+ recipients cost memory only while they get traffic.
 */
@Component("recipientGuard")
public class RecipientGuard {
    static final String PERMIT = "hubPermit";
    public static final String STARTED = "hubCallStarted";

    /** A recipient's breaker and when it last opened (System.nanoTime), so waiting messages wake for its probe. */
    private static final class Breaker {
        final CircuitBreaker breaker;
        volatile long openedAt;

        Breaker(CircuitBreaker breaker) {
            this.breaker = breaker;
            breaker.getEventPublisher().onStateTransition(e -> {
                if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAt = System.nanoTime();
                }
            });
        }
    }

    private final Cache<String, Breaker> breakers;
    private final Cache<String, Bulkhead> bulkheads;
    private final CircuitBreakerConfig breakerConfig;
    private final BulkheadConfig bulkheadConfig;
    private final Duration openFor;
    private final long busyWait;
    private final long probeWait;

    RecipientGuard(DeliverySettings settings) {
        DeliverySettings.Breaker breaker = settings.breaker();
        Duration openFor = breaker.openFor();
        int minimumCalls = breaker.minimumCalls();
        long cacheSize = settings.guardCacheSize();
        this.openFor = openFor;
        this.busyWait = settings.unavailableWait();
        this.probeWait = breaker.probeWait();
        this.breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(minimumCalls, 10))
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                // a probe whose outcome was never reported (a bug, a lost thread) must not keep the recipient half-open for ever
                .maxWaitDurationInHalfOpenState(Duration.ofMinutes(1))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        // a short wait for a permit smooths bursts to one court; longer waits would hold delivery threads
        this.bulkheadConfig = BulkheadConfig.custom().maxConcurrentCalls(settings.perRecipientConcurrency()).maxWaitDuration(Duration.ofMillis(100)).build();
        this.breakers = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterAccess(1, TimeUnit.HOURS).build();
        this.bulkheads = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterAccess(1, TimeUnit.HOURS).build();
    }

    /**
     * Takes a permit for the recipient in header hubRecipient. Returns 0 when taken, else how long (ms) the
     * message should wait before it asks again: until the breaker lets its probe through, or a short while when
     * the probe is in flight or the bulkhead is full. Waiting is not an attempt.
     */
    public long tryAcquire(Exchange exchange) {
        String recipient = exchange.getMessage().getHeader(ChannelHeaders.RECIPIENT, String.class);
        Breaker b = breaker(recipient);
        if (!b.breaker.tryAcquirePermission()) {
            return waitHint(b);
        }
        // a partner's queue takes messages at broker speed: the bulkhead is for systems called over HTTP
        boolean queue = "QUEUE".equals(exchange.getMessage().getHeader(ChannelHeaders.CHANNEL, String.class));
        Bulkhead bulkhead = queue ? null : bulkheads.get(recipient, r -> Bulkhead.of(r, bulkheadConfig));
        if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
            b.breaker.releasePermission();
            return jitter(busyWait);
        }
        exchange.setProperty(PERMIT, recipient);
        exchange.setProperty(STARTED, System.nanoTime());
        return 0;
    }

    /** How long a message for this recipient should wait before it is worth asking again (0: the breaker is closed). */
    public long waitHint(String recipient) {
        Breaker b = breakers.getIfPresent(recipient);
        return b == null ? 0 : waitHint(b);
    }

    private long waitHint(Breaker b) {
        return switch (b.breaker.getState()) {
            // wake when the breaker lets its probe through, not on a fixed poll
            case OPEN -> jitter(Math.max(probeWait, openFor.toMillis() - (System.nanoTime() - b.openedAt) / 1_000_000));
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            default -> jitter(probeWait);
        };
    }

    /** Spreads the wake-up of many waiting messages over a tenth of the wait, so they do not all ask at once. */
    private static long jitter(long ms) {
        return ms + ThreadLocalRandom.current().nextLong(ms / 10 + 1);
    }

    public void success(Exchange exchange) {
        release(exchange, null, true);
    }

    /** Called on every failure path of an attempt; does nothing when no permit was taken. */
    public void failure(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        release(exchange, cause == null ? new IllegalStateException("delivery failed") : cause, true);
    }

    /** Gives the permit back without judging the recipient: the hub's own infrastructure failed, not the recipient. */
    public void release(Exchange exchange) {
        release(exchange, null, false);
    }

    /** The breaker state of a recipient (CLOSED when it has none): for operators and tests. */
    public String state(String recipient) {
        Breaker b = breakers.getIfPresent(recipient);
        return b == null ? "CLOSED" : b.breaker.getState().name();
    }

    /** How many recipients' breakers are in each state (CLOSED, OPEN, HALF_OPEN...): the hub_delivery_breakers gauge. */
    public java.util.Map<String, Long> breakerStates() {
        return breakers.asMap().values().stream().collect(java.util.stream.Collectors.groupingBy(
                b -> b.breaker.getState().name(), java.util.stream.Collectors.counting()));
    }

    /** Recipients whose breaker is not CLOSED (OPEN, HALF_OPEN...), with its state: for the alerts and the console. */
    public java.util.Map<String, String> notClosed() {
        java.util.Map<String, String> states = new java.util.TreeMap<>();
        breakers.asMap().forEach((recipient, b) -> {
            if (b.breaker.getState() != CircuitBreaker.State.CLOSED) {
                states.put(recipient, b.breaker.getState().name());
            }
        });
        return states;
    }

    private void release(Exchange exchange, Throwable error, boolean judge) {
        String recipient = exchange.getProperty(PERMIT, String.class);
        if (recipient == null) {
            return;
        }
        exchange.removeProperty(PERMIT);
        long elapsed = System.nanoTime() - exchange.getProperty(STARTED, 0L, Long.class);
        CircuitBreaker breaker = breaker(recipient).breaker;
        if (!judge) {
            breaker.releasePermission();
        } else if (error == null) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
        }
        Bulkhead bulkhead = bulkheads.getIfPresent(recipient);
        if (bulkhead != null) {
            bulkhead.onComplete();
        }
    }

    private Breaker breaker(String recipient) {
        return breakers.get(recipient, r -> new Breaker(CircuitBreaker.of(r, breakerConfig)));
    }
}
