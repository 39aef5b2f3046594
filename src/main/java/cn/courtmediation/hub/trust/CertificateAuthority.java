package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.registry.Registry;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.springframework.stereotype.Component;

/** The hub CA at work: participant certificates from a PKCS#10 CSR (or sandbox key pairs), and the CRL. */
@Component
public class CertificateAuthority {
    private final HubKeyStore keys;
    private final CertificateStore store;
    private final Registry registry;
    private final Clock clock;
    private final Duration validity;

    CertificateAuthority(HubKeyStore keys, CertificateStore store, Registry registry, Clock clock, TrustSettings trust) {
        this.keys = keys;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.validity = trust.participantCertificateValidity();
    }

    /** Sandbox credentials: a key pair generated here, its certificate, and the CA certificate. */
    public record Credentials(KeyPair keyPair, X509Certificate certificate, X509Certificate ca) {
    }

    /** Issues a certificate naming the participant for the public key of a PEM PKCS#10 request whose self-signature verifies. */
    public X509Certificate issueFromCsr(String participant, String csrPem) {
        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object o = parser.readObject();
            if (!(o instanceof PKCS10CertificationRequest r)) {
                throw new HubException(ErrorCode.MALFORMED, "Expected a PEM PKCS#10 certificate request (-----BEGIN CERTIFICATE REQUEST-----).");
            }
            csr = r;
        } catch (IOException e) {
            throw new HubException(ErrorCode.MALFORMED, "Unreadable certificate request: " + e.getMessage());
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastleProvider.PROVIDER_NAME)
                    .build(csr.getSubjectPublicKeyInfo()))) {
                throw new HubException(ErrorCode.SIGNATURE_INVALID, "The certificate request's own signature does not verify.");
            }
            return issue(participant, new JcaPKCS10CertificationRequest(csr).setProvider(BouncyCastleProvider.PROVIDER_NAME).getPublicKey());
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.pkcs.PKCSException e) {
            throw new HubException(ErrorCode.MALFORMED, "Unusable certificate request: " + e.getMessage());
        }
    }

    /** Generates a key pair of the suite and issues its certificate: for participant developers' sandboxes. */
    public Credentials sandbox(String participant, SignatureSuite suite) {
        try {
            KeyPairGenerator g;
            switch (suite) {
                case SM2_SM3 -> {
                    g = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
                    g.initialize(new ECGenParameterSpec("sm2p256v1"));
                }
                case RSA_2048_SHA256 -> {
                    g = KeyPairGenerator.getInstance("RSA", BouncyCastleProvider.PROVIDER_NAME);
                    g.initialize(2048);
                }
                default -> {
                    g = KeyPairGenerator.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                }
            }
            KeyPair kp = g.generateKeyPair();
            return new Credentials(kp, issue(participant, kp.getPublic()), keys.caCertificate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key generation failed for " + suite, e);
        }
    }

    /** Issues with the configured validity. */
    public X509Certificate issue(String participant, PublicKey key) {
        return issue(participant, key, clock.instant(), validity);
    }

    /** Issues for a given period (tests use it to make expired certificates). */
    public X509Certificate issue(String participant, PublicKey key, Instant from, Duration period) {
        if (registry.find(participant).isEmpty()) {
            throw new HubException(ErrorCode.UNKNOWN_SENDER, "Participant " + participant + " is not in the hub registry.");
        }
        SignatureSuite suite = SignatureSuite.of(key).orElseThrow(() -> new HubException(ErrorCode.MALFORMED,
                "Unsupported key: use EC P-256 (ECDSA), SM2 (sm2p256v1) or RSA of at least 2048 bits."));
        X509Certificate cert = Certificates.issue(keys.ca(), key, Certificates.participantSubject(participant),
                keys.serial(), from, period);
        store.record(participant, suite, cert);
        return cert;
    }

    /** The current CRL, signed by the hub CA, valid for an hour. */
    public X509CRL crl() {
        try {
            HubKeyStore.Credential ca = keys.ca();
            Instant now = clock.instant();
            X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(ca.certificate()).getSubject(), Date.from(now));
            b.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
            for (IssuedCertificate c : store.revoked()) {
                b.addCRLEntry(new BigInteger(c.serial(), 16), Date.from(c.revokedAt().toInstant()), CRLReason.unspecified);
            }
            return new JcaX509CRLConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME).getCRL(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastleProvider.PROVIDER_NAME).build(ca.key())));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("CRL generation failed", e);
        }
    }
}
