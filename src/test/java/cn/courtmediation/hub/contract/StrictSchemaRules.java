package cn.courtmediation.hub.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of Ajv's strict mode (Ajv 8, {@code strict: true}, with ajv-formats) that a JSON Schema 2020-12 can break
 * at compile time, checked in Java so that the build needs only a JDK. Participants compile our schemas with Ajv; a
 * schema Ajv refuses in strict mode is a contract they cannot use as is. Checked:
 * <ul>
 * <li>strictSchema: no unknown keyword (only 2020-12 keywords and annotations), only formats ajv-formats knows;</li>
 * <li>strictTypes: a keyword that applies to one JSON type only ({@code required}, {@code properties}, {@code pattern},
 * {@code minimum}, {@code items}, ...) sits in a schema whose {@code type} includes that type, declared there or on a
 * schema that applies to the same value ({@code allOf}/{@code anyOf}/{@code oneOf}/{@code if}/{@code then}/{@code else}/{@code not}),
 * never only through a {@code $ref}; no union types besides {@code null}; a {@code type} inside such an applicator stays
 * within the enclosing type;</li>
 * <li>strictRequired: every name in {@code required} is declared in {@code properties} of the same or an enclosing
 * same-value schema;</li>
 * <li>strictTuples: {@code prefixItems} comes with {@code minItems} and {@code items: false} or {@code maxItems}.</li>
 * </ul>
 * strictNumbers concerns data (NaN, Infinity), not schemas.
 */
final class StrictSchemaRules {
    private static final Set<String> KEYWORDS = Set.of(
            "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
            "type", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "properties", "patternProperties", "additionalProperties", "propertyNames", "required", "minProperties",
            "maxProperties", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
            "items", "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems",
            "unevaluatedItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf", "title", "description", "default", "examples", "deprecated", "readOnly",
            "writeOnly", "contentEncoding", "contentMediaType", "contentSchema");
    private static final Map<String, Set<String>> TYPED = Map.ofEntries(
            typed("object", "properties", "patternProperties", "additionalProperties", "propertyNames", "required",
                    "minProperties", "maxProperties", "dependentRequired", "dependentSchemas", "unevaluatedProperties"),
            typed("array", "items", "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems",
                    "uniqueItems", "unevaluatedItems"),
            typed("string", "minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType"),
            typed("number", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"));
    private static final Set<String> FORMATS = Set.of("date", "time", "date-time", "iso-time", "iso-date-time", "duration",
            "uri", "uri-reference", "uri-template", "url", "email", "hostname", "ipv4", "ipv6", "regex", "uuid",
            "json-pointer", "json-pointer-uri-fragment", "relative-json-pointer", "byte", "int32", "int64", "float",
            "double", "password", "binary");
    private static final List<String> SAME_VALUE_LISTS = List.of("allOf", "anyOf", "oneOf");
    private static final List<String> SAME_VALUE_ONE = List.of("not", "if", "then", "else");

    private final List<String> violations = new ArrayList<>();

    private StrictSchemaRules() {
    }

    /** The violations of the rules above in one schema document, each with its JSON Pointer; empty when Ajv compiles it strictly. */
    static List<String> check(JsonNode schema) {
        StrictSchemaRules rules = new StrictSchemaRules();
        rules.walk(schema, "#", Set.of(), Set.of());
        return rules.violations;
    }

    private static Map.Entry<String, Set<String>> typed(String type, String... keywords) {
        return Map.entry(type, Set.of(keywords));
    }

    /** context: the types a same-value enclosing schema declared (empty: none); defined: the property names it declares. */
    private void walk(JsonNode schema, String at, Set<String> context, Set<String> defined) {
        if (!schema.isObject()) {
            if (!schema.isBoolean()) {
                violations.add(at + ": a schema must be an object or a boolean");
            }
            return;
        }
        Set<String> own = types(schema.get("type"), at);
        if (!context.isEmpty()) {
            own.stream().filter(t -> !context.contains(t) && !(t.equals("integer") && context.contains("number")))
                    .forEach(t -> violations.add(at + ": type \"" + t + "\" not allowed by context " + context));
        }
        Set<String> types = own.isEmpty() ? context : own;
        Set<String> properties = new HashSet<>(defined);
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KEYWORDS.contains(keyword)) {
                violations.add(at + ": unknown keyword \"" + keyword + "\"");
                continue;
            }
            TYPED.forEach((type, keywords) -> {
                if (keywords.contains(keyword) && !includes(types, type)) {
                    violations.add(at + ": missing type \"" + type + "\" for keyword \"" + keyword + "\"");
                }
            });
        }
        if (schema.has("format") && !FORMATS.contains(schema.get("format").asText())) {
            violations.add(at + ": unknown format \"" + schema.get("format").asText() + "\"");
        }
        schema.path("required").forEach(name -> {
            if (!properties.contains(name.asText())) {
                violations.add(at + ": required property \"" + name.asText() + "\" is not defined in properties");
            }
        });
        if (schema.has("prefixItems") && !(schema.has("minItems")
                && (schema.path("items").isBoolean() && !schema.get("items").asBoolean() || schema.has("maxItems")))) {
            violations.add(at + ": prefixItems without minItems and items: false or maxItems");
        }
        // subschemas that apply to the same value inherit its type and declared properties
        for (String k : SAME_VALUE_LISTS) {
            for (int i = 0; i < schema.path(k).size(); i++) {
                walk(schema.get(k).get(i), at + "/" + k + "/" + i, types, properties);
            }
        }
        for (String k : SAME_VALUE_ONE) {
            if (schema.has(k)) {
                walk(schema.get(k), at + "/" + k, types, properties);
            }
        }
        schema.path("dependentSchemas").fields().forEachRemaining(e ->
                walk(e.getValue(), at + "/dependentSchemas/" + e.getKey(), types, properties));
        // subschemas of other values (members, items, definitions) start afresh
        for (String k : List.of("properties", "patternProperties", "$defs")) {
            schema.path(k).fields().forEachRemaining(e -> walk(e.getValue(), at + "/" + k + "/" + e.getKey(), Set.of(), Set.of()));
        }
        for (String k : List.of("additionalProperties", "propertyNames", "items", "contains", "unevaluatedItems",
                "unevaluatedProperties", "contentSchema")) {
            if (schema.has(k)) {
                walk(schema.get(k), at + "/" + k, Set.of(), Set.of());
            }
        }
        for (int i = 0; i < schema.path("prefixItems").size(); i++) {
            walk(schema.get("prefixItems").get(i), at + "/prefixItems/" + i, Set.of(), Set.of());
        }
    }

    private Set<String> types(JsonNode type, String at) {
        Set<String> out = new HashSet<>();
        if (type == null) {
            return out;
        }
        if (type.isArray()) {
            type.forEach(t -> out.add(t.asText()));
        } else {
            out.add(type.asText());
        }
        if (out.stream().filter(t -> !t.equals("null")).count() > 1) {
            violations.add(at + ": union type " + out + " (Ajv strict mode allows only one type besides null)");
        }
        return out;
    }

    /** Whether the declared types admit values of this type; integer counts as number, as in Ajv. */
    private static boolean includes(Set<String> declared, String type) {
        return declared.contains(type) || type.equals("number") && declared.contains("integer");
    }
}
