package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.broker.BrokerSettings;
import cn.courtmediation.hub.trust.TlsIdentity;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker's AMQP-over-TLS acceptor (hub.broker.tls-port): the hub's TLS server identity, client
 * certificates of the hub CA asked for but not required; a partner logs in with its broker account (SASL PLAIN) or with
 * its certificate (SASL EXTERNAL, checked by BrokerSecurity).
 */
@Configuration
class BrokerTlsAcceptor {
    static final String NAME = "hub-amqps";

    @Bean
    ArtemisConfigurationCustomizer brokerTlsAcceptorCustomizer(BrokerSettings broker, TlsIdentity tls) {
        return configuration -> {
            if (broker.tlsPort() < 0) {
                return;
            }
            Map<String, Object> params = new HashMap<>();
            params.put(TransportConstants.HOST_PROP_NAME, broker.host());
            params.put(TransportConstants.PORT_PROP_NAME, broker.tlsPort());
            params.put(TransportConstants.PROTOCOLS_PROP_NAME, "AMQP");
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, tls.keyStorePath().toString());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, tls.keyStorePassword());
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
            params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, tls.trustStorePath().toString());
            params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, tls.trustStorePassword());
            params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
            // asked for, not required: a partner without a certificate logs in with its password
            params.put(TransportConstants.WANT_CLIENT_AUTH_PROP_NAME, true);
            // EXTERNAL is not among Artemis' default mechanisms; ANONYMOUS is left out (it would be refused anyway)
            params.put("saslMechanisms", "EXTERNAL,PLAIN");
            configuration.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, NAME));
        };
    }
}
