package cn.courtmediation.hub.trust;

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
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

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
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastleProvider.PROVIDER_NAME).build())
                    .setSignedAttributeGenerator(attributes)
                    .build(new JcaContentSignerBuilder(suite.jcaName()).setProvider(BouncyCastleProvider.PROVIDER_NAME).build(key), signer));
            List<X509Certificate> certs = new ArrayList<>();
            certs.add(signer);
            certs.addAll(extraCertificates);
            gen.addCertificates(new JcaCertStore(certs));
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | IOException | CertificateException e) {
            throw new IllegalStateException("CMS signing failed", e);
        }
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
            X509Certificate cert = new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME)
                    .getCertificate(matches.iterator().next());
            // verify with the bare public key: certificate validity is a trust decision the caller makes
            // (and reports as CERT_EXPIRED), not a reason to call the signature itself invalid
            boolean ok = signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(BouncyCastleProvider.PROVIDER_NAME).build(cert.getPublicKey()));
            if (!ok) {
                throw new InvalidSignature("the signature does not verify over the payload");
            }
            return new Verified(cert, signingTime(signerInfo));
        } catch (CMSException e) {
            throw new InvalidSignature("the signature does not verify over the payload: " + e.getMessage());
        } catch (CertificateException | OperatorCreationException | RuntimeException e) {
            throw new InvalidSignature("the signature could not be checked: " + e.getMessage());
        }
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
