package cn.courtmediation.hub.demo.court;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Masks personal data in what the demo trial system keeps: the values of ID numbers, phone numbers, e-mail and postal
 * addresses, bank accounts, wherever they sit in a payload, are starred out but for their last few characters (at most
 * 4, at most a quarter: 110105199001011234 becomes **************1234, 13800138000 *********00). A payload with none
 * keeps its exact bytes; one that is not JSON is not kept at all.
 */
@Component
class PersonalData {
    /** Field names (lower case) whose values are personal data. */
    private static final Set<String> FIELDS = Set.of("idnumber", "phone", "mobile", "telephone", "email", "address",
            "postaladdress", "homeaddress", "bankaccount", "accountnumber");

    private final ObjectMapper json;

    PersonalData(ObjectMapper json) {
        this.json = json;
    }

    /** The payload as the inbox keeps it. */
    String mask(String payload) {
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (JsonProcessingException e) {
            return "(not JSON: " + payload.length() + " characters withheld)";
        }
        if (tree == null || !mask(tree)) {
            return payload;
        }
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Masks in place; true when anything was masked. */
    private static boolean mask(JsonNode node) {
        boolean masked = false;
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> f : fields) {
                if (FIELDS.contains(f.getKey().toLowerCase(Locale.ROOT)) && f.getValue().isValueNode() && !f.getValue().isNull()) {
                    object.put(f.getKey(), stars(f.getValue().asText()));
                    masked = true;
                } else {
                    masked |= mask(f.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                masked |= mask(item);
            }
        }
        return masked;
    }

    static String stars(String value) {
        int[] cps = value.codePoints().toArray();
        int shown = Math.min(4, cps.length / 4);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            if (i < cps.length - shown) {
                out.append('*');
            } else {
                out.appendCodePoint(cps[i]);
            }
        }
        return out.toString();
    }
}
