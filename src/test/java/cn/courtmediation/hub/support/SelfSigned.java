package cn.courtmediation.hub.support;

import cn.courtmediation.hub.trust.SignatureSuite;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys with certificates the hub CA never issued: a forger's, or a party's from another CA. */
public final class SelfSigned {
    private SelfSigned() {
    }

    public static TestSigners.Signer signer(String commonName) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ",O=Elsewhere");
            Instant now = Instant.now();
            var cert = new JcaX509CertificateConverter().setProvider("BC").getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)),
                    name, kp.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider("BC").build(kp.getPrivate())));
            return new TestSigners.Signer(kp.getPrivate(), cert, SignatureSuite.ECDSA_P256_SHA256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
