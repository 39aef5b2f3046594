package cn.courtmediation.hub.broker;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;

/**
 * The broker transaction a route joins with {@code transacted: {ref: brokerTransaction}}: the JMS sends inside it share
 * one transacted session and one commit (broker-send-fanout: thousands of children, one journal sync).
 */
@Configuration
class BrokerTransactions {

    /**
     * The JMS transaction manager is not a bean of its own: a PlatformTransactionManager bean would replace the JDBC one
     * Spring Boot configures for the store. It uses the connection factory the Camel JMS component sends with, so that
     * those sends find the transaction's session.
     */
    @Bean
    SpringTransactionPolicy brokerTransaction(ConnectionFactory connectionFactory) {
        return new SpringTransactionPolicy(new JmsTransactionManager(connectionFactory));
    }
}
