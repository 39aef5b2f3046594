package cn.courtmediation.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.Test;

/** The per-address decision of a partner's broker rights, for every check type Artemis asks about. */
class PartnerBrokerPolicyTest {
    private final PartnerBrokerPolicy policy = new PartnerBrokerPolicy(new PartnerAddresses(
            new PartnerSettings("partner.%s.from-hub", "partner.%s.to-hub", new PartnerSettings.Guard(65536, 4096), 3)));

    @Test
    void aPartnerSendsOnlyToItsToHubAndConsumesAndBrowsesOnlyItsFromHub() {
        for (CheckType check : CheckType.values()) {
            assertThat(policy.allows("PBOC", check, "partner.PBOC.to-hub")).as("%s to-hub", check).isEqualTo(check == CheckType.SEND);
            assertThat(policy.allows("PBOC", check, "partner.PBOC.from-hub")).as("%s from-hub", check)
                    .isEqualTo(check == CheckType.CONSUME || check == CheckType.BROWSE);
            assertThat(policy.allows("PBOC", check, "partner.PBOC.from-hub::partner.PBOC.from-hub")).as("%s from-hub FQQN", check)
                    .isEqualTo(check == CheckType.CONSUME || check == CheckType.BROWSE);
            for (String other : new String[] {"partner.ACFTU.to-hub", "partner.ACFTU.from-hub", "hub.outbound", "hub.outbound.retry",
                    "activemq.management", "DLQ", "ExpiryQueue", "partner.PBOC", "partner.PBOC.to-hub.x", "#", "partner.*.from-hub"}) {
                assertThat(policy.allows("PBOC", check, other)).as("%s %s", check, other).isFalse();
            }
        }
    }

    @Test
    void anotherQueueOnItsOwnAddressIsNotThePartners() {
        assertThat(policy.allows("PBOC", CheckType.CONSUME, "partner.PBOC.from-hub::stolen")).isFalse();
        assertThat(policy.allows("PBOC", CheckType.CONSUME, "partner.ACFTU.from-hub::partner.PBOC.from-hub")).isFalse();
        assertThat(policy.allows(null, CheckType.SEND, "partner.null.to-hub")).isFalse();
    }
}
