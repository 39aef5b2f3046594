package cn.courtmediation.hub.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * A number of permits per second for each of many keys (a participant, a token, a client address): one resilience4j
 * RateLimiter per key, refilled every second, never waiting (over the limit is a refusal at once), dropped after 10
 * idle minutes. The rate limits and the password-check throttle both count with it.
 */
final class PerSecondLimits {
    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    PerSecondLimits(int perSecond) {
        this.config = RateLimiterConfig.custom().limitForPeriod(Math.max(1, perSecond)).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build();
    }

    /** True when the key has a permit left this second (and takes it). */
    boolean tryAcquire(String key) {
        return limiters.get(key, k -> RateLimiter.of(k, config)).acquirePermission();
    }

    int perSecond() {
        return config.getLimitForPeriod();
    }
}
