package cn.courtmediation.hub.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.unavailable: how the hub answers while it cannot serve (starting, stopping, database unreachable).
 *
 * @param retryAfter seconds in the Retry-After of a 503 SERVICE_UNAVAILABLE (HUB_RETRY_AFTER)
 */
@ConfigurationProperties("hub.unavailable")
public record UnavailableSettings(long retryAfter) {
}
