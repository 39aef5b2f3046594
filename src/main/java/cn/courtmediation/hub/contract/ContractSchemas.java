package cn.courtmediation.hub.contract;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.springframework.stereotype.Component;

/** Loads the JSON Schemas of schemas/ (shipped in the jar) so that messages are validated against the contract files themselves. */
@Component
public class ContractSchemas {
    /** The $id prefix of every schema in schemas/; mapped to the copy on the classpath, never fetched. */
    public static final String ID_PREFIX = "https://courtmediation.cn/schemas/";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(ID_PREFIX, "classpath:schemas/")));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private final JsonSchema message = load("message.schema.json");

    /** A schema of schemas/ by file name, formats asserted. */
    public JsonSchema load(String fileName) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(ID_PREFIX + fileName), config);
        schema.initializeValidators();
        return schema;
    }

    public JsonSchema message() {
        return message;
    }
}
