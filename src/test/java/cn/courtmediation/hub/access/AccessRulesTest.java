package cn.courtmediation.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The access table (AccessRules) is the one in docs/interfaces.md §18.5, row for row, and decides as the issue asks:
 * operators by role, reads for participants and operators, the plain port's paths for anyone.
 */
class AccessRulesTest {

    @Test
    void theRulesAreTheDocumentedTableRowForRow() throws IOException {
        String doc = Files.readString(Path.of("docs/interfaces.md"));
        String table = doc.substring(doc.indexOf("<!-- access-rules:start -->"), doc.indexOf("<!-- access-rules:end -->"));
        List<String> documented = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| Method") && !line.startsWith("|---")) {
                String[] cells = line.split("\\|");
                documented.add(cells[1].trim() + " " + cells[2].trim().replace("`", "") + " " + cells[3].trim());
            }
        }
        List<String> coded = AccessRules.RULES.stream().map(r -> (r.method() == null ? "any" : r.method()) + " " + r.pattern() + " "
                + r.who().name().toLowerCase(Locale.ROOT)).toList();
        assertThat(documented).containsExactlyElementsOf(coded);
    }

    @Test
    void eachRoleIncludesTheOnesBelowIt() {
        Caller viewer = Caller.operator("v", Caller.Role.VIEWER);
        Caller engineer = Caller.operator("e", Caller.Role.ENGINEER);
        Caller admin = Caller.operator("a", Caller.Role.ADMIN);
        Caller court = Caller.participant("C110105");
        assertThat(who("GET", "/admin/registry/participants")).isEqualTo(AccessRules.Who.VIEWER);
        assertThat(who("POST", "/admin/registry/participants/C110105/suspend")).isEqualTo(AccessRules.Who.ENGINEER);
        assertThat(who("POST", "/admin/registry/import")).isEqualTo(AccessRules.Who.ADMIN);
        assertThat(who("PUT", "/admin/registry/participants/C110105")).isEqualTo(AccessRules.Who.ADMIN);
        assertThat(who("POST", "/admin/pki/hub-signing/rotate")).isEqualTo(AccessRules.Who.ADMIN);
        assertThat(who("GET", "/admin/audit")).isEqualTo(AccessRules.Who.ADMIN);
        assertThat(AccessRules.Who.ENGINEER.admits(viewer)).isFalse();
        assertThat(AccessRules.Who.ENGINEER.admits(engineer)).isTrue();
        assertThat(AccessRules.Who.ENGINEER.admits(admin)).isTrue();
        assertThat(AccessRules.Who.VIEWER.admits(court)).isFalse();
        assertThat(AccessRules.Who.OPERATOR.admits(court)).isFalse();
        assertThat(AccessRules.Who.READER.admits(court)).isTrue();
        assertThat(AccessRules.Who.READER.admits(null)).isFalse();
    }

    @Test
    void thePlainPortPathsAreForAnyoneAndReadsAreNot() {
        for (String[] r : new String[][] {{"GET", "/actuator/health/readiness"}, {"GET", "/pki/hub-ca.pem"}, {"GET", "/api-doc"},
                {"GET", "/schemas/message.schema.json"}, {"POST", "/api/v1/messages"}, {"POST", "/services/CaseExchange"},
                {"GET", "/services/CaseExchange"}, {"HEAD", "/pki/crl"}, {"GET", "/no/such/path"}}) {
            assertThat(who(r[0], r[1])).as(r[0] + " " + r[1]).isEqualTo(AccessRules.Who.ANYONE);
        }
        for (String[] r : new String[][] {{"GET", "/api/v1/messages/x"}, {"GET", "/api/v1/messages/x/evidence"},
                {"GET", "/api/v1/cases/C1-2026-1/timeline"}, {"GET", "/api/v1/statistics"}}) {
            assertThat(who(r[0], r[1])).as(r[0] + " " + r[1]).isEqualTo(AccessRules.Who.READER);
        }
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics/jvm.memory.used", "/services",
                "/services/", "/demo-court/inbox"}) {
            assertThat(who("GET", path)).as(path).isEqualTo(AccessRules.Who.VIEWER);
        }
    }

    private static AccessRules.Who who(String method, String path) {
        return AccessRules.ruleFor(method, path).who();
    }
}
