package cn.courtmediation.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guard: every contract file in schemas/ loads, and every example is a valid message. */
class ContractFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContractSchemas schemas = new ContractSchemas();

    static Stream<Path> jsonSchemas() throws IOException {
        return files("schemas", ".schema.json");
    }

    static Stream<Path> examples() throws IOException {
        return files("schemas/examples", ".json");
    }

    static Stream<Path> wsdls() throws IOException {
        return files("schemas", ".wsdl");
    }

    private static Stream<Path> files(String dir, String suffix) throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            found = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
        assertThat(found).as("files *%s in %s", suffix, dir).isNotEmpty();
        return found.stream();
    }

    @ParameterizedTest
    @MethodSource("jsonSchemas")
    void jsonSchemaLoadsWithItsReferences(Path file) throws IOException {
        JsonNode raw = JSON.readTree(file.toFile());
        assertThat(raw.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(raw.get("$id").asText()).isEqualTo(ContractSchemas.ID_PREFIX + file.getFileName());
        assertThat(schemas.load(file.getFileName().toString())).isNotNull();
    }

    /** Participants compile the schemas with Ajv in strict mode; StrictSchemaRules lists the rules checked. */
    @ParameterizedTest
    @MethodSource("jsonSchemas")
    void jsonSchemaCompilesInAjvStrictMode(Path file) throws IOException {
        assertThat(StrictSchemaRules.check(JSON.readTree(file.toFile()))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsAValidMessage(Path file) throws IOException {
        Set<ValidationMessage> problems = schemas.message().validate(JSON.readTree(file.toFile()));
        assertThat(problems).isEmpty();
    }

    @Test
    void exampleCaseNumberIsChineseText() throws IOException {
        JsonNode dispatch = JSON.readTree(Path.of("schemas/examples/case-dispatch.json").toFile());
        assertThat(dispatch.at("/body/caseNumber").asText()).isEqualTo("(2026)京0105民诉前调1234号");
    }

    @Test
    void problemSchemaListsExactlyTheCodesTheHubUses() throws IOException {
        JsonNode codes = JSON.readTree(Path.of("schemas/problem.schema.json").toFile()).at("/properties/code/enum");
        List<String> inSchema = new java.util.ArrayList<>();
        codes.forEach(c -> inSchema.add(c.asText()));
        assertThat(inSchema).containsExactlyInAnyOrder(java.util.Arrays.stream(cn.courtmediation.hub.error.ErrorCode.values())
                .map(Enum::name).toArray(String[]::new));
    }

    @Test
    void soapTypesSchemaCompiles() throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        assertThat(f.newSchema(Path.of("schemas/hub-soap.xsd").toFile())).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("wsdls")
    void wsdlParsesWithoutDtds(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = f.newDocumentBuilder().parse(file.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("definitions");
        assertThat(doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "service").getLength()).isEqualTo(1);
    }
}
