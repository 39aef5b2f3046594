package cn.courtmediation.hub.hostile;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS signatures a careless or hostile sender makes (Bouncy Castle, as in CmsTest): weak signature or digest
 * algorithms, two signers, encapsulated content, no signed attributes, a SignedData relabelled as EnvelopedData.
 */
final class OddSignatures {
    static {
        cn.courtmediation.hub.trust.Cms.registerProvider();
    }

    private OddSignatures() {
    }

    /** A key pair of the type (EC P-256 or RSA 2048). */
    static KeyPair keys(String type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type, "BC");
            if (type.equals("RSA")) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate naming the participant (CN), for signatures whose algorithm is refused before any trust check. */
    static X509Certificate selfSigned(String cn, KeyPair keys) {
        try {
            X500Name name = new X500Name("CN=" + cn + ",O=Hostile");
            Instant now = Instant.now();
            String alg = keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().setProvider("BC").getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), name,
                    keys.getPublic()).build(new JcaContentSignerBuilder(alg).setProvider("BC").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A detached signature whose signer info names the given JCA signature algorithm (MD5withRSA, SHA1withRSA,
     * SHA1withECDSA...) over a SHA-256 digest, as the hostile-input run made them.
     */
    static String weakAlgorithm(byte[] content, String algorithm, PrivateKey key, X509Certificate cert) {
        return generate(content, false, List.of(info(algorithm, key, cert, true)), cert);
    }

    /** A signature whose digest algorithm itself is weak (SHA-1 with ECDSA, the signer info's defaults). */
    static String weakDigest(byte[] content, String algorithm, PrivateKey key, X509Certificate cert) {
        return generate(content, false, List.of(info(algorithm, key, cert, false)), cert);
    }

    /** Two signers over the same content. */
    static String twoSigners(byte[] content, PrivateKey key1, X509Certificate cert1, PrivateKey key2, X509Certificate cert2) {
        return generate(content, false, List.of(info("SHA256withECDSA", key1, cert1, false), info("SHA256withECDSA", key2, cert2, false)),
                cert1, cert2);
    }

    /** The content encapsulated in the SignedData (an attached signature). */
    static String attached(byte[] content, PrivateKey key, X509Certificate cert) {
        return generate(content, true, List.of(info("SHA256withECDSA", key, cert, false)), cert);
    }

    /** No signed attributes at all (openssl -noattr): no signing time. */
    static String noSignedAttributes(byte[] content, PrivateKey key, X509Certificate cert) {
        try {
            SignerInfoGenerator g = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
                    .setDirectSignature(true)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider("BC").build(key), cert);
            return generate(content, false, List.of(g), cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid signature's SignedData relabelled as EnvelopedData in the outer ContentInfo. */
    static String relabelled(String base64Signature) {
        try {
            ContentInfo info = ContentInfo.getInstance(Base64.getDecoder().decode(base64Signature));
            return Base64.getEncoder().encodeToString(new DERSequence(new ASN1Encodable[] {CMSObjectIdentifiers.envelopedData,
                    new DERTaggedObject(true, 0, info.getContent())}).getEncoded("DER"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature with the version of its certificate changed from v3 (INTEGER 2) to INTEGER 5 (CmsFuzzTest found it). */
    static String unknownCertificateVersion(String base64Signature) {
        byte[] b = Base64.getDecoder().decode(base64Signature);
        for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == (byte) 0xA0 && b[i + 1] == 0x03 && b[i + 2] == 0x02 && b[i + 3] == 0x01 && b[i + 4] == 0x02) {
                b[i + 4] = 0x05;
                return Base64.getEncoder().encodeToString(b);
            }
        }
        throw new IllegalStateException("no certificate version in the signature");
    }

    private static SignerInfoGenerator info(String algorithm, PrivateKey key, X509Certificate cert, boolean sha256Digest) {
        try {
            JcaSignerInfoGeneratorBuilder b = sha256Digest
                    ? new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build(),
                            signatureAlgorithm -> signatureAlgorithm).setContentDigest(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256))
                    : new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build());
            return b.build(new JcaContentSignerBuilder(algorithm).setProvider("BC").build(key), cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String generate(byte[] content, boolean encapsulate, List<SignerInfoGenerator> signers, X509Certificate... certs) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            signers.forEach(gen::addSignerInfoGenerator);
            gen.addCertificates(new JcaCertStore(List.of(certs)));
            return Base64.getEncoder().encodeToString(gen.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded("DER"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
