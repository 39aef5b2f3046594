package cn.courtmediation.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** StrictSchemaRules finds what Ajv 8 strict mode refuses and passes what it compiles (each case tried with Ajv 8.20 and ajv-formats 3). */
class StrictSchemaRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schema(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void objectKeywordsInsideAnIfOnAMemberNeedTheirOwnType() throws Exception {
        // the shape of message.schema.json#/allOf/3 that Ajv refused: "missing type "object" for keyword "required""
        JsonNode bad = schema("{'type':'object','properties':{'type':{'type':'string'},'body':{'type':'object'}},"
                + "'allOf':[{'if':{'properties':{'type':{'const':'X'},'body':{'properties':{'event':{'const':'A'}},'required':['event']}},"
                + "'required':['type','body']},'then':{'properties':{'type':{'const':'X'}}}}]}");
        assertThat(StrictSchemaRules.check(bad)).anySatisfy(v -> assertThat(v)
                .isEqualTo("#/allOf/0/if/properties/body: missing type \"object\" for keyword \"properties\""))
                .anySatisfy(v -> assertThat(v).contains("missing type \"object\" for keyword \"required\""));
        JsonNode fixed = schema("{'type':'object','properties':{'type':{'type':'string'},'body':{'type':'object'}},"
                + "'allOf':[{'if':{'properties':{'type':{'const':'X'},'body':{'type':'object','properties':{'event':{'const':'A'}},'required':['event']}},"
                + "'required':['type','body']},'then':{'properties':{'type':{'const':'X'}}}}]}");
        assertThat(StrictSchemaRules.check(fixed)).isEmpty();
    }

    @Test
    void findsUnknownKeywordsFormatsUnionTypesUndeclaredRequiredAndLooseTuples() throws Exception {
        assertThat(StrictSchemaRules.check(schema("{'type':'object','nullable':true}")))
                .containsExactly("#: unknown keyword \"nullable\"");
        assertThat(StrictSchemaRules.check(schema("{'type':'string','format':'court-date'}")))
                .containsExactly("#: unknown format \"court-date\"");
        assertThat(StrictSchemaRules.check(schema("{'type':['string','integer']}"))).hasSize(1);
        assertThat(StrictSchemaRules.check(schema("{'type':['string','null'],'pattern':'^a'}"))).isEmpty();
        assertThat(StrictSchemaRules.check(schema("{'type':'object','required':['x']}")))
                .containsExactly("#: required property \"x\" is not defined in properties");
        assertThat(StrictSchemaRules.check(schema("{'type':'array','prefixItems':[{'type':'string'}]}"))).hasSize(1);
        assertThat(StrictSchemaRules.check(schema("{'type':'integer','minimum':0}"))).isEmpty();
        assertThat(StrictSchemaRules.check(schema("{'type':'string','allOf':[{'type':'object'}]}")))
                .containsExactly("#/allOf/0: type \"object\" not allowed by context [string]");
    }
}
