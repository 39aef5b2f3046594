package cn.courtmediation.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /api-doc and /api-doc.yaml describe the server they are fetched from; /api-doc.yaml is the contract file with only that and its refs changed. */
class ContractControllerIT extends HubIntegrationTest {

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void apiDocNamesTheServerItIsServedFrom() throws Exception {
        for (String base : List.of("http://127.0.0.1:" + port, "http://localhost:" + port)) {
            JsonNode json = JSON.readTree(get(base, "/api-doc").body());
            assertThat(json.at("/servers/0/url").asText()).isEqualTo(base);
            assertThat(json.get("servers")).hasSize(1);
            assertThat(json.at("/paths/~1api~1v1~1messages/post/requestBody/content/application~1json/schema/$ref").asText())
                    .isEqualTo("schemas/message.schema.json");
            JsonNode yaml = new YAMLMapper().readTree(get(base, "/api-doc.yaml").body());
            assertThat(yaml.at("/servers/0/url").asText()).isEqualTo(base);
        }
    }

    @Test
    void apiDocYamlIsTheContractFileWithOnlyTheServerUrlAndSiblingRefsChanged() throws Exception {
        HttpResponse<String> served = get(base(), "/api-doc.yaml");
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        List<String> file = Files.readAllLines(Path.of("schemas/openapi.yaml"), StandardCharsets.UTF_8);
        List<String> lines = served.body().lines().toList();
        assertThat(lines).hasSameSizeAs(file);
        int changed = 0;
        for (int i = 0; i < file.size(); i++) {
            if (file.get(i).equals(lines.get(i))) {
                continue;
            }
            changed++;
            String was = file.get(i);
            String now = lines.get(i);
            if (was.trim().startsWith("- url:")) {
                assertThat(now).isEqualTo(was.substring(0, was.indexOf("- url:")) + "- url: \"" + base() + "\"");
            } else {
                assertThat(was.trim()).matches("(\\$ref|externalValue): .*");
                assertThat(now.replace("schemas/", "")).isEqualTo(was);
            }
        }
        assertThat(changed).isGreaterThan(1);
        // the file itself is served unchanged too, with its sibling schemas
        assertThat(get(base(), "/schemas/openapi.yaml").body()).isEqualTo(Files.readString(Path.of("schemas/openapi.yaml")));
    }

    @Test
    void servedDocumentsParseToTheSameContract() throws Exception {
        JsonNode fromJson = JSON.readTree(get(base(), "/api-doc").body());
        JsonNode fromYaml = new YAMLMapper().readTree(get(base(), "/api-doc.yaml").body());
        assertThat(fromYaml).isEqualTo(fromJson);
    }
}
