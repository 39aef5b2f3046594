package cn.courtmediation.hub.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.broker: where the embedded broker accepts CORE and AMQP 1.0 clients (loopback by default).
 *
 * @param host HUB_BROKER_HOST
 * @param port HUB_BROKER_PORT
 */
@ConfigurationProperties("hub.broker")
record BrokerSettings(String host, int port) {
}
