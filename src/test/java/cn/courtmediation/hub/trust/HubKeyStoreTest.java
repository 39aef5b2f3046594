package cn.courtmediation.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub keystore: generated once under the data directory, reopened as is, usable as a production HUB_KEYSTORE, rotated. */
class HubKeyStoreTest {

    /** The hub's key store as configured by HUB_KEYSTORE, HUB_KEYSTORE_PASSWORD and HUB_DATA_DIR (the rest as application.yaml). */
    private static HubKeyStore keys(String keystore, String password, Path dataDir) {
        TrustSettings trust = new TrustSettings(true, keystore, password, Duration.ofHours(24), Duration.ofDays(365), Duration.ofDays(60),
                Set.of("DELIVERED", "DELIVERY_FAILED"));
        return new HubKeyStore(trust, new DataDirSettings(dataDir), Clock.systemUTC());
    }

    @Test
    void generatesOnceAndReopensTheSameKeys(@TempDir Path data) throws Exception {
        HubKeyStore first = keys("", "", data);
        HubKeyStore again = keys("", "", data);
        assertThat(again.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(again.signing().certificate()).isEqualTo(first.signing().certificate());
        assertThat(Files.readString(data.resolve("pki/hub-ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        first.signing().certificate().verify(first.caCertificate().getPublicKey());
        assertThat(first.signing().certificate()).isNotEqualTo(first.caCertificate());
    }

    @Test
    void opensAProductionKeystoreNamedByEnvironment(@TempDir Path data, @TempDir Path other) throws Exception {
        HubKeyStore generated = keys("", "", data);
        String password = Files.readString(data.resolve("pki/keystore.pass")).trim();
        HubKeyStore production = keys(data.resolve("pki/hub.p12").toString(), password, other);
        assertThat(production.caCertificate()).isEqualTo(generated.caCertificate());
        assertThatThrownBy(() -> keys(data.resolve("pki/hub.p12").toString(), "", other))
                .hasMessageContaining("HUB_KEYSTORE_PASSWORD");
        assertThatThrownBy(() -> keys(other.resolve("missing.p12").toString(), "x", other))
                .hasMessageContaining("does not exist");
    }

    @Test
    void rotationSignsWithTheNewKeyAndKeepsTheOldCertificate(@TempDir Path data) throws Exception {
        HubKeyStore keys = keys("", "", data);
        HubKeyStore.Credential old = keys.signing();
        var before = old.certificate();
        byte[] content = "内容".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signedBefore = Cms.sign(content, old.key(), before, SignatureSuite.ECDSA_P256_SHA256, List.of());
        var rotated = keys.rotateSigningKey();
        assertThat(keys.signing().certificate()).isEqualTo(rotated).isNotEqualTo(before);
        List<java.security.cert.X509Certificate> all = keys("", "", data).signingCertificates();
        assertThat(all).containsExactly(rotated, before);
        // what the previous key signed still verifies and still chains to the CA
        var signer = Cms.verify(content, signedBefore).signer();
        assertThat(signer).isEqualTo(before);
        signer.verify(keys.caCertificate().getPublicKey());
    }
}
