package cn.courtmediation.hub.partner;

import cn.courtmediation.hub.trust.GeneratedSecrets;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Turns on the embedded broker's security: every acceptor (in-VM included) requires a login, checked by BrokerSecurity;
 * the hub's own in-VM JMS connections log in with its internal account (HubBrokerAccount). Artemis keeps no
 * authentication cache, so a rotated password or a suspended partner is refused from the next login on; its
 * authorization cache holds only grants of live logins, whose connections are closed on revocation.
 */
@Configuration
class BrokerSecurityConfig {

    @Bean
    ArtemisConfigurationCustomizer brokerSecurityCustomizer() {
        return configuration -> {
            configuration.setSecurityEnabled(true);
            // no cached logins: each one is checked (BrokerAccounts keeps its own cache of verified hashes, which a
            // rotation ends)
            configuration.setAuthenticationCacheSize(0);
            // Artemis' built-in cluster user passes every check; its default password is public ("CHANGE ME!!"). The
            // embedded broker has no cluster: a random password nobody knows.
            configuration.setClusterPassword(GeneratedSecrets.random(32));
        };
    }

    /** Installs BrokerSecurity on the embedded broker before it starts (Spring Boot's bean starts it in its init method). */
    @Bean
    static BeanPostProcessor brokerSecurityInstaller(ObjectProvider<BrokerSecurity> security, ObjectProvider<HubBrokerAccount> hub) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ broker) {
                    broker.setSecurityManager(security.getObject());
                    // network acceptors open only when every bean exists (BrokerSecurity.afterSingletonsInstantiated): a
                    // partner's login needs the database and the registry, and a login refused because the hub was still
                    // starting is final for a client (Qpid JMS' failover gives up on a SASL failure)
                    for (TransportConfiguration acceptor : broker.getConfiguration().getAcceptorConfigurations()) {
                        if (!acceptor.getFactoryClassName().contains("InVM")) {
                            acceptor.getParams().put(TransportConstants.AUTO_START, false);
                        }
                    }
                }
                return bean;
            }

            /** Spring Boot's in-VM connection factory carries no user: it gets the hub's account (not the external broker's). */
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                ActiveMQConnectionFactory target = bean instanceof CachingConnectionFactory caching
                        && caching.getTargetConnectionFactory() instanceof ActiveMQConnectionFactory t ? t
                        : bean instanceof ActiveMQConnectionFactory t2 ? t2 : null;
                if (target != null && target.getUser() == null && isInVm(target)) {
                    target.setUser(hub.getObject().user());
                    target.setPassword(hub.getObject().password());
                }
                return bean;
            }
        };
    }

    private static boolean isInVm(ActiveMQConnectionFactory factory) {
        return java.util.Arrays.stream(factory.getServerLocator().getStaticTransportConfigurations())
                .allMatch(t -> t.getFactoryClassName().contains("InVM"));
    }
}
