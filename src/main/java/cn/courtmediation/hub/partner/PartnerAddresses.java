package cn.courtmediation.hub.partner;

import org.springframework.stereotype.Component;

/** The pair of broker addresses each queue partner owns, derived from its registry code (never configured per partner). */
@Component("partnerAddresses")
public class PartnerAddresses {
    private final String fromHubPattern;
    private final String toHubPattern;

    PartnerAddresses(PartnerSettings settings) {
        this.fromHubPattern = settings.fromHubAddress();
        this.toHubPattern = settings.toHubAddress();
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
