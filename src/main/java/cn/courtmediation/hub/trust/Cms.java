package cn.courtmediation.hub.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.bc.BcECSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.util.CollectionStore;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Detached CMS SignedData (RFC 5652) in DER: signing over exact bytes with the signer's certificate and
 * signed attributes (content type, message digest, signing time), and parsing plus cryptographic
 * verification. Trust decisions (issuer, validity, revocation, who signed) are the caller's.
 */
public final class Cms {
    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    /** SHA-256 and SM3 only: SHA-1 and MD5 signatures are refused whatever the key. */
    private static final java.util.Set<String> ACCEPTED_DIGESTS = java.util.Set.of(
            NISTObjectIdentifiers.id_sha256.getId(), org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm3.getId());

    /**
     * Signature algorithms over the signed attributes: ECDSA with SHA-256 or stronger, SM2 with SM3, RSA PKCS#1 v1.5
     * with SHA-256 or stronger. The generic key OIDs (rsaEncryption, id-ecPublicKey) take the signer's digest
     * algorithm, which is checked against ACCEPTED_DIGESTS. Only the digest was checked before: a SHA-256 digest
     * signed with md5WithRSA, sha1WithRSA or ecdsa-with-SHA1 was accepted.
     */
    private static final java.util.Map<String, String> ACCEPTED_SIGNATURES = java.util.Map.of(
            "1.2.840.113549.1.1.1", "rsaEncryption (with the digest algorithm)",
            "1.2.840.113549.1.1.11", "sha256WithRSAEncryption",
            "1.2.840.113549.1.1.12", "sha384WithRSAEncryption",
            "1.2.840.113549.1.1.13", "sha512WithRSAEncryption",
            "1.2.840.10045.2.1", "id-ecPublicKey (with the digest algorithm)",
            "1.2.840.10045.4.3.2", "ecdsa-with-SHA256",
            "1.2.840.10045.4.3.3", "ecdsa-with-SHA384",
            "1.2.840.10045.4.3.4", "ecdsa-with-SHA512",
            "1.2.156.10197.1.501", "SM2-with-SM3",
            "1.2.156.10197.1.301", "SM2 (with SM3)");

    private static final AlgorithmIdentifier ECDSA_SHA256 = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    private static final AlgorithmIdentifier SHA256 = new DefaultDigestAlgorithmIdentifierFinder().find(ECDSA_SHA256);
    /** Stateless (each call makes a new digest): shared by every signature and verification. */
    private static final DigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();
    /** Per key object (weak: a rotated key's entry goes with it). */
    private static final Cache<PrivateKey, AsymmetricKeyParameter> SIGNING_KEYS = Caffeine.newBuilder().weakKeys().build();
    private static final Cache<X509Certificate, X509CertificateHolder> HOLDERS = Caffeine.newBuilder().weakKeys().build();
    /** Per signing certificate (by its encoding): courts, partners and the hub, bounded against input with many. */
    private static final Cache<X509CertificateHolder, SignerCertificate> VERIFIERS = Caffeine.newBuilder().maximumSize(20_000).build();

    private Cms() {
    }

    /** Makes sure the Bouncy Castle provider is registered (done once when this class loads). */
    public static void registerProvider() {
        // the static initialiser does the work
    }

    /** A signature that verified cryptographically: who claims to have signed, and when. */
    public record Verified(X509Certificate signer, Instant signingTime) {
    }

    /** Thrown when bytes are not a CMS signature or do not verify over the content. */
    public static final class InvalidSignature extends Exception {
        InvalidSignature(String message) {
            super(message);
        }
    }

    public static byte[] sign(byte[] content, PrivateKey key, X509Certificate signer, SignatureSuite suite,
                              List<X509Certificate> extraCertificates) {
        return generate(content, key, signer, suite, extraCertificates, new DefaultSignedAttributeTableGenerator());
    }

