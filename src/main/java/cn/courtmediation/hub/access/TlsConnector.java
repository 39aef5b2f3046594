package cn.courtmediation.hub.access;

import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.embedded.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The HTTPS connector next to the plain port (hub.access.tls-port): the SSL bundle hub-tls, client certificates asked for
 * and checked against the hub CA when sent (a participant authenticates with one; an operator sends a token instead), and
 * the same limits as the plain connector. Its actual port is published as local.hub.tls.port.
 */
@Component
class TlsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, ApplicationListener<ServletWebServerInitializedEvent>,
        Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(TlsConnector.class);
    static final String PORT_PROPERTY = "local.hub.tls.port";

    private final AccessSettings settings;
    private final SslBundles bundles;
    private final ConfigurableEnvironment environment;

    TlsConnector(AccessSettings settings, SslBundles bundles, ConfigurableEnvironment environment) {
        this.settings = settings;
        this.bundles = bundles;
        this.environment = environment;
    }

    /** After Spring Boot's own customizers, so that their connector and protocol settings exist to be copied. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void customize(TomcatServletWebServerFactory factory) {
        if (settings.tlsPort() < 0) {
            return;
        }
        SslBundle bundle = bundles.getBundle(TlsBundle.NAME);
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(settings.tlsPort());
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("bindOnInit", "false");
        // the plain connector's limits (header size, swallow size, timeouts) apply here too
        ProtocolHandler handler = connector.getProtocolHandler();
        for (TomcatProtocolHandlerCustomizer customizer : factory.getTomcatProtocolHandlerCustomizers()) {
            customizer.customize(handler);
        }
        factory.getTomcatConnectorCustomizers().forEach(c -> c.customize(connector));
        AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) handler;
        protocol.setSSLEnabled(true);
        SSLHostConfig host = new SSLHostConfig();
        // "optional": a certificate is asked for and, when sent, must chain to the hub CA and be within its validity, or
        // the handshake fails; revocation and the participant's standing are checked per request (ParticipantCertificates)
        host.setCertificateVerification("optional");
        host.setTrustStore(bundle.getStores().getTrustStore());
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(bundle.getStores().getKeyStore());
        certificate.setCertificateKeystorePassword(bundle.getKey().getPassword());
        certificate.setCertificateKeyAlias(bundle.getKey().getAlias());
        host.addCertificate(certificate);
        protocol.addSslHostConfig(host);
        factory.addAdditionalTomcatConnectors(connector);
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        if (!(event.getWebServer() instanceof TomcatWebServer tomcat) || event.getApplicationContext().getParent() != null) {
            return;
        }
        for (Connector c : tomcat.getTomcat().getService().findConnectors()) {
            if (c.getSecure() && c.getLocalPort() > 0) {
                environment.getPropertySources().addFirst(new MapPropertySource("hub-tls-port", Map.of(PORT_PROPERTY, c.getLocalPort())));
                LOG.info("HTTPS on port {}: participants with a client certificate of the hub CA, operators with a token", c.getLocalPort());
            }
        }
    }
}
