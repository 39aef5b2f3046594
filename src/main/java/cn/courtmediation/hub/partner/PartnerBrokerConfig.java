package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.contract.IntakeSettings;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the embedded broker does on partners' to-hub addresses: the intake guard (PartnerIntakeGuard) replaces what the
 * hub's consumer could not take by a notice the hub answers, and messages there never expire (an expired message would
 * go to the expiry address, which nobody reads, unanswered: the hub answers every message, late or not; a stale one is
 * refused STALE_MESSAGE by its signing time).
 */
@Configuration
class PartnerBrokerConfig {

    @Bean
    ArtemisConfigurationCustomizer partnerIntakeGuardCustomizer(PartnerSettings partner, IntakeSettings intake) {
        return configuration -> {
            PartnerMessageCheck check = new PartnerMessageCheck(intake.maxPayloadBytes(), partner.guard().envelopeBytes());
            configuration.registerBrokerPlugin(new PartnerIntakeGuard(partner.toHubAddress(), check, partner.guard().keptBytes()));
            // Artemis' wildcard: * is one word, and a registry code has no dot
            configuration.addAddressSetting(String.format(partner.toHubAddress(), "*"), new AddressSettings().setNoExpiry(true));
        };
    }
}