    /**
     * Signs like {@link #sign} but with a chosen signing-time attribute: a sender whose clock is the hub's
     * (the demo scenario replays a past year on the hub's moved clock) signs at that time, not the system's.
     */
    public static byte[] signAt(byte[] content, PrivateKey key, X509Certificate signer, SignatureSuite suite, Instant signingTime) {
        AttributeTable attrs = new AttributeTable(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
        return generate(content, key, signer, suite, List.of(), new DefaultSignedAttributeTableGenerator(attrs));
    }

    private static byte[] generate(byte[] content, PrivateKey key, X509Certificate signer, SignatureSuite suite,
                                   List<X509Certificate> extraCertificates, DefaultSignedAttributeTableGenerator attributes) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(DIGESTS)
                    .setSignedAttributeGenerator(attributes)
                    .build(contentSigner(key, suite), holder(signer)));
            List<X509CertificateHolder> certs = new ArrayList<>();
            certs.add(holder(signer));
            for (X509Certificate extra : extraCertificates) {
                certs.add(holder(extra));
            }
            gen.addCertificates(new CollectionStore<>(certs));
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("CMS signing failed", e);
        }
    }

    /**
     * An ECDSA P-256 signer over Bouncy Castle's key parameters made once per key object: through the JCA, every
     * signature converted the key again, with a new generator point, and so redid the curve's fixed-point
     * precomputation (about 8% of the hub's CPU under load, JFR). Other suites keep the JCA path.
     */
    private static ContentSigner contentSigner(PrivateKey key, SignatureSuite suite) throws OperatorCreationException {
        if (suite == SignatureSuite.ECDSA_P256_SHA256) {
            AsymmetricKeyParameter params = SIGNING_KEYS.get(key, k -> {
                try {
                    return PrivateKeyFactory.createKey(k.getEncoded());
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable EC private key", e);
                }
            });
            return new BcECContentSignerBuilder(ECDSA_SHA256, SHA256).build(params);
        }
        return new JcaContentSignerBuilder(suite.jcaName()).setProvider(BouncyCastleProvider.PROVIDER_NAME).build(key);
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        return HOLDERS.get(certificate, c -> {
            try {
                return new X509CertificateHolder(c.getEncoded());
            } catch (CertificateException | IOException e) {
                throw new IllegalStateException("unreadable certificate", e);
            }
        });
    }

    /** Verifies a detached signature over content; exactly one signer, whose certificate is in the signature. */
    public static Verified verify(byte[] content, byte[] signature) throws InvalidSignature {
        return verify(parse(new CMSProcessableByteArray(content), signature));
    }

    /**
     * Verifies a detached signature over a document the hub never sees, given the document's SHA-256:
     * the signed message-digest attribute must equal it and the signature over the attributes must verify.
     */
    public static Verified verifyDigest(byte[] sha256, byte[] signature) throws InvalidSignature {
        ContentInfo info = signedData(signature);
        try {
            return verify(new CMSSignedData(Map.of(NISTObjectIdentifiers.id_sha256, sha256), info));
        } catch (CMSException | RuntimeException e) {
            throw new InvalidSignature("not a CMS SignedData with a SHA-256 digest: " + e.getMessage());
        }
    }

    /** Parses the DER once: the outer ContentInfo must say SignedData and carry no content (a detached signature). */
    private static CMSSignedData parse(CMSProcessableByteArray content, byte[] signature) throws InvalidSignature {
        ContentInfo info = signedData(signature);
        try {
            if (SignedData.getInstance(info.getContent()).getEncapContentInfo().getContent() != null) {
                throw new InvalidSignature("the signature encapsulates content; send a detached signature over the payload");
            }
            return new CMSSignedData(content, info);
        } catch (CMSException | RuntimeException e) {
            throw new InvalidSignature("not a DER CMS SignedData: " + e.getMessage());
        }
    }

    /** The outer ContentInfo must say SignedData: Bouncy Castle parsed a SignedData relabelled as EnvelopedData anyway. */
    private static ContentInfo signedData(byte[] signature) throws InvalidSignature {
        ContentInfo info;
        try {
            info = ContentInfo.getInstance(signature);
        } catch (RuntimeException e) {
            throw new InvalidSignature("not a DER CMS ContentInfo: " + e.getMessage());
        }
        if (info == null || !CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
            throw new InvalidSignature("the content type is " + (info == null ? "missing" : info.getContentType())
                    + ", not SignedData (1.2.840.113549.1.7.2)");
        }
        return info;
    }

    private static Verified verify(CMSSignedData signed) throws InvalidSignature {
        try {
            return check(signed);
        } catch (RuntimeException e) {
            // Bouncy Castle parses signer infos and certificates lazily and throws IllegalArgumentException or
            // IllegalStateException for a malformed one (CmsFuzzTest: a certificate of version 5, a mutated signer info)
            throw new InvalidSignature("the signature's signer info or certificate is malformed: " + e.getMessage());
        }
    }

    private static Verified check(CMSSignedData signed) throws InvalidSignature {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new InvalidSignature("expected exactly one signer, found " + signers.size());
        }
        SignerInformation signerInfo = signers.iterator().next();
        if (!ACCEPTED_DIGESTS.contains(signerInfo.getDigestAlgOID())) {
            throw new InvalidSignature("digest algorithm " + signerInfo.getDigestAlgOID() + " is not accepted; use SHA-256 (or SM3 with SM2)");
        }
        if (!ACCEPTED_SIGNATURES.containsKey(signerInfo.getEncryptionAlgOID())) {
            throw new InvalidSignature("signature algorithm " + signerInfo.getEncryptionAlgOID() + " is not accepted; use"
                    + " ECDSA with SHA-256 or stronger, SM2 with SM3, or RSA with SHA-256 or stronger");
        }
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signerInfo.getSID());
        if (matches.isEmpty()) {
            throw new InvalidSignature("the signer's certificate is not included in the signature");
        }
        try {
            SignerCertificate signer = verifier(matches.iterator().next());
            // verify with the bare public key: certificate validity is a trust decision the caller makes
            // (and reports as CERT_EXPIRED), not a reason to call the signature itself invalid
            boolean ok = signerInfo.verify(signer.verifier());
            if (!ok) {
                throw new InvalidSignature("the signature does not verify over the payload");
            }
            return new Verified(signer.certificate(), signingTime(signerInfo));
        } catch (CMSException e) {
            throw new InvalidSignature("the signature does not verify over the payload: " + e.getMessage());
        } catch (CertificateException | OperatorCreationException | RuntimeException e) {
            throw new InvalidSignature("the signature could not be checked: " + e.getMessage());
        }
    }

    /** A signer's certificate as the JCA sees it, and the verifier for its public key. */
    private record SignerCertificate(X509Certificate certificate, SignerInformationVerifier verifier) {
    }

    /**
     * The verifier per signing certificate, made once: a P-256 key's point then keeps its precomputed multiples
     * between messages (through the JCA, each verification decoded the key again). Bounded, since the certificates
     * come from the input; other key types keep the JCA verifier.
     */
    private static SignerCertificate verifier(X509CertificateHolder holder) throws CertificateException, OperatorCreationException {
        SignerCertificate known = VERIFIERS.getIfPresent(holder);
        if (known != null) {
            return known;
        }
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME).getCertificate(holder);
        SignerInformationVerifier verifier = isP256(holder)
                ? new BcECSignerInfoVerifierBuilder(new DefaultCMSSignatureAlgorithmNameGenerator(),
                        new DefaultSignatureAlgorithmIdentifierFinder(), new DefaultDigestAlgorithmIdentifierFinder(), DIGESTS)
                        // from the bare key, not the certificate: Bouncy Castle would check the certificate's validity at
                        // the signing time and call an expired certificate's signature invalid (CERT_EXPIRED is ours)
                        .build(publicKey(holder))
                : new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastleProvider.PROVIDER_NAME).build(cert.getPublicKey());
        SignerCertificate made = new SignerCertificate(cert, verifier);
        VERIFIERS.put(holder, made);
        return made;
    }

    private static AsymmetricKeyParameter publicKey(X509CertificateHolder holder) throws OperatorCreationException {
        try {
            return PublicKeyFactory.createKey(holder.getSubjectPublicKeyInfo());
        } catch (IOException e) {
            throw new OperatorCreationException("unreadable public key: " + e.getMessage(), e);
        }
    }

    private static boolean isP256(X509CertificateHolder holder) {
        AlgorithmIdentifier key = holder.getSubjectPublicKeyInfo().getAlgorithm();
        return X9ObjectIdentifiers.id_ecPublicKey.equals(key.getAlgorithm()) && SECObjectIdentifiers.secp256r1.equals(key.getParameters());
    }

    private static Instant signingTime(SignerInformation signerInfo) throws InvalidSignature {
        AttributeTable attrs = signerInfo.getSignedAttributes();
        Attribute attr = attrs == null ? null : attrs.get(CMSAttributes.signingTime);
        if (attr == null) {
            throw new InvalidSignature("the signature has no signing-time attribute");
        }
        try {
            return Time.getInstance(attr.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            throw new InvalidSignature("unreadable signing time");
        }
    }
}
