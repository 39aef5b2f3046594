package cn.courtmediation.hub.store;

import cn.courtmediation.hub.contract.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The message log's canonical encodings and hashes, written so that an auditor can re-implement them
 * (docs/reliability.md): every field is a 4-byte big-endian length followed by its bytes (text as UTF-8,
 * a null as length 0xFFFFFFFF and no bytes), timestamps are UTC with exactly six fraction digits.
 */
public final class LogHashes {
    /** The previous hash of the first entry and of the first checkpoint: 32 zero bytes. */
    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private LogHashes() {
    }

    /** SHA-256 of a message's logged fields; payloadSha256 is the hex SHA-256 of the exact payload bytes. */
    public static String message(String messageId, String sender, String recipient, String caseId, String type,
                                 String payloadSha256, OffsetDateTime receivedAt, String senderSignature) {
        return Sha256.hex(new Fields().text("hub-log-message-v1").text(messageId).text(sender).text(recipient).text(caseId)
                .text(type).text(payloadSha256).text(time(receivedAt)).text(senderSignature).bytes());
    }

    /** SHA-256 of an evidence: its identity, the exact document bytes the hub signed and that signature. */
    public static String evidence(String evidenceId, String messageId, String kind, OffsetDateTime recordedAt,
                                  byte[] document, String signature) {
        return Sha256.hex(new Fields().text("hub-log-evidence-v1").text(evidenceId).text(messageId).text(kind)
                .text(time(recordedAt)).raw(document).text(signature).bytes());
    }

    /** An entry's own hash: SHA-256(previous entry hash as 32 raw bytes || canonical entry). */
    public static String entry(String previousHash, long seq, String kind, String refId, String contentSha256, OffsetDateTime loggedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEX.parseHex(previousHash));
        out.writeBytes(new Fields().text("hub-log-entry-v1").text(Long.toString(seq)).text(kind).text(refId)
                .text(contentSha256).text(time(loggedAt)).bytes());
        return Sha256.hex(out.toByteArray());
    }

    /** The checkpoint document the hub signs (UTF-8 text, one "name: value" per line, LF endings). */
    public static byte[] checkpointDocument(long seq, String entryHash, String previousCheckpoint, OffsetDateTime signedAt, String replica) {
        return ("hub-log-checkpoint-v1\n"
                + "seq: " + seq + "\n"
                + "entry-hash: " + entryHash + "\n"
                + "previous-checkpoint: " + previousCheckpoint + "\n"
                + "signed-at: " + time(signedAt) + "\n"
                + "replica: " + replica.replaceAll("[\\r\\n]", " ") + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A timestamp as the log encodes it. */
    public static String time(OffsetDateTime t) {
        return t == null ? null : TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** Length-prefixed fields: unambiguous whatever the values contain. */
    private static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fields text(String s) {
            return raw(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }

        Fields raw(byte[] b) {
            int n = b == null ? -1 : b.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            if (b != null) {
                out.writeBytes(b);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
