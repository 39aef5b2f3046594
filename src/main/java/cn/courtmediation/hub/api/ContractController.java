package cn.courtmediation.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the REST contract schemas/openapi.yaml at /api-doc (JSON) and /api-doc.yaml; the JSON Schemas it references are served under /schemas/. */
@RestController
class ContractController {
    private final JsonNode openApi;
    private final ObjectMapper json;

    ContractController(ObjectMapper json) throws IOException {
        this.json = json;
        try (InputStream in = new ClassPathResource("schemas/openapi.yaml").getInputStream()) {
            this.openApi = rebase(new YAMLMapper().readTree(in.readAllBytes()));
        }
    }

    /**
     * The contract file names its schemas as siblings (so it resolves in schemas/ and at /schemas/openapi.yaml);
     * served at /api-doc, its external refs must point into /schemas/.
     */
    private static JsonNode rebase(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (("$ref".equals(name) || "externalValue".equals(name)) && value.isTextual()
                        && !value.asText().startsWith("#") && !value.asText().contains("://")) {
                    object.put(name, "schemas/" + value.asText());
                } else {
                    rebase(value);
                }
            });
        } else if (node.isArray()) {
            node.forEach(ContractController::rebase);
        }
        return node;
    }

    @GetMapping(value = "/api-doc", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApiJson() throws IOException {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(openApi));
    }

    @GetMapping(value = "/api-doc.yaml")
    ResponseEntity<byte[]> openApiYaml() throws IOException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .body(new YAMLMapper().writeValueAsBytes(openApi));
    }
}
