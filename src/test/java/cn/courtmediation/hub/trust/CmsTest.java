package cn.courtmediation.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Sequence;
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
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CMS signature policy (issue 12, item 1): a SHA-256 digest signed with a weak algorithm is refused, naming the
 * algorithm; a SignedData relabelled as another content type is refused; the suites participants use still verify.
 */
class CmsTest {
    private static final byte[] PAYLOAD = "{\"messageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);

    static {
        Cms.registerProvider();
    }

    @ParameterizedTest
    @EnumSource(SignatureSuite.class)
    void theSuitesParticipantsUseVerify(SignatureSuite suite) throws Exception {
        KeyPair keys = keys(suite == SignatureSuite.RSA_2048_SHA256 ? "RSA" : suite == SignatureSuite.SM2_SM3 ? "SM2" : "EC");
        X509Certificate cert = certificate(keys, suite.jcaName());
        Cms.Verified v = Cms.verify(PAYLOAD, Cms.sign(PAYLOAD, keys.getPrivate(), cert, suite, List.of()));
        assertThat(v.signer()).isEqualTo(cert);
    }

    @ParameterizedTest
    @CsvSource({"MD5withRSA, RSA, 1.2.840.113549.1.1.4", "SHA1withRSA, RSA, 1.2.840.113549.1.1.5",
            "SHA1withECDSA, EC, 1.2.840.10045.4.1"})
    void aSha256DigestSignedWithAWeakAlgorithmIsRefusedNamingIt(String algorithm, String keyType, String oid) throws Exception {
        KeyPair keys = keys(keyType);
        X509Certificate cert = certificate(keys, keyType.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        // the signature algorithm as the signer info's algorithm (Bouncy Castle writes rsaEncryption by default), as
        // the hostile-input run did: md5WithRSA and sha1WithRSA over a SHA-256 digest were accepted
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build(),
                signatureAlgorithm -> signatureAlgorithm)
                .setContentDigest(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256))
                .build(new JcaContentSignerBuilder(algorithm).setProvider("BC").build(keys.getPrivate()), cert));
        gen.addCertificates(new JcaCertStore(List.of(cert)));
        byte[] signature = gen.generate(new CMSProcessableByteArray(PAYLOAD), false).getEncoded("DER");

        assertThatThrownBy(() -> Cms.verify(PAYLOAD, signature)).isInstanceOf(Cms.InvalidSignature.class)
                .hasMessageContaining("signature algorithm " + oid + " is not accepted");
    }

    @Test
    void aSignedDataRelabelledAsEnvelopedDataIsRefused() throws Exception {
        KeyPair keys = keys("EC");
        X509Certificate cert = certificate(keys, "SHA256withECDSA");
        byte[] signature = Cms.sign(PAYLOAD, keys.getPrivate(), cert, SignatureSuite.ECDSA_P256_SHA256, List.of());
        ContentInfo info = ContentInfo.getInstance(signature);
        byte[] relabelled = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {CMSObjectIdentifiers.envelopedData,
                new DERTaggedObject(true, 0, info.getContent())}).getEncoded("DER");
        assertThat(ASN1Sequence.getInstance(relabelled).size()).isEqualTo(2);

        assertThatThrownBy(() -> Cms.verify(PAYLOAD, relabelled)).isInstanceOf(Cms.InvalidSignature.class)
                .hasMessageContaining("not SignedData");
        assertThatThrownBy(() -> Cms.verifyDigest(new byte[32], relabelled)).isInstanceOf(Cms.InvalidSignature.class)
                .hasMessageContaining("not SignedData");
    }

    private static KeyPair keys(String type) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(type.equals("SM2") ? "EC" : type, "BC");
        if (type.equals("RSA")) {
            g.initialize(2048);
        } else {
            g.initialize(new ECGenParameterSpec(type.equals("SM2") ? "sm2p256v1" : "secp256r1"));
        }
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair keys, String algorithm) throws Exception {
        X500Name name = new X500Name("CN=C110105,O=Test");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().setProvider("BC").getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name,
                keys.getPublic()).build(new JcaContentSignerBuilder(algorithm).setProvider("BC").build(keys.getPrivate())));
    }
}
