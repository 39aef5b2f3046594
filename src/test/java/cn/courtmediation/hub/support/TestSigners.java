package cn.courtmediation.hub.support;

import cn.courtmediation.hub.trust.CertificateAuthority;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.SignatureSuite;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

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
            try {
                CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
                AttributeTable attrs = new AttributeTable(new Attribute(CMSAttributes.signingTime,
                        new DERSet(new Time(Date.from(signingTime)))));
                gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
                        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attrs))
                        .build(new JcaContentSignerBuilder(suite.jcaName()).setProvider("BC").build(key), certificate));
                gen.addCertificates(new JcaCertStore(List.of(certificate)));
                return Base64.getEncoder().encodeToString(gen.generate(new CMSProcessableByteArray(content), false).getEncoded("DER"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
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
