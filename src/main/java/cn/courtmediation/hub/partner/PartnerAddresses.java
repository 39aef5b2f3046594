package cn.courtmediation.hub.partner;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The pair of broker addresses each queue partner owns, derived from its registry code (never configured per partner). */
@Component("partnerAddresses")
public class PartnerAddresses {
    private final String fromHubPattern;
    private final String toHubPattern;

    PartnerAddresses(@Value("${hub.partner.from-hub-address}") String fromHubPattern,
                     @Value("${hub.partner.to-hub-address}") String toHubPattern) {
        this.fromHubPattern = fromHubPattern;
        this.toHubPattern = toHubPattern;
    }

    /** Where the hub puts messages for the partner. */
    public String fromHub(String code) {
        return String.format(fromHubPattern, code);
    }

    /** Where the partner puts messages for the hub. */
    public String toHub(String code) {
        return String.format(toHubPattern, code);
    }
}
