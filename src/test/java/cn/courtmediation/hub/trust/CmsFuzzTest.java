package cn.courtmediation.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Property-based fuzzing of the CMS parser (issue 12 item 6): Cms.verify and Cms.verifyDigest on random bytes and on
 * mutations of a valid detached signature never throw anything but the documented Cms.InvalidSignature, and a
 * mutation is never accepted as someone else's signature or over other content: whatever is accepted still carries
 * the original signer's key and the signed parts of the original SignerInfo (algorithms, signed attributes,
 * signature value), the parts a mutation could only change by forging. Mutations of the unsigned parts (say, the certificate's own signature bits)
 * may verify here: the certificate is checked against the hub CA afterwards (SignatureVerifier, CERT_UNKNOWN).
 */
class CmsFuzzTest {
    private static final byte[] PAYLOAD = "{\"messageId\":\"fuzz-1\",\"text\":\"调解\"}".getBytes(StandardCharsets.UTF_8);
    private static final KeyPair KEYS;
    private static final byte[] SIGNATURE;
    private static final byte[] SIGNER_INFOS;

    static {
        Cms.registerProvider();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KEYS = g.generateKeyPair();
            X500Name name = new X500Name("CN=C110105,O=Fuzz");
            Instant now = Instant.now();
            X509Certificate cert = new JcaX509CertificateConverter().setProvider("BC").getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86_400)), name, KEYS.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider("BC").build(KEYS.getPrivate())));
            SIGNATURE = Cms.sign(PAYLOAD, KEYS.getPrivate(), cert, SignatureSuite.ECDSA_P256_SHA256, List.of());
            SIGNER_INFOS = signerInfos(SIGNATURE);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Property(tries = 300)
    void randomBytesAreRefusedAsInvalidSignature(@ForAll("randomBytes") byte[] bytes) {
        assertRefusedOrGenuine(bytes, PAYLOAD);
        try {
            Cms.verifyDigest(new byte[32], bytes);
            throw new AssertionError("random bytes verified over a digest");
        } catch (Cms.InvalidSignature expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 700)
    void mutatedSignaturesAreRefusedOrStillTheSignersOwn(@ForAll("mutatedSignatures") byte[] mutated) {
        assertRefusedOrGenuine(mutated, PAYLOAD);
    }

    @Property(tries = 300)
    void theSignatureNeverVerifiesOverMutatedContent(@ForAll("mutatedPayloads") byte[] content) {
        try {
            Cms.verify(content, SIGNATURE);
            throw new AssertionError("the signature verified over other content");
        } catch (Cms.InvalidSignature expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 200)
    void mutatedSignaturesOverADigestAreRefusedOrStillTheSignersOwn(@ForAll("mutatedSignatures") byte[] mutated) throws Exception {
        byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(PAYLOAD);
        try {
            Cms.Verified v = Cms.verifyDigest(sha256, mutated);
            assertGenuine(mutated, v);
        } catch (Cms.InvalidSignature expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /**
     * A signature whose embedded certificate has an unknown version (its TBSCertificate's [0] INTEGER 2 made 5): Bouncy
     * Castle's certificate parse throws IllegalArgumentException ("version number not recognised") from
     * CMSSignedData.getCertificates. Found by mutatedSignaturesAreRefusedOrStillTheSignersOwn, with IllegalStateException
     * ("Expected CONTEXT tag but found APPLICATION") from other certificate mutations and IllegalArgumentException from
     * mutated signer infos (getSignerInfos): all escaped Cms.verify (a 500 on REST, no rejection on queues) until
     * Cms.verify turned them into InvalidSignature.
     */
    @net.jqwik.api.Example
    void aSignatureWhoseCertificateHasAnUnknownVersionIsAnInvalidSignature() {
        try {
            Cms.verify(PAYLOAD, unknownCertificateVersion(SIGNATURE));
            throw new AssertionError("accepted");
        } catch (Cms.InvalidSignature expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** The signature with the version of its (first) certificate changed from v3 (INTEGER 2) to INTEGER 5. */
    static byte[] unknownCertificateVersion(byte[] signature) {
        byte[] b = signature.clone();
        for (int i = 0; i + 4 < b.length; i++) {
            if (b[i] == (byte) 0xA0 && b[i + 1] == 0x03 && b[i + 2] == 0x02 && b[i + 3] == 0x01 && b[i + 4] == 0x02) {
                b[i + 4] = 0x05;
                return b;
            }
        }
        throw new IllegalStateException("no certificate version in the signature");
    }

    /** Cms.verify either throws InvalidSignature (and nothing else: any other exception fails the property) or is genuine. */
    private static void assertRefusedOrGenuine(byte[] signature, byte[] content) {
        Cms.Verified v;
        try {
            v = Cms.verify(content, signature);
        } catch (Cms.InvalidSignature expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertGenuine(signature, v);
    }

    private static void assertGenuine(byte[] signature, Cms.Verified v) {
        assertThat(v.signer().getPublicKey()).as("an accepted mutation is signed with the original key").isEqualTo(KEYS.getPublic());
        assertThat(signerInfos(signature)).as("an accepted mutation keeps the signer, algorithms, signed attributes and signature value")
                .isEqualTo(SIGNER_INFOS);
    }

    /**
     * What a signer info's signature covers or is, of each signer info of a signature that parsed (null when it does not
     * parse that far): the digest and signature algorithms, the signed attributes, the signature value. The signer id is
     * not signed either, and only points at the certificate: a CI run found "CN=c110105" for "CN=C110105" accepted, which
     * X.500 name matching allows (RFC 5280 compares names case-insensitively); the key check above covers who signed. The
     * signer info's version and unsigned attributes are not signed, so a mutation there may verify.
     */
    private static byte[] signerInfos(byte[] signature) {
        try {
            ASN1Encodable content = ContentInfo.getInstance(ASN1Primitive.fromByteArray(signature)).getContent();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (ASN1Encodable e : SignedData.getInstance(content).getSignerInfos()) {
                org.bouncycastle.asn1.cms.SignerInfo i = org.bouncycastle.asn1.cms.SignerInfo.getInstance(e);
                out.writeBytes(i.getDigestAlgorithm().getEncoded("DER"));
                out.writeBytes(i.getDigestEncryptionAlgorithm().getEncoded("DER"));
                out.writeBytes(i.getAuthenticatedAttributes() == null ? new byte[0] : i.getAuthenticatedAttributes().getEncoded("DER"));
                out.writeBytes(i.getEncryptedDigest().getEncoded("DER"));
            }
            return out.toByteArray();
        } catch (Exception e) {
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
        // random bytes behind a plausible DER header (SEQUENCE, long length, the SignedData OID) reach deeper into the parser
        Arbitrary<byte[]> derLike = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048).map(tail -> {
            byte[] head = {0x30, (byte) 0x82, (byte) (tail.length + 13 >> 8), (byte) (tail.length + 13), 0x06, 0x09,
                    0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02, (byte) 0xa0, (byte) 0x82};
            byte[] b = Arrays.copyOf(head, head.length + 2 + tail.length);
            b[head.length] = (byte) (tail.length >> 8);
            b[head.length + 1] = (byte) tail.length;
            System.arraycopy(tail, 0, b, head.length + 2, tail.length);
            return b;
        });
        return Arbitraries.oneOf(any, derLike);
    }

    @Provide
    Arbitrary<byte[]> mutatedSignatures() {
        return mutationsOf(SIGNATURE);
    }

    @Provide
    Arbitrary<byte[]> mutatedPayloads() {
        return mutationsOf(PAYLOAD).filter(b -> !Arrays.equals(b, PAYLOAD));
    }

    /** Bit flips, byte overwrites, truncations, insertions, deletions and duplicated slices of the given bytes. */
    static Arbitrary<byte[]> mutationsOf(byte[] original) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, original.length - 1);
        Arbitrary<byte[]> flip = Combinators.combine(at, Arbitraries.integers().between(0, 7)).as((i, bit) -> {
            byte[] b = original.clone();
            b[i] ^= (byte) (1 << bit);
            return b;
        });
        Arbitrary<byte[]> overwrite = Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
                .as((i, bytes) -> {
                    byte[] b = original.clone();
                    System.arraycopy(bytes, 0, b, i, Math.min(bytes.length, b.length - i));
                    return b;
                });
        Arbitrary<byte[]> truncate = at.map(n -> Arrays.copyOf(original, n));
        Arbitrary<byte[]> insert = Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16))
                .as((i, bytes) -> splice(original, i, 0, bytes));
        Arbitrary<byte[]> delete = Combinators.combine(at, Arbitraries.integers().between(1, 16))
                .as((i, n) -> splice(original, i, Math.min(n, original.length - i), new byte[0]));
        Arbitrary<byte[]> duplicate = Combinators.combine(at, Arbitraries.integers().between(1, 64))
                .as((i, n) -> splice(original, i, 0, Arrays.copyOfRange(original, i, Math.min(original.length, i + n))));
        Arbitrary<byte[]> several = Combinators.combine(at.list().ofMinSize(2).ofMaxSize(6), Arbitraries.bytes()).as((positions, x) -> {
            byte[] b = original.clone();
            for (int i : positions) {
                b[i] ^= x == 0 ? 1 : x;
            }
            return b;
        });
        return Arbitraries.oneOf(flip, overwrite, truncate, insert, delete, duplicate, several);
    }

    private static byte[] splice(byte[] original, int at, int remove, byte[] insert) {
        byte[] b = new byte[original.length - remove + insert.length];
        System.arraycopy(original, 0, b, 0, at);
        System.arraycopy(insert, 0, b, at, insert.length);
        System.arraycopy(original, at + remove, b, at + insert.length, original.length - at - remove);
        return b;
    }
}
