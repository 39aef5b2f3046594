package cn.courtmediation.hub.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets: the one generator of the hub's passwords and tokens (URL-safe base64 of SecureRandom bytes), and the
 * ones the embedded default keeps in an owner-only file (keystore passwords).
 */
public final class GeneratedSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecrets() {
    }

    /** bytes random bytes as URL-safe base64 without padding (nothing to escape in a URL, a header or a shell). */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The secret in the file, generated (192 random bits, URL-safe base64, mode 0600) when the file does not exist yet. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, random(24), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own protection applies
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
