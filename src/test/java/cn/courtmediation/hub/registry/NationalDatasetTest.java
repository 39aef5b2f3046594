package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.registry.RegistryCsv;
import cn.courtmediation.hub.registry.ParticipantRows;
import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.demo.national.NationalDataset;
import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.registry.Participant.CourtLevel;
import cn.courtmediation.hub.registry.Participant.Kind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated national registry: published counts, the court tree, valid codes, the demo codes, and determinism. */
class NationalDatasetTest {
    static final String SIMULATOR = "http://127.0.0.1:9090";
    static final Map<String, Participant> ALL = new LinkedHashMap<>();
    static final List<String> DUPLICATES = new ArrayList<>();

    @BeforeAll
    static void generate() {
        new NationalDataset(2026, SIMULATOR + "/").generate(p -> {
            if (ALL.put(p.code(), p) != null) {
                DUPLICATES.add(p.code());
            }
        });
    }

    static long count(Predicate<Participant> p) {
        return ALL.values().stream().filter(p).count();
    }

    @Test
    void hasThePublishedNumberOfEachKind() {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        ALL.values().forEach(p -> counts.merge(p.kind(), 1L, Long::sum));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(Kind.COURT, 3502L, Kind.TRIBUNAL, 4708L,
                Kind.GRASSROOTS_UNIT, 38844L, Kind.PARTNER, 15L, Kind.MEDIATION_ORG, 32937L));
        assertThat(counts.get(Kind.COURT) + counts.get(Kind.TRIBUNAL)).isEqualTo(8210);
        assertThat(ALL).hasSize(NationalDataset.TOTAL);
        NationalDataset.expectedCounts().forEach((kind, n) -> assertThat(counts.get(kind)).isEqualTo(n.longValue()));
    }

    @Test
    void courtsHaveFourLevelsInPublishedNumbers() {
        Map<CourtLevel, Long> levels = new EnumMap<>(CourtLevel.class);
        ALL.values().stream().filter(p -> p.kind() == Kind.COURT).forEach(p -> levels.merge(p.courtLevel(), 1L, Long::sum));
        assertThat(levels).containsExactlyInAnyOrderEntriesOf(Map.of(CourtLevel.SUPREME, 1L, CourtLevel.HIGH, 32L,
                CourtLevel.INTERMEDIATE, 412L, CourtLevel.BASIC, 3057L));
        assertThat(count(p -> p.kind() != Kind.COURT && p.courtLevel() != null)).isZero();
        assertThat(ALL.get("C100000").name()).isEqualTo("最高人民法院");
        assertThat(ALL.get("C110000").name()).isEqualTo("北京市高级人民法院");
        assertThat(ALL.get("C110000-1").name()).isEqualTo("北京市第一中级人民法院");
        assertThat(ALL.get("C660000").name()).isEqualTo("新疆维吾尔自治区高级人民法院生产建设兵团分院");
        assertThat(ALL.get("C130100").name()).isEqualTo("石家庄市中级人民法院");
    }

    @Test
    void everyParentExistsAndIsOfTheRightKind() {
        for (Participant p : ALL.values()) {
            Participant parent = p.parentCode() == null ? null : ALL.get(p.parentCode());
            switch (p.kind()) {
                case PARTNER -> assertThat(p.parentCode()).as(p.code()).isNull();
                case TRIBUNAL -> assertThat(parent).as(p.code()).isNotNull()
                        .matches(c -> c.kind() == Kind.COURT && c.courtLevel() == CourtLevel.BASIC, "a basic court");
                case GRASSROOTS_UNIT -> assertThat(parent).as(p.code()).isNotNull()
                        .matches(c -> c.kind() == Kind.COURT || c.kind() == Kind.TRIBUNAL, "a court or tribunal");
                case MEDIATION_ORG -> assertThat(parent).as(p.code()).isNotNull().matches(c -> c.kind() == Kind.COURT, "a court");
                case COURT -> {
                    CourtLevel above = switch (p.courtLevel()) {
                        case SUPREME -> null;
                        case HIGH -> CourtLevel.SUPREME;
                        case INTERMEDIATE -> CourtLevel.HIGH;
                        case BASIC -> CourtLevel.INTERMEDIATE;
                    };
                    if (above == null) {
                        assertThat(p.parentCode()).isNull();
                    } else {
                        assertThat(parent).as(p.code()).isNotNull().matches(c -> c.courtLevel() == above, "a court one level up");
                    }
                }
                default -> throw new AssertionError(p);
            }
        }
        // every court and tribunal of a county has grassroots units docked with it
        Set<String> docked = new HashSet<>();
        ALL.values().stream().filter(p -> p.kind() == Kind.GRASSROOTS_UNIT).forEach(p -> docked.add(p.parentCode()));
        assertThat(docked).containsAll(ALL.values().stream().filter(p -> p.kind() == Kind.TRIBUNAL).map(Participant::code).toList());
    }

    @Test
    void codesAreUniqueAndValidParticipantCodes() {
        assertThat(DUPLICATES).isEmpty();
        assertThat(ALL.keySet()).allMatch(c -> ParticipantRows.CODE.matcher(c).matches());
        assertThat(count(p -> p.kind() == Kind.COURT && !p.code().matches("C[0-9]{6}(-S?[0-9]+)?"))).isZero();
        assertThat(count(p -> p.kind() == Kind.TRIBUNAL && !p.code().startsWith("T"))).isZero();
        assertThat(count(p -> p.kind() == Kind.GRASSROOTS_UNIT && !p.code().matches("G[0-9]{12}"))).isZero();
        assertThat(count(p -> p.kind() == Kind.MEDIATION_ORG && !p.code().matches("M[0-9]{9}"))).isZero();
    }

    @Test
    void regionsAreDivisionCodesInTheProvinceOfTheParent() {
        assertThat(ALL.values()).allMatch(p -> p.region().matches("[0-9]{6}"));
        for (Participant p : ALL.values()) {
            Participant parent = p.parentCode() == null ? null : ALL.get(p.parentCode());
            if (parent != null && parent.courtLevel() != CourtLevel.SUPREME) {
                assertThat(p.region().substring(0, 2)).as(p.code()).isEqualTo(parent.region().substring(0, 2));
            }
        }
        assertThat(count(p -> p.courtLevel() == CourtLevel.HIGH)).isEqualTo(
                ALL.values().stream().filter(p -> p.courtLevel() == CourtLevel.HIGH).map(p -> p.region().substring(0, 2)).distinct().count());
    }

    @Test
    void namesAreChineseAndFitTheDatabase() {
        assertThat(ALL.values()).allMatch(p -> p.name().length() <= 200 && !p.name().isBlank());
        assertThat(count(p -> p.kind() == Kind.COURT && !p.name().endsWith("法院") && !p.name().endsWith("分院"))).isZero();
        assertThat(count(p -> p.kind() == Kind.TRIBUNAL && !p.name().endsWith("人民法庭"))).isZero();
        assertThat(ALL.get("C440100").name()).isEqualTo("广州市中级人民法院");
        assertThat(ALL.get("C110108").name()).isEqualTo("北京市海淀区人民法院");
    }

    @Test
    void demoCodesMeanWhatTheyMeanInTheDemoRegistry() {
        assertThat(ALL.get("C110105")).extracting(Participant::name, Participant::channel, Participant::region)
                .containsExactly("北京市朝阳区人民法院", Channel.REST, "110105");
        assertThat(ALL.get("C310115")).extracting(Participant::name, Participant::channel)
                .containsExactly("上海市浦东新区人民法院", Channel.SOAP);
        assertThat(ALL.get("C440305")).extracting(Participant::name, Participant::channel)
                .containsExactly("深圳市南山区人民法院", Channel.REST);
        assertThat(ALL.get("PBOC")).extracting(Participant::kind, Participant::channel).containsExactly(Kind.PARTNER, Channel.QUEUE);
        assertThat(ALL.get("ACFTU")).extracting(Participant::kind, Participant::channel).containsExactly(Kind.PARTNER, Channel.QUEUE);
        assertThat(ALL.get("M110105001")).extracting(Participant::kind, Participant::parentCode)
                .containsExactly(Kind.MEDIATION_ORG, "C110105");
        assertThat(ALL.get("M110105001").name()).startsWith("北京市朝阳区");
        assertThat(ALL.get("G110105001001")).extracting(Participant::kind, Participant::parentCode)
                .containsExactly(Kind.GRASSROOTS_UNIT, "C110105");
        assertThat(ALL.get("G110105001001").name()).startsWith("朝阳区");
        assertThat(ALL.values().stream().filter(p -> p.kind() == Kind.PARTNER).map(Participant::code))
                .contains("NDRC-PCC", "PBOC", "CBIRC", "CSRC", "CNIPA", "ACFTU", "ACFIC", "ACFROC", "CASME");
    }

    @Test
    void courtsAreReachedOverRestOrSoapAndEveryoneElseButPartnersOverRest() {
        long rest = count(p -> p.kind() == Kind.COURT && p.channel() == Channel.REST);
        long soap = count(p -> p.kind() == Kind.COURT && p.channel() == Channel.SOAP);
        assertThat(rest + soap).isEqualTo(3502);
        assertThat(rest / 3502.0).isBetween(0.55, 0.65);
        for (Participant p : ALL.values()) {
            String expected = switch (p.kind()) {
                case COURT -> SIMULATOR + "/courts/" + p.code() + (p.channel() == Channel.REST ? "/rest" : "/soap");
                case PARTNER -> null;
                default -> SIMULATOR + "/units/" + p.code();
            };
            assertThat(p.endpoint()).as(p.code()).isEqualTo(expected);
            if (p.kind() != Kind.COURT) {
                assertThat(p.channel()).as(p.code()).isEqualTo(p.kind() == Kind.PARTNER ? Channel.QUEUE : Channel.REST);
            }
        }
    }

    @Test
    void mostCourtsKeepTheStatutoryLimitsAndSomeSetTheirOwn() {
        assertThat(count(p -> p.kind() == Kind.COURT && (p.policyDays() == null || p.maxExtensionDays() == null))).isZero();
        long own = count(p -> p.kind() == Kind.COURT && (p.policyDays() != 30 || p.maxExtensionDays() != 30));
        assertThat(own).isBetween(20L, 250L);
        assertThat(count(p -> p.kind() != Kind.COURT && p.policyDays() != null)).isZero();
    }

    @Test
    void sameSeedGivesTheSameCsvByteForByte() {
        assertThat(csvDigest(2026)).isEqualTo(csvDigest(2026));
    }

    @Test
    void anotherSeedGivesAnotherRegistry() {
        assertThat(csvDigest(2027)).isNotEqualTo(csvDigest(2026));
    }

    /** Measures generation (time, bytes allocated, heap held while streaming); asserts only generous bounds. */
    @Test
    void generatesTheWholeRegistryInSecondsHoldingLittleHeap() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long baseline = usedAfterGc();
        long allocatedBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        long[] held = {0};
        long[] n = {0};
        long started = System.nanoTime();
        new NationalDataset(4242, SIMULATOR).generate(p -> {
            // midway through the organisations every structure the generator keeps is alive
            if (++n[0] == NationalDataset.TOTAL - NationalDataset.ORGANISATIONS / 2) {
                held[0] = usedAfterGc() - baseline;
            }
        });
        long ms = (System.nanoTime() - started) / 1_000_000;
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
        System.out.printf("National dataset: %d entries generated in %d ms (includes two full GCs for the measurement);"
                + " %d MB allocated; about %d MB held while streaming%n", n[0], ms, allocated >> 20, held[0] >> 20);
        assertThat(n[0]).isEqualTo(NationalDataset.TOTAL);
        assertThat(held[0]).isLessThan(64L << 20);
        assertThat(ms).isLessThan(20_000);
    }

    @SuppressWarnings("java:S1215") // an explicit GC is the point of a heap measurement
    static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String csvDigest(long seed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long started = System.nanoTime();
            long[] bytes = {0};
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes[0] += len;
                }
            };
            try (Writer w = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(counting, sha), StandardCharsets.UTF_8))) {
                RegistryCsv.writeHeader(w);
                new NationalDataset(seed, SIMULATOR).generate(p -> {
                    try {
                        RegistryCsv.write(p, w);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            System.out.printf("National dataset seed %d as CSV: %d bytes in %d ms%n", seed, bytes[0], (System.nanoTime() - started) / 1_000_000);
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
