package cn.courtmediation.hub.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Isolates recipients from each other: a circuit breaker per recipient (a dead court is not called
 * again until its breaker lets a probe through) and a bulkhead per recipient (at most N deliveries to
 * one recipient at a time, so a slow court cannot take every delivery thread). Both live in bounded,
 * expiring caches: 42,000+ recipients cost memory only while they get traffic.
 */
@Component("recipientGuard")
public class RecipientGuard {
    static final String PERMIT = "hubPermit";
    static final String STARTED = "hubCallStarted";

    /** The recipient's breaker is open or its bulkhead is full: the message waits, no attempt is counted. */
    public static final class RecipientUnavailable extends RuntimeException {
        RecipientUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final Cache<String, CircuitBreaker> breakers;
    private final Cache<String, Bulkhead> bulkheads;
    private final CircuitBreakerConfig breakerConfig;
    private final BulkheadConfig bulkheadConfig;

    RecipientGuard(@Value("${hub.delivery.breaker.failure-rate:50}") float failureRate,
                   @Value("${hub.delivery.breaker.minimum-calls:5}") int minimumCalls,
                   @Value("${hub.delivery.breaker.open-for:PT30S}") Duration openFor,
                   @Value("${hub.delivery.per-recipient-concurrency:2}") int perRecipient,
                   @Value("${hub.delivery.guard-cache-size:50000}") long cacheSize) {
        this.breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRate)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(minimumCalls, 10))
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        // a short wait for a permit smooths bursts to one court; longer waits would hold delivery threads
        this.bulkheadConfig = BulkheadConfig.custom().maxConcurrentCalls(perRecipient).maxWaitDuration(Duration.ofMillis(100)).build();
        this.breakers = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterAccess(1, TimeUnit.HOURS).build();
        this.bulkheads = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterAccess(1, TimeUnit.HOURS).build();
    }

    /** Takes a permit for the recipient in header hubRecipient, or throws RecipientUnavailable. */
    public void acquire(Exchange exchange) {
        String recipient = exchange.getMessage().getHeader(DeliveryHeaders.RECIPIENT, String.class);
        CircuitBreaker breaker = breaker(recipient);
        if (!breaker.tryAcquirePermission()) {
            throw new RecipientUnavailable("circuit open for " + recipient + " after repeated failures");
        }
        // a partner's queue takes messages at broker speed: the bulkhead is for systems called over HTTP
        boolean queue = "QUEUE".equals(exchange.getMessage().getHeader(DeliveryHeaders.CHANNEL, String.class));
        Bulkhead bulkhead = queue ? null : bulkheads.get(recipient, r -> Bulkhead.of(r, bulkheadConfig));
        if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            throw new RecipientUnavailable(recipient + " already has " + bulkheadConfig.getMaxConcurrentCalls() + " deliveries in progress");
        }
        exchange.setProperty(PERMIT, recipient);
        exchange.setProperty(STARTED, System.nanoTime());
    }

    public void success(Exchange exchange) {
        release(exchange, null);
    }

    /** Called on every failure path; does nothing when no permit was taken. */
    public void failure(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        release(exchange, cause == null ? new IllegalStateException("delivery failed") : cause);
    }

    /** The breaker state of a recipient (CLOSED when it has none): for operators and tests. */
    public String state(String recipient) {
        CircuitBreaker b = breakers.getIfPresent(recipient);
        return b == null ? "CLOSED" : b.getState().name();
    }

    private void release(Exchange exchange, Throwable error) {
        String recipient = exchange.getProperty(PERMIT, String.class);
        if (recipient == null) {
            return;
        }
        exchange.removeProperty(PERMIT);
        long elapsed = System.nanoTime() - exchange.getProperty(STARTED, 0L, Long.class);
        CircuitBreaker breaker = breaker(recipient);
        if (error == null) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
        }
        Bulkhead bulkhead = bulkheads.getIfPresent(recipient);
        if (bulkhead != null) {
            bulkhead.onComplete();
        }
    }

    private CircuitBreaker breaker(String recipient) {
        return breakers.get(recipient, r -> CircuitBreaker.of(r, breakerConfig));
    }
}
