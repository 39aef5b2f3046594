package cn.courtmediation.hub.demo.national;

import cn.courtmediation.hub.registry.Registry;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.demo.national.NationalDataset;
import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.registry.RegistrySettings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** Loads the generated national registry in batches: at start (hub.registry.national.enabled) and for the admin API. */
@Component
// after the demo registry (order 0), before the partner inbox (order 10), which listens to every queue partner it
// finds: the 15 partner institutions are then listened to from the start
@Order(5)
public class NationalRegistryLoader implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(NationalRegistryLoader.class);

    private final Registry registry;
    private final boolean enabled;
    private final long seed;
    private final String simulatorUrl;
    private final int batchSize;
    private final int progressEvery;

    @Autowired
    NationalRegistryLoader(Registry registry, NationalRegistrySettings national, RegistrySettings registrySettings) {
        this(registry, national.enabled(), national.seed(), national.simulatorUrl(), registrySettings.bulk().batchSize(),
                registrySettings.bulk().progressEvery());
    }

    /** The loader with its settings given, for tools outside the hub (the registry benchmark in src/jmh). */
    public NationalRegistryLoader(Registry registry, boolean enabled, long seed, String simulatorUrl, int batchSize, int progressEvery) {
        this.registry = registry;
        this.enabled = enabled;
        this.seed = seed;
        this.simulatorUrl = simulatorUrl;
        this.batchSize = batchSize;
        this.progressEvery = progressEvery;
    }

    /** What a load did: entries generated per kind, written, left as they were, time and heap. */
    public record Report(long seed, String simulatorUrl, Map<Kind, Long> generated, long written, long keptExisting, long elapsedMs,
                  long heapUsedMb) {
    }

    /** Loads unless disabled or the registry already holds every court (a restart, or another replica did it). */
    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            long courts = registry.count(Kind.COURT, null, null, null, null);
            if (courts >= NationalDataset.COURTS) {
                LOG.info("National registry not loaded: the registry already holds {} courts", courts);
                return;
            }
            try {
                load(seed, simulatorUrl, false);
                return;
            } catch (DuplicateKeyException e) {
                // Replicas started together with the same setting race on the same codes (upsert is update, then
                // insert). What the other one wrote is what this one would write, so the next attempt skips it.
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("Another replica is loading the national registry at the same time; attempt {} again", attempt + 1);
            }
        }
    }

    long defaultSeed() {
        return seed;
    }

    String defaultSimulatorUrl() {
        return simulatorUrl;
    }

    /**
     * Generates the national registry and writes it. Unless {@code overwrite}, entries already in the registry are
     * left as they are: the demo courts keep delivering to the demo trial system, edited entries keep their edits.
     * One load at a time: a second caller waits, then finds everything there.
     */
    public synchronized Report load(long seed, String simulatorUrl, boolean overwrite) {
        long started = System.nanoTime();
        Set<String> existing = overwrite ? Set.of() : existingCodes();
        Map<Kind, Long> generated = new EnumMap<>(Kind.class);
        List<Participant> batch = new ArrayList<>(batchSize);
        long[] written = {0};
        long[] kept = {0};
        LOG.info("Loading the national registry (seed {}, endpoints at {}, {} entries already there)", seed, simulatorUrl,
                existing.size());
        new NationalDataset(seed, simulatorUrl).generate(p -> {
            generated.merge(p.kind(), 1L, Long::sum);
            if (existing.contains(p.code())) {
                kept[0]++;
                return;
            }
            batch.add(p);
            if (batch.size() >= batchSize) {
                written[0] += write(batch);
                if (written[0] % progressEvery < batchSize) {
                    LOG.info("National registry: {} of {} entries written ({}%, {} ms)", written[0], NationalDataset.TOTAL,
                            written[0] * 100 / NationalDataset.TOTAL, (System.nanoTime() - started) / 1_000_000);
                }
            }
        });
        written[0] += write(batch);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        LOG.info("National registry loaded: {} entries written, {} already there, in {} ms; heap in use {} MB; {}", written[0],
                kept[0], elapsed, heapMb, generated);
        return new Report(seed, simulatorUrl, generated, written[0], kept[0], elapsed, heapMb);
    }

    private int write(List<Participant> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        registry.upsertAll(List.copyOf(batch));
        int n = batch.size();
        batch.clear();
        return n;
    }

    /** Codes already in the registry, read a page at a time. */
    private Set<String> existingCodes() {
        Set<String> codes = new HashSet<>();
        int size = 5000;
        for (int page = 0; ; page++) {
            List<Participant> entries = registry.search(null, null, null, null, null, page, size);
            entries.forEach(p -> codes.add(p.code()));
            if (entries.size() < size) {
                return codes;
            }
        }
    }
}
