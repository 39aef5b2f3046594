package cn.courtmediation.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.partner.PartnerInbox;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Guard: every routes/*.camel.yaml loads in Camel, opens with a comment, gives every route and route template an id
 * "<flow>-<step>" named after its file, names no URL or queue literally (placeholders only), and leaves the broker's
 * duplicate-detection id to the broker-send routes.
 */
class RouteFilesTest {
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
    /** Endpoints a route may name literally: in-process ones and beans. Everything else comes from config. */
    private static final Pattern ALLOWED_URI = Pattern.compile("(direct|timer|cxf:bean):[A-Za-z0-9:-]+|\\{\\{[a-z0-9.-]+}}");

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("routes"))) {
            files = s.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void loadsInCamel(Path file) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file);
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            assertThat(camel.getRouteDefinitions().size() + camel.getRestDefinitions().size()
                    + camel.getRouteConfigurationDefinitions().size()).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void opensWithACommentSayingWhatTheFlowDoes(Path file) throws IOException {
        assertThat(Files.readAllLines(file).get(0)).startsWith("# ");
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyRouteHasAFlowPrefixedKebabCaseId(Path file) throws IOException {
        String flow = file.getFileName().toString().replace(".camel.yaml", "");
        for (Map<String, Object> route : entries(file, "route")) {
            String id = (String) route.get("id");
            assertThat(id).as("route id in %s", file).isNotNull().matches(KEBAB);
            assertThat(id).as("route id in %s", file).startsWith(flow + "-");
        }
    }

    /** Route templates too, and the routes the hub makes from them at run time (one per queue partner). */
    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyRouteTemplateHasAFlowPrefixedKebabCaseId(Path file) throws IOException {
        String flow = file.getFileName().toString().replace(".camel.yaml", "");
        for (Map<String, Object> template : entries(file, "routeTemplate")) {
            String id = (String) template.get("id");
            assertThat(id).as("route template id in %s", file).isNotNull().matches(KEBAB).startsWith(flow + "-");
        }
    }

    @Test
    void partnerRoutesMadeFromTheTemplateHaveFlowPrefixedKebabCaseIds() {
        assertThat(PartnerInbox.routeId("PBOC")).matches(KEBAB).startsWith("partner-intake-");
        assertThat(PartnerInbox.routeId("P-1A2B3C4D")).matches(KEBAB).startsWith("partner-intake-");
    }

    /** Artemis's duplicate-detection id is set in one place, where every broker send is: broker-send. */
    @ParameterizedTest
    @MethodSource("routeFiles")
    void onlyTheBrokerSendRoutesSetTheDuplicateDetectionId(Path file) throws IOException {
        if (file.getFileName().toString().equals("broker-send.camel.yaml")) {
            return;
        }
        List<String> names = new ArrayList<>();
        collectHeaderNames(load(file), names);
        assertThat(names).as("headers set in %s", file).doesNotContain("_AMQ_DUPL_ID");
        assertThat(Files.readString(file)).as("%s", file).doesNotContain("_AMQ_DUPL_ID");
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void namesNoUrlOrQueueLiterally(Path file) throws IOException {
        List<String> uris = new ArrayList<>();
        collectUris(load(file), uris);
        assertThat(uris).as("endpoint URIs in %s", file).allMatch(u -> ALLOWED_URI.matcher(u).matches());
    }

    @SuppressWarnings("unchecked")
    private static void collectUris(Object node, List<String> uris) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (("uri".equals(k) || "to".equals(k) || "from".equals(k)) && v instanceof String s) {
                    uris.add(s);
                } else {
                    collectUris(v, uris);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(e -> collectUris(e, uris));
        }
    }

    private static void collectHeaderNames(Object node, List<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("setHeader".equals(k) && v instanceof Map<?, ?> h && h.get("name") instanceof String n) {
                    names.add(n);
                }
                collectHeaderNames(v, names);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(e -> collectHeaderNames(e, names));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Path file, String kind) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object e : (List<Object>) load(file)) {
            Map<String, Object> m = (Map<String, Object>) e;
            if (m.containsKey(kind)) {
                found.add((Map<String, Object>) m.get(kind));
            }
        }
        return found;
    }

    private static Object load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        }
    }
}
