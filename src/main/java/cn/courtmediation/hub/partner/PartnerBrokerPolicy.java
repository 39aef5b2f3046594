package cn.courtmediation.hub.partner;

import org.apache.activemq.artemis.core.security.CheckType;
import org.springframework.stereotype.Component;

/**
 * What a partner's broker account may do, decided per address in code: send to its own to-hub address, consume and
 * browse its own from-hub queue; nothing else (no other address, no creating or deleting, no management).
 */
@Component
class PartnerBrokerPolicy {
    /** Artemis' separator of a fully qualified queue name, address::queue, as its security store passes consumers. */
    private static final String FQQN = "::";
    private final PartnerAddresses addresses;

    PartnerBrokerPolicy(PartnerAddresses addresses) {
        this.addresses = addresses;
    }

    /** Whether the partner with this code may do the check on the address (a plain address or address::queue). */
    boolean allows(String code, CheckType check, String address) {
        if (code == null || address == null) {
            return false;
        }
        String bare = address;
        String queue = null;
        int sep = address.indexOf(FQQN);
        if (sep >= 0) {
            bare = address.substring(0, sep);
            queue = address.substring(sep + FQQN.length());
        }
        String own = switch (check) {
            case SEND -> addresses.toHub(code);
            case CONSUME, BROWSE -> addresses.fromHub(code);
            default -> null;
        };
        // the queue of an anycast partner address carries the address' name; another queue on it is not the partner's
        return own != null && own.equals(bare) && (queue == null || own.equals(queue));
    }
}
