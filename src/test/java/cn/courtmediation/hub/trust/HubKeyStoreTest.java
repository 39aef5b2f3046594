package cn.courtmediation.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub keystore: generated once under the data directory, reopened as is, usable as a production HUB_KEYSTORE, rotated. */
class HubKeyStoreTest {

    @Test
    void generatesOnceAndReopensTheSameKeys(@TempDir Path data) throws Exception {
        HubKeyStore first = new HubKeyStore("", "", data.toString(), Clock.systemUTC());
        HubKeyStore again = new HubKeyStore("", "", data.toString(), Clock.systemUTC());
        assertThat(again.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(again.signing().certificate()).isEqualTo(first.signing().certificate());
        assertThat(Files.readString(data.resolve("pki/hub-ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        first.signing().certificate().verify(first.caCertificate().getPublicKey());
        assertThat(first.signing().certificate()).isNotEqualTo(first.caCertificate());
    }

    @Test
    void opensAProductionKeystoreNamedByEnvironment(@TempDir Path data, @TempDir Path other) throws Exception {
        HubKeyStore generated = new HubKeyStore("", "", data.toString(), Clock.systemUTC());
        String password = Files.readString(data.resolve("pki/keystore.pass")).trim();
        HubKeyStore production = new HubKeyStore(data.resolve("pki/hub.p12").toString(), password, other.toString(), Clock.systemUTC());
        assertThat(production.caCertificate()).isEqualTo(generated.caCertificate());
        assertThatThrownBy(() -> new HubKeyStore(data.resolve("pki/hub.p12").toString(), "", other.toString(), Clock.systemUTC()))
                .hasMessageContaining("HUB_KEYSTORE_PASSWORD");
        assertThatThrownBy(() -> new HubKeyStore(other.resolve("missing.p12").toString(), "x", other.toString(), Clock.systemUTC()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void rotationSignsWithTheNewKeyAndKeepsTheOldCertificate(@TempDir Path data) throws Exception {
        HubKeyStore keys = new HubKeyStore("", "", data.toString(), Clock.systemUTC());
        HubKeyStore.Credential old = keys.signing();
        var before = old.certificate();
        byte[] content = "内容".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signedBefore = Cms.sign(content, old.key(), before, SignatureSuite.ECDSA_P256_SHA256, List.of());
        var rotated = keys.rotateSigningKey();
        assertThat(keys.signing().certificate()).isEqualTo(rotated).isNotEqualTo(before);
        List<java.security.cert.X509Certificate> all = new HubKeyStore("", "", data.toString(), Clock.systemUTC()).signingCertificates();
        assertThat(all).containsExactly(rotated, before);
        // what the previous key signed still verifies and still chains to the CA
        var signer = Cms.verify(content, signedBefore).signer();
        assertThat(signer).isEqualTo(before);
        signer.verify(keys.caCertificate().getPublicKey());
    }
}
