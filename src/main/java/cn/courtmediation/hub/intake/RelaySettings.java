package cn.courtmediation.hub.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.relay: the sweep that queues accepted messages the relay never queued (a crash or broker outage after the
 * commit); its interval and the relay's endpoint are read by the routes. Public: dead-letter replay uses the same
 * staleness to find an interrupted replay.
 *
 * @param staleAfter accepted messages older than this are queued again (HUB_RELAY_STALE_AFTER)
 * @param sweepBatch messages per sweep
 */
@ConfigurationProperties("hub.relay")
public record RelaySettings(Duration staleAfter, int sweepBatch) {
}
