package cn.courtmediation.hub.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's own keys: a root CA and separate signing keys, in a PKCS#12 keystore. In the embedded
 * default the keystore is generated at first start under the data directory (password in a file next
 * to it); in production HUB_KEYSTORE names it and HUB_KEYSTORE_PASSWORD unlocks it. Rotation adds a new
 * signing key; earlier signing certificates stay, so what they signed keeps verifying until they expire.
 */
@Component
public class HubKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(HubKeyStore.class);
    static final String CA_ALIAS = "hub-ca";
    static final String SIGNING_PREFIX = "hub-signing-";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SIGNING_VALIDITY = Duration.ofDays(730);

    /** A private key with its certificate. */
    public record Credential(PrivateKey key, X509Certificate certificate) {
    }

    private final Path file;
    private final char[] password;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private KeyStore store;
    private volatile Credential currentSigning;
    private volatile Credential caCredential;

    HubKeyStore(TrustSettings trust, DataDirSettings data, Clock clock) {
        this.clock = clock;
        Cms.registerProvider();
        String keystore = trust.keystore();
        String keystorePassword = trust.keystorePassword();
        boolean external = !keystore.isBlank();
        this.file = external ? Path.of(keystore) : data.pki().resolve("hub.p12");
        try {
            if (external && keystorePassword.isBlank()) {
                throw new IllegalStateException("HUB_KEYSTORE is set but HUB_KEYSTORE_PASSWORD is not");
            }
            this.password = external ? keystorePassword.toCharArray() : GeneratedSecrets.readOrCreate(file.resolveSibling("keystore.pass")).toCharArray();
            if (Files.exists(file)) {
                store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else if (external) {
                throw new IllegalStateException("HUB_KEYSTORE " + file + " does not exist");
            } else {
                generate();
            }
            Files.writeString(file.resolveSibling("hub-ca.pem"), Pem.certificate(caCertificate()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open hub keystore " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open hub keystore " + file, e);
        }
    }

    public synchronized X509Certificate caCertificate() {
        try {
            return (X509Certificate) store.getCertificate(CA_ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Credential ca() {
        Credential c = caCredential;
        if (c == null) {
            synchronized (this) {
                c = credential(CA_ALIAS);
                caCredential = c;
            }
        }
        return c;
    }

    /**
     * The newest signing key: what the hub signs with now. Kept in memory: reading a key out of a PKCS#12
     * store runs its password-based key derivation, far too slow (and serialised) to do per signature.
     */
    public Credential signing() {
        Credential c = currentSigning;
        if (c == null) {
            synchronized (this) {
                c = signingAliases().stream().findFirst().map(this::credential)
                        .orElseThrow(() -> new IllegalStateException("hub keystore has no signing key"));
                currentSigning = c;
            }
        }
        return c;
    }

    /** Every signing certificate the keystore holds, newest first. */
    public synchronized List<X509Certificate> signingCertificates() {
        return signingAliases().stream().map(a -> credential(a).certificate()).toList();
    }

    /**
     * Signing aliases, newest first. They carry a sequence number (hub-signing-0002-serial): certificate
     * times have one-second precision, so two keys made in the same second could not be told apart by them.
     */
    private List<String> signingAliases() {
        try {
            List<String> aliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (alias.startsWith(SIGNING_PREFIX)) {
                    aliases.add(alias);
                }
            }
            // sequenced aliases (hub-signing-0002-...) newest first; any older unsequenced alias after them
            aliases.sort(Comparator.comparing((String a) -> a.matches(SIGNING_PREFIX + "\\d{4}-.*")).reversed()
                    .thenComparing(Comparator.reverseOrder()));
            return aliases;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a new signing key and certificate (the previous ones stay) and saves the keystore; returns the new certificate. */
    public synchronized X509Certificate rotateSigningKey() {
        try {
            X509Certificate cert = addSigningKey();
            save();
            currentSigning = null;
            LOG.info("Hub signing key rotated: new certificate serial {}", cert.getSerialNumber().toString(16));
            return cert;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Signing key rotation failed", e);
        }
    }

    private Credential credential(String alias) {
        try {
            return new Credential((PrivateKey) store.getKey(alias, password), (X509Certificate) store.getCertificate(alias));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void generate() throws GeneralSecurityException, IOException {
        try {
            generateUnchecked();
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private void generateUnchecked() throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        KeyPair ca = ecKeyPair();
        Instant now = clock.instant();
        X500Name caName = new X500Name("CN=Court Mediation Hub Root CA,O=Court Mediation Integration Hub,C=CN");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(300)),
                Date.from(now.plus(CA_VALIDITY)), caName, ca.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
        X509Certificate caCert = new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME)
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastleProvider.PROVIDER_NAME)
                        .build(ca.getPrivate())));
        store.setKeyEntry(CA_ALIAS, ca.getPrivate(), password, new X509Certificate[] {caCert});
        addSigningKey();
        save();
        LOG.info("Generated hub PKI (root CA and signing key) in {}", file);
    }

    private X509Certificate addSigningKey() throws GeneralSecurityException, IOException {
        KeyPair kp = ecKeyPair();
        Credential ca = ca();
        X509Certificate cert = Certificates.issue(ca, kp.getPublic(),
                new X500Name("CN=HUB,OU=signing,O=Court Mediation Integration Hub,C=CN"), serial(),
                clock.instant(), SIGNING_VALIDITY);
        String alias = String.format("%s%04d-%s", SIGNING_PREFIX, signingAliases().size() + 1, cert.getSerialNumber().toString(16));
        store.setKeyEntry(alias, kp.getPrivate(), password,
                new X509Certificate[] {cert, ca.certificate()});
        return cert;
    }

    private void save() throws GeneralSecurityException, IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, password);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
