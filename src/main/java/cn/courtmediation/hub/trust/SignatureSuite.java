package cn.courtmediation.hub.trust;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/** The signature algorithm suites the hub accepts: ECDSA P-256/SHA-256 (default), SM2/SM3 (GM/T 0009/0010), RSA-2048/SHA-256 (legacy senders). */
public enum SignatureSuite {
    ECDSA_P256_SHA256("SHA256withECDSA"),
    SM2_SM3("SM3withSM2"),
    RSA_2048_SHA256("SHA256withRSA");

    private final String jcaName;

    SignatureSuite(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The JCA signature algorithm name (Bouncy Castle provider). */
    public String jcaName() {
        return jcaName;
    }

    /** The suite a public key belongs to, if the hub supports that key type and size. */
    public static Optional<SignatureSuite> of(PublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Object curve = info.getAlgorithm().getParameters();
            if (SECObjectIdentifiers.secp256r1.equals(curve)) {
                return Optional.of(ECDSA_P256_SHA256);
            }
            if (GMObjectIdentifiers.sm2p256v1.equals(curve)) {
                return Optional.of(SM2_SM3);
            }
            return Optional.empty();
        }
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) && key instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() >= 2048) {
            return Optional.of(RSA_2048_SHA256);
        }
        return Optional.empty();
    }
}
