package cn.courtmediation.hub.store;

import cn.courtmediation.hub.store.LogHashes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The log's encodings, re-implemented here from the documented format, so the documentation and the code agree. */
class LogHashesTest {
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 4, 18, 0, 1, 123_000_000, ZoneOffset.ofHours(8));

    @Test
    void messageHashIsSha256OfLengthPrefixedFieldsWithUtcMicroseconds() throws Exception {
        byte[] expected = fields("hub-log-message-v1", "m-1", "C110105", "PBOC", "C110105-2026-1", "CASE_DISPATCH",
                "ab".repeat(32), "2026-12-04T10:00:01.123000Z", null);
        assertThat(LogHashes.message("m-1", "C110105", "PBOC", "C110105-2026-1", "CASE_DISPATCH", "ab".repeat(32), AT, null))
                .isEqualTo(hex(sha256(expected)));
    }

    @Test
    void entryHashChainsThePreviousHashAsRawBytes() throws Exception {
        String content = "cd".repeat(32);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[32]);
        b.writeBytes(fields("hub-log-entry-v1", "1", "MESSAGE", "m-1", content, "2026-12-04T10:00:01.123000Z"));
        String first = LogHashes.entry(LogHashes.GENESIS, 1, "MESSAGE", "m-1", content, AT);
        assertThat(first).isEqualTo(hex(sha256(b.toByteArray())));
        assertThat(LogHashes.entry(first, 1, "MESSAGE", "m-1", content, AT)).isNotEqualTo(first);
        assertThat(LogHashes.entry(LogHashes.GENESIS, 2, "MESSAGE", "m-1", content, AT)).isNotEqualTo(first);
    }

    @Test
    void fieldBoundariesAndNullsAreUnambiguous() {
        assertThat(LogHashes.message("ab", "c", "r", "k", "t", "h", AT, "s"))
                .isNotEqualTo(LogHashes.message("a", "bc", "r", "k", "t", "h", AT, "s"));
        assertThat(LogHashes.message("a", "b", "r", "k", "t", "h", AT, null))
                .isNotEqualTo(LogHashes.message("a", "b", "r", "k", "t", "h", AT, ""));
    }

    @Test
    void evidenceHashCoversTheSignedDocumentBytesAndTheSignature() {
        byte[] doc = "{\"kind\":\"DELIVERED\"}".getBytes(StandardCharsets.UTF_8);
        String h = LogHashes.evidence("e-1", "m-1", "DELIVERED", AT, doc, "sig");
        assertThat(LogHashes.evidence("e-1", "m-1", "DELIVERED", AT, "{\"kind\":\"DELIVERED\" }".getBytes(StandardCharsets.UTF_8), "sig"))
                .isNotEqualTo(h);
        assertThat(LogHashes.evidence("e-1", "m-1", "DELIVERED", AT, doc, "sig2")).isNotEqualTo(h);
    }

    @Test
    void checkpointDocumentIsPlainText() {
        assertThat(new String(LogHashes.checkpointDocument(7, "aa", "00", AT, "hub-1"), StandardCharsets.UTF_8)).isEqualTo(
                "hub-log-checkpoint-v1\nseq: 7\nentry-hash: aa\nprevious-checkpoint: 00\nsigned-at: 2026-12-04T10:00:01.123000Z\nreplica: hub-1\n");
    }

    /** The documented encoding: 4-byte big-endian length, then UTF-8 bytes; null is length -1. */
    static byte[] fields(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            byte[] b = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b == null ? -1 : b.length).array());
            if (b != null) {
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
