package cn.courtmediation.hub.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Secrets of other capabilities that the embedded default generates at first start, kept under the data directory's pki folder. */
@Component
public class HubSecrets {
    private final DataDirSettings data;

    HubSecrets(DataDirSettings data) {
        this.data = data;
    }

    /** The secret in the named file of the pki folder, generated (192 random bits, URL-safe) when it does not exist yet. */
    public String readOrCreate(String fileName) {
        try {
            return GeneratedSecrets.readOrCreate(file(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the named secret is kept. */
    public Path file(String fileName) {
        return data.pki().resolve(fileName);
    }
}
