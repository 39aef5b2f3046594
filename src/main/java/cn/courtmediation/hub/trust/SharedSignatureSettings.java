package cn.courtmediation.hub.trust;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.delivery.shared-signature: how long the hub's signature over a payload many deliveries share (a fan-out's
 * children) is reused, and for how many payloads at a time.
 */
@ConfigurationProperties("hub.delivery.shared-signature")
record SharedSignatureSettings(Duration ttl, long maxPayloads) {
}
