package cn.courtmediation.hub.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.broker: where the embedded broker accepts CORE and AMQP 1.0 clients (loopback by default), and the hub's own
 * broker account.
 *
 * @param host HUB_BROKER_HOST
 * @param port HUB_BROKER_PORT
 * @param user the hub's internal broker account (HUB_BROKER_USER); it may do everything on the embedded broker
 * @param password its password (HUB_BROKER_PASSWORD); empty: generated at first start under the data directory
 * @param tlsPort the AMQP-over-TLS acceptor's port (HUB_BROKER_TLS_PORT); -1: none
 */
@ConfigurationProperties("hub.broker")
public record BrokerSettings(String host, int port, String user, String password, int tlsPort) {

    public BrokerSettings {
        // an empty value in application.yaml (HUB_BROKER_PASSWORD:) binds as null: "not set" either way
        user = user == null || user.isBlank() ? "hub" : user;
        password = password == null ? "" : password;
    }
}
