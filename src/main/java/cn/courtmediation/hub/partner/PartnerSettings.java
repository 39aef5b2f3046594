package cn.courtmediation.hub.partner;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.partner: the broker addresses each queue partner owns and the broker's guard on them; the endpoints and the
 * refresh interval are read by the routes.
 *
 * @param fromHubAddress where the hub puts messages for a partner; %s is its registry code
 * @param toHubAddress where a partner puts messages for the hub; %s is its registry code
 * @param guard the embedded broker's intake guard on the to-hub addresses (PartnerIntakeGuard)
 * @param unexpectedFailureAttempts a message the hub fails on unexpectedly (not an outage, not a refusal) is redelivered
 * until the broker has delivered it this often, then answered INTERNAL_ERROR (PartnerIntakeFailures)
 */
@ConfigurationProperties("hub.partner")
record PartnerSettings(String fromHubAddress, String toHubAddress, Guard guard, int unexpectedFailureAttempts) {

    /**
     * @param envelopeBytes what a partner message may carry besides its payload (hub.intake.max-payload-bytes): a larger
     * message is replaced by a PAYLOAD_TOO_LARGE notice in the broker, never handed to the hub whole
     * @param keptBytes at most this many bytes of a message the guard replaced are kept (on its notice, then in quarantine)
     */
    record Guard(int envelopeBytes, int keptBytes) {
    }
}
