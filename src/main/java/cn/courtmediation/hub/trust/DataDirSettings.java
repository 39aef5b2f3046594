package cn.courtmediation.hub.trust;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * hub.data-dir: what the hub keeps on local disk (HUB_DATA_DIR); the trust services keep generated keys and tokens
 * under its pki folder.
 */
@ConfigurationProperties("hub")
record DataDirSettings(Path dataDir) {

    Path pki() {
        return dataDir.resolve("pki");
    }
}
