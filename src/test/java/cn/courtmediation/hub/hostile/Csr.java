package cn.courtmediation.hub.hostile;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PEM PKCS#10 certificate requests for the admin corpus: a good P-256 one, one with an unsupported key, one with a broken self-signature. */
final class Csr {
    static {
        cn.courtmediation.hub.trust.Cms.registerProvider();
    }

    private Csr() {
    }

    static String p256() {
        return pem(request("secp256r1"));
    }

    static String p384() {
        return pem(request("secp384r1"));
    }

    /** A P-256 request whose last signature byte is flipped: its own signature does not verify. */
    static String badSignature() {
        try {
            byte[] der = request("secp256r1").getEncoded();
            der[der.length - 1] ^= 0x01;
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PKCS10CertificationRequest request(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
            g.initialize(new ECGenParameterSpec(curve));
            KeyPair k = g.generateKeyPair();
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=anything"), k.getPublic())
                    .build(new JcaContentSignerBuilder(curve.equals("secp384r1") ? "SHA384withECDSA" : "SHA256withECDSA")
                            .setProvider("BC").build(k.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(PKCS10CertificationRequest r) {
        try {
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
                pem.writeObject(r);
            }
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
