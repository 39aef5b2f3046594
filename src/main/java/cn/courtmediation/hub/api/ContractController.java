package cn.courtmediation.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Serves the REST contract schemas/openapi.yaml at /api-doc (JSON) and /api-doc.yaml, each naming as its server the URL
 * it was fetched from; the file itself and the JSON Schemas it references are served unchanged under /schemas/.
 */
@RestController
class ContractController {
    /** A $ref or externalValue naming a sibling file (not "#…", not a URL), as the contract file writes them. */
    private static final Pattern SIBLING_REF = Pattern.compile("^(\\s*(?:\\$ref|externalValue):\\s*)(\"?)([^\"#\\s][^\"\\s]*)\\2\\s*$");
    private static final Pattern SERVER_URL = Pattern.compile("^(\\s*-\\s*url:\\s*).*$");
    private final String contract;
    private final JsonNode openApi;
    private final ObjectMapper json;

    ContractController(ObjectMapper json) throws IOException {
        this.json = json;
        try (InputStream in = new ClassPathResource("schemas/openapi.yaml").getInputStream()) {
            this.contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        this.openApi = rebase(new YAMLMapper().readTree(contract));
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

    /** The URL this request reached the hub at (scheme, host, port, context path): the server the document describes. */
    private static String served(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
    }

    /** The contract as JSON, refs pointing into /schemas/, its one server the URL it was fetched from. */
    @GetMapping(value = "/api-doc", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> openApiJson(HttpServletRequest request) throws IOException {
        ObjectNode doc = openApi.deepCopy();
        ArrayNode servers = (ArrayNode) doc.get("servers");
        ((ObjectNode) servers.get(0)).put("url", served(request));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(doc));
    }

    /**
     * The file's text line for line (comments, order and quoting kept) with two edits: the server's url is the URL it was
     * fetched from, and sibling refs point into schemas/ so that they resolve from /api-doc.yaml.
     */
    @GetMapping(value = "/api-doc.yaml")
    ResponseEntity<byte[]> openApiYaml(HttpServletRequest request) {
        StringBuilder out = new StringBuilder(contract.length() + 200);
        boolean inServers = false;
        boolean urlSet = false;
        for (String line : contract.split("\n", -1)) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                inServers = line.startsWith("servers:");
            }
            Matcher url = SERVER_URL.matcher(line);
            Matcher ref = SIBLING_REF.matcher(line);
            if (inServers && !urlSet && url.matches()) {
                line = url.group(1) + "\"" + served(request) + "\"";
                urlSet = true;
            } else if (ref.matches() && !ref.group(3).contains("://")) {
                line = ref.group(1) + ref.group(2) + "schemas/" + ref.group(3) + ref.group(2);
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
