package cn.courtmediation.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guard of "any flow in two hops": README's flow table names every route file and the packages of the beans it calls,
 * and each bean a route refers to (ref: name) is a class or @Bean method in one of those packages.
 */
class FlowMapTest {
    private static final Path MAIN = Path.of("src/main/java/cn/courtmediation/hub");
    private static final Pattern ROW = Pattern.compile("^\\| `(routes/[a-z-]+\\.camel\\.yaml)` \\|[^|]*\\| (.*) \\|$");
    private static final Pattern REF = Pattern.compile("^\\s*ref: ([A-Za-z0-9]+)\\s*$");

    @Test
    void readmeNamesEveryFlowAndThePackagesOfItsBeans() throws IOException {
        Map<String, Set<String>> table = readmeTable();
        Set<String> files;
        try (Stream<Path> s = Files.list(Path.of("routes"))) {
            files = s.map(p -> "routes/" + p.getFileName()).filter(f -> f.endsWith(".camel.yaml")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(table.keySet()).as("README's flow table (## Layout)").containsExactlyInAnyOrderElementsOf(files);

        Map<String, String> beans = beanPackages();
        for (Map.Entry<String, Set<String>> flow : table.entrySet()) {
            Set<String> used = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of(flow.getKey()))) {
                Matcher m = REF.matcher(line);
                if (m.matches()) {
                    String bean = m.group(1);
                    assertThat(beans).as("bean %s in %s", bean, flow.getKey()).containsKey(bean);
                    used.add(beans.get(bean));
                }
            }
            assertThat(used).as("packages of the beans %s calls", flow.getKey()).isSubsetOf(flow.getValue());
            assertThat(flow.getValue()).as("packages README names for %s", flow.getKey()).isSubsetOf(used);
        }
    }

    private static Map<String, Set<String>> readmeTable() throws IOException {
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                table.put(m.group(1), Stream.of(m.group(2).split(",")).map(p -> p.trim().replace("`", ""))
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        return table;
    }

    /** Bean name → top-level package under hub: @Component("name"), a @Component class by its decapitalised name, @Bean methods. */
    private static Map<String, String> beanPackages() throws IOException {
        Pattern named = Pattern.compile("@Component\\(\"([A-Za-z0-9]+)\"\\)");
        Pattern component = Pattern.compile("@Component\\s*\\n(?:@[^\\n]*\\n)*(?:public |final )*(?:class|record) ([A-Za-z0-9]+)");
        Pattern beanMethod = Pattern.compile("@Bean\\s*\\n\\s*(?:public |static )*[A-Za-z0-9<>.]+ ([a-z][A-Za-z0-9]*)\\(");
        Map<String, String> beans = new HashMap<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(MAIN)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            String pkg = MAIN.relativize(source).getName(0).toString();
            String text = Files.readString(source);
            named.matcher(text).results().forEach(r -> beans.put(r.group(1), pkg));
            component.matcher(text).results().forEach(r ->
                    beans.putIfAbsent(Character.toLowerCase(r.group(1).charAt(0)) + r.group(1).substring(1), pkg));
            beanMethod.matcher(text).results().forEach(r -> beans.put(r.group(1), pkg));
        }
        return beans;
    }
}
