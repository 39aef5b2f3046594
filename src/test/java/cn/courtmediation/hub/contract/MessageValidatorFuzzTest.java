package cn.courtmediation.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property-based fuzzing of the JSON intake (issue 12 item 6): arbitrary mutations of the valid contract examples,
 * at the byte level and at the JSON level, and arbitrary text, given to MessageValidator (size, strict UTF-8, the
 * strict JSON parse, the JSON Schema, the envelope) never throw anything but a HubException with one of the codes the
 * validator documents (MALFORMED, SCHEMA_VIOLATION, PAYLOAD_TOO_LARGE); what passes is a complete envelope of the exact bytes.
 */
class MessageValidatorFuzzTest {
    private static final Set<ErrorCode> DOCUMENTED = EnumSet.of(ErrorCode.MALFORMED, ErrorCode.SCHEMA_VIOLATION, ErrorCode.PAYLOAD_TOO_LARGE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EXAMPLES = List.of("case-dispatch.json", "case-event-accept.json", "case-event-extend.json",
            "case-event-confirm.json", "case-event-file.json", "mediation-result.json", "mediation-result-failed.json", "notice.json",
            "grassroots-early-warning.json");
    private static final Map<String, byte[]> BYTES = new java.util.LinkedHashMap<>();

    static {
        for (String name : EXAMPLES) {
            try {
                BYTES.put(name, Files.readAllBytes(Path.of("schemas/examples", name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final MessageValidator validator = new MessageValidator(new ContractSchemas(), new IntakeSettings(65_536));

    @Property(tries = 400)
    void byteMutationsOfValidMessagesAreRefusedWithADocumentedCode(@ForAll("byteMutations") byte[] payload) {
        assertAcceptedOrDocumentedRefusal(payload);
    }

    @Property(tries = 400)
    void jsonMutationsOfValidMessagesAreRefusedWithADocumentedCode(@ForAll("jsonMutations") byte[] payload) {
        assertAcceptedOrDocumentedRefusal(payload);
    }

    @Property(tries = 200)
    void arbitraryTextIsRefusedWithADocumentedCode(@ForAll("texts") byte[] payload) {
        assertAcceptedOrDocumentedRefusal(payload);
    }

    private void assertAcceptedOrDocumentedRefusal(byte[] payload) {
        Envelope e;
        try {
            e = validator.validate(payload);
        } catch (HubException refused) {
            assertThat(refused.code()).as("code of %s", refused.getMessage()).isIn(DOCUMENTED);
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(refused.violations().size()).isLessThanOrEqualTo(50);
            return;
        }
        assertThat(e.payload()).isSameAs(payload);
        assertThat(e.payloadSha256()).isEqualTo(Sha256.hex(payload));
        assertThat(List.of(e.messageId(), e.type(), e.sender(), e.recipient(), e.caseId())).doesNotContainNull();
        assertThat(e.sentAt()).isNotNull();
        assertThat(e.body()).isNotNull();
    }

    @Provide
    Arbitrary<byte[]> byteMutations() {
        return Arbitraries.of(EXAMPLES).flatMap(name -> mutationsOf(BYTES.get(name)));
    }

    /** Bit flips, overwrites with bytes that matter to UTF-8 and JSON, truncation, insertion, deletion. */
    static Arbitrary<byte[]> mutationsOf(byte[] original) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, original.length - 1);
        Arbitrary<Byte> special = Arbitraries.of((byte) 0, (byte) '"', (byte) '\\', (byte) '{', (byte) '}', (byte) '[', (byte) ']',
                (byte) ',', (byte) ':', (byte) 0x80, (byte) 0xC0, (byte) 0xC3, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF4,
                (byte) 0xF8, (byte) 0xFE, (byte) 0xFF, (byte) '\n', (byte) 0x1F, (byte) 0x7F);
        Arbitrary<byte[]> flip = Combinators.combine(at, Arbitraries.integers().between(0, 7)).as((i, bit) -> {
            byte[] b = original.clone();
            b[i] ^= (byte) (1 << bit);
            return b;
        });
        Arbitrary<byte[]> overwrite = Combinators.combine(at, special).as((i, x) -> {
            byte[] b = original.clone();
            b[i] = x;
            return b;
        });
        Arbitrary<byte[]> insert = Combinators.combine(at, special.list().ofMinSize(1).ofMaxSize(4)).as((i, xs) -> {
            byte[] b = new byte[original.length + xs.size()];
            System.arraycopy(original, 0, b, 0, i);
            for (int k = 0; k < xs.size(); k++) {
                b[i + k] = xs.get(k);
            }
            System.arraycopy(original, i, b, i + xs.size(), original.length - i);
            return b;
        });
        Arbitrary<byte[]> truncate = at.map(n -> java.util.Arrays.copyOf(original, n));
        Arbitrary<byte[]> delete = Combinators.combine(at, Arbitraries.integers().between(1, 32)).as((i, n) -> {
            int k = Math.min(n, original.length - i);
            byte[] b = new byte[original.length - k];
            System.arraycopy(original, 0, b, 0, i);
            System.arraycopy(original, i + k, b, i, original.length - i - k);
            return b;
        });
        return Arbitraries.oneOf(flip, overwrite, insert, truncate, delete);
    }

    @Provide
    Arbitrary<byte[]> jsonMutations() {
        return Combinators.combine(Arbitraries.of(EXAMPLES), Arbitraries.longs(), jsonValues(3), Arbitraries.integers().between(0, 5))
                .as((name, seed, value, kind) -> {
                    ObjectNode m;
                    try {
                        m = (ObjectNode) JSON.readTree(BYTES.get(name));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    java.util.Random random = new java.util.Random(seed);
                    List<Tuple.Tuple2<JsonNode, String>> slots = new ArrayList<>();
                    collect(m, slots);
                    Tuple.Tuple2<JsonNode, String> slot = slots.get(random.nextInt(slots.size()));
                    String text;
                    switch (kind) {
                        case 0 -> set(slot, value);                                   // replace a value by anything
                        case 1 -> remove(slot);                                       // drop a field or an item
                        case 2 -> ((ObjectNode) (slot.get1() instanceof ObjectNode o ? o : m)).set("x" + seed, value); // unknown field
                        case 3 -> set(slot, JsonNodeFactory.instance.textNode("调".repeat(random.nextInt(30_000)))); // long text
                        default -> { }
                    }
                    text = m.toString();
                    if (kind == 4) {                                                  // a duplicated key, as text
                        text = text.replaceFirst("\\{", "{\"messageId\":\"dup\",");
                    } else if (kind == 5) {                                           // deep nesting in a value
                        int depth = 1 + random.nextInt(200);
                        text = text.replaceFirst("\\{", "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ",");
                    }
                    return text.getBytes(StandardCharsets.UTF_8);
                });
    }

    @Provide
    Arbitrary<byte[]> texts() {
        Arbitrary<byte[]> unicode = Arbitraries.strings().all().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> utf16 = Arbitraries.of(EXAMPLES).map(n -> new String(BYTES.get(n), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16));
        Arbitrary<byte[]> json = jsonValues(4).map(v -> v.toString().getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(unicode, utf16, json);
    }

    /** Any JSON value up to the given depth: scalars of every kind (odd strings and numbers too), arrays and objects. */
    static Arbitrary<JsonNode> jsonValues(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(80).map(f::textNode),
                Arbitraries.of("", "0b6f1c3e-6a2d-4c59-9d7e-2f1a8c4b5e01", "C110105", "PBOC", "2026-11-28T09:30:00+08:00",
                        "2026-11-28 09:30:00", "\u0000", "\u200B", "\uD800", "<script>", "../../etc/passwd", "NaN", "1e309",
                        "CASE_DISPATCH", "EXTEND", "SUCCEEDED").map(f::textNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(40).negate(), java.math.BigInteger.TEN.pow(40))
                        .map(f::numberNode),
                Arbitraries.of(f.booleanNode(true), f.booleanNode(false), f.nullNode()));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = Arbitraries.lazy(() -> jsonValues(depth - 1)).list().ofMaxSize(4).map(items -> {
            ArrayNode a = f.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).list().ofMaxSize(4),
                Arbitraries.lazy(() -> jsonValues(depth - 1)).list().ofSize(4)).as((keys, values) -> {
                    ObjectNode o = f.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

    /** Every (container, key) slot of the tree: a field name for objects, an index (as text) for arrays. */
    private static void collect(JsonNode node, List<Tuple.Tuple2<JsonNode, String>> slots) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(Tuple.of(node, name));
                collect(node.get(name), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(Tuple.of(node, Integer.toString(i)));
                collect(node.get(i), slots);
            }
        }
    }

    private static void set(Tuple.Tuple2<JsonNode, String> slot, JsonNode value) {
        if (slot.get1() instanceof ObjectNode o) {
            o.set(slot.get2(), value);
        } else {
            ((ArrayNode) slot.get1()).set(Integer.parseInt(slot.get2()), value);
        }
    }

    private static void remove(Tuple.Tuple2<JsonNode, String> slot) {
        if (slot.get1() instanceof ObjectNode o) {
            o.remove(slot.get2());
        } else {
            ((ArrayNode) slot.get1()).remove(Integer.parseInt(slot.get2()));
        }
    }
}
