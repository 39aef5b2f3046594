package cn.courtmediation.hub.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets the embedded default generates at first start (keystore password, admin token): a random value in an owner-only file. */
final class GeneratedSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecrets() {
    }

    /** The secret in the file, generated (192 random bits, URL-safe base64, mode 0600) when the file does not exist yet. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(b), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own protection applies
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
