package cn.courtmediation.hub.partner;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.partner: the broker addresses each queue partner owns; the endpoints and the refresh interval are read by the
 * routes.
 *
 * @param fromHubAddress where the hub puts messages for a partner; %s is its registry code
 * @param toHubAddress where a partner puts messages for the hub; %s is its registry code
 */
@ConfigurationProperties("hub.partner")
record PartnerSettings(String fromHubAddress, String toHubAddress) {
}
