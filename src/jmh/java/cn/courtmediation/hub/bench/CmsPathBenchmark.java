package cn.courtmediation.hub.bench;

import cn.courtmediation.hub.trust.Certificates;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.HubKeyStore;
import cn.courtmediation.hub.trust.SignatureSuite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The hub's ECDSA P-256 CMS signing and verification ({@link Cms}, keys and verifiers made once per key) against the
 * path it replaced, measured in the same run: the JCA content signer and verifier built per call, which converted the
 * key again each time and so redid Bouncy Castle's curve precomputation. The key is read back from a PKCS#12 key
 * store, as the hub's HubKeyStore holds it (the JDK's EC key, not Bouncy Castle's). Run with
 * {@code scripts/bench-crypto.sh CmsPathBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class CmsPathBenchmark {
    private byte[] payload;
    private PrivateKey key;
    private X509Certificate certificate;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Cms.registerProvider();
        payload = Files.readAllBytes(Path.of(System.getProperty(CmsBenchmark.PAYLOAD_PROPERTY, "schemas/examples/case-dispatch.json")));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = ec.generateKeyPair();
        KeyPair keys = ec.generateKeyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=Benchmark CA,O=Court Mediation Integration Hub,C=CN");
        X509Certificate self = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minusSeconds(300)), Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        X509Certificate issued = Certificates.issue(new HubKeyStore.Credential(caKeys.getPrivate(), self), keys.getPublic(),
                Certificates.participantSubject("BENCH-HUB"), BigInteger.TWO, now, Duration.ofDays(30));
        // through a PKCS#12 store, as the hub loads its signing key
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hub", keys.getPrivate(), "bench".toCharArray(), new Certificate[] {issued});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, "bench".toCharArray());
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        loaded.load(new ByteArrayInputStream(bytes.toByteArray()), "bench".toCharArray());
        key = (PrivateKey) loaded.getKey("hub", "bench".toCharArray());
        certificate = (X509Certificate) loaded.getCertificate("hub");
        signature = Cms.sign(payload, key, certificate, SignatureSuite.ECDSA_P256_SHA256, List.of());
        Cms.verify(payload, perCallSign());
    }

    /** The hub's signing now. */
    @Benchmark
    public byte[] cachedSign() {
        return Cms.sign(payload, key, certificate, SignatureSuite.ECDSA_P256_SHA256, List.of());
    }

    /** The hub's verification now. */
    @Benchmark
    public Cms.Verified cachedVerify() throws Cms.InvalidSignature {
        return Cms.verify(payload, signature);
    }

    /** Baseline: the signing path before (JCA signer, signer info generator and certificate store built per call). */
    @Benchmark
    public byte[] perCallSign() throws Exception {
        String bc = BouncyCastleProvider.PROVIDER_NAME;
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(bc).build())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(key), certificate));
        gen.addCertificates(new JcaCertStore(List.of(certificate)));
        return gen.generate(new CMSProcessableByteArray(payload), false).getEncoded("DER");
    }

    /** Baseline: the verification path before (certificate converted and JCA verifier built per call). */
    @Benchmark
    public boolean perCallVerify() throws Exception {
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(payload), signature);
        SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder holder = (X509CertificateHolder) signed.getCertificates().getMatches(info.getSID()).iterator().next();
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(BouncyCastleProvider.PROVIDER_NAME).getCertificate(holder);
        return info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastleProvider.PROVIDER_NAME).build(cert.getPublicKey()));
    }
}
