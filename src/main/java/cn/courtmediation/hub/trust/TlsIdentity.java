package cn.courtmediation.hub.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's TLS server identity (HTTPS port, AMQP TLS acceptor) and the trust store clients' certificates are checked
 * against (the hub CA only): PKCS#12 files under the data directory, generated at first start and re-issued from the
 * hub CA near expiry, or HUB_TLS_KEYSTORE.
 */
@Component
public class TlsIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(TlsIdentity.class);
    /** Alias of the server key in the key store. */
    public static final String KEY_ALIAS = "hub-tls";

    private final Path keyStorePath;
    private final Path trustStorePath;
    private final String keyStorePassword;
    private final String trustStorePassword;
    private final KeyStore keyStore;
    private final KeyStore trustStore;

    TlsIdentity(TlsSettings settings, DataDirSettings data, HubKeyStore hubKeys, Clock clock) {
        Path dir = data.pki().resolve("tls");
        try {
            Files.createDirectories(dir);
            trustStorePassword = GeneratedSecrets.readOrCreate(dir.resolve("store.pass"));
            trustStorePath = dir.resolve("hub-trust.p12");
            trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("hub-ca", hubKeys.caCertificate());
            save(trustStore, trustStorePath, trustStorePassword);
            if (!settings.keystore().isBlank()) {
                keyStorePath = Path.of(settings.keystore());
                keyStorePassword = settings.keystorePassword();
                keyStore = load(keyStorePath, keyStorePassword);
            } else {
                keyStorePath = dir.resolve("hub-tls.p12");
                keyStorePassword = trustStorePassword;
                keyStore = Files.exists(keyStorePath) ? load(keyStorePath, keyStorePassword) : KeyStore.getInstance("PKCS12");
                X509Certificate current = Files.exists(keyStorePath) ? (X509Certificate) keyStore.getCertificate(KEY_ALIAS) : null;
                Instant renewAfter = clock.instant().plus(settings.validity().dividedBy(10));
                if (current == null || current.getNotAfter().toInstant().isBefore(renewAfter)) {
                    if (current == null) {
                        keyStore.load(null, null);
                    }
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    KeyPair kp = g.generateKeyPair();
                    X509Certificate cert = Certificates.issueTlsServer(hubKeys.ca(), kp.getPublic(), hubKeys.serial(),
                            clock.instant(), settings.validity(), settings.hosts());
                    keyStore.setKeyEntry(KEY_ALIAS, kp.getPrivate(), keyStorePassword.toCharArray(),
                            new X509Certificate[] {cert, hubKeys.caCertificate()});
                    save(keyStore, keyStorePath, keyStorePassword);
                    LOG.info("Issued the hub's TLS server certificate for {} into {}", settings.hosts(), keyStorePath);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the hub's TLS identity in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot prepare the hub's TLS identity in " + dir, e);
        }
    }

    public Path keyStorePath() {
        return keyStorePath;
    }

    public String keyStorePassword() {
        return keyStorePassword;
    }

    public Path trustStorePath() {
        return trustStorePath;
    }

    public String trustStorePassword() {
        return trustStorePassword;
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    public KeyStore trustStore() {
        return trustStore;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static void save(KeyStore ks, Path file, String password) throws IOException, GeneralSecurityException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password.toCharArray());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
