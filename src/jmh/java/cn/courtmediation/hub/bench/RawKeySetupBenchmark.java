package cn.courtmediation.hub.bench;

import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.SignatureSuite;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
 * Diagnostic, not in the default run of scripts/bench-crypto.sh (run it with
 * {@code scripts/bench-crypto.sh RawKeySetupBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s}): the bare signature operations
 * of {@link CmsBenchmark}'s baseline, but with the per-call key set-up that {@link Cms} does and the baseline
 * skips. Cms.sign builds a new Signature and calls initSign on every call (for SM2 that derives the public point
 * from the private key to compute Z); Cms.verify decodes the signer's public key from the embedded certificate on
 * every call, so Bouncy Castle cannot reuse the per-key EC precomputation it caches on a long-lived key object.
 * Between the raw and the CMS figures, these show how much of the CMS/raw gap is key set-up rather than ASN.1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RawKeySetupBenchmark {

    @Param({"ECDSA_P256_SHA256", "SM2_SM3", "RSA_2048_SHA256"})
    public SignatureSuite suite;

    private byte[] digest;
    private PrivateKey privateKey;
    private byte[] publicKeyDer;
    private String keyAlgorithm;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Cms.registerProvider();
        String bc = BouncyCastleProvider.PROVIDER_NAME;
        digest = MessageDigest.getInstance("SHA-256").digest("diagnostic payload".getBytes());
        KeyPairGenerator g;
        switch (suite) {
            case ECDSA_P256_SHA256, SM2_SM3 -> {
                g = KeyPairGenerator.getInstance("EC", bc);
                g.initialize(new ECGenParameterSpec(suite == SignatureSuite.SM2_SM3 ? "sm2p256v1" : "secp256r1"));
            }
            case RSA_2048_SHA256 -> {
                g = KeyPairGenerator.getInstance("RSA", bc);
                g.initialize(2048);
            }
            default -> throw new IllegalArgumentException("no key generation for suite " + suite);
        }
        KeyPair keys = g.generateKeyPair();
        privateKey = keys.getPrivate();
        publicKeyDer = keys.getPublic().getEncoded();
        keyAlgorithm = keys.getPublic().getAlgorithm();
        signature = signNewInstance();
        if (!verifyNewKey()) {
            throw new IllegalStateException("diagnostic signature does not verify");
        }
    }

    /** A new Signature and initSign per call, as Cms.sign does through JcaContentSignerBuilder. */
    @Benchmark
    public byte[] signNewInstance() throws GeneralSecurityException {
        Signature s = Signature.getInstance(suite.jcaName(), BouncyCastleProvider.PROVIDER_NAME);
        s.initSign(privateKey);
        s.update(digest);
        return s.sign();
    }

    /** The public key decoded from DER and a new Signature per call, as Cms.verify gets it from the certificate. */
    @Benchmark
    public boolean verifyNewKey() throws GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance(keyAlgorithm, BouncyCastleProvider.PROVIDER_NAME);
        Signature s = Signature.getInstance(suite.jcaName(), BouncyCastleProvider.PROVIDER_NAME);
        s.initVerify(f.generatePublic(new X509EncodedKeySpec(publicKeyDer)));
        s.update(digest);
        return s.verify(signature);
    }
}
