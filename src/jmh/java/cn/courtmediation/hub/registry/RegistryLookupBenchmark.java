package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.demo.national.NationalRegistryLoader;
import cn.courtmediation.hub.demo.national.NationalDataset;
import cn.courtmediation.hub.registry.Participant.Kind;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Latency of the registry look-ups routing does, on the embedded H2 (file database, the hub's URL options, Flyway
 * migrations) holding the whole national registry (80,006 participants, seed 2026), one thread, ns/op:
 * <ul>
 *   <li>findCached: {@link Registry#find} with the cache warm (every participant cached, as on a busy hub): what
 *       DeliveryPlanner does per delivery;</li>
 *   <li>findUncached: the same call on a cache miss (a registry whose cache holds one entry, codes cycling over all
 *       80,006), i.e. the database read plus the cache's own work;</li>
 *   <li>jdbcSelect: the bare primary-key SELECT the miss runs, through JdbcTemplate: the floor of a miss;</li>
 *   <li>policy: {@link RoutingPolicy#refusal} on two participants already in hand;</li>
 *   <li>intakeRoute: what intake does per message: two cached finds (sender, recipient) and the policy check.</li>
 * </ul>
 * Codes are drawn uniformly over all participants (shuffled once, walked in order). The database lives in
 * target/jmh/registry-db and is kept between runs (filled once per seed; each fork reuses it). Run with
 * scripts/bench-routing.sh (profile jmh, never part of the default build).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class RegistryLookupBenchmark {
    /** Where the H2 database is kept (relative to the working directory, the project directory). */
    public static final String DB_PROPERTY = "bench.registry.db";
    private static final long SEED = 2026;
    private static final int MASK = (1 << 16) - 1;
    private static final String SELECT = "select code, kind, name, region, parent_code, channel, endpoint, status, court_level,"
            + " callback_url, policy_days, max_extension_days from participants where code = ?";

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private Registry cached;
    private Registry uncached;
    private final RoutingPolicy policy = new RoutingPolicy();
    private String[] codes;
    private Participant[] senders;
    private Participant[] recipients;
    private String[] senderCodes;
    private String[] recipientCodes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // the pool's and the loader's INFO lines would split JMH's iteration lines; the load time is printed below
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dir = Path.of(System.getProperty(DB_PROPERTY, "target/jmh/registry-db")).toAbsolutePath();
        Files.createDirectories(dir);
        HikariConfig config = new HikariConfig();
        // the hub's H2 URL options (application.yaml), so the same SQL runs the same way
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("hub") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Clock clock = Clock.systemUTC();
        cached = new Registry(jdbc, tx, clock, new RegistrySettings(100_000, Duration.ofSeconds(1), null));
        uncached = new Registry(jdbc, tx, clock, new RegistrySettings(1, Duration.ofSeconds(1), null));

        long courts = cached.count(Kind.COURT, null, null, null, null);
        if (courts < NationalDataset.COURTS) {
            long start = System.nanoTime();
            NationalRegistryLoader.Report r = new NationalRegistryLoader(cached, true, SEED, "http://127.0.0.1:9090", 2000, 20000)
                    .load(SEED, "http://127.0.0.1:9090", false);
            System.out.printf("%nregistry loaded into %s: %d entries in %d ms%n", dir, r.written(), (System.nanoTime() - start) / 1_000_000);
        }
        List<String> all = jdbc.queryForList("select code from participants order by code", String.class);
        if (all.size() < NationalDataset.TOTAL) {
            throw new IllegalStateException("expected the national registry (" + NationalDataset.TOTAL + " entries), found " + all.size());
        }
        Collections.shuffle(all, new Random(SEED));
        codes = all.toArray(String[]::new);
        System.out.printf("%nregistry: %d participants%n", codes.length);

        // routing pairs for the policy: a court or tribunal as sender (mostly), a grassroots unit to its parent
        List<Participant> courtsAndTribunals = jdbc.query("select code from participants where kind in ('COURT', 'TRIBUNAL')",
                (rs, i) -> rs.getString(1)).stream().map(c -> cached.find(c).orElseThrow()).toList();
        Random random = new Random(SEED);
        senders = new Participant[MASK + 1];
        recipients = new Participant[MASK + 1];
        for (int i = 0; i <= MASK; i++) {
            Participant to = cached.find(codes[random.nextInt(codes.length)]).orElseThrow();
            Participant from = courtsAndTribunals.get(random.nextInt(courtsAndTribunals.size()));
            if (to.kind() == Kind.GRASSROOTS_UNIT && i % 2 == 0) {
                from = to;
                to = cached.find(from.parentCode()).orElseThrow();
            }
            senders[i] = from;
            recipients[i] = to;
        }
        senderCodes = java.util.Arrays.stream(senders).map(Participant::code).toArray(String[]::new);
        recipientCodes = java.util.Arrays.stream(recipients).map(Participant::code).toArray(String[]::new);
        // warm the routing cache with every participant, as a hub that has delivered for a while has it
        for (String c : codes) {
            cached.find(c);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dataSource.close();
    }

    private String nextCode() {
        int i = next++;
        if (next == codes.length) {
            next = 0;
        }
        return codes[i];
    }

    @Benchmark
    public Optional<Participant> findCached() {
        return cached.find(nextCode());
    }

    @Benchmark
    public Optional<Participant> findUncached() {
        return uncached.find(nextCode());
    }

    @Benchmark
    public List<Object[]> jdbcSelect() {
        // every column read, as Registry's mapper does, without building the record
        return jdbc.query(SELECT, (rs, row) -> {
            Object[] r = new Object[12];
            for (int c = 0; c < 12; c++) {
                r[c] = rs.getObject(c + 1);
            }
            return r;
        }, nextCode());
    }

    @Benchmark
    public Optional<String> policy() {
        int i = next++ & MASK;
        return policy.refusal(senders[i], recipients[i]);
    }

    @Benchmark
    public Optional<String> intakeRoute() {
        int i = next++ & MASK;
        Participant from = cached.find(senderCodes[i]).orElseThrow();
        Participant to = cached.find(recipientCodes[i]).orElseThrow();
        return policy.refusal(from, to);
    }
}
