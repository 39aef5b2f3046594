package cn.courtmediation.hub.access;

import cn.courtmediation.hub.trust.TlsIdentity;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SSL bundle "hub-tls": the hub's TLS server key and, as trust store, the hub CA alone, so that a client certificate
 * is accepted only when the hub issued it. The HTTPS connector (TlsConnector) uses it; so does server.ssl.bundle in the
 * production profile.
 */
@Configuration
class TlsBundle {
    static final String NAME = "hub-tls";

    @Bean
    SslBundleRegistrar hubTlsBundle(TlsIdentity tls) {
        return registry -> registry.registerBundle(NAME, SslBundle.of(
                SslStoreBundle.of(tls.keyStore(), tls.keyStorePassword(), tls.trustStore()),
                SslBundleKey.of(tls.keyStorePassword(), TlsIdentity.KEY_ALIAS)));
    }
}
