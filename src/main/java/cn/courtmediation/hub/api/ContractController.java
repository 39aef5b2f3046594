package cn.courtmediation.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final byte[] openApiYaml;
    private final ObjectMapper json;

    ContractController(ObjectMapper json) throws IOException {
        this.json = json;
        try (InputStream in = new ClassPathResource("schemas/openapi.yaml").getInputStream()) {
            this.openApiYaml = in.readAllBytes();
        }
        this.openApi = new YAMLMapper().readTree(openApiYaml);
    }

    @GetMapping(value = "/api-doc", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApiJson() throws IOException {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(openApi));
    }

    @GetMapping(value = "/api-doc.yaml")
    ResponseEntity<byte[]> openApiYaml() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(openApiYaml);
    }
}
