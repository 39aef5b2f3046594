package cn.courtmediation.hub.load;

import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.SignatureSuite;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The in-process baselines of scripts/benchmark.sh, run on the classes of the hub jar under test: the crypto a hub
 * message costs (one trust/Cms verification and N Cms signatures per message, on T threads) and an empty Camel route
 * (direct: and seda:, messages/s). Writes JSON (--out).
 */
public final class BenchBaselines {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchBaselines() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchArgs.parse(args);
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup-seconds", "5"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
        int signatures = Integer.parseInt(o.getOrDefault("signatures", "6"));
        byte[] payload = Files.readAllBytes(Path.of(o.getOrDefault("template", "schemas/examples/case-dispatch.json")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loadBefore", LoadSupport.loadAverage());
        out.put("crypto", crypto(payload, signatures, threads, warmup, seconds));
        out.put("camelDirect", camel("direct:bench-empty", threads, warmup, seconds));
        out.put("camelSeda", camel("seda:bench-empty?blockWhenFull=true&size=10000", threads, warmup, seconds));
        out.put("loadAfter", LoadSupport.loadAverage());
        JSON.writeValue(new File(o.getOrDefault("out", "baselines.json")), out);
        System.exit(0);
    }

    /** One Cms.verify (the sender's signature) and N Cms.sign (the hub's) per message, as the hub does them. */
    private static Map<String, Object> crypto(byte[] payload, int signatures, int threads, int warmup, int seconds) throws Exception {
        Cms.registerProvider();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair sender = g.generateKeyPair();
        KeyPair hub = g.generateKeyPair();
        X509Certificate senderCert = selfSigned(sender, "CN=bench sender");
        X509Certificate hubCert = selfSigned(hub, "CN=bench hub");
        byte[] senderSignature = Cms.sign(payload, sender.getPrivate(), senderCert, SignatureSuite.ECDSA_P256_SHA256, List.of());
        System.out.printf(Locale.ROOT, "== baseline crypto: 1 Cms.verify + %d Cms.sign per message, %d threads, %d s (+%d s warm-up)%n",
                signatures, threads, seconds, warmup);
        double rate = loop(threads, warmup, seconds, () -> {
            Cms.verify(payload, senderSignature);
            for (int i = 0; i < signatures; i++) {
                // each of the hub's signatures is over its own document (receipt, evidences, delivery)
                Cms.sign(payload, hub.getPrivate(), hubCert, SignatureSuite.ECDSA_P256_SHA256, List.of());
            }
        });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("signaturesPerMessage", signatures);
        r.put("verificationsPerMessage", 1);
        r.put("threads", threads);
        r.put("seconds", seconds);
        r.put("messagesPerSecond", rate);
        System.out.printf(Locale.ROOT, "   %.1f messages/s%n", rate);
        return r;
    }

    /** An empty route (a processor that does nothing) driven by a ProducerTemplate from T threads. */
    private static Map<String, Object> camel(String uri, int threads, int warmup, int seconds) throws Exception {
        System.out.printf(Locale.ROOT, "== baseline empty Camel route from %s, %d threads, %d s (+%d s warm-up)%n", uri, threads, seconds, warmup);
        AtomicLong consumed = new AtomicLong();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("bench-empty").process(e -> consumed.incrementAndGet());
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            double sendRate = loop(threads, warmup, seconds, () -> template.sendBody(uri, "{}"));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("uri", uri);
            r.put("threads", threads);
            r.put("messagesPerSecond", sendRate);
            r.put("consumedTotal", consumed.get());
            System.out.printf(Locale.ROOT, "   %.1f messages/s%n", sendRate);
            return r;
        }
    }

    /** A task that may throw. */
    private interface Task {
        void run() throws Exception;
    }

    /** Runs task on T threads for warm-up then measured seconds; the measured calls per second. */
    private static double loop(int threads, int warmup, int seconds, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, LoadSupport.daemon("baseline"));
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    task.run();
                    if (now >= measureFrom) {
                        count.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdownNow();
        return count.get() / (double) seconds;
    }

    private static X509Certificate selfSigned(KeyPair k, String dn) throws Exception {
        X500Name name = new X500Name(dn);
        Date from = new Date(System.currentTimeMillis() - 60_000);
        Date to = new Date(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(1));
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()), from, to, name, k.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider("BC").build(k.getPrivate()));
        return new JcaX509CertificateConverter().setProvider("BC").getCertificate(holder);
    }
}
