package cn.courtmediation.hub.demo.scenario;

import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.SignatureSuite;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The scenario's keys: each participant's certificate from the hub CA, valid for the whole replayed span
 * (sandbox credentials last a year from the hub's now, too short for a year plus its tail), and the
 * parties' own keys for signing agreements and consents (self-issued, as a party's e-signature from
 * another CA would be). Every signature carries the hub clock's time, as a sender living at that time would.
 */
final class ScenarioSigners {
    private final CertificateAuthority ca;
    private final Instant validFrom;
    private final Duration validity;
    private final Map<String, Key> participants = new ConcurrentHashMap<>();
    private final Map<String, Key> parties = new ConcurrentHashMap<>();

    /** A private key with its certificate. */
    private record Key(PrivateKey key, X509Certificate certificate) {
    }

    ScenarioSigners(CertificateAuthority ca, Instant validFrom, Instant validUntil) {
        this.ca = ca;
        this.validFrom = validFrom;
        this.validity = Duration.between(validFrom, validUntil);
    }

    /** Base64 DER detached CMS over the payload by the participant, signed at the given time. */
    String sign(String participant, byte[] payload, Instant at) {
        Key k = participants.computeIfAbsent(participant, code -> {
            KeyPair kp = newKeyPair();
            return new Key(kp.getPrivate(), ca.issue(code, kp.getPublic(), validFrom, validity));
        });
        return Base64.getEncoder().encodeToString(Cms.signAt(payload, k.key(), k.certificate(), SignatureSuite.ECDSA_P256_SHA256, at));
    }

    /** A party's signature on a document: detached CMS over the document bytes. */
    String signDocument(String role, byte[] document, Instant at) {
        Key k = parties.computeIfAbsent(role, this::selfIssued);
        return Base64.getEncoder().encodeToString(Cms.signAt(document, k.key(), k.certificate(), SignatureSuite.ECDSA_P256_SHA256, at));
    }

    private Key selfIssued(String role) {
        KeyPair kp = newKeyPair();
        X500Name name = new X500Name("CN=scenario party " + role + ",O=Scenario e-signature CA");
        try {
            X509Certificate cert = new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME).getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(Math.abs((long) role.hashCode()) + 1),
                            Date.from(validFrom), Date.from(validFrom.plus(validity)), name, kp.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastleProvider.PROVIDER_NAME)
                                    .build(kp.getPrivate())));
            return new Key(kp.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("party certificate for " + role, e);
        }
    }

    private static KeyPair newKeyPair() {
        Cms.registerProvider();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation", e);
        }
    }
}
