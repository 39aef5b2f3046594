package cn.courtmediation.hub.bench;

import cn.courtmediation.hub.trust.Certificates;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.HubKeyStore;
import cn.courtmediation.hub.trust.SignatureSuite;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Throughput of the hub's detached CMS signing and verification ({@link Cms}) per signature suite, one thread,
 * next to a crypto-only baseline measured in the same run: a bare {@link java.security.Signature} (provider BC,
 * the suite's JCA name) signing and verifying the 32-byte SHA-256 of the same payload. cms/raw shows what the CMS
 * layer (digest of the content, signed attributes, ASN.1/DER encoding, certificate embedding and parsing, and per
 * call provider look-ups) costs on top of the public-key operation.
 *
 * <p>Payload: schemas/examples/case-dispatch.json. Keys: EC P-256 CA with a self-signed certificate; per suite a
 * signer key (secp256r1, sm2p256v1, RSA 2048) with a certificate from {@link Certificates#issue}. Run with
 * scripts/bench-crypto.sh (profile jmh, never part of the default build).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class CmsBenchmark {

    /** Where the payload is read from (relative to the project directory, the working directory of the run). */
    public static final String PAYLOAD_PROPERTY = "bench.payload";
    private static final String DEFAULT_PAYLOAD = "schemas/examples/case-dispatch.json";

    @Param({"ECDSA_P256_SHA256", "SM2_SM3", "RSA_2048_SHA256"})
    public SignatureSuite suite;

    private byte[] payload;
    private byte[] payloadSha256;
    private HubKeyStore.Credential signer;
    private byte[] cmsSignature;
    private byte[] rawSignature;
    private Signature rawSigner;
    private Signature rawVerifier;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Cms.registerProvider();
        String bc = BouncyCastleProvider.PROVIDER_NAME;
        payload = Files.readAllBytes(Path.of(System.getProperty(PAYLOAD_PROPERTY, DEFAULT_PAYLOAD)));
        payloadSha256 = MessageDigest.getInstance("SHA-256").digest(payload);
        Instant now = Instant.now();

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", bc);
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = ec.generateKeyPair();
        X500Name caName = new X500Name("CN=Benchmark CA,O=Court Mediation Integration Hub,C=CN");
        JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minusSeconds(300)), Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic());
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = new JcaX509CertificateConverter().setProvider(bc).getCertificate(
                ca.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(caKeys.getPrivate())));
        HubKeyStore.Credential caCredential = new HubKeyStore.Credential(caKeys.getPrivate(), caCert);

        KeyPair keys = signerKeys(suite, bc);
        X509Certificate cert = Certificates.issue(caCredential, keys.getPublic(),
                Certificates.participantSubject("BENCH-" + suite.name()), BigInteger.TWO, now, Duration.ofDays(30));
        signer = new HubKeyStore.Credential(keys.getPrivate(), cert);

        // what the verify benchmarks check, produced by the code under test, and checked once here
        cmsSignature = Cms.sign(payload, signer.key(), signer.certificate(), suite, List.of());
        Cms.verify(payload, cmsSignature);

        rawSigner = Signature.getInstance(suite.jcaName(), bc);
        rawSigner.initSign(keys.getPrivate());
        rawSigner.update(payloadSha256);
        rawSignature = rawSigner.sign();
        rawVerifier = Signature.getInstance(suite.jcaName(), bc);
        rawVerifier.initVerify(keys.getPublic());
        if (!rawVerify()) {
            throw new IllegalStateException("raw " + suite.jcaName() + " signature does not verify");
        }
    }

    private static KeyPair signerKeys(SignatureSuite suite, String provider) throws Exception {
        KeyPairGenerator g;
        switch (suite) {
            case ECDSA_P256_SHA256 -> {
                g = KeyPairGenerator.getInstance("EC", provider);
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            case SM2_SM3 -> {
                g = KeyPairGenerator.getInstance("EC", provider);
                g.initialize(new ECGenParameterSpec("sm2p256v1"));
            }
            case RSA_2048_SHA256 -> {
                g = KeyPairGenerator.getInstance("RSA", provider);
                g.initialize(2048);
            }
            default -> throw new IllegalArgumentException("no key generation for suite " + suite);
        }
        return g.generateKeyPair();
    }

    /** The hub's CMS signing, as HubSigner calls it (no extra certificates). */
    @Benchmark
    public byte[] cmsSign() {
        return Cms.sign(payload, signer.key(), signer.certificate(), suite, List.of());
    }

    /** The hub's CMS verification, as SignatureVerifier calls it: parse, find the signer, check the signature. */
    @Benchmark
    public Cms.Verified cmsVerify() throws Cms.InvalidSignature {
        return Cms.verify(payload, cmsSignature);
    }

    /** Baseline: the bare signature over the payload's SHA-256 (initialised once; JCA resets it after sign). */
    @Benchmark
    public byte[] rawSign() throws SignatureException {
        rawSigner.update(payloadSha256);
        return rawSigner.sign();
    }

    /** Baseline: the bare verification of a signature over the payload's SHA-256. */
    @Benchmark
    public boolean rawVerify() throws SignatureException {
        rawVerifier.update(payloadSha256);
        return rawVerifier.verify(rawSignature);
    }
}
