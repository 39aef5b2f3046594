package cn.courtmediation.hub.trust;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.tls: the hub's TLS server identity for its HTTPS port and the broker's AMQP TLS acceptor.
 *
 * @param hosts names and addresses clients connect to (the generated certificate's subject alternative names)
 * @param keystore a PKCS#12 with the server key and chain to use instead of the generated one (HUB_TLS_KEYSTORE)
 * @param keystorePassword its password (HUB_TLS_KEYSTORE_PASSWORD)
 * @param validity how long a generated server certificate is valid; it is re-issued at start within a tenth of it of expiring
 */
@ConfigurationProperties("hub.tls")
public record TlsSettings(List<String> hosts, String keystore, String keystorePassword, Duration validity) {

    public TlsSettings {
        hosts = hosts == null || hosts.isEmpty() ? List.of("localhost", "127.0.0.1") : List.copyOf(hosts);
        keystore = keystore == null ? "" : keystore;
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        validity = validity == null ? Duration.ofDays(365) : validity;
    }

    @Override
    public String toString() {
        return "TlsSettings[hosts=" + hosts + ", keystore=" + keystore + ", keystorePassword=" + (keystorePassword.isEmpty() ? "" : "***")
                + ", validity=" + validity + "]";
    }
}
