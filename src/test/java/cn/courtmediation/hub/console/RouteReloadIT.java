package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.HubTestEnvironment;
import cn.courtmediation.hub.support.OwnHub;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Route files changed while the hub runs: a copy of routes/ in a temporary folder is the hub's routes folder; a changed
 * file is reloaded (its route's description changes), audited as routes-reload and shown on the Routes page; a file
 * that does not load is refused with its error and the running version stays.
 */
// A hub of its own: it reads its routes from a temporary copy of routes/ that the test edits
@OwnHub
class RouteReloadIT extends HubIntegrationTest {
    private static final Path ROUTES = copyOfRoutes();

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        HubTestEnvironment.register(registry);
        registry.add("camel.main.routes-include-pattern", () -> "file:" + ROUTES + "/*.camel.yaml");
        registry.add("hub.route-files.reload", () -> true);
    }

    private static Path copyOfRoutes() {
        try {
            Path dir = Files.createTempDirectory("hub-routes-");
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aChangedFileIsReloadedAuditedAndShownAndABrokenOneIsRefusedWhileTheRunningVersionStays() throws Exception {
        Path file = ROUTES.resolve("certificate-expiry.camel.yaml");
        String original = Files.readString(file);
        assertThat(original).contains("id: certificate-expiry-check");
        String changed = original.replaceFirst("id: certificate-expiry-check", "id: certificate-expiry-check\n    description: reloaded-by-test");
        assertThat(changed).isNotEqualTo(original);
        Files.writeString(file, changed);

        // while Camel swaps the file's routes the old one is gone for a moment: getRoute is null then
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(camel.getRoute("certificate-expiry-check").getDescription()).isEqualTo("reloaded-by-test"));
        assertThat(camel.getRouteController().getRouteStatus("certificate-expiry-check").isStarted()).isTrue();

        Files.writeString(file, changed + "\n- route:\n    id: broken-by-test\n    from: [this is not a route\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(getAsOperator(Caller.Role.VIEWER, "/console/routes").body())
                .contains("refused"));
        assertThat(camel.getRoute("broken-by-test")).isNull();
        assertThat(camel.getRoute("certificate-expiry-check").getDescription()).isEqualTo("reloaded-by-test");
        assertThat(camel.getRouteController().getRouteStatus("certificate-expiry-check").isStarted()).isTrue();

        String page = getAsOperator(Caller.Role.VIEWER, "/console/routes").body();
        assertThat(page).contains("certificate-expiry.camel.yaml", "reloaded", "refused", "certificate-expiry-check");
        JsonNode audit = JSON.readTree(admin("GET", "/admin/audit?after=0&limit=1000&actor=routes-reload", null).body()).get("entries");
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.get("path").asText()).isEqualTo("routes/certificate-expiry.camel.yaml");
            assertThat(e.get("outcome").asText()).isEqualTo("DONE");
            assertThat(e.get("actorKind").asText()).isEqualTo("SYSTEM");
        });
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.get("path").asText()).isEqualTo("routes/certificate-expiry.camel.yaml");
            assertThat(e.get("outcome").asText()).isEqualTo("REFUSED");
            assertThat(e.get("detail").asText()).isNotBlank();
        });
    }
}
