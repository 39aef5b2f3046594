package cn.courtmediation.hub.demo.national;

import cn.courtmediation.hub.registry.Participant;
import cn.courtmediation.hub.demo.national.NationalRegistryLoader;
import cn.courtmediation.hub.demo.national.NationalDataset;
import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.registry.Participant.Kind;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hub started with hub.registry.national.enabled: the national registry is there at start, once, next to the demo entries. */
// A hub of its own: what it tests is a setting read at start (load the national registry), and it counts
// every entry of the registry.
@OwnHub
class NationalRegistryLoaderIT extends HubIntegrationTest {
    static final String SIMULATOR = "http://sim.test:9090";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        registry.add("hub.registry.national.enabled", () -> true);
        registry.add("hub.registry.national.seed", () -> 2026);
        registry.add("hub.registry.national.simulator-url", () -> SIMULATOR);
    }

    @Autowired
    NationalRegistryLoader loader;

    @Test
    void theNationalRegistryIsLoadedAtStartKeepingTheDemoEntries() {
        NationalDataset.expectedCounts().forEach((kind, n) ->
                assertThat(registry.count(kind, null, null, null, null)).as(kind.name()).isEqualTo(n.longValue()));
        assertThat(registry.find("C110105").orElseThrow().endpoint()).contains("/demo-court/");
        assertThat(registry.find("C310115").orElseThrow().endpoint()).contains("/demo-court/");
        assertThat(registry.find("C440300").orElseThrow().endpoint()).isEqualTo(SIMULATOR + "/courts/C440300/"
                + registry.find("C440300").orElseThrow().channel().name().toLowerCase());
        // what the partner inbox (order 10, after the loader's 5) listens to at start
        assertThat(registry.queueParticipants()).extracting(Participant::code)
                .contains("NDRC-PCC", "PBOC", "CBIRC", "CSRC", "CNIPA", "ACFTU", "ACFIC", "ACFROC", "CASME");
    }

    @Test
    void startingAgainLoadsNothing() throws Exception {
        Long version = jdbc.queryForObject("select version from registry_state where id = 1", Long.class);
        loader.run(null);
        assertThat(jdbc.queryForObject("select version from registry_state where id = 1", Long.class)).isEqualTo(version);
        NationalRegistryLoader.Report again = loader.load(2026, SIMULATOR, false);
        assertThat(again.written()).isZero();
        assertThat(again.keptExisting()).isEqualTo(NationalDataset.TOTAL);
        assertThat(again.generated().get(Kind.COURT)).isEqualTo((long) NationalDataset.COURTS);
        System.out.printf("National registry already loaded: a second load wrote nothing in %d ms%n", again.elapsedMs());
    }
}
