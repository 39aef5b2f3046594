package cn.courtmediation.hub.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.intake: the limits every intake channel (REST, SOAP, queue) applies to what it accepts.
 *
 * @param maxPayloadBytes largest accepted message payload (HUB_MAX_PAYLOAD_BYTES)
 */
@ConfigurationProperties("hub.intake")
public record IntakeSettings(int maxPayloadBytes) {
}
