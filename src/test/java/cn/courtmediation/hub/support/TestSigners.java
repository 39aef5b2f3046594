package cn.courtmediation.hub.support;

import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.SignatureSuite;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Participants' signing keys in tests: sandbox credentials from the running hub's CA, one per participant and suite. */
public final class TestSigners {
    /** A participant's key and certificate. */
    public record Signer(PrivateKey key, X509Certificate certificate, SignatureSuite suite) {
        /** Base64 DER detached CMS over the bytes, as a participant sends it. */
        public String sign(byte[] content) {
            return Base64.getEncoder().encodeToString(Cms.sign(content, key, certificate, suite, List.of()));
        }

        /** The same, with a chosen signing time (to test the freshness window). */
        public String signAt(byte[] content, Instant signingTime) {
            return Base64.getEncoder().encodeToString(Cms.signAt(content, key, certificate, suite, signingTime));
        }
    }

    private final CertificateAuthority ca;
    private final Map<String, Signer> signers = new ConcurrentHashMap<>();

    public TestSigners(CertificateAuthority ca) {
        this.ca = ca;
    }

    public Signer of(String participant) {
        return of(participant, SignatureSuite.ECDSA_P256_SHA256);
    }

    public Signer of(String participant, SignatureSuite suite) {
        return signers.computeIfAbsent(participant + "/" + suite, k -> {
            CertificateAuthority.Credentials c = ca.sandbox(participant, suite);
            return new Signer(c.keyPair().getPrivate(), c.certificate(), suite);
        });
    }

    /** Signs with the participant's default (ECDSA P-256) key. */
    public String sign(String participant, byte[] content) {
        return of(participant).sign(content);
    }
}
