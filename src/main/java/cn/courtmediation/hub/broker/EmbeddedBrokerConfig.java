package cn.courtmediation.hub.broker;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Shapes the embedded Artemis broker: a loopback acceptor for CORE and AMQP 1.0 clients, anycast
 * partner addresses (so an AMQP sender that arrives first cannot create a multicast address that
 * drops messages), broker-side redelivery with a growing delay and no limit (the hub gives up on recipients
 * itself, so nothing waits in a DLQ nobody reads), and addresses that outlive their last message so their
 * duplicate-detection ids survive a restart. Partners' to-hub addresses get more of their own (partner/PartnerBrokerConfig:
 * the intake guard, no expiry), so that nothing of a partner's waits in a dead-letter or expiry queue either.
 */
@Configuration
class EmbeddedBrokerConfig {

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(BrokerSettings settings) {
        String host = settings.host();
        int port = settings.port();
        return configuration -> {
            try {
                configuration.addAcceptorConfiguration("hub-netty",
                        "tcp://" + host + ":" + port + "?protocols=CORE,AMQP");
            } catch (Exception e) {
                throw new IllegalStateException("Bad broker acceptor " + host + ":" + port, e);
            }
            AddressSettings everything = new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of("DLQ"))
                    .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                    .setAutoCreateDeadLetterResources(true)
                    // never give up to a DLQ nobody reads: a consumer rolls back only when the hub's own database or broker
                    // failed (delivery counts a recipient's failures itself), and the backoff below paces the redeliveries
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(1000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000)
                    .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                    .setDefaultQueueRoutingType(RoutingType.ANYCAST);
            // keep auto-created addresses and queues when they are empty, as the external broker's broker.xml does:
            // deleting an address also deletes its duplicate-id cache, so after a restart with a partner's from-hub
            // queue drained, a delivery re-sent after a crash passed as new (9 second copies in a kill -9 run)
            everything.setAutoDeleteQueues(false).setAutoDeleteAddresses(false);
            configuration.addAddressSetting("#", everything);
            configuration.setIDCacheSize(100_000);
            configuration.setPersistIDCache(true);
        };
    }
}
